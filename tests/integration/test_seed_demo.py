from io import StringIO

from django.core.management import call_command

from incubator.models import User


def test_seed_demo_is_idempotent_and_prints_each_login(db, settings, tmp_path):
    settings.DEBUG = True  # the embedded mode; production refuses (see test_settings)
    settings.MEDIA_ROOT = tmp_path  # demo receipts are files: keep them out of ./media
    out = StringIO()
    call_command("seed_demo", stdout=out)
    counts = User.objects.count()
    call_command("seed_demo", stdout=StringIO())
    assert User.objects.count() == counts
    printed = out.getvalue()
    for username, role in [
        ("staff", "staff"),
        ("adviser", "adviser"),
        ("committee", "committee"),
        ("amina", "participant"),
    ]:
        assert username in printed
        assert User.objects.get(username=username).role == role
    assert "tremplin-demo" in printed
    assert User.objects.get(username="amina").check_password("tremplin-demo")
