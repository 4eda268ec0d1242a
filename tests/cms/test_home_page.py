"""The home page is the door for every visitor: editions starting soon with free places, the
next Vakconferentie, the newest publications, the register lookup, the certificate check and a
line per role; stored whole for anonymous visitors and purged when what it shows changes."""

import datetime as dt
import pathlib
import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.services import catalogue_ensure
from lms.accounts.models import Role
from publications.models import PublicationKind, PublicationPage
from publications.services import library_ensure
from tests.conference.factories import make_conference
from tests.courses.factories import CoursePageFactory, EditionFactory, enrol, make_provider
from tests.factories import person
from tests.queries import queries_for

pytestmark = pytest.mark.django_db


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def _section(response, heading_id: str):
    return _soup(response).find("section", attrs={"aria-labelledby": heading_id})


@pytest.fixture
def provider(site):
    return make_provider(catalogue=catalogue_ensure(home=site), title="Kenniscentrum Wijkwerk")


def _course(provider, title, **edition):
    course = CoursePageFactory(parent=provider, title=title)
    EditionFactory(course=course, **edition)
    course.save_revision().publish()
    return course


def _publish(library, title, year=2026):
    page = PublicationPage(title=title, kind=PublicationKind.BOOK, authors="Jansen, P.", year=year)
    library.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def library(site):
    return library_ensure(home=site)


@pytest.fixture
def full_home(site, provider, library):
    today = timezone.localdate()
    _course(provider, "Wijkanalyse in de praktijk", capacity=3)
    _course(provider, "Vol is vol", capacity=1)
    enrol(_course_edition("Vol is vol"), person(Role.JUNIOR))
    _course(provider, "Inschrijving gesloten", enrolment_deadline=today - dt.timedelta(days=1))
    _course(provider, "Al begonnen", start_date=today - dt.timedelta(days=1))
    _publish(library, "Handboek buurtwerk")
    conference = make_conference(home=site, provider=provider)
    return conference


def _course_edition(title):
    from courses.models import Edition

    return Edition.objects.get(course__title=title)


def test_each_block_shows_what_it_is_for(client, full_home):
    response = client.get("/")
    editions = _section(response, "home-editions")
    text = editions.get_text(" ", strip=True)
    assert "Wijkanalyse in de praktijk" in text
    assert "nog 3 plaatsen vrij" in text
    for gone in ("Vol is vol", "Inschrijving gesloten", "Al begonnen"):
        assert gone not in text
    assert editions.find("a", string="Alle cursussen in het cursusoverzicht")["href"] == (
        "/cursussen/"
    )

    conference = _section(response, "home-conference").get_text(" ", strip=True)
    assert full_home.title in conference
    assert full_home.date.strftime("%d-%m-%Y") in conference

    publications = _section(response, "home-publications")
    assert publications.find("a", string="Handboek buurtwerk")

    lookup = _section(response, "home-register").find("form")
    assert (lookup["method"], lookup["action"]) == ("get", "/register/openbaar/")
    assert lookup.find("label", attrs={"for": "home-register-q"})
    check = _section(response, "home-certificate").find("form")
    assert (check["method"], check["action"]) == ("get", "/leren/certificaten/")
    assert check.find("input", attrs={"name": "code"})

    roles = _section(response, "home-roles")
    lines = [li.get_text(" ", strip=True) for li in roles.select("li")]
    for who in ("opbouwwerkers", "seniors", "aanbieders", "College", "werkgevers"):
        assert any(f"Voor {who}" in line or f"Voor het {who}" in line for line in lines), who
    hrefs = [a["href"] for a in roles.select("a")]
    assert reverse("dashboard:home") in hrefs and reverse("register:reviews") in hrefs
    # One h1, then the sections' h2s.
    assert len(_soup(response).select("h1")) == 1


def test_each_block_says_so_when_it_has_nothing(client, site):
    response = client.get("/")
    text = _soup(response).main.get_text(" ", strip=True)
    assert "Er start binnenkort geen uitvoering met plaats vrij." in text
    assert "De datum van de volgende Vakconferentie is nog niet bekend." in text
    assert "Er zijn nog geen vakpublicaties." in text
    assert _section(response, "home-register").find("form")


def test_home_and_footer_link_to_the_register_and_the_certificate_check(client, site):
    for url in ("/", reverse("search"), reverse("register:public")):
        footer = _soup(client.get(url)).find("footer")
        links = {a.get_text(strip=True): a["href"] for a in footer.select("a")}
        assert links["Openbaar register"] == "/register/openbaar/", url
        assert links["Certificaat controleren"] == "/leren/certificaten/", url


def test_an_anonymous_visitor_gets_the_home_page_from_the_cache(client, full_home):
    assert client.get("/")["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert "Wijkanalyse in de praktijk" in response.content.decode()


def test_an_edition_that_fills_up_leaves_the_home_page_at_once(
    client, provider, django_capture_on_commit_callbacks
):
    _course(provider, "Laatste plaats", capacity=1)
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        enrol(_course_edition("Laatste plaats"), person(Role.JUNIOR))
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Laatste plaats" not in _section(response, "home-editions").get_text()


def test_a_published_publication_reaches_the_home_page_at_once(
    client, library, django_capture_on_commit_callbacks
):
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        _publish(library, "Nieuw over buurtkracht")
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert _section(response, "home-publications").find("a", string="Nieuw over buurtkracht")


def test_the_home_page_costs_the_same_for_few_and_many_rows(
    client, site, provider, library, django_assert_num_queries
):
    for i in range(2):
        _course(provider, f"Cursus {i}")
        _publish(library, f"Publicatie {i}")
    # Logged in, so the page cache does not answer.
    client.force_login(person(Role.JUNIOR))
    few = queries_for(client, "/")
    for i in range(2, 9):
        _course(provider, f"Cursus {i}")
        _publish(library, f"Publicatie {i}")
    make_conference(home=site, provider=provider)
    # The publishes started a new generation, so the first visit builds the site shell again.
    client.get("/")
    with django_assert_num_queries(few):
        response = client.get("/")
    assert len(_section(response, "home-editions").select("li")) == 6
    assert len(_section(response, "home-publications").select("li")) == 3


def test_a_certificate_is_checked_from_its_code(client, site):
    form = client.get(reverse("courses:verify_lookup"))
    assert form.status_code == 200
    response = client.get(reverse("courses:verify_lookup"), {"code": "  abc123  "})
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:verify", args=["ABC123"])
    for bad, message in (
        ("abc 123", "alleen uit letters en cijfers"),
        ("<script>", "alleen uit letters en cijfers"),
        ("a" * 40, "hoogstens 32 tekens"),
        ("", "Vul de verificatiecode"),
    ):
        response = client.get(reverse("courses:verify_lookup"), {"code": bad})
        assert response.status_code == 200
        assert message in response.content.decode(), bad


def test_cms_imports_none_of_the_apps_above_it():
    """The home page reaches the other apps through ``cms.home``, which they fill."""
    higher = re.compile(
        r"^\s*(from|import)\s+(courses|publications|conference|mentoring|register|lms\.dashboard)\b",
        re.M,
    )
    root = pathlib.Path(__file__).resolve().parents[2] / "cms"
    offenders = [
        str(path) for path in root.rglob("*.py") if higher.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
