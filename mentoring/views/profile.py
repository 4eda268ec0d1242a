"""The matching profile, declared conflicts of interest and the calendar feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lms.accounts import selectors as accounts_selectors
from lms.accounts import services as accounts_services
from lms.accounts.models import Role, User
from lms.accounts.selectors import is_register_office

from .. import selectors, services
from ..forms import (
    ConflictForm,
    OfficeConflictForm,
    ProfileForm,
)
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


CONFLICTS_PER_PAGE = 50


@login_required
def conflicts(request):
    """Declare a conflict of interest, and see those one is in. The office records them
    between any two people and sees them all."""
    office = is_register_office(request.user)
    form = (OfficeConflictForm if office else ConflictForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        first = accounts_selectors.person_by_email(data["person_email"]) if office else request.user
        other = accounts_selectors.person_by_email(data["email"])
        for field, found in (("person_email", first), ("email", other)):
            if found is None and field in form.fields:
                form.add_error(field, _("Er is geen account met dit e-mailadres."))
        if form.is_valid():
            try:
                accounts_services.conflict_declare(
                    actor=request.user, person=first, other=other, reason=data["reason"]
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(
                    request,
                    _(
                        "Vastgelegd: %(first)s en %(other)s beoordelen, begeleiden of "
                        "bevestigen niets voor elkaar."
                    )
                    % {"first": first, "other": other},
                )
                return redirect("mentoring:conflicts")
    listed = (
        accounts_selectors.conflicts_all()
        if office
        else accounts_selectors.conflicts_involving(user=request.user)
    )
    page = Paginator(listed, CONFLICTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request, "mentoring/conflicts.html", {"form": form, "page_obj": page, "office": office}
    )


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
