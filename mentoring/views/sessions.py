"""Logging, planning, confirming, disputing and correcting coaching sessions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.http import local_next

from .. import services
from ..forms import (
    AmendForm,
    DisputeForm,
    SessionForm,
)
from ..kinds import kind_label
from ..models import (
    CoachingSession,
    Trajectory,
)
from ._access import (
    _add_errors,
    _error_message,
    _pk_or_404,
    _posted_text,
    _trajectory_access,
)


def _own_trajectory_as_senior(request, pk) -> Trajectory:
    trajectory = get_object_or_404(Trajectory.objects.select_related("junior"), pk=pk)
    if trajectory.senior_id != request.user.pk:
        raise PermissionDenied(_("Je kunt alleen gesprekken vastleggen met je eigen juniors."))
    return trajectory


@login_required
def session_log(request, pk):
    trajectory = _own_trajectory_as_senior(request, pk)
    planned = None
    if request.GET.get("gepland"):
        planned = get_object_or_404(
            CoachingSession,
            pk=_pk_or_404(request.GET["gepland"]),
            trajectory=trajectory,
            status="planned",
        )
    initial = {}
    if planned is not None:
        local = timezone.localtime(planned.starts_at)
        initial = {
            "day": local.date(),
            "start_time": local.time(),
            "duration_minutes": planned.duration_minutes,
            "mode": planned.mode,
            "summary": planned.summary,
        }
    form = SessionForm(request.POST or None, trajectory=trajectory, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.coaching_session_log(
                actor=request.user,
                trajectory=trajectory,
                starts_at=form.starts_at(),
                duration_minutes=data["duration_minutes"],
                mode=data["mode"],
                approaches=data["approaches"],
                goals=data["goals"],
                summary=data["summary"],
                private_note=data["private_note"],
                planned=planned,
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request, _("Het gesprek is vastgelegd; de junior wordt gevraagd het te bevestigen.")
            )
            return redirect("mentoring:session_detail", session.pk)
    return render(
        request,
        "mentoring/session_form.html",
        {"form": form, "trajectory": trajectory, "title": _("Gesprek vastleggen")},
    )


@login_required
def session_plan(request, pk):
    trajectory = _own_trajectory_as_senior(request, pk)
    form = SessionForm(request.POST or None, trajectory=trajectory, planned=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.coaching_session_plan(
                actor=request.user,
                trajectory=trajectory,
                starts_at=form.starts_at(),
                duration_minutes=data["duration_minutes"],
                mode=data["mode"],
                summary=data["summary"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Het gesprek is gepland en staat in beider agenda."))
            return redirect("mentoring:senior")
    return render(
        request,
        "mentoring/session_form.html",
        {"form": form, "trajectory": trajectory, "title": _("Gesprek plannen")},
    )


def _session_for(request, pk) -> tuple[CoachingSession, str]:
    session = get_object_or_404(
        CoachingSession.objects.select_related("trajectory__junior", "senior", "original"), pk=pk
    )
    return session, _trajectory_access(request.user, session.trajectory)


@login_required
def session_detail(request, pk):
    session, access = _session_for(request, pk)
    versions = list(
        CoachingSession.objects.filter(Q(pk=session.chain_id) | Q(original_id=session.chain_id))
        .order_by("version")
        .only("pk", "version", "status", "duration_minutes", "starts_at")
    )
    is_junior = request.user.pk == session.trajectory.junior_id
    is_senior = request.user.pk == session.senior_id
    return render(
        request,
        "mentoring/session_detail.html",
        {
            "session": session,
            "versions": versions,
            "show_summary": access == "pair",
            "is_senior": is_senior,
            "is_junior": is_junior,
            "approaches": [kind_label(a) for a in session.approaches],
            "goals": list(session.goals.all()) if access == "pair" else [],
            "dispute_form": DisputeForm() if is_junior and session.status == "awaiting" else None,
            "may_amend": is_senior and session.status in ("confirmed", "disputed"),
            "may_withdraw": is_senior and session.status in ("disputed", "awaiting", "planned"),
        },
    )


@login_required
@require_POST
def session_confirm(request, pk):
    session = get_object_or_404(CoachingSession, pk=pk)
    try:
        services.coaching_session_confirm(actor=request.user, session=session)
        messages.success(request, _("Bevestigd. De uren tellen mee."))
    except ValidationError as exc:
        _error_message(request, exc)
    # Back where the junior confirmed from, or to their coaching page.
    return redirect(local_next(request) or "mentoring:junior")


@login_required
@require_POST
def session_dispute(request, pk):
    session = get_object_or_404(CoachingSession, pk=pk)
    try:
        services.coaching_session_dispute(
            actor=request.user, session=session, reason=_posted_text(request, "reason")
        )
        messages.success(request, _("Je bezwaar is doorgegeven aan de senior."))
    except ValidationError as exc:
        _error_message(request, exc)
    return redirect("mentoring:session_detail", pk)


@login_required
def session_amend(request, pk):
    session, _access = _session_for(request, pk)
    if request.user.pk != session.senior_id:
        raise PermissionDenied(_("Alleen de senior corrigeert een gesprek."))
    local = timezone.localtime(session.starts_at)
    form = AmendForm(
        request.POST or None,
        trajectory=session.trajectory,
        initial={
            "day": local.date(),
            "start_time": local.time(),
            "duration_minutes": session.duration_minutes,
            "mode": session.mode,
            "approaches": session.approaches,
            "summary": session.summary,
            "private_note": session.private_note,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            amendment = services.coaching_session_amend(
                actor=request.user,
                session=session,
                starts_at=form.starts_at(),
                duration_minutes=data["duration_minutes"],
                mode=data["mode"],
                reason=data["reason"],
                approaches=data["approaches"],
                goals=data["goals"],
                summary=data["summary"],
                private_note=data["private_note"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request, _("De correctie is vastgelegd; de junior bevestigt haar opnieuw.")
            )
            return redirect("mentoring:session_detail", amendment.pk)
    return render(
        request,
        "mentoring/session_form.html",
        {"form": form, "trajectory": session.trajectory, "title": _("Gesprek corrigeren")},
    )


@login_required
@require_POST
def session_withdraw(request, pk):
    session = get_object_or_404(CoachingSession, pk=pk)
    try:
        services.coaching_session_withdraw(actor=request.user, session=session)
        messages.success(request, _("Het gesprek is ingetrokken."))
    except ValidationError as exc:
        _error_message(request, exc)
    return redirect("mentoring:session_detail", pk)
