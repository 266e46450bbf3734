"""Sign-in, each role's home page, the language switch, password reset by e-mail."""

import pytest
from django.core import mail
from django.urls import reverse

from incubator.models import OutboundEmail, User

ROLE_HOMES = {
    "staff": "/dashboard/",
    "adviser": "/dashboard/",
    "committee": "/dashboard/",
    "participant": "/me/",
}


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"
    assert client.get("/accounts/login/").status_code == 200


@pytest.mark.parametrize("role", list(ROLE_HOMES))
def test_each_role_lands_on_its_own_home(client, db, role):
    from tests.factories import UserFactory

    user = UserFactory(role=role)
    response = client.post(
        "/accounts/login/", {"username": user.username, "password": "secret-pass-123"}, follow=True
    )
    assert response.redirect_chain[-1][0] == ROLE_HOMES[role]
    assert response.status_code == 200
    assert user.first_name in response.content.decode()


def test_a_wrong_password_is_refused_with_a_message(client, amina_user):
    response = client.post("/accounts/login/", {"username": "amina", "password": "nope"})
    assert response.status_code == 200
    assert "Saisissez un nom d’utilisateur et un mot de passe valides" in response.content.decode()


def test_guessing_a_password_pauses_that_account_from_that_address(client, amina_user):
    """Five wrong passwords lock the pair (account, address) for 15 minutes, in French, and
    even the right password waits; the same account from another address still signs in."""
    wrong = {"username": amina_user.username, "password": "not-it"}
    for _attempt in range(4):
        assert client.post("/accounts/login/", wrong).status_code == 200  # the form again
    assert client.post("/accounts/login/", wrong).status_code == 429  # the fifth
    right = {"username": amina_user.username, "password": "secret-pass-123"}
    locked = client.post("/accounts/login/", right)
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Trop de mots de passe erronés" in text and "15 minutes" in text
    assert "_auth_user_id" not in client.session
    elsewhere = client.post("/accounts/login/", right, REMOTE_ADDR="10.1.2.3")
    assert elsewhere.status_code == 302 and elsewhere["Location"] == "/"  # then her home


def test_participants_and_back_office_cannot_open_each_others_homes(client, amina_user, adviser):
    client.force_login(amina_user)
    assert client.get("/dashboard/").status_code == 403
    client.force_login(adviser)
    assert client.get("/me/").status_code == 403


def test_the_dashboard_answers_in_a_few_queries(client, staff, django_assert_max_num_queries):
    client.force_login(staff)
    # session, user; the foundation's cards need no query of their own
    with django_assert_max_num_queries(4):
        assert client.get("/dashboard/").status_code == 200


def test_the_language_choice_sticks_to_the_user(client, amina_user):
    client.force_login(amina_user)
    response = client.post(reverse("set_language"), {"language": "ar", "next": "/me/"})
    assert response.status_code == 302
    amina_user.refresh_from_db()
    assert amina_user.language == "ar"
    page = client.get("/me/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    # A new session on another device: the account's language wins over the browser's.
    other_device = type(client)()
    other_device.force_login(amina_user)
    page = other_device.get("/me/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="ar" dir="rtl">' in page


def test_an_anonymous_visitor_can_switch_language_with_a_cookie(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    page = client.get("/accounts/login/").content.decode()
    assert '<html lang="en" dir="ltr">' in page
    assert "Sign in" in page


def test_a_password_reset_mail_goes_out_in_the_users_language(
    client, bilal_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": bilal_user.email})
    email = OutboundEmail.objects.get()
    assert email.language == "ar"
    assert email.to == bilal_user.email
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/" in mail.outbox[0].body
    assert mail.outbox[0].subject == "كلمة المرور الجديدة لحسابك في ترامبلان"


def test_security_headers_are_sent(client):
    response = client.get("/accounts/login/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_participants_cannot_reach_the_admin(client, amina_user):
    client.force_login(amina_user)
    assert client.get("/admin/").status_code == 302  # to the admin's own login
    assert User.objects.get(pk=amina_user.pk).is_staff is False


def test_behind_the_proxy_the_caller_is_the_last_forwarded_hop(rf, settings):
    from incubator.middleware import client_address

    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    assert client_address(request) == "10.0.0.2"  # no proxy: the header is the caller's word
    settings.TRUSTED_PROXY = True
    assert client_address(request) == "203.0.113.7"  # what the proxy appended
    assert client_address(rf.get("/", REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"


def test_staff_let_a_paused_participant_sign_in_again(client, amina, amina_user, staff, adviser):
    from incubator.models import AuditEntry

    amina.user = amina_user
    amina.save()
    for _attempt in range(5):
        client.post("/accounts/login/", {"username": amina_user.username, "password": "x"})
    client.force_login(adviser)  # advisers see the person, not the pause nor its button
    assert "signin_resume" not in str(client.get(f"/people/participants/{amina.pk}/").context)
    client.force_login(staff)
    page = client.get(f"/people/participants/{amina.pk}/").content.decode()
    assert "Connexion suspendue après des mots de passe erronés" in page
    resumed = client.post(f"/people/participants/{amina.pk}/sign-in/resume/", follow=True)
    assert "Amina Diallo peut de nouveau se connecter." in resumed.content.decode()
    assert "Connexion suspendue" not in resumed.content.decode()
    assert AuditEntry.objects.filter(action="signin_resumed", actor=staff).count() == 1
    client.logout()
    right = {"username": amina_user.username, "password": "secret-pass-123"}
    assert client.post("/accounts/login/", right).status_code == 302  # no waiting
