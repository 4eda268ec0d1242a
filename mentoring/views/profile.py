"""The matching profile and the calendar feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lms.accounts.models import Role, User
from lms.accounts.selectors import is_register_office

from .. import selectors, services
from ..forms import ProfileForm
from ..models import (
    PractitionerProfile,
)
from ._access import (
    _add_errors,
)


@login_required
def profile_edit(request, user_pk: int | None = None):
    """A practitioner's own matching profile; the register office edits anyone's."""
    person = request.user
    if user_pk is not None and user_pk != request.user.pk:
        if not is_register_office(request.user):
            raise PermissionDenied(_("Je kunt alleen je eigen profiel wijzigen."))
        person = get_object_or_404(User, pk=user_pk)
    profile = services.practitioner_profile_get_or_create(user=person)
    form = ProfileForm(
        request.POST or None,
        initial={
            "capacity": profile.capacity,
            "available_weekdays": profile.available_weekdays,
            "languages": profile.languages,
            "experience": profile.experience,
        },
    )
    if not person.has_role(Role.SENIOR):
        del form.fields["capacity"]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.practitioner_profile_update(
                actor=request.user,
                user=person,
                capacity=data.get("capacity"),
                available_weekdays=data["available_weekdays"],
                languages=data["languages"],
                experience=data["experience"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Het profiel is opgeslagen."))
            return redirect(request.path)
    return render(request, "mentoring/profile.html", {"form": form, "person": person})


def calendar_feed(request, token):
    """Planned sessions of one person as iCalendar; the secret token is the key."""
    from ..calendar import calendar_for

    profile = (
        PractitionerProfile.objects.select_related("user").filter(calendar_token=token).first()
    )
    if profile is None or not profile.user.is_active:
        raise Http404
    body = calendar_for(
        user=profile.user, sessions=selectors.planned_sessions_for(user=profile.user)
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="coaching.ics"'
    return response
