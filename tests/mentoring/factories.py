"""Factories for trajectories, sessions and practice months."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from lms.accounts.models import Region, Role, User
from mentoring.models import (
    CoachingSession,
    PracticeMonth,
    PractitionerProfile,
    Trajectory,
    default_planned_end,
)
from tests.factories import OrganisationFactory, person


def practitioner(
    role: Role,
    *,
    organisation=None,
    region: str = Region.UTRECHT,
    line_manager=None,
    **practice,
) -> User:
    """A person with ``role`` and a practitioner profile (capacity, days, languages, ...)."""
    user = person(
        role,
        profile__organisation=organisation,
        profile__region=region,
        profile__line_manager=line_manager,
    )
    PractitionerProfile.objects.update_or_create(user=user, defaults=practice)
    return user


class TrajectoryFactory(factory.django.DjangoModelFactory):
    """An active trajectory that started 60 days ago, accepted by both."""

    class Meta:
        model = Trajectory

    organisation = factory.SubFactory(OrganisationFactory)
    senior = factory.LazyAttribute(
        lambda o: person(Role.SENIOR, profile__organisation=o.organisation)
    )
    junior = factory.LazyAttribute(
        lambda o: person(Role.JUNIOR, profile__organisation=o.organisation)
    )
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=60))
    planned_end_on = factory.LazyAttribute(lambda o: default_planned_end(o.starts_on))
    agreed_hours = Decimal("40")
    status = Trajectory.Status.ACTIVE
    senior_accepted_at = factory.LazyFunction(timezone.now)
    junior_accepted_at = factory.LazyFunction(timezone.now)
    proposed_by = factory.SelfAttribute("senior")


class CoachingSessionFactory(factory.django.DjangoModelFactory):
    """A session logged by the trajectory's senior, awaiting the junior."""

    class Meta:
        model = CoachingSession

    trajectory = factory.SubFactory(TrajectoryFactory)
    senior = factory.SelfAttribute("trajectory.senior")
    starts_at = factory.Sequence(lambda n: timezone.now() - timedelta(days=1, hours=3 * n))
    duration_minutes = 60
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(minutes=o.duration_minutes))
    mode = CoachingSession.Mode.IN_PERSON
    summary = "Besproken: netwerkanalyse van de wijk."
    private_note = "Let op: vermoeid."
    status = CoachingSession.Status.AWAITING
    logged_by = factory.SelfAttribute("senior")

    class Params:
        confirmed = factory.Trait(
            status=CoachingSession.Status.CONFIRMED,
            confirmed_by=factory.SelfAttribute("trajectory.junior"),
            confirmed_at=factory.LazyFunction(timezone.now),
        )


class PracticeMonthFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeMonth

    month = factory.LazyFunction(
        lambda: (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    )
    minutes_total = 120 * 60
    minutes_zelfredzaamheid = 60 * 60
    minutes_strategisch = 60 * 60
    minutes_project = 120 * 60
    minutes_territoriaal = 120 * 60
