from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from .entrances import login_steps_done
from .models import MFA_ROLES

# Paths a person without a second factor can still reach: setting one up, and leaving.
_OPEN_PREFIXES = ("/accounts/", "/static/", "/health/", "/i18n/")


class LoginStepsMiddleware:
    """A session counts as signed in only when the site's login made it, with every step it
    asks (lms/accounts/entrances.py); any other is ended, and the request goes on as a
    visitor's, which sends a page that needs a login to the site's login."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not login_steps_done(session=request.session, user=user):
            logout(request)
        return self.get_response(request)


class RequireMfaMiddleware:
    """Where LMS_MFA_REQUIRED is on, board members, the register office and staff must set up
    TOTP before they do anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.LMS_MFA_REQUIRED and self._must_enrol(request):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def _must_enrol(request) -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(_OPEN_PREFIXES):
            return False
        needs = user.is_staff or user.is_superuser or bool(user.roles & MFA_ROLES)
        return needs and not is_mfa_enabled(user)
