"""Back-office pages of applications: the queue by state, an application with its checklist
and timeline, the committee's page, and one POST view per command."""

from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from incubator.access import role_required
from incubator.models import AuditEntry
from incubator.selectors import participants_visible_to
from loans import forms, selectors, workflows
from loans.models import Application, Loan
from loans.services import applications as services
from loans.services.disbursement import application_disburse
from loans.views.common import LOAN_OFFICERS, Role, paginate, run, today

S = Application.State


def _tabs() -> list[tuple[str, str]]:
    return [("open", _("Open")), *[(value, label) for value, label in S.choices], ("all", _("All"))]


OPEN = (S.SUBMITTED, S.IN_REVIEW, S.READY_FOR_COMMITTEE, S.APPROVED)


@never_cache
@role_required(*LOAN_OFFICERS)
def queue(request: HttpRequest) -> HttpResponse:
    """Applications by state (tabs), filtered by name, product and adviser, paginated.

    Queries: session, user, tab counts (one aggregate), the filter's products and advisers,
    the page's count and its rows (participant, product, adviser joined).
    """
    visible = selectors.applications_visible_to(request.user)
    tab = request.GET.get("state", "open")
    filters = forms.ApplicationFilterForm(request.GET or None)
    queryset = visible
    if filters.is_valid():
        data = filters.cleaned_data
        if data["q"]:
            term = data["q"].strip()
            queryset = queryset.filter(
                Q(participant__first_name__icontains=term)
                | Q(participant__last_name__icontains=term)
            )
        if data["product"]:
            queryset = queryset.filter(product=data["product"])
        if data["adviser"]:
            queryset = queryset.filter(adviser=data["adviser"])
    counts = queryset.aggregate(
        open=Count("pk", filter=Q(state__in=OPEN)),
        all=Count("pk"),
        **{value: Count("pk", filter=Q(state=value)) for value in S.values},
    )
    if tab == "open":
        queryset = queryset.filter(state__in=OPEN)
    elif tab in S.values:
        queryset = queryset.filter(state=tab)
    elif tab != "all":
        tab = "open"
        queryset = queryset.filter(state__in=OPEN)
    page = paginate(request, queryset.order_by("-updated_at", "-pk"))
    tabs = [
        (value, label, counts[value])
        for value, label in _tabs()
        if value in ("open", "all") or counts[value]
    ]
    return render(
        request,
        "loans/application_queue.html",
        {"page_obj": page, "tabs": tabs, "tab": tab, "filters": filters},
    )


def _timeline(application: Application) -> list[AuditEntry]:
    """The application's audit trail, and its loan's once paid out (one query)."""
    condition = Q(
        subject_type=ContentType.objects.get_for_model(Application), subject_id=application.pk
    )
    loan = Loan.objects.filter(application=application).only("pk").first()
    if loan is not None:
        condition |= Q(subject_type=ContentType.objects.get_for_model(Loan), subject_id=loan.pk)
    return list(AuditEntry.objects.filter(condition).select_related("actor").order_by("-pk"))


def allowed_actions(application: Application, user: Any) -> set[str]:
    """The commands this user may try on this application now (the services decide)."""
    state, role = application.state, user.role
    actions: set[str] = set()
    if role == Role.ADVISER:
        if state in workflows.EDITABLE_STATES:
            actions.add("edit")
        if state == S.DRAFT:
            actions.add("submit")
        if state in workflows.OPEN_STATES:
            actions.add("withdraw")
        if state == S.APPROVED:
            actions.add("disburse")
    if role in LOAN_OFFICERS:
        if state in (S.SUBMITTED, S.IN_REVIEW):
            actions.add("review")
        if state == S.IN_REVIEW:
            actions.add("send")
        if state == S.READY_FOR_COMMITTEE:
            actions.add("return")
    if role == Role.COMMITTEE and state == S.READY_FOR_COMMITTEE:
        actions.add("decide")
    return actions


def _review_initial(application: Application) -> dict[str, Any]:
    return {
        name: getattr(application, name)
        for name in (
            "identity_checked", "plan_approved", "guarantee_covered", "monthly_income",
            "monthly_charges", "recommendation", "recommendation_note",
        )
    }  # fmt: skip


