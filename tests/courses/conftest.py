import pytest

from courses.services import catalogue_ensure
from lms.accounts.models import Role
from tests.factories import person

from .factories import CoursePageFactory, EditionFactory, MeetingFactory, make_provider


@pytest.fixture
def catalogue(site):
    return catalogue_ensure(home=site)


@pytest.fixture
def editor_a(db):
    return person(Role.PROVIDER_EDITOR)


@pytest.fixture
def editor_b(db):
    return person(Role.PROVIDER_EDITOR)


@pytest.fixture
def provider_a(catalogue, editor_a):
    return make_provider(catalogue=catalogue, title="Kenniscentrum Wijkwerk", editors=[editor_a])


@pytest.fixture
def provider_b(catalogue, editor_b):
    return make_provider(catalogue=catalogue, title="Hogeschool Buurtkracht", editors=[editor_b])


@pytest.fixture
def course_with_edition():
    """Make a published course with one edition of two meetings under ``provider``."""

    def make(provider, **kwargs):
        course = CoursePageFactory(parent=provider, **kwargs)
        edition = EditionFactory(course=course)
        MeetingFactory(edition=edition)
        MeetingFactory(
            edition=edition, date=edition.end_date, place="", online_url="https://meet.example/abc"
        )
        course.save_revision().publish()
        return course

    return make


@pytest.fixture
def edition(provider_a, course_with_edition):
    """An open edition of a published course of provider A, 30 days ahead, with two meetings."""
    course = course_with_edition(provider_a, title="Wijkanalyse in de praktijk")
    return course.editions.get()


@pytest.fixture
def practitioners(db):
    def make(n):
        return [person(Role.JUNIOR) for _ in range(n)]

    return make
