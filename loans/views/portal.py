"""The participant's pages: ask for a loan, follow the request, see the schedule and the next
payment. Phone first, plain words, icons, in their language. Only their own records (the
selectors answer 404 otherwise); never the committee's internal notes."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from incubator.access import role_required
from incubator.errors import DomainError
from incubator.selectors import participant_of
from loans import forms, selectors, workflows
from loans.models import Application, LoanDocument
from loans.services import applications as services
from loans.services.documents import document_request
from loans.views.common import Role, run, today

S = Application.State
# The steps a participant sees, in plain words.
STEPS = [
    (S.SUBMITTED, "mail"),
    (S.IN_REVIEW, "search"),
    (S.READY_FOR_COMMITTEE, "users"),
    (S.APPROVED, "check"),
    (S.DISBURSED, "coins"),
]
ORDER = [S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.READY_FOR_COMMITTEE, S.APPROVED, S.DISBURSED]


@never_cache
@role_required(Role.PARTICIPANT)
def home(request: HttpRequest) -> HttpResponse:
    """My requests and my loans. Queries: session, user, applications, loans, installments of
    the current loan, credit."""
    applications = list(selectors.applications_visible_to(request.user).order_by("-created_at"))
    loans = list(selectors.loans_visible_to(request.user).order_by("-disbursed_on"))
    current = next((loan for loan in loans if loan.state == "active"), loans[0] if loans else None)
    overview = selectors.loan_overview(current, today=today(), history=False) if current else None
    open_request = any(app.state in workflows.OPEN_STATES for app in applications)
    return render(
        request,
        "loans/portal/home.html",
        {
            "applications": applications,
            "loans": loans,
            "overview": overview,
            # One request or loan at a time: a new one once the current loan is repaid.
            "can_apply": not open_request
            and not any(item.state == "active" for item in loans)
            and participant_of(request.user) is not None,
        },
    )


def _submit_choice(request: HttpRequest) -> bool:
    return request.POST.get("send") == "1"


@never_cache
@role_required(Role.PARTICIPANT)
def apply(request: HttpRequest) -> HttpResponse:
    participant = participant_of(request.user)
    if participant is None:
        messages.error(request, _("Your account is not linked to a participant record yet."))
        return redirect("loans_portal:home")
    products = selectors.products_visible_to(request.user)
    form = forms.PortalApplicationForm(request.POST or None, products=products)
    if request.method == "POST":

        def create(data: dict) -> Application:
            application = services.application_create(
                actor=request.user, participant=participant, product=data["product"],
                amount=data["amount"], installments=data["installments"], purpose=data["purpose"],
            )  # fmt: skip
            if _submit_choice(request):
                services.application_submit(application=application, actor=request.user)
            return application

        application = run(form, create)
        if application is not None:
            messages.success(
                request,
                _("Your request is sent. An adviser will call you.")
                if _submit_choice(request)
                else _("Your request is saved. Send it when you are ready."),
            )
            return redirect("loans_portal:application", pk=application.pk)
    return render(
        request,
        "loans/portal/apply.html",
        {"form": form, "products": products, "application": None},
        status=400 if form.errors else 200,
    )


def _steps(application: Application) -> list[dict]:
    reached = ORDER.index(application.state) if application.state in ORDER else -1
    return [
        {
            "label": label,
            "icon": icon,
            "done": ORDER.index(state) <= reached,
            "current": state == application.state,
        }
        for (state, icon), label in zip(
            STEPS,
            [
                _("Sent"),
                _("Being checked"),
                _("Before the committee"),
                _("Accepted"),
                _("Paid out"),
            ],
            strict=True,
        )
    ]


@never_cache
@role_required(Role.PARTICIPANT)
def application(request: HttpRequest, pk: int, error: str = "") -> HttpResponse:
    app = selectors.get_application_for(request.user, pk)
    loan = getattr(app, "loan", None) if app.state == S.DISBURSED else None
    return render(
        request,
        "loans/portal/application.html",
        {
            "application": app,
            "steps": _steps(app),
            "error": error,
            "loan": loan,
            "can_withdraw": app.state in workflows.OPEN_STATES,
            "withdraw_form": forms.OptionalReasonForm(),
        },
        status=400 if error else 200,
    )


@never_cache
@role_required(Role.PARTICIPANT)
def application_edit(request: HttpRequest, pk: int) -> HttpResponse:
    app = selectors.get_application_for(request.user, pk)
    products = selectors.products_visible_to(request.user)
    form = forms.PortalApplicationForm(
        request.POST or None,
        products=products,
        initial={
            "product": app.product_id,
            "amount": app.amount,
            "installments": app.installments,
            "purpose": app.purpose,
        },
    )
    if request.method == "POST":

        def save(data: dict) -> Application:
            saved = services.application_update(application=app, actor=request.user, changes=data)
            if _submit_choice(request):
                services.application_submit(application=saved, actor=request.user)
            return saved

        if run(form, save) is not None:
            messages.success(request, _("Saved."))
            return redirect("loans_portal:application", pk=pk)
    return render(
        request,
        "loans/portal/apply.html",
        {"form": form, "products": products, "application": app},
        status=400 if form.errors else 200,
    )


@require_POST
@role_required(Role.PARTICIPANT)
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    app = selectors.get_application_for(request.user, pk)
    try:
        services.application_submit(application=app, actor=request.user)
    except DomainError as exc:
        return application(request, pk, error=exc.message)
    messages.success(request, _("Your request is sent. An adviser will call you."))
    return redirect("loans_portal:application", pk=pk)


@require_POST
@role_required(Role.PARTICIPANT)
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    app = selectors.get_application_for(request.user, pk)
    form = forms.OptionalReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.application_withdraw(application=app, actor=request.user, reason=reason)
    except DomainError as exc:
        return application(request, pk, error=exc.message)
    messages.success(request, _("Your request is withdrawn."))
    return redirect("loans_portal:application", pk=pk)


@never_cache
@role_required(Role.PARTICIPANT)
def loan(request: HttpRequest, pk: int) -> HttpResponse:
    """My schedule: the next payment first, then every due date (paid, late, to come).

    Queries: session, user, the loan, installments, credit, payments, documents."""
    item = selectors.get_loan_for(request.user, pk)
    overview = selectors.loan_overview(item, today=today(), history=False)
    language = (request.LANGUAGE_CODE or "fr")[:2]
    documents = [
        d for d in selectors.documents_of(item) if d.language == language or d.kind == "offer"
    ]
    return render(
        request,
        "loans/portal/loan.html",
        {
            "loan": item,
            "overview": overview,
            "payments": list(selectors.payments_of(item)),
            "documents": documents,
            "language": language,
        },
    )


@require_POST
@role_required(Role.PARTICIPANT)
def request_document(request: HttpRequest, pk: int) -> HttpResponse:
    """My loan offer or a receipt, in the language I read the portal in."""
    item = selectors.get_loan_for(request.user, pk)
    language = (request.LANGUAGE_CODE or "fr")[:2]
    payment = None
    if request.POST.get("payment", "").isdigit():
        payment = selectors.payment_for(request.user, pk, int(request.POST["payment"]))
    try:
        document_request(
            loan=item,
            kind=LoanDocument.Kind.RECEIPT if payment else LoanDocument.Kind.OFFER,
            language=language,
            payment=payment,
            actor=request.user,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(reverse("loans_portal:loan", args=[pk]) + "#documents")
