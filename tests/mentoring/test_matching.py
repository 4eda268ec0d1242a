"""Matching: the hard rules, the explained score, and an exact optimum (checked by brute force)."""

import json
import random
import time

import numpy as np
import pytest
from django.core.management import call_command

from lms.accounts.models import Region, Role
from lms.accounts.services import conflict_declare
from mentoring import matching, services
from mentoring.models import MatchingRun, Trajectory
from tests.factories import OrganisationFactory, person
from tests.mentoring.factories import TrajectoryFactory, practitioner


def brute_force(allowed_scores: dict[tuple, float], capacity: dict, juniors: list) -> float:
    """The best total over every assignment of each junior to nobody or an allowed senior."""
    best = 0.0

    def walk(i, total, used):
        nonlocal best
        if i == len(juniors):
            best = max(best, total)
            return
        walk(i + 1, total, used)
        for (junior, senior), score in allowed_scores.items():
            if junior == juniors[i] and used.get(senior, 0) < capacity.get(senior, 0):
                used[senior] = used.get(senior, 0) + 1
                walk(i + 1, total + score, used)
                used[senior] -= 1

    walk(0, 0.0, {})
    return round(best, 2)


@pytest.mark.parametrize("seed", range(150))
def test_assignment_equals_brute_force_on_small_random_pools(seed):
    rng = random.Random(seed)
    n_juniors, n_seniors = rng.randint(1, 5), rng.randint(1, 3)
    scores = np.array(
        [
            [rng.choice([0, rng.randint(0, 1000)]) / 100 for _ in range(n_seniors)]
            for _ in range(n_juniors)
        ]
    )
    allowed = np.array([[rng.random() < 0.7 for _ in range(n_seniors)] for _ in range(n_juniors)])
    free = np.array([rng.randint(0, 2) for _ in range(n_seniors)])

    pairs = matching.optimal_assignment(scores, allowed, free)

    assert len({j for j, _ in pairs}) == len(pairs)
    for s in range(n_seniors):
        assert sum(1 for _, t in pairs if t == s) <= free[s]
    assert all(allowed[j, s] for j, s in pairs)
    allowed_scores = {
        (j, s): float(scores[j, s])
        for j in range(n_juniors)
        for s in range(n_seniors)
        if allowed[j, s]
    }
    total = round(sum(scores[j, s] for j, s in pairs), 2)
    assert total == brute_force(
        allowed_scores, dict(enumerate(free.tolist())), list(range(n_juniors))
    )


def test_juniors_stay_unmatched_only_when_no_allowed_senior_has_room():
    scores = np.zeros((3, 1))
    allowed = np.ones((3, 1), dtype=bool)
    assert len(matching.optimal_assignment(scores, allowed, np.array([2]))) == 2


def test_large_pool_is_solved_in_seconds():
    rng = np.random.default_rng(1)
    scores = np.round(rng.random((2000, 500)) * 8, 2)
    allowed = rng.random((2000, 500)) < 0.3
    free = rng.integers(0, 3, 500)
    started = time.perf_counter()
    pairs = matching.optimal_assignment(scores, allowed, free)
    assert time.perf_counter() - started < 20
    assert len(pairs) == min(2000, int(free.sum()))


@pytest.fixture
def pool_people(db):
    """Four juniors and three seniors of one organisation, each with their own profile."""
    org = OrganisationFactory(name="Welzijn Pool")
    boss = person(Role.MANAGER, profile__organisation=org)
    seniors = [
        practitioner(
            Role.SENIOR,
            organisation=org,
            region=Region.GELDERLAND,
            capacity=1,
            experience=["strategisch", "campagne"],
            available_weekdays=[0, 1],
            languages=["nl"],
        ),
        practitioner(
            Role.SENIOR,
            organisation=org,
            region=Region.UTRECHT,
            capacity=2,
            experience=["zelfredzaamheid"],
            available_weekdays=[2],
            languages=["nl", "en"],
        ),
        practitioner(
            Role.SENIOR,
            organisation=org,
            region=Region.GELDERLAND,
            capacity=1,
            experience=["project", "ontwikkeltraject"],
            available_weekdays=[3, 4],
        ),
    ]
    juniors = [
        practitioner(
            Role.JUNIOR, organisation=org, region=Region.GELDERLAND, available_weekdays=[0, 1]
        ),
        practitioner(
            Role.JUNIOR,
            organisation=org,
            region=Region.UTRECHT,
            available_weekdays=[2],
            languages=["en"],
        ),
        practitioner(
            Role.JUNIOR, organisation=org, region=Region.GELDERLAND, line_manager=seniors[0]
        ),
        practitioner(Role.JUNIOR, organisation=org, region=Region.ZEELAND, available_weekdays=[4]),
    ]
    return {"organisation": org, "seniors": seniors, "juniors": juniors, "manager": boss}


