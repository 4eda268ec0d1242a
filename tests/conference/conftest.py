import pytest

from courses.services import catalogue_ensure
from lms.accounts.models import Role
from tests.courses.factories import make_provider
from tests.factories import person

from .factories import make_conference


@pytest.fixture
def organiser(site):
    catalogue = catalogue_ensure(home=site)
    return make_provider(catalogue=catalogue, title="Landelijk Platform Opbouwwerk")


@pytest.fixture
def conference(site, organiser):
    return make_conference(home=site, provider=organiser)


@pytest.fixture
def conference_today(site, organiser):
    """A conference held today, registration open until today."""
    return make_conference(home=site, provider=organiser, days_ahead=0, closes_in=0)


@pytest.fixture
def desk(db):
    return person(Role.CHECKIN_DESK)


@pytest.fixture
def committee(db):
    return person(Role.PROGRAMME_COMMITTEE)


@pytest.fixture
def practitioners(db, organisation):
    def make(n):
        return [person(Role.JUNIOR) for _ in range(n)]

    return make
