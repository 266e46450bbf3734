"""The application workflow: draft, submission, review, the committee's decision, withdrawal.

Each move goes through ``incubator.services.transition`` (table check, conditional UPDATE,
audit row in the same transaction). Refusals say why, in the user's language.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incubator.errors import ConflictError, DomainError
from incubator.models import AuditEntry, Participant, User
from incubator.services import audit_record, transition
from loans import workflows
from loans.models import Application, LoanProduct
from loans.selectors import review_checklist
from loans.workflows import APPLICATION

S = Application.State
TERM_FIELDS = ("amount", "installments", "grace_periods", "purpose", "product")


def product_limit_errors(
    *, product: LoanProduct, amount: Decimal | None, installments: int | None, grace_periods: int
) -> dict[str, str]:
    """Per-field messages for terms outside the product's ranges (empty when all fit).

    Shared by the forms (errors beside each field) and the services (one refusal).
    """
    from incubator.lib import formats
    from loans.selectors import language

    lang = language()
    errors: dict[str, str] = {}
    if not product.active:
        errors["product"] = _("This product is no longer offered.")
    if amount is not None and not product.min_amount <= amount <= product.max_amount:
        errors["amount"] = _("The amount must be between %(low)s and %(high)s.") % {
            "low": formats.money(product.min_amount, product.currency, lang),
            "high": formats.money(product.max_amount, product.currency, lang),
        }
    if installments is not None and not (
        product.min_installments <= installments <= product.max_installments
    ):
        errors["installments"] = _(
            "The number of installments must be between %(low)s and %(high)s."
        ) % {"low": product.min_installments, "high": product.max_installments}
    if grace_periods > product.max_grace_periods:
        errors["grace_periods"] = _("This product allows at most %(count)s grace periods.") % {
            "count": product.max_grace_periods
        }
    elif installments is not None and grace_periods >= installments:
        errors["grace_periods"] = _("The grace periods must be fewer than the installments.")
    return errors


def _check_terms(*, product: LoanProduct, amount: Decimal, installments: int, grace: int) -> None:
    errors = product_limit_errors(
        product=product, amount=amount, installments=installments, grace_periods=grace
    )
    if errors:
        raise DomainError(" ".join(errors.values()), code="out_of_range")


def _check_owner(participant: Participant, actor: User) -> None:
    """A participant acts only on their own application; loan officers on any."""
    if actor.role == User.Role.PARTICIPANT and participant.user_id != actor.pk:
        raise DomainError(_("This application is not yours."), code="not_yours")
    if actor.role not in {User.Role.PARTICIPANT, User.Role.ADVISER}:
        raise DomainError(_("Your role does not allow this action."), code="forbidden_role")


def _copy_product_terms(application: Application, product: LoanProduct) -> None:
    application.product = product
    application.currency = product.currency
    application.annual_rate = product.annual_rate
    application.method = product.method
    application.frequency = product.frequency
    application.fee_percent = product.fee_percent
    application.fee_fixed = product.fee_fixed
    application.guarantee_percent = product.guarantee_percent


def _locked(application: Application) -> Application:
    """The row re-read under a lock (PostgreSQL); SQLite serialises writers anyway."""
    return (
        Application.objects.select_for_update().select_related("participant").get(pk=application.pk)
    )


@transaction.atomic
def application_create(
    *,
    actor: User,
    participant: Participant,
    product: LoanProduct,
    amount: Decimal,
    installments: int,
    purpose: str,
    grace_periods: int = 0,
    adviser: User | None = None,
) -> Application:
    """A draft application, with the product's terms copied onto it."""
    _check_owner(participant, actor)
    _check_terms(product=product, amount=amount, installments=installments, grace=grace_periods)
    if Application.objects.filter(
        participant=participant, product=product, state__in=workflows.OPEN_STATES
    ).exists():
        raise DomainError(
            _("%(name)s already has an open application for this product.") % {"name": participant},
            code="already_open",
        )
    if adviser is None and actor.role == User.Role.ADVISER:
        adviser = actor
    application = Application(
        participant=participant,
        amount=amount,
        installments=installments,
        grace_periods=grace_periods,
        purpose=purpose.strip(),
        adviser=adviser,
        created_by=actor,
    )
    _copy_product_terms(application, product)
    application.save()
    audit_record(subject=application, actor=actor, action="created", to_state=S.DRAFT)
    return application


