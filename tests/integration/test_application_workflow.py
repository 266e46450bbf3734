"""The application workflow: each move audited, each refusal translated and changing nothing.

Happy paths and their refusals share tests, zulip-style.
"""

import datetime
from decimal import Decimal as D

import pytest
from django.utils import translation

from incubator.errors import ConflictError, DomainError
from incubator.models import AuditEntry
from loans.models import Application
from loans.services import applications as flow
from loans.services.disbursement import application_disburse
from tests.fixtures_loans import application_in, at, reviewed

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 23)


def trail(application):
    return list(
        AuditEntry.objects.filter(subject_id=application.pk, subject_type__model="application")
        .order_by("pk")
        .values_list("action", "from_state", "to_state")
    )


def refusal(call, language="fr"):
    with translation.override(language), pytest.raises(DomainError) as error:
        call()
    return error.value


def test_each_step_is_recorded_with_who_and_where_from(amina, microcredit, adviser, committee):
    with at(TODAY):
        application = application_in(
            "approved", participant=amina, product=microcredit, adviser=adviser,
            committee=committee, today=TODAY,
        )  # fmt: skip
    assert application.state == "approved"
    assert trail(application) == [
        ("created", "", "draft"),
        ("submitted", "draft", "submitted"),
        ("review_started", "submitted", "in_review"),
        ("review", "", ""),
        ("send_to_committee", "in_review", "ready_for_committee"),
        ("approved", "ready_for_committee", "approved"),
    ]
    # The product's terms were copied: the committee decided on what it read.
    assert (application.annual_rate, application.fee_percent, application.guarantee_percent) == (
        D("7.450"), D("5.00"), D("50.00"),
    )  # fmt: skip
    assert application.adviser == adviser and application.reviewed_by == adviser


def test_amounts_and_terms_outside_the_product_are_refused_field_by_field(
    amina, microcredit, adviser
):
    error = refusal(
        lambda: flow.application_create(
            actor=adviser,
            participant=amina,
            product=microcredit,
            amount=D("15000.00"),
            installments=60,
            purpose="Trop",
            grace_periods=4,
        )
    )
    assert "Le montant doit être compris entre 300,00" in error.message
    assert "entre 6 et 48" in error.message
    assert Application.objects.count() == 0
    errors = flow.product_limit_errors(
        product=microcredit, amount=D("200.00"), installments=12, grace_periods=4
    )
    assert set(errors) == {"amount", "grace_periods"}


def test_a_participant_drafts_and_submits_their_own_application_only(
    amina, bilal, bilal_user, amina_user, honour_loan
):
    own = flow.application_create(
        actor=amina_user, participant=amina, product=honour_loan, amount=D("1000.00"),
        installments=10, purpose="Stock",
    )  # fmt: skip
    own = flow.application_submit(application=own, actor=amina_user)
    assert own.state == "submitted"
    # Bilal can neither apply for Amina nor touch her file.
    error = refusal(
        lambda: flow.application_create(
            actor=bilal_user,
            participant=amina,
            product=honour_loan,
            amount=D("1000.00"),
            installments=10,
            purpose="x",
        )
    )
    assert error.code == "not_yours"
    assert refusal(lambda: flow.application_withdraw(application=own, actor=bilal_user)).code == (
        "not_yours"
    )
    # A participant changes only a draft.
    error = refusal(
        lambda: flow.application_update(
            application=own, actor=amina_user, changes={"amount": D("2000.00")}
        )
    )
    assert "ne peut plus être modifiée" in error.message


def test_sending_to_the_committee_needs_a_complete_checklist_and_says_what_is_missing(
    amina, microcredit, adviser
):
    application = application_in(
        "submitted", participant=amina, product=microcredit, adviser=adviser, today=TODAY
    )
    flow.application_review(
        application=application, actor=adviser, identity_checked=False, plan_approved=True,
        guarantee_covered=False, monthly_income=D("1000.00"), monthly_charges=D("900.00"),
        recommendation="",
    )  # fmt: skip
    error = refusal(
        lambda: flow.application_send_to_committee(
            application=application, actor=adviser, today=TODAY
        ),
        language="en",
    )
    assert error.code == "checklist_incomplete"
    assert "The identity document has not been checked." in error.message
    assert "The guarantee of 50\xa0% of the amount is not covered." in error.message
    # 104.08 of installment over 100.00 left each month: far above the 40 % ceiling.
    assert "would take 104.08\xa0% of the disposable income" in error.message
    assert "The adviser has not given a recommendation." in error.message
    application.refresh_from_db()
    assert application.state == "in_review"


def test_a_permit_ending_before_the_last_due_date_is_refused_clearly(
    amina, microcredit, adviser, committee
):
    amina.permit_expiry = datetime.date(2027, 6, 30)
    amina.save()
    application = application_in(
        "in_review", participant=amina, product=microcredit, adviser=adviser, installments=24,
        today=TODAY,
    )  # fmt: skip
    error = refusal(
        lambda: flow.application_send_to_committee(
            application=application, actor=adviser, today=TODAY
        ),
        language="en",
    )
    assert (
        "Amina Diallo’s residence permit expires on 30 Jun 2027, before the last due date "
        "(23 Nov 2028). Shorten the term or record the renewed permit."
    ) in error.message
    # No permit on file at all is refused too.
    amina.permit_expiry = None
    amina.save()
    application.refresh_from_db()
    error = refusal(
        lambda: flow.application_send_to_committee(
            application=application, actor=adviser, today=TODAY
        ),
        language="en",
    )
    assert "Amina Diallo has no residence permit expiry date on file." in error.message