def _detail(
    request: HttpRequest,
    application: Application,
    bound: dict[str, django_forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    actions = allowed_actions(application, request.user)
    page_forms: dict[str, django_forms.Form] = {
        "review": forms.ReviewForm(initial=_review_initial(application)),
        "decide": forms.DecisionForm(),
        "disburse": forms.DisburseForm(),
        "return": forms.ReasonForm(),
        "withdraw": forms.OptionalReasonForm(),
        "submit": django_forms.Form(),
        "send": django_forms.Form(),
    }
    page_forms.update(bound or {})
    reviewers = services.reviewer_ids(application)
    context = {
        "application": application,
        "review": selectors.review_checklist(application, on=today()),
        "timeline": _timeline(application),
        "actions": actions,
        "forms": page_forms,
        "i_reviewed": request.user.pk in reviewers,
        "loan": Loan.objects.filter(application=application).first()
        if application.state == S.DISBURSED
        else None,
    }
    return render(request, "loans/application_detail.html", context, status=status)


@never_cache
@role_required(*LOAN_OFFICERS)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.get_application_for(request.user, pk))


def _command(
    request: HttpRequest, pk: int, action: str, form: django_forms.Form, call: Any, done: str
) -> HttpResponse:
    application = selectors.get_application_for(request.user, pk)
    result = run(form, lambda data: call(application, data))
    if result is None:
        return _detail(request, application, {action: form}, status=400)
    messages.success(request, done)
    if isinstance(result, Loan):
        return redirect("loans:loan", pk=result.pk)
    return redirect("loans:application", pk=pk)


@require_POST
@role_required(Role.ADVISER)
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _command(
        request, pk, "submit", django_forms.Form(request.POST),
        lambda app, data: services.application_submit(application=app, actor=request.user),
        _("The application is submitted."),
    )  # fmt: skip


@require_POST
@role_required(*LOAN_OFFICERS)
def review(request: HttpRequest, pk: int) -> HttpResponse:
    return _command(
        request, pk, "review", forms.ReviewForm(request.POST),
        lambda app, data: services.application_review(application=app, actor=request.user, **data),
        _("The review is saved."),
    )  # fmt: skip


@require_POST
@role_required(*LOAN_OFFICERS)
def send(request: HttpRequest, pk: int) -> HttpResponse:
    return _command(
        request, pk, "send", django_forms.Form(request.POST),
        lambda app, data: services.application_send_to_committee(
            application=app, actor=request.user, today=today()),
        _("The application is now before the committee."),
    )  # fmt: skip


@require_POST
@role_required(*LOAN_OFFICERS)
def send_back(request: HttpRequest, pk: int) -> HttpResponse:
    return _command(
        request, pk, "return", forms.ReasonForm(request.POST),
        lambda app, data: services.application_return_to_review(
            application=app, actor=request.user, reason=data["reason"]),
        _("The application is back in review."),
    )  # fmt: skip


@require_POST
@role_required(Role.COMMITTEE)
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    def call(app: Application, data: dict[str, Any]) -> Application:
        if data["decision"] == "approve":
            return services.application_approve(
                application=app, actor=request.user, conditions=data["conditions"],
                notes=data["notes"],
            )  # fmt: skip
        return services.application_reject(
            application=app, actor=request.user, reason=data["reason"], notes=data["notes"]
        )

    return _command(
        request, pk, "decide", forms.DecisionForm(request.POST), call,
        _("The committee's decision is recorded."),
    )  # fmt: skip


@require_POST
@role_required(Role.ADVISER)
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _command(
        request, pk, "withdraw", forms.OptionalReasonForm(request.POST),
        lambda app, data: services.application_withdraw(
            application=app, actor=request.user, reason=data["reason"]),
        _("The application is withdrawn."),
    )  # fmt: skip


@require_POST
@role_required(Role.ADVISER)
def disburse(request: HttpRequest, pk: int) -> HttpResponse:
    def call(app: Application, data: dict[str, Any]) -> Loan:
        loan, created = application_disburse(
            application=app, actor=request.user, disbursed_on=data["disbursed_on"],
            first_due_date=data["first_due_date"], today=today(),
        )  # fmt: skip
        if not created:
            messages.info(request, _("This loan was already paid out."))
        return loan

    return _command(
        request, pk, "disburse", forms.DisburseForm(request.POST), call,
        _("The loan is paid out; the offer is being prepared."),
    )  # fmt: skip


def _edit_form(request: HttpRequest, **kwargs: Any) -> forms.ApplicationForm:
    return forms.ApplicationForm(
        request.POST or None,
        participants=participants_visible_to(request.user),
        products=selectors.products_visible_to(request.user).filter(active=True),
        **kwargs,
    )


@never_cache
@role_required(Role.ADVISER)
def create(request: HttpRequest) -> HttpResponse:
    form = _edit_form(request, initial={"participant": request.GET.get("participant")})
    if request.method == "POST":
        application = run(
            form,
            lambda data: services.application_create(
                actor=request.user, participant=data["participant"], product=data["product"],
                amount=data["amount"], installments=data["installments"],
                grace_periods=data["grace_periods"], purpose=data["purpose"],
                adviser=data["adviser"],
            ),
        )  # fmt: skip
        if application is not None:
            messages.success(request, _("The application is saved as a draft."))
            return redirect("loans:application", pk=application.pk)
    return render(request, "loans/application_form.html", {"form": form, "application": None})


@never_cache
@role_required(Role.ADVISER)
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.get_application_for(request.user, pk)
    form = _edit_form(
        request,
        initial={
            name: getattr(application, name)
            for name in ("participant", "product", "amount", "installments", "grace_periods",
                         "purpose", "adviser")
        },
    )  # fmt: skip
    form.fields["participant"].disabled = True
    if request.method == "POST":
        done = run(
            form,
            lambda data: services.application_update(
                application=application,
                actor=request.user,
                changes={k: v for k, v in data.items() if k != "participant"},
            ),
        )
        if done is not None:
            messages.success(request, _("The application is saved."))
            return redirect("loans:application", pk=pk)
    return render(
        request, "loans/application_form.html", {"form": form, "application": application}
    )


@never_cache
@role_required(Role.COMMITTEE)
def committee(request: HttpRequest) -> HttpResponse:
    """Applications ready for decision, with what the committee weighs, and a flag on those
    this member reviewed (another member must decide them).

    Queries: session, user, the page's count and rows, the reviewers of the page (one query).
    """
    page = paginate(request, selectors.committee_queue(request.user))
    rows = list(page.object_list)
    reviewed = set(
        AuditEntry.objects.filter(
            subject_type=ContentType.objects.get_for_model(Application),
            subject_id__in=[app.pk for app in rows],
            action__in=workflows.REVIEW_ACTIONS,
            actor=request.user,
        ).values_list("subject_id", flat=True)
    ) | {app.pk for app in rows if app.reviewed_by_id == request.user.pk}
    entries = [
        {
            "application": app,
            "review": selectors.review_checklist(app, on=today()),
            "i_reviewed": app.pk in reviewed,
            "url": reverse("loans:application", args=[app.pk]),
        }
        for app in rows
    ]
    return render(request, "loans/committee.html", {"page_obj": page, "entries": entries})
