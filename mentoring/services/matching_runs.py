"""The register office's matching rounds and its decisions on the suggestions."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import Organisation, User
from lms.accounts.selectors import is_register_office
from lms.celery import enqueue_or_run_here

from .. import matching
from ..models import (
    MatchingRun,
    Trajectory,
)
from .outcomes import BulkOutcome, refusal_text
from .trajectories import trajectory_propose


@transaction.atomic
def matching_run_start(*, actor: User, organisation: Organisation | None = None) -> MatchingRun:
    """The register office asks for suggestions; a worker computes them."""
    from ..tasks import matching_run_execute_task

    if not is_register_office(actor):
        raise PermissionDenied(_("Alleen het registerbureau koppelt seniors en juniors."))
    run = MatchingRun(created_by=actor, organisation=organisation)
    run.full_clean()
    run.save()
    run_id = run.pk
    transaction.on_commit(lambda: enqueue_or_run_here(matching_run_execute_task, run_id))
    return run


def matching_run_execute(*, run_id: int) -> MatchingRun | None:
    """Compute a run's suggestion; a second call on a finished run does nothing."""
    with transaction.atomic():
        run = MatchingRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.status in (MatchingRun.Status.DONE, MatchingRun.Status.RUNNING):
            return run
        run.status = MatchingRun.Status.RUNNING
        run.progress = 5
        run.save(update_fields=["status", "progress"])

    def progress(pct: int) -> None:
        MatchingRun.objects.filter(pk=run_id).update(progress=pct)

    try:
        pool = matching.pool_build(
            junior_ids=matching.pool_junior_ids(organisation=run.organisation),
            senior_ids=matching.pool_senior_ids(),
            progress=progress,
        )
        result = matching.suggest(pool, progress=progress)
    except Exception as exc:
        MatchingRun.objects.filter(pk=run_id).update(
            status=MatchingRun.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    MatchingRun.objects.filter(pk=run_id).update(
        status=MatchingRun.Status.DONE, progress=100, result=result, finished_at=timezone.now()
    )
    run.refresh_from_db()
    return run


def _decide(run: MatchingRun, junior_id: int, decision: str) -> None:
    decisions = dict(run.decisions)
    decisions[str(junior_id)] = decision
    run.decisions = decisions
    run.save(update_fields=["decisions"])


@transaction.atomic
def matching_pair_accept(
    *, actor: User, run: MatchingRun, junior: User, senior: User
) -> Trajectory:
    """Accept a suggested pair, or another allowed senior: it becomes a proposed trajectory."""
    run = MatchingRun.objects.select_for_update().get(pk=run.pk)
    if not is_register_office(actor):
        raise PermissionDenied(_("Alleen het registerbureau koppelt seniors en juniors."))
    if str(junior.pk) in run.decisions:
        raise ValidationError(_("Over deze junior is in deze ronde al besloten."))
    try:
        trajectory = trajectory_propose(actor=actor, senior=senior, junior=junior)
    except IntegrityError as exc:
        raise ValidationError(_("%(junior)s heeft al een buddy.") % {"junior": junior}) from exc
    _decide(run, junior.pk, f"accepted:{trajectory.pk}")
    return trajectory


@transaction.atomic
def matching_pair_reject(*, actor: User, run: MatchingRun, junior: User) -> MatchingRun:
    run = MatchingRun.objects.select_for_update().get(pk=run.pk)
    if not is_register_office(actor):
        raise PermissionDenied(_("Alleen het registerbureau koppelt seniors en juniors."))
    if str(junior.pk) in run.decisions:
        raise ValidationError(_("Over deze junior is in deze ronde al besloten."))
    _decide(run, junior.pk, "rejected")
    return run


@transaction.atomic
def matching_run_accept_all(*, actor: User, run: MatchingRun) -> BulkOutcome:
    """Propose a trajectory for every suggested pair of a run not yet decided on, in one
    transaction.

    Each pair goes through ``matching_pair_accept``, so the rules of one proposal hold for all
    (a conflict of interest that binds, a senior without a free place, a junior who has a
    buddy by now): a pair it refuses is skipped with that refusal and leaves nothing behind.
    Any other error undoes the whole batch.
    """
    if not is_register_office(actor):
        raise PermissionDenied(_("Alleen het registerbureau koppelt seniors en juniors."))
    run = MatchingRun.objects.select_for_update().get(pk=run.pk)
    if run.status != MatchingRun.Status.DONE:
        raise ValidationError(_("Deze ronde heeft (nog) geen suggesties."))
    pairs = run.result.get("pairs", [])
    people = User.objects.in_bulk([p[role]["id"] for p in pairs for role in ("junior", "senior")])
    outcome = BulkOutcome()
    for pair in pairs:
        junior = people.get(pair["junior"]["id"])
        senior = people.get(pair["senior"]["id"])
        label = _("%(senior)s en %(junior)s") % {
            "senior": pair["senior"]["name"],
            "junior": pair["junior"]["name"],
        }
        if str(pair["junior"]["id"]) in run.decisions:
            outcome.skip(label, _("Over deze junior is in deze ronde al besloten."))
            continue
        if junior is None or senior is None:
            outcome.skip(label, _("Een van beiden heeft geen account meer."))
            continue
        try:
            outcome.done.append(
                matching_pair_accept(actor=actor, run=run, junior=junior, senior=senior)
            )
        except (ValidationError, PermissionDenied) as exc:
            outcome.skip(label, refusal_text(exc))
    return outcome
