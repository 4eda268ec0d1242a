"""Buddy trajectories: who may propose them, the hard rules, and acceptance by both."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from lms.accounts.models import OutboundEmail, Role
from lms.accounts.services import conflict_declare
from mentoring import services
from mentoring.models import Trajectory
from tests.factories import OrganisationFactory, person
from tests.mentoring.factories import TrajectoryFactory, practitioner

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def propose(actor, senior, junior, **kwargs):
    return services.trajectory_propose(actor=actor, senior=senior, junior=junior, **kwargs)


def test_office_proposes_and_both_accept(register_office, senior, junior):
    trajectory = propose(register_office, senior, junior, goals=["Een wijkanalyse maken"])
    assert trajectory.status == Trajectory.Status.PROPOSED
    assert trajectory.agreed_hours == Decimal("40")
    assert trajectory.planned_end_on == trajectory.starts_on.replace(
        year=trajectory.starts_on.year + 1
    )
    assert trajectory.goals.count() == 1
    assert set(OutboundEmail.objects.values_list("to", flat=True)) == {senior.email, junior.email}

    services.trajectory_accept(actor=junior, trajectory=trajectory)
    trajectory.refresh_from_db()
    assert trajectory.status == Trajectory.Status.PROPOSED
    services.trajectory_accept(actor=senior, trajectory=trajectory)
    trajectory.refresh_from_db()
    assert trajectory.status == Trajectory.Status.ACTIVE

    with pytest.raises(PermissionDenied):
        services.trajectory_accept(actor=register_office, trajectory=trajectory)


def test_manager_proposes_only_for_own_organisation(manager, senior, junior):
    propose(manager, senior, junior)
    other_org = OrganisationFactory()
    other_junior = person(Role.JUNIOR, profile__organisation=other_org)
    other_senior = person(Role.SENIOR, profile__organisation=other_org)
    with pytest.raises(PermissionDenied):
        propose(manager, other_senior, other_junior)
    with pytest.raises(PermissionDenied):
        propose(person(Role.SENIOR), senior, person(Role.JUNIOR))


def test_same_person_as_senior_and_junior_is_refused(register_office, organisation):
    both = person(Role.SENIOR, profile__organisation=organisation)
    with pytest.raises(ValidationError, match="twee verschillende mensen"):
        propose(register_office, both, both)
    assert not Trajectory.objects.exists()
    with transaction.atomic(), pytest.raises(IntegrityError):
        TrajectoryFactory(senior=both, junior=both, organisation=organisation)


def test_hard_rules_refuse_with_a_dutch_reason(register_office, organisation):
    junior = practitioner(Role.JUNIOR, organisation=organisation)
    manager = person(Role.SENIOR, profile__organisation=organisation)
    junior.profile.line_manager = manager
    junior.profile.save()
    with pytest.raises(ValidationError, match="leidinggevende"):
        propose(register_office, manager, junior)

    not_senior = person(Role.JUNIOR, profile__organisation=organisation)
    with pytest.raises(ValidationError, match="geen actieve senior"):
        propose(register_office, not_senior, junior)

    elsewhere = practitioner(Role.SENIOR, organisation=OrganisationFactory())
    with pytest.raises(ValidationError, match="andere organisaties"):
        propose(register_office, elsewhere, junior)
    organisation.allows_cross_organisation_pairs = True
    organisation.save()
    propose(register_office, elsewhere, junior)


def test_conflict_of_interest_refuses_the_pair(register_office, senior, junior):
    conflict_declare(actor=junior, person=junior, other=senior, reason="Familie")
    with pytest.raises(ValidationError, match="belangenverstrengeling"):
        propose(register_office, senior, junior)


def test_pair_that_ended_early_is_not_proposed_again(register_office, senior, junior):
    trajectory = propose(register_office, senior, junior)
    with pytest.raises(ValidationError, match="reden"):
        services.trajectory_end_early(actor=register_office, trajectory=trajectory, reason="")
    services.trajectory_end_early(actor=register_office, trajectory=trajectory, reason="Botsing")
    with pytest.raises(ValidationError, match="voortijdig"):
        propose(register_office, senior, junior)


def test_capacity_limits_the_number_of_juniors(register_office, organisation):
    senior = practitioner(Role.SENIOR, organisation=organisation, capacity=1)
    propose(register_office, senior, person(Role.JUNIOR, profile__organisation=organisation))
    with pytest.raises(ValidationError, match="geen vrije plaats"):
        propose(register_office, senior, person(Role.JUNIOR, profile__organisation=organisation))
    services.practitioner_profile_update(actor=senior, user=senior, capacity=2)
    propose(register_office, senior, person(Role.JUNIOR, profile__organisation=organisation))


def test_only_the_senior_or_office_changes_capacity(register_office, senior, junior):
    with pytest.raises(PermissionDenied):
        services.practitioner_profile_update(actor=junior, user=senior, capacity=5)
    profile = services.practitioner_profile_update(actor=register_office, user=senior, capacity=3)
    assert profile.capacity == 3


def test_junior_has_one_buddy_at_a_time(register_office, senior, junior, organisation):
    propose(register_office, senior, junior)
    with pytest.raises(ValidationError, match="al een buddy"):
        propose(register_office, person(Role.SENIOR, profile__organisation=organisation), junior)


def test_declined_trajectory_frees_the_junior(register_office, senior, junior):
    trajectory = propose(register_office, senior, junior)
    services.trajectory_decline(actor=junior, trajectory=trajectory, reason="Past niet")
    trajectory.refresh_from_db()
    assert trajectory.status == Trajectory.Status.DECLINED
    propose(register_office, senior, junior)


def test_goals_are_kept_by_the_pair(trajectory):
    goal = services.goal_add(
        actor=trajectory.junior,
        trajectory=trajectory,
        description="Campagne opzetten",
        target_date=timezone.localdate() + timedelta(days=90),
    )
    services.goal_update(
        actor=trajectory.senior, goal=goal, status="in_progress", progress_notes="Goed op weg"
    )
    goal.refresh_from_db()
    assert goal.status == "in_progress"
    with pytest.raises(PermissionDenied):
        services.goal_add(actor=person(Role.SENIOR), trajectory=trajectory, description="x")
