"""Project-wide checks CI must keep true: the API schema validates without a warning, and every
model change has its migration."""

from io import StringIO

from django.core.management import call_command


def test_the_openapi_schema_validates_without_warnings(db):
    out = StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    assert '"openapi"' in out.getvalue() or "openapi:" in out.getvalue()


def test_no_model_change_is_missing_its_migration(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)  # exits 1 on a change
    assert "No changes detected" in out.getvalue()
