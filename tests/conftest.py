import pytest

from lms.accounts.models import Role
from tests.factories import PASSWORD, OrganisationFactory, person


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES["private"]["OPTIONS"]["location"] = str(tmp_path / "private")


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def organisation(db):
    return OrganisationFactory()


@pytest.fixture
def junior(db, organisation):
    return person(Role.JUNIOR, profile__organisation=organisation)


@pytest.fixture
def senior(db, organisation):
    return person(Role.SENIOR, profile__organisation=organisation)


@pytest.fixture
def provider_editor(db):
    return person(Role.PROVIDER_EDITOR)


@pytest.fixture
def board_member(db):
    return person(Role.BOARD_MEMBER)


@pytest.fixture
def register_office(db):
    return person(Role.REGISTER_OFFICE)


@pytest.fixture
def manager(db, organisation):
    return person(Role.MANAGER, profile__organisation=organisation)


@pytest.fixture
def site(db):
    """The demo home page and menus, as ``seed_demo`` makes them."""
    from cms import demo

    return demo.seed()
