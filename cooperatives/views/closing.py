"""The closing tab: the split as it stands, closing, the shares, the PDFs."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cooperatives import forms, pdf, reports, selectors
from cooperatives.models import Closing, Cooperative
from cooperatives.services import closing as services
from cooperatives.views._base import attempt, load, managers, page, readers

State = Cooperative.State


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _closed(coop: Cooperative) -> Closing | None:
    return Closing.objects.filter(cooperative=coop).select_related("closed_by").first()


@readers
def closing(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, load(request, pk))


def _page(request: HttpRequest, coop: Cooperative, form: forms.CloseForm | None = None):
    record = _closed(coop)
    context: dict[str, object] = {"closing_record": record}
    if record is not None:
        context["shares"] = selectors.shares_of(coop)
    else:
        rule = request.GET.get("rule", "")
        rule = rule if rule in Cooperative.SplitRule.values else coop.split_rule
        context["preview"] = selectors.closing_preview(coop, rule)
        context["rules"] = Cooperative.SplitRule.choices
        context["missing"] = (
            selectors.days_missing_hours(coop, until=selectors.missing_hours_horizon(coop))
            if coop.state in {State.RUNNING, State.CLOSING}
            else []
        )
        if coop.state == State.CLOSING and selectors.can_manage(request.user):
            context["form"] = form or forms.CloseForm(initial={"rule": rule})
    return page(request, coop, "cooperatives/closing.html", "closing", **context)


@managers
def close(request: HttpRequest, pk: int) -> HttpResponse:
    coop = load(request, pk)
    form = forms.CloseForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and attempt(
            request,
            form,
            lambda: services.cooperative_close(
                cooperative=coop,
                actor=request.user,
                rule=form.cleaned_data["rule"],
                reason=form.cleaned_data["reason"],
            ),
        )
    ):
        messages.success(
            request, _("%(name)s is closed: the shares are recorded.") % {"name": coop}
        )
        return redirect("cooperatives:closing", pk=coop.pk)
    return _page(request, coop, form)


@readers
def closing_report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    coop = load(request, pk)
    data = reports.closing_report(coop)
    if data is None:
        raise Http404(_("The cooperative is not closed yet."))
    language = get_language() or "fr"
    content = pdf.render_closing_report(data, language=language)
    return pdf_response(content, f"closing-{coop.pk}-{language}.pdf")


@readers
def statement_pdf(request: HttpRequest, pk: int, member: int) -> HttpResponse:
    """A member's statement, in the member's own language unless ``?lang=`` says otherwise."""
    coop = load(request, pk)
    membership = selectors.get_member_for(request.user, coop, member)
    data = reports.statement(membership)
    if data is None:
        raise Http404(_("The cooperative is not closed yet."))
    language = request.GET.get("lang", "")
    if language not in dict(settings.LANGUAGES):
        language = membership.participant.preferred_language
    content = pdf.render_statement(data, language=language)
    return pdf_response(content, f"statement-{coop.pk}-{membership.pk}-{language}.pdf")
