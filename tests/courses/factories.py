"""Factories for providers, courses, editions and accreditation decisions."""

import datetime as dt
from decimal import Decimal

import factory
import wagtail_factories
from django.utils import timezone

from courses.models import (
    AccreditationDecision,
    CourseKind,
    CoursePage,
    Edition,
    Meeting,
)
from courses.services import provider_create
from tests.factories import OrganisationFactory, UserFactory


def make_provider(*, catalogue, title=None, editors=(), organisation=None):
    """A provider page with its own editors' group, made the way the platform makes it."""
    make_provider.counter += 1
    title = title or f"Opleidingsinstituut {make_provider.counter}"
    return provider_create(
        title=title,
        organisation=organisation or OrganisationFactory(name=f"{title} BV"),
        catalogue=catalogue,
        editors=editors,
    )


make_provider.counter = 0


class CoursePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Cursus buurtwerk {n}")
    code = factory.Sequence(lambda n: f"C-{n:04d}")
    kind = CourseKind.POST_HBO
    summary = "Een cursus voor opbouwwerkers."
    study_load_hours = 40
    points_requested = Decimal("40")
    price = Decimal("950.00")
    live = True


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    course = None
    code = factory.Sequence(lambda n: f"U{n}")
    start_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
    end_date = factory.LazyAttribute(lambda o: o.start_date + dt.timedelta(days=28))
    capacity = 12
    status = Edition.Status.OPEN


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    edition = None
    date = factory.LazyAttribute(lambda o: o.edition.start_date)
    start_time = dt.time(9, 30)
    end_time = dt.time(16, 30)
    place = "Utrecht"
    online_url = ""


class AccreditationDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccreditationDecision

    course = None
    outcome = AccreditationDecision.Outcome.GRANTED
    points_granted = Decimal("40")
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=10))
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=700))
    motivation = "Voldoet aan de eisen van het College."
    reviewer = factory.SubFactory(UserFactory)


def enrol(edition, user):
    """Enrol ``user`` in ``edition`` the way the platform does."""
    from courses.services import enrolment_create

    return enrolment_create(edition=edition, person=user, actor=user)
