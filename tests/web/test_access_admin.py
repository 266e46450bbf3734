"""The Django admin, as the staff group of the demo sets it up (view and change on the people
side and the cooperatives): staff administer those, and the admin never hands them what the
pages refuse — loan decisions, another role, someone else's sign-in link."""

import pytest
from django.contrib.auth.models import Group, Permission

from incubator.models import AuditEntry, OutboundEmail, User
from loans.services import applications

pytestmark = pytest.mark.django_db


@pytest.fixture
def sophie(staff):
    """Sophie with the permissions ``incubator.demo.seed`` gives the staff group."""
    from incubator.demo import STAFF_APPS, STAFF_GROUP

    group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=STAFF_APPS))
    staff.groups.add(group)
    return staff


def change_form(client, user):
    """The admin's change form of ``user``, filled with what it holds, as a browser posts it."""
    form = client.get(f"/admin/incubator/user/{user.pk}/change/").context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if name in {"password", "last_login"} or value is None:
            continue
        if name == "date_joined":
            data.update({"date_joined_0": value.date(), "date_joined_1": value.time()})
        elif name in {"groups", "user_permissions"}:
            data[name] = [item.pk for item in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = value
    return data


def test_staff_cannot_give_themselves_a_role_or_superuser_status_in_the_admin(client, sophie):
    client.force_login(sophie)
    data = {**change_form(client, sophie), "role": "committee", "is_superuser": "on"}
    response = client.post(f"/admin/incubator/user/{sophie.pk}/change/", data)
    assert response.status_code == 403
    sophie.refresh_from_db()
    assert (sophie.role, sophie.is_superuser) == ("staff", False)
    assert client.get("/admin/loans/application/").status_code == 403


def test_staff_cannot_set_an_advisers_password_nor_create_an_account_in_the_admin(
    client, sophie, adviser
):
    client.force_login(sophie)
    password = {"password1": "Nouveau-mot-2026", "password2": "Nouveau-mot-2026"}
    changed = client.post(f"/admin/incubator/user/{adviser.pk}/password/", password)
    added = client.post(
        "/admin/incubator/user/add/",
        {"username": "mallory", "role": "committee", "usable_password": "true", **password},
    )
    assert (changed.status_code, added.status_code) == (403, 403)
    adviser.refresh_from_db()
    assert adviser.check_password("secret-pass-123")
    assert not User.objects.filter(username="mallory").exists()
    # They still read the accounts (who has which role), as their permissions say.
    assert client.get(f"/admin/incubator/user/{adviser.pk}/change/").status_code == 200


def test_staff_do_not_read_sign_in_links_in_the_outbox(client, sophie, adviser):
    # Anyone may ask for a reset of Karim's password from the login page...
    client.post("/accounts/password/reset/", {"email": adviser.email})
    email = OutboundEmail.objects.get(to=adviser.email)
    assert "/accounts/password/reset/" in email.body
    client.force_login(sophie)
    page = client.get(f"/admin/incubator/outboundemail/{email.pk}/change/")
    # ...but the link to choose it stays out of the staff's sight.
    assert page.status_code == 200 and adviser.email in page.content.decode()
    assert "/accounts/password/reset/" not in page.content.decode()


def test_staff_do_not_read_loan_decisions_in_the_audit_trail(
    client, sophie, amina, microcredit, adviser, committee
):
    from incubator.models import PartnerOrganisation
    from incubator.services.people import record_save
    from tests.fixtures_loans import application_in

    partner = record_save(instance=PartnerOrganisation(name="Emmaüs", kind="association"),
                          actor=sophie)  # fmt: skip

    application = application_in(
        "ready_for_committee", participant=amina, product=microcredit, adviser=adviser
    )
    applications.application_reject(
        application=application, actor=committee, reason="Charges trop élevées"
    )
    decision = AuditEntry.objects.get(action="rejected")
    client.force_login(sophie)
    listed = client.get("/admin/incubator/auditentry/")
    assert listed.status_code == 200
    assert "Charges trop élevées" not in listed.content.decode()
    assert "rejected" not in listed.content.decode()
    detail = client.get(f"/admin/incubator/auditentry/{decision.pk}/change/")
    assert detail.status_code in (302, 404)  # as if it did not exist
    # The people side's own trail stays readable to them.
    mine = AuditEntry.objects.get(action="partnerorganisation_created", subject_id=partner.pk)
    assert client.get(f"/admin/incubator/auditentry/{mine.pk}/change/").status_code == 200


def admin_pages() -> list[tuple[str, str]]:
    """(app label, URL) of every registered model's list and add pages."""
    from django.contrib import admin
    from django.urls import reverse

    pages = []
    for model in admin.site._registry:
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        for action in ("changelist", "add"):
            pages.append((model._meta.app_label, reverse(f"{name}_{action}")))
    return pages


def test_only_staff_accounts_reach_the_admin_and_never_the_loans(
    client, sophie, adviser, committee, amina_user
):
    for user in (None, adviser, committee, amina_user):
        client.logout()
        if user is not None:
            client.force_login(user)
        for _, page in [("", "/admin/"), *admin_pages()]:
            response = client.get(page)
            assert response.status_code == 302, page
            assert response["Location"].startswith("/admin/login/"), page
    # Sophie reads the people side and the cooperatives; she adds nothing there (accounts are
    # the superuser's, the rest is history) and sees nothing else (no loans).
    client.force_login(sophie)
    for app_label, page in admin_pages():
        readable = app_label in {"incubator", "cooperatives"} and not page.endswith("/add/")
        assert client.get(page).status_code == (200 if readable else 403), page
