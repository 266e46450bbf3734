"""Foundation forms."""

import uuid
from typing import Any

from django.contrib.auth.forms import PasswordResetForm
from django.template.loader import render_to_string
from django.utils import translation

from incubator import services


class OutboxPasswordResetForm(PasswordResetForm):
    """Password reset e-mails go through the outbox, in the user's own language."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        user = context["user"]
        with translation.override(user.language):
            subject = " ".join(render_to_string(subject_template_name, context).split())
            body = render_to_string(email_template_name, context)
        services.email_queue(
            key=f"password-reset:{user.pk}:{uuid.uuid4().hex}",
            to=to_email,
            subject=subject,
            body=body,
            language=user.language,
        )
