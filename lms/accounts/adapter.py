import uuid
from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation

from lms.links import on_site

from .entrances import login_steps_record
from .models import NoticeKind, Role
from .services import email_send, profile_for, role_set


class AccountAdapter(DefaultAccountAdapter):
    """Account e-mail goes through the outbox, a new sign-up is a junior practitioner, and a
    login that has passed every step says so in the session."""

    # The links in allauth's e-mails, which it builds from the request's host.
    LINKS = ("activate_url", "password_reset_url", "signup_url")

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Through the outbox, with every link and the site's name on ``SITE_URL``."""
        context = {
            "current_site": SimpleNamespace(
                name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc
            ),
            **context,
        }
        for name in self.LINKS:
            if context.get(name):
                context[name] = on_site(context[name])
        message = self.render_mail(template_prefix, email, context)
        # Verification, password reset and second-factor changes: always sent.
        email_send(
            kind=NoticeKind.SECURITY,
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

    def login(self, request, user) -> None:
        """allauth calls this once the password, the confirmed address and the second factor
        (where the person has one) are checked: the only place where a login is finished."""
        super().login(request, user)
        login_steps_record(session=request.session, user=user)
