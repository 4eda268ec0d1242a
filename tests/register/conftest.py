import pytest

from courses.services import catalogue_ensure
from lms.accounts.models import Role
from tests.factories import person

from .factories import make_provider


@pytest.fixture
def catalogue(site):
    return catalogue_ensure(home=site)


@pytest.fixture
def provider_editor_a(db):
    return person(Role.PROVIDER_EDITOR)


@pytest.fixture
def provider(catalogue, provider_editor_a):
    return make_provider(
        catalogue=catalogue, title="Kenniscentrum Wijkwerk", editors=[provider_editor_a]
    )


@pytest.fixture
def attester(db):
    return person(Role.REGISTER_OFFICE)


@pytest.fixture
def policy(db):
    from register.models import RegisterPolicy

    return RegisterPolicy.objects.get(version=1)
