"""One way in: the site's login (allauth), with every step it asks.

allauth's login checks the password, then that the e-mail address is confirmed, then the
second factor of those who set one up; only when every step is done does
``AccountAdapter.login`` sign the person in, and it writes that in the session
(``login_steps_record``). Each request checks it (``LoginStepsMiddleware``), so a session
signed in any other way (a login form of Django's or Wagtail's, a view that calls
``django.contrib.auth.login``) signs nobody in.

The other login pages, the Wagtail admin's, Wagtail's own for private pages and the Django
admin's, send the visitor on to the site's login, with ``next``. A signed-in person whom an
admin does not admit reads why, instead of being sent to a login page that sends them
straight back.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.admin import AdminSite
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from lms.http import local_path

LOGIN_STEPS_SESSION_KEY = "lms_login_steps_done_for"

# Wagtail admin views that answer without admin access: the icons and the script catalogue
# (also used on the site's pages), and the password reset, which is switched off (404).
WAGTAIL_OPEN_VIEWS = frozenset(
    {
        "wagtailadmin_sprite",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_password_reset",
        "wagtailadmin_password_reset_done",
        "wagtailadmin_password_reset_confirm",
        "wagtailadmin_password_reset_complete",
    }
)
WAGTAIL_LOGIN_VIEW = "wagtailadmin_login"
WAGTAIL_FRONTEND_LOGIN_VIEW = "wagtailcore_login"


def login_steps_record(*, session, user) -> None:
    """Write in ``session`` that ``user`` signed in through every step of the site's login."""
    session[LOGIN_STEPS_SESSION_KEY] = str(user.pk)


def login_steps_done(*, session, user) -> bool:
    """Whether ``session`` was signed in to ``user`` through the site's login."""
    return session.get(LOGIN_STEPS_SESSION_KEY) == str(user.pk)


def site_login_redirect(request: HttpRequest, *, default: str) -> HttpResponse:
    """Send the visitor to the site's login, and from there to ``next`` (a path on this site)
    or ``default``."""
    target = local_path(request, request.GET.get(REDIRECT_FIELD_NAME, "")) or default
    return redirect_to_login(target, login_url=reverse("account_login"))


def admin_refused(request: HttpRequest, *, explanation: str) -> HttpResponse:
    """The page for a signed-in person who may not use an admin (403)."""
    return render(request, "account/admin_refused.html", {"explanation": explanation}, status=403)


def wagtail_admin_entrance(view: Callable) -> Callable:
    """Wraps every view of the Wagtail admin (``decorate_urlpatterns`` in ``lms/urls.py``).

    Its login page sends the visitor to the site's login; a signed-in person without admin
    access is refused here with a page that says why. Wagtail itself would send them to the
    login page, which sees them signed in and sends them back to the admin, round and round.
    """

    @never_cache
    @wraps(view)
    def entrance(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        name = request.resolver_match.url_name if request.resolver_match else None
        user = request.user
        admitted = user.is_authenticated and user.has_perm("wagtailadmin.access_admin")
        if name == WAGTAIL_LOGIN_VIEW and not user.is_authenticated:
            return site_login_redirect(request, default=reverse("wagtailadmin_home"))
        if name == WAGTAIL_LOGIN_VIEW and admitted:
            target = local_path(request, request.GET.get(REDIRECT_FIELD_NAME, ""))
            return redirect(target or reverse("wagtailadmin_home"))
        if user.is_authenticated and not admitted and name not in WAGTAIL_OPEN_VIEWS:
            return admin_refused(
                request,
                explanation=_(
                    "De beheeromgeving is er voor redacteuren van aanbieders, het College van "
                    "Toezicht en het registerbureau."
                ),
            )
        return view(request, *args, **kwargs)

    return entrance


def wagtail_site_entrance(view: Callable) -> Callable:
    """Wraps the views of Wagtail's site URLs (``decorate_urlpatterns`` in ``lms/urls.py``):
    its login page for private pages sends the visitor to the site's login; every other view
    runs as it is."""

    @wraps(view)
    def entrance(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        match = request.resolver_match
        if match is not None and match.url_name == WAGTAIL_FRONTEND_LOGIN_VIEW:
            return site_login_redirect(request, default="/")
        return view(request, *args, **kwargs)

    return entrance


class PlatformAdminSite(AdminSite):
    """The Django admin: technical management, for superusers only. Everyone else works in
    the Wagtail admin."""

    site_header = "Opbouwwerk: technisch beheer"

    def has_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_superuser

    @method_decorator(never_cache)
    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        index = reverse("admin:index", current_app=self.name)
        if not request.user.is_authenticated:
            return site_login_redirect(request, default=index)
        if self.has_permission(request):
            target = local_path(request, request.GET.get(REDIRECT_FIELD_NAME, ""))
            return redirect(target or index)
        return admin_refused(
            request,
            explanation=_("Het technisch beheer is alleen voor de beheerders van het platform."),
        )
