"""Loan products: listed for the back office, edited by staff and advisers."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from incubator.access import role_required
from loans import forms, selectors
from loans.services.products import product_save
from loans.views.common import Role, run

EDITORS = (Role.STAFF, Role.ADVISER)


@never_cache
@role_required(Role.STAFF, Role.ADVISER, Role.COMMITTEE)
def product_list(request: HttpRequest) -> HttpResponse:
    products = selectors.products_visible_to(request.user).order_by("-active", "name")
    return render(
        request,
        "loans/product_list.html",
        {"products": products, "can_edit": request.user.role in EDITORS},
    )


@never_cache
@role_required(*EDITORS)
def product_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    product = selectors.get_product_for(request.user, pk) if pk else None
    form = forms.ProductForm(request.POST or None, instance=product)
    if request.method == "POST":
        saved = run(form, lambda _data: product_save(product=form.instance, actor=request.user))
        if saved is not None:
            messages.success(request, _("The product is saved."))
            return redirect("loans:products")
    return render(
        request,
        "loans/product_form.html",
        {"form": form, "product": product},
        status=400 if form.errors else 200,
    )
