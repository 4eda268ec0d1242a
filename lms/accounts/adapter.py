import uuid

from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation

from .models import Role
from .services import email_send, profile_for, role_set


class AccountAdapter(DefaultAccountAdapter):
    """Account e-mail goes through the outbox, and a new sign-up is a junior practitioner."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        message = self.render_mail(template_prefix, email, context)
        email_send(
            key=f"account:{template_prefix}:{uuid.uuid4()}",
            to=email,
            subject=message.subject,
            body=message.body,
            language=translation.get_language() or "nl",
        )

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            profile_for(user=user)
            role_set(user=user, roles=[Role.JUNIOR])
        return user
