"""The register's answers to what lower apps ask or tell by signal (DESIGN.md: a lower app
does not import a higher one)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from lms.durations import minutes_from_hours

from .selectors.ballotage import stakes_in
from .selectors.evaluation import window_start
from .selectors.policy import policy_in_force
from .selectors.totals import window_totals
from .services.ballotage import reviews_withdraw_for_conflict


def kinds_lacking(sender, *, person_ids, on: date, **kwargs) -> dict[int, set[str]]:
    """``mentoring.signals.kinds_lacking``: the approaches and forms in which each person has
    fewer counted minutes in the window than the policy in force asks of each: what a buddy's
    experience can add."""
    policy = policy_in_force(on=on)
    approach_min = minutes_from_hours(policy.approach_min_hours)
    form_min = minutes_from_hours(policy.form_min_hours)
    lacking: dict[int, set[str]] = {}
    for person_id, _email, totals in window_totals(
        after=window_start(on=on, policy=policy), on=on, person_ids=person_ids
    ):
        lacking[person_id] = {
            kind for kind, minutes in totals.minutes_per_approach.items() if minutes < approach_min
        } | {kind for kind, minutes in totals.minutes_per_form.items() if minutes < form_min}
    return lacking


def withdraw_reviews_of_the_pair(sender, *, conflict, actor, **kwargs) -> None:
    """``lms.accounts.signals.conflict_bound``: the pair's open reviews of each other end."""
    reviews_withdraw_for_conflict(conflict=conflict, actor=actor)


def manuscript_reviewer_stakes(sender, *, author, candidates, **kwargs) -> dict[int, str]:
    """``publications.signals.reviewer_stakes``: the register's rule for who may judge whose
    work, applied to a manuscript's author today."""
    return stakes_in(author, candidates=candidates, on=timezone.localdate())
