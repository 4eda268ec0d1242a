"""One trajectory: its facts, goals, acceptance, ending and sessions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..forms import (
    GoalForm,
    MessageForm,
    ReasonForm,
    TrajectoryTermsForm,
)
from ..models import (
    Goal,
    Trajectory,
)
from ._access import (
    _add_errors,
    _error_message,
    _pk_or_404,
    _posted_text,
    _trajectory_access,
)


def _render_detail(request, trajectory, access, terms_form=None):
    may_change_terms = access in ("office", "manager") and trajectory.is_open
    if may_change_terms and terms_form is None:
        terms_form = TrajectoryTermsForm(
            initial={
                "planned_end_on": trajectory.planned_end_on,
                "agreed_hours": trajectory.agreed_hours,
            }
        )
    return render(
        request,
        "mentoring/trajectory_detail.html",
        {
            "trajectory": trajectory,
            "access": access,
            "goals": list(trajectory.goals.all()) if access != "manager" else [],
            "is_senior": request.user.pk == trajectory.senior_id,
            "may_accept": trajectory.status == Trajectory.Status.PROPOSED
            and (
                (request.user.pk == trajectory.senior_id and not trajectory.senior_accepted_at)
                or (request.user.pk == trajectory.junior_id and not trajectory.junior_accepted_at)
            ),
            "end_form": ReasonForm() if access == "office" and trajectory.is_open else None,
            "goal_form": GoalForm() if access in ("pair", "office") else None,
            "goal_statuses": Goal.Status.choices,
            "terms_form": terms_form if may_change_terms else None,
            "terms_changes": selectors.terms_changes_of(trajectory=trajectory),
            "unread_messages": selectors.unread_message_count(
                reader=request.user, trajectory=trajectory
            )
            if access == "pair"
            else 0,
        },
    )


@login_required
def trajectory_detail(request, pk):
    trajectory = get_object_or_404(selectors.trajectories_with_hours(), pk=pk)
    return _render_detail(request, trajectory, _trajectory_access(request.user, trajectory))


@login_required
@require_POST
def trajectory_terms(request, pk):
    """A new planned end or number of agreed hours; on bad input the page shows the form
    again with its messages."""
    trajectory = get_object_or_404(selectors.trajectories_with_hours(), pk=pk)
    access = _trajectory_access(request.user, trajectory)
    if access not in ("office", "manager"):
        raise PermissionDenied(_("Alleen het registerbureau of de manager wijzigt de afspraken."))
    form = TrajectoryTermsForm(request.POST)
    if form.is_valid():
        try:
            services.trajectory_terms_change(
                actor=request.user, trajectory=trajectory, **form.cleaned_data
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("De nieuwe afspraken zijn vastgelegd."))
            return redirect("mentoring:trajectory_detail", pk)
    return _render_detail(request, trajectory, access, terms_form=form)


@login_required
@require_POST
def goal_save(request, pk):
    """Add a goal to a trajectory, or update the status and progress of one."""
    trajectory = get_object_or_404(Trajectory, pk=pk)
    try:
        if request.POST.get("goal"):
            goal = get_object_or_404(
                Goal, pk=_pk_or_404(request.POST["goal"]), trajectory=trajectory
            )
            services.goal_update(
                actor=request.user,
                goal=goal,
                status=request.POST.get("status", goal.status),
                progress_notes=_posted_text(request, "progress_notes", goal.progress_notes),
            )
        else:
            form = GoalForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Vul een omschrijving in."))
            services.goal_add(
                actor=request.user,
                trajectory=trajectory,
                description=form.cleaned_data["description"],
                target_date=form.cleaned_data["target_date"],
            )
        messages.success(request, _("Het leerdoel is opgeslagen."))
    except ValidationError as exc:
        _error_message(request, exc)
    return redirect("mentoring:trajectory_detail", pk)


@login_required
@require_POST
def trajectory_accept(request, pk):
    trajectory = get_object_or_404(Trajectory, pk=pk)
    try:
        if request.POST.get("action") == "decline":
            services.trajectory_decline(
                actor=request.user, trajectory=trajectory, reason=_posted_text(request, "reason")
            )
            messages.success(request, _("Je hebt het voorstel afgewezen."))
        else:
            trajectory = services.trajectory_accept(actor=request.user, trajectory=trajectory)
            messages.success(request, _("Je bent akkoord met dit traject."))
    except ValidationError as exc:
        _error_message(request, exc)
    return redirect("mentoring:trajectory_detail", pk)


@login_required
@require_POST
def trajectory_end(request, pk):
    trajectory = get_object_or_404(Trajectory, pk=pk)
    try:
        if request.POST.get("action") == "complete":
            services.trajectory_complete(actor=request.user, trajectory=trajectory)
        else:
            services.trajectory_end_early(
                actor=request.user,
                trajectory=trajectory,
                reason=_posted_text(request, "reason"),
            )
        messages.success(request, _("Het traject is afgesloten."))
    except ValidationError as exc:
        _error_message(request, exc)
    return redirect("mentoring:trajectory_detail", pk)


def _render_sessions(request, trajectory, access, message_form=None):
    sessions = list(selectors.sessions_of_trajectory(trajectory=trajectory))
    counting = set(
        selectors.counting_sessions_of_trajectory(trajectory=trajectory).values_list(
            "pk", flat=True
        )
    )
    thread = None
    if access == "pair":
        # Read before marking: the messages that were new to the reader show as new once.
        thread = list(selectors.messages_of_trajectory(trajectory=trajectory))
        services.messages_mark_read(reader=request.user, trajectory=trajectory)
        if message_form is None and trajectory.is_open:
            message_form = MessageForm()
    return render(
        request,
        "mentoring/trajectory_sessions.html",
        {
            "trajectory": trajectory,
            "sessions": sessions,
            "counting": counting,
            "show_summary": access == "pair",
            "thread": thread,
            "message_form": message_form,
        },
    )


@login_required
def trajectory_sessions(request, pk):
    trajectory = get_object_or_404(selectors.trajectories_with_hours(), pk=pk)
    return _render_sessions(request, trajectory, _trajectory_access(request.user, trajectory))


@login_required
@require_POST
def message_send(request, pk):
    """The senior or the junior writes to the other; on bad input the page shows the form
    again with what was typed and why it was refused."""
    trajectory = get_object_or_404(selectors.trajectories_with_hours(), pk=pk)
    access = _trajectory_access(request.user, trajectory)
    if access != "pair":
        raise PermissionDenied(
            _("Berichten in een traject zijn alleen voor de senior en de junior.")
        )
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.message_send(
                actor=request.user, trajectory=trajectory, body=form.cleaned_data["body"]
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Je bericht is verstuurd."))
            return redirect(reverse("mentoring:trajectory_sessions", args=[pk]) + "#berichten")
    return _render_sessions(request, trajectory, access, message_form=form)
