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
    price = None  # free: one-click enrolment; a test of paid enrolment sets a price
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
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=365))
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=700))
    motivation = "Voldoet aan de eisen van het College."
    reviewer = factory.SubFactory(UserFactory)


def enrol(edition, user):
    """Enrol ``user`` in ``edition`` the way the platform does."""
    from courses.services import PaymentConfirmation, enrolment_create

    # In a paid course the person confirms first that they pay themselves.
    payment = PaymentConfirmation(payer="zelf", terms_accepted=True) if edition.is_paid else None
    return enrolment_create(edition=edition, person=user, actor=user, payment=payment)


def course_ran(edition, *, days_ago=1):
    """Move ``edition`` and its meetings back in time, all by the same number of days, so that
    its last meeting (without meetings: its first day) was ``days_ago`` days ago (0: today).

    What a provider finds once a course has run: participants enrol while it lies ahead (as
    ``enrol`` does), and attendance and completion come on or after its days. The dates change
    as time would change them, not as an editor would, so no check runs.
    """
    meetings = list(edition.meetings.all())
    last = max((m.date for m in meetings), default=edition.start_date)
    shift = last - (timezone.localdate() - dt.timedelta(days=days_ago))
    for meeting in meetings:
        Meeting.objects.filter(pk=meeting.pk).update(date=meeting.date - shift)
    deadline = edition.enrolment_deadline and edition.enrolment_deadline - shift
    Edition.objects.filter(pk=edition.pk).update(
        start_date=edition.start_date - shift,
        end_date=edition.end_date - shift,
        enrolment_deadline=deadline,
    )
    edition.refresh_from_db()
    return edition