@transaction.atomic
def application_update(
    *, application: Application, actor: User, changes: dict[str, Any]
) -> Application:
    """Change the amount, term, grace, purpose, product or adviser while the file is open to it.

    Participants edit their drafts; advisers edit until the file goes to the committee.
    """
    current = _locked(application)
    _check_owner(current.participant, actor)
    allowed = (S.DRAFT,) if actor.role == User.Role.PARTICIPANT else workflows.EDITABLE_STATES
    if current.state not in allowed:
        raise DomainError(
            _("This application can no longer be changed (it is “%(state)s”).")
            % {"state": current.get_state_display()},
            code="not_editable",
        )
    changed = []
    for name, value in changes.items():
        if name not in (*TERM_FIELDS, "adviser") or getattr(current, name) == value:
            continue
        if name == "adviser" and actor.role != User.Role.ADVISER:
            continue
        setattr(current, name, value)
        changed.append(name)
    if not changed:
        return current
    _copy_product_terms(current, current.product)
    _check_terms(
        product=current.product,
        amount=current.amount,
        installments=current.installments,
        grace=current.grace_periods,
    )
    current.save()
    audit_record(subject=current, actor=actor, action="updated", reason=", ".join(changed))
    return current


@transaction.atomic
def application_submit(*, application: Application, actor: User) -> Application:
    current = _locked(application)
    _check_owner(current.participant, actor)
    _check_terms(
        product=current.product,
        amount=current.amount,
        installments=current.installments,
        grace=current.grace_periods,
    )
    transition(
        instance=current,
        workflow=APPLICATION,
        to=S.SUBMITTED,
        actor=actor,
        action="submitted",
        updates={"submitted_at": timezone.now()},
    )
    return current


@transaction.atomic
def application_review(
    *,
    application: Application,
    actor: User,
    identity_checked: bool,
    plan_approved: bool,
    guarantee_covered: bool,
    monthly_income: Decimal | None,
    monthly_charges: Decimal | None,
    recommendation: str,
    recommendation_note: str = "",
) -> Application:
    """Record the review checklist and the recommendation; a submitted file goes in review.

    The reviewer is recorded: they may not decide on this application later (four eyes).
    """
    current = _locked(application)
    if actor.role not in workflows.REVIEWERS:
        raise DomainError(_("Your role does not allow this action."), code="forbidden_role")
    now = timezone.now()
    values = {
        "identity_checked": identity_checked,
        "plan_approved": plan_approved,
        "guarantee_covered": guarantee_covered,
        "monthly_income": monthly_income,
        "monthly_charges": monthly_charges,
        "recommendation": recommendation,
        "recommendation_note": recommendation_note.strip(),
        "reviewed_by": actor,
        "reviewed_at": now,
    }
    if current.state == S.SUBMITTED:
        adviser = current.adviser or (actor if actor.role == User.Role.ADVISER else None)
        transition(
            instance=current,
            workflow=APPLICATION,
            to=S.IN_REVIEW,
            actor=actor,
            action="review_started",
            updates={**values, "adviser": adviser},
        )
    elif current.state == S.IN_REVIEW:
        claimed = Application.objects.filter(pk=current.pk, state=S.IN_REVIEW).update(**values)
        if claimed != 1:  # pragma: no cover - the row is locked on PostgreSQL
            raise ConflictError(
                _("Someone else changed this in the meantime. Reload the page and try again."),
                code="concurrent_change",
            )
        for name, value in values.items():
            setattr(current, name, value)
    else:
        raise DomainError(
            _("Only a submitted application or one in review can be reviewed."),
            code="not_reviewable",
        )
    audit_record(
        subject=current,
        actor=actor,
        action="review",
        reason=current.get_recommendation_display() if recommendation else "",
    )
    return current