def test_four_eyes_a_committee_member_who_reviewed_cannot_decide(
    amina, microcredit, adviser, committee, committee2
):
    application = application_in(
        "submitted", participant=amina, product=microcredit, adviser=adviser, today=TODAY
    )
    reviewed(application, committee)  # Claire reviews this one herself
    flow.application_send_to_committee(application=application, actor=committee, today=TODAY)
    error = refusal(lambda: flow.application_approve(application=application, actor=committee))
    assert error.code == "four_eyes"
    assert error.message == (
        "Vous avez examiné cette demande : un autre membre du comité doit décider (quatre yeux)."
    )
    assert refusal(
        lambda: flow.application_reject(application=application, actor=committee, reason="Non"),
        language="ar",
    ).message.startswith("لقد")
    application.refresh_from_db()
    assert application.state == "ready_for_committee"
    # Paul did not review it: he decides.
    flow.application_approve(application=application, actor=committee2, notes="Interne")
    application.refresh_from_db()
    assert (application.state, application.decided_by, application.committee_notes) == (
        "approved", committee2, "Interne",
    )  # fmt: skip


def test_wrong_roles_and_wrong_states_are_refused(amina, microcredit, adviser, committee, staff):
    application = application_in(
        "ready_for_committee", participant=amina, product=microcredit, adviser=adviser,
        today=TODAY,
    )  # fmt: skip
    assert refusal(
        lambda: flow.application_approve(application=application, actor=adviser)
    ).message == ("Votre rôle ne permet pas cette action.")
    assert refusal(lambda: flow.application_approve(application=application, actor=staff)).code == (
        "forbidden_role"
    )
    assert (
        refusal(lambda: flow.application_submit(application=application, actor=adviser)).code
        == "invalid_transition"
    )
    error = refusal(lambda: flow.application_reject(application=application, actor=committee,
                                                    reason=" "))  # fmt: skip
    assert error.code == "reason_required"
    stale = Application.objects.get(pk=application.pk)
    flow.application_reject(application=application, actor=committee, reason="Projet à revoir")
    # A decision made on a stale page loses: the state moved on.
    with pytest.raises(DomainError):
        flow.application_approve(application=stale, actor=committee)


def test_withdrawal_from_any_open_state_and_not_after(amina, microcredit, adviser, committee):
    for state in ("draft", "submitted", "in_review", "ready_for_committee", "approved"):
        application = application_in(
            state, participant=amina, product=microcredit, adviser=adviser, committee=committee,
            today=TODAY,
        )  # fmt: skip
        flow.application_withdraw(application=application, actor=adviser, reason="A trouvé")
        application.refresh_from_db()
        assert application.state == "withdrawn"
    with pytest.raises(DomainError):
        flow.application_withdraw(application=application, actor=adviser)


def test_the_committee_can_send_a_file_back_to_review(amina, microcredit, adviser, committee):
    application = application_in(
        "ready_for_committee", participant=amina, product=microcredit, adviser=adviser,
        today=TODAY,
    )  # fmt: skip
    assert refusal(
        lambda: flow.application_return_to_review(application=application, actor=committee,
                                                  reason="")
    ).code == "reason_required"  # fmt: skip
    application = flow.application_return_to_review(
        application=application, actor=committee, reason="Il manque le bilan."
    )
    assert application.state == "in_review"
    # Sending it back is not reviewing: Claire may still decide later.
    assert committee.pk not in flow.reviewer_ids(application)


def test_a_payout_is_refused_when_the_permit_ends_before_the_real_schedule(
    amina, microcredit, adviser, committee
):
    with at(TODAY):
        application = application_in(
            "approved", participant=amina, product=microcredit, adviser=adviser,
            committee=committee, today=TODAY,
        )  # fmt: skip
    amina.permit_expiry = TODAY + datetime.timedelta(days=200)
    amina.save()
    with at(TODAY), pytest.raises(DomainError) as error:
        application_disburse(application=application, actor=adviser)
    assert error.value.code == "permit"
    application.refresh_from_db()
    assert application.state == "approved"


def test_a_stale_transition_is_a_conflict(amina, microcredit, adviser):
    application = application_in(
        "draft", participant=amina, product=microcredit, adviser=adviser, today=TODAY
    )
    stale = Application.objects.get(pk=application.pk)
    flow.application_withdraw(application=application, actor=adviser)
    with pytest.raises(DomainError):
        flow.application_submit(application=stale, actor=adviser)
    assert issubclass(ConflictError, DomainError)


def test_one_open_application_per_product_but_a_second_product_may_go_along(
    amina, microcredit, honour_loan, adviser
):
    application_in("submitted", participant=amina, product=microcredit, adviser=adviser,
                   today=TODAY)  # fmt: skip
    error = refusal(
        lambda: application_in(
            "draft", participant=amina, product=microcredit, adviser=adviser, today=TODAY
        ),
        language="en",
    )
    assert error.message == "Amina Diallo already has an open application for this product."
    # An honour loan alongside the microcredit is fine (Adie often pairs them).
    assert application_in("draft", participant=amina, product=honour_loan, adviser=adviser,
                          today=TODAY).state == "draft"  # fmt: skip
