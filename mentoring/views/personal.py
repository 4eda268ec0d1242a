"""The start pages of seniors, juniors and managers."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import Role

from .. import charts, selectors
from ._access import (
    _calendar_url,
    _manager_org,
    role_required,
)

# The oldest sessions still waiting are listed on the senior's page; each trajectory's own page
# lists all of its sessions.
WAITING_SHOWN = 20


@role_required(Role.SENIOR)
def senior_home(request):
    trajectories = list(selectors.trajectories_for_senior(senior=request.user))
    waiting = selectors.sessions_waiting_of_senior(senior=request.user)
    return render(
        request,
        "mentoring/senior.html",
        {
            "trajectories": trajectories,
            "hours_chart": charts.senior_hours_chart(trajectories),
            "waiting": list(waiting[:WAITING_SHOWN]),
            "waiting_total": waiting.count(),
            "calendar_url": _calendar_url(request),
        },
    )


@role_required(Role.JUNIOR)
def junior_home(request):
    trajectories = list(selectors.trajectories_for_junior(junior=request.user))
    to_confirm = list(selectors.sessions_waiting_for_junior(junior=request.user))
    months = list(selectors.practice_months_of(person=request.user)[:12])
    return render(
        request,
        "mentoring/junior.html",
        {
            "trajectories": trajectories,
            "to_confirm": to_confirm,
            "months": months,
            "attested_minutes": selectors.attested_minutes(person=request.user),
            "calendar_url": _calendar_url(request),
        },
    )


@role_required(Role.MANAGER)
def manager_home(request):
    organisation = _manager_org(request.user)
    if organisation is None:
        raise PermissionDenied(_("Je bent niet aan een organisatie gekoppeld."))
    trajectories = list(
        selectors.trajectories_for_office(organisation=organisation).order_by(
            "status", "-starts_on"
        )
    )
    return render(
        request,
        "mentoring/manager.html",
        {
            "organisation": organisation,
            "figures": selectors.organisation_figures(organisation=organisation),
            "quarter_charts": charts.manager_quarter_charts(
                selectors.organisation_quarters(
                    organisation=organisation, today=timezone.localdate()
                )
            ),
            "trajectories": trajectories,
        },
    )


@role_required(Role.MANAGER)
def manager_hours(request):
    """The sessions and months behind the manager's totals: dates and hours, no content."""
    organisation = _manager_org(request.user)
    if organisation is None:
        raise PermissionDenied(_("Je bent niet aan een organisatie gekoppeld."))
    sessions = list(
        selectors.counting_sessions()
        .filter(trajectory__organisation=organisation)
        .select_related("senior", "trajectory__junior")
        .only(
            "pk",
            "starts_at",
            "duration_minutes",
            "senior__first_name",
            "senior__last_name",
            "senior__email",
            "trajectory__junior__first_name",
            "trajectory__junior__last_name",
            "trajectory__junior__email",
        )
        .order_by("-starts_at")
    )
    months = list(
        selectors.counting_practice_months()
        .filter(person__profile__organisation=organisation)
        .select_related("person")
        .order_by("-month", "person__last_name")
    )
    return render(
        request,
        "mentoring/manager_hours.html",
        {"organisation": organisation, "sessions": sessions, "months": months},
    )