@transaction.atomic
def application_send_to_committee(
    *, application: Application, actor: User, today: datetime.date | None = None
) -> Application:
    """In review → ready for committee, only with a complete checklist (each gap named)."""
    current = _locked(application)
    check = review_checklist(current, on=today or timezone.localdate())
    if not check.complete:
        raise DomainError(" ".join(check.problems()), code="checklist_incomplete")
    transition(
        instance=current, workflow=APPLICATION, to=S.READY_FOR_COMMITTEE, actor=actor,
        action="send_to_committee",
    )  # fmt: skip
    return current


@transaction.atomic
def application_return_to_review(
    *, application: Application, actor: User, reason: str
) -> Application:
    """Ready for committee → in review: the file needs more work before a decision."""
    if not reason.strip():
        raise DomainError(_("Say what the file needs."), code="reason_required")
    current = _locked(application)
    transition(
        instance=current, workflow=APPLICATION, to=S.IN_REVIEW, actor=actor,
        action="returned_to_review", reason=reason.strip(),
    )  # fmt: skip
    return current


def reviewer_ids(application: Application) -> set[int]:
    """Everyone who reviewed the application: the recorded reviewer and the audit trail's."""
    found = set(
        AuditEntry.objects.filter(
            subject_type=ContentType.objects.get_for_model(Application),
            subject_id=application.pk,
            action__in=workflows.REVIEW_ACTIONS,
            actor__isnull=False,
        ).values_list("actor_id", flat=True)
    )
    if application.reviewed_by_id:
        found.add(application.reviewed_by_id)
    return found


def _check_four_eyes(application: Application, actor: User) -> None:
    if not workflows.may_decide(actor.pk, reviewer_ids(application)):
        raise DomainError(
            _(
                "You reviewed this application, so another committee member must decide on it "
                "(four eyes)."
            ),
            code="four_eyes",
        )


def _decide(
    *, application: Application, actor: User, to: str, updates: dict[str, Any], reason: str
) -> Application:
    # No lock here: two members deciding at once both pass the checks, and the conditional
    # UPDATE of transition() lets exactly one through; the other gets a ConflictError (409).
    current = Application.objects.get(pk=application.pk)
    if actor.role == User.Role.COMMITTEE:
        _check_four_eyes(current, actor)
    transition(
        instance=current, workflow=APPLICATION, to=to, actor=actor, action=to, reason=reason,
        updates={"decided_by": actor, "decided_at": timezone.now(), **updates},
    )  # fmt: skip
    return current


@transaction.atomic
def application_approve(
    *, application: Application, actor: User, conditions: str = "", notes: str = ""
) -> Application:
    return _decide(
        application=application,
        actor=actor,
        to=S.APPROVED,
        updates={"decision_conditions": conditions.strip(), "committee_notes": notes.strip()},
        reason=conditions.strip(),
    )


@transaction.atomic
def application_reject(
    *, application: Application, actor: User, reason: str, notes: str = ""
) -> Application:
    if not reason.strip():
        raise DomainError(
            _("Give the reason for the refusal: the participant will read it."),
            code="reason_required",
        )
    return _decide(
        application=application,
        actor=actor,
        to=S.REJECTED,
        updates={"decision_reason": reason.strip(), "committee_notes": notes.strip()},
        reason=reason.strip(),
    )


@transaction.atomic
def application_withdraw(*, application: Application, actor: User, reason: str = "") -> Application:
    current = _locked(application)
    _check_owner(current.participant, actor)
    transition(
        instance=current, workflow=APPLICATION, to=S.WITHDRAWN, actor=actor, action="withdrawn",
        reason=reason.strip(),
    )  # fmt: skip
    return current
