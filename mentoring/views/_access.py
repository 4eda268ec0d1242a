"""Who may see what: role and object checks shared by the pages."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.accounts.models import Role
from lms.accounts.selectors import is_register_office
from lms.links import absolute_url

from .. import services
from ..models import (
    Trajectory,
)


def role_required(*roles, office: bool = False):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            if not (
                any(request.user.has_role(r) for r in roles) or is_register_office(request.user)
            ):
                raise PermissionDenied(_("Deze pagina is niet voor jouw rol."))
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def _pk_or_404(value) -> int:
    """A primary key sent by the browser; anything but a whole number finds nothing."""
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def _posted_text(request, name: str, default: str = "") -> str:
    """Free text read straight from the post for a service that checks it: refused when it
    holds a NUL character, which PostgreSQL cannot store (form fields refuse it the same way)."""
    value = request.POST.get(name, default)
    ProhibitNullCharactersValidator()(value)
    return value


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _error_message(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _manager_org(user):
    profile = getattr(user, "profile", None)
    if user.has_role(Role.MANAGER) and profile and profile.organisation_id:
        return profile.organisation
    return None


def _trajectory_access(user, trajectory: Trajectory) -> str:
    """'pair' for the senior and the junior, 'office', 'manager', else refuse."""
    if user.pk in (trajectory.senior_id, trajectory.junior_id):
        return "pair"
    if is_register_office(user):
        return "office"
    org = _manager_org(user)
    if org is not None and org.pk == trajectory.organisation_id:
        return "manager"
    raise PermissionDenied(_("Dit traject is niet van jou."))


def _calendar_url(request) -> str:
    profile = services.practitioner_profile_get_or_create(user=request.user)
    return absolute_url(reverse("mentoring:calendar", args=[profile.calendar_token]))


def _outcome_messages(request, outcome, done: str) -> None:
    """What a bulk action did (``done``, already counted) and each item it left, with why."""
    messages.success(request, done)
    if outcome.skipped:
        messages.warning(
            request,
            ngettext("%(n)s overgeslagen:", "%(n)s overgeslagen:", len(outcome.skipped))
            % {"n": len(outcome.skipped)},
        )
    for skipped in outcome.skipped:
        messages.warning(
            request,
            _("%(label)s: %(reason)s") % {"label": skipped.label, "reason": skipped.reason},
        )