def test_suggest_matches_command_writes_an_optimal_checkable_suggestion(pool_people, tmp_path):
    out = tmp_path / "suggestie.json"
    call_command("suggest_matches", organisation="Welzijn Pool", out=str(out))
    data = json.loads(out.read_text())

    assert set(data) >= {"allowed", "capacity", "pairs"}
    allowed = {(a["junior"], a["senior"]): a["score"] for a in data["allowed"]}
    for pair in data["pairs"]:
        assert allowed[(pair["junior"], pair["senior"])] == pair["score"]
        assert pair["reasons"]
    juniors = sorted({a["junior"] for a in data["allowed"]} | {p["junior"] for p in data["pairs"]})
    optimum = brute_force(allowed, data["capacity"], juniors)
    assert round(sum(p["score"] for p in data["pairs"]), 2) == optimum
    assert data["total_score"] == optimum
    # The line manager is never suggested for their own junior.
    line_managed = pool_people["juniors"][2].email
    assert (line_managed, pool_people["seniors"][0].email) not in allowed


def test_rules_exclude_pairs_and_explain_why(pool_people, register_office):
    seniors, juniors = pool_people["seniors"], pool_people["juniors"]
    conflict_declare(actor=register_office, person=seniors[1], other=juniors[1], reason="Buren")
    ended = TrajectoryFactory(
        senior=seniors[2],
        junior=juniors[3],
        organisation=pool_people["organisation"],
        status=Trajectory.Status.ENDED_EARLY,
        end_reason="Botsing",
    )
    assert ended.pk
    outsider = practitioner(Role.SENIOR, organisation=OrganisationFactory(), capacity=5)
    pool = matching.pool_build(
        junior_ids=[u.pk for u in juniors], senior_ids=[*(u.pk for u in seniors), outsider.pk]
    )
    assert "belangenverstrengeling" in " ".join(pool.refusals(1, 1))
    assert "voortijdig" in " ".join(pool.refusals(3, 2))
    assert "leidinggevende" in " ".join(pool.refusals(2, 0))
    assert "andere organisaties" in " ".join(pool.refusals(0, 3))
    assert not pool.allowed[:, 3].any()

    result = matching.suggest(pool)
    by_junior = {p["junior"]["email"]: p for p in result["pairs"]}
    first = by_junior[juniors[0].email]
    assert first["senior"]["email"] == seniors[0].email
    assert "zelfde regio" in first["reasons"]
    assert any("gemeenschappelijke dagen" in r for r in first["reasons"])
    assert any("strategisch advies" in r for r in first["reasons"])


def test_unmatched_junior_is_told_why(db, register_office):
    org = OrganisationFactory()
    senior = practitioner(Role.SENIOR, organisation=org, capacity=1)
    junior = practitioner(Role.JUNIOR, organisation=org, line_manager=senior)
    pool = matching.pool_build(junior_ids=[junior.pk], senior_ids=[senior.pk])
    result = matching.suggest(pool)
    assert result["pairs"] == []
    reasons = " ".join(result["unmatched"][0]["reasons"])
    assert "Geen enkele senior" in reasons and "leidinggevende: 1" in reasons


def test_weights_change_the_suggestion(pool_people):
    from mentoring.models import MatchingWeights

    weights = MatchingWeights.load()
    weights.differentiation, weights.region, weights.language, weights.weekdays = 0, 0, 0, 0
    weights.save()
    pool = matching.pool_build(
        junior_ids=[u.pk for u in pool_people["juniors"]],
        senior_ids=[u.pk for u in pool_people["seniors"]],
    )
    assert matching.suggest(pool)["total_score"] == 0


@pytest.mark.django_db
def test_office_run_fills_progress_and_accepted_pair_becomes_proposed_trajectory(
    pool_people, register_office, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = services.matching_run_start(
            actor=register_office, organisation=pool_people["organisation"]
        )
    run.refresh_from_db()
    assert run.status == MatchingRun.Status.DONE
    assert run.progress == 100
    pair = run.result["pairs"][0]
    from lms.accounts.models import User

    junior = User.objects.get(pk=pair["junior"]["id"])
    senior = User.objects.get(pk=pair["senior"]["id"])
    trajectory = services.matching_pair_accept(
        actor=register_office, run=run, junior=junior, senior=senior
    )
    assert trajectory.status == Trajectory.Status.PROPOSED
    run.refresh_from_db()
    assert run.decisions[str(junior.pk)] == f"accepted:{trajectory.pk}"
    # Running the task again changes nothing.
    assert services.matching_run_execute(run_id=run.pk).result == run.result


@pytest.mark.django_db
def test_a_round_started_while_the_broker_is_down_is_computed_at_once(
    client, pool_people, register_office, broker_down, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    client.force_login(register_office)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mentoring:matching_start"), {})
    assert response.status_code == 302
    run = MatchingRun.objects.get()
    assert run.status == MatchingRun.Status.DONE
    assert run.result["pairs"]
    assert client.get(response["Location"]).status_code == 200
