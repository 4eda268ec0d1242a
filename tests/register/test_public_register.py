"""The public register: registrations that stand are found by name, part of the number or city,
each with a page of its own; one that ended answers only its exact number, as "niet meer
ingeschreven", and names nobody."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from lms.accounts.models import Role
from register.models import Registration
from register.services import registration_status_change
from tests.factories import person
from tests.queries import queries_for

from .factories import registered

pytestmark = pytest.mark.django_db

URL = "/register/openbaar/"


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def _rows(response) -> list[list[str]]:
    return [
        [td.get_text(" ", strip=True) for td in tr.select("td")]
        for tr in _soup(response).select("tbody tr")
    ]


def _names(response) -> list[str]:
    return [row[0] for row in _rows(response)]


@pytest.fixture
def office(db):
    return person(Role.REGISTER_OFFICE)


@pytest.fixture
def standing(office):
    who = person(Role.JUNIOR, first_name="Eline", last_name="Bosman")
    return registered(who, office, since=timezone.localdate() - dt.timedelta(days=30))


@pytest.fixture
def struck_off(office):
    who = person(Role.JUNIOR, first_name="Karel", last_name="Bosman")
    registration = registered(who, office, since=timezone.localdate() - dt.timedelta(days=60))
    registration_status_change(
        actor=office, registration=registration, status="struck_off", reason="Op verzoek."
    )
    return registration


@pytest.fixture
def lapsed(office):
    """Past its last day (the nightly expiry has not run yet)."""
    who = person(Role.JUNIOR, first_name="Wim", last_name="Bosman")
    return registered(who, office, since=timezone.localdate() - dt.timedelta(days=5 * 366))


def test_a_standing_registration_is_found_by_name_and_by_part_of_its_number(
    client, standing, struck_off, lapsed
):
    assert client.get(URL).status_code == 200
    for query in ("Bosman", "eline", "Eline Bosman"):
        assert _names(client.get(URL, {"q": query})) == ["Eline Bosman"], query
    part = standing.number[-4:]
    rows = _rows(client.get(URL, {"q": part}))
    assert [row[1] for row in rows] == [standing.number]
    name, number, status, valid_until = rows[0]
    assert status == "actief"
    assert valid_until == standing.valid_until.strftime("%d-%m-%Y")


@pytest.mark.parametrize("which", ["struck_off", "lapsed"])
def test_an_ended_registration_is_never_found_by_name_or_part_of_its_number(
    client, request, standing, which
):
    ended = request.getfixturevalue(which)
    for query in (ended.person.first_name, ended.person.last_name, ended.number[:-1], "OW"):
        response = client.get(URL, {"q": query})
        rows = _rows(response)
        assert ended.number not in [row[1] for row in rows], query
        assert all(ended.person.first_name not in row[0] for row in rows), query
        assert "niet meer ingeschreven" not in _soup(response).main.get_text(" ", strip=True)


@pytest.mark.parametrize("which", ["struck_off", "lapsed"])
def test_an_ended_registration_answers_its_exact_number_without_a_name(
    client, request, standing, which
):
    ended = request.getfixturevalue(which)
    for query in (ended.number, ended.number.lower(), f"  {ended.number} "):
        response = client.get(URL, {"q": query})
        text = _soup(response).get_text(" ", strip=True)
        assert f"Registernummer {ended.number}: niet meer ingeschreven." in text
        assert ended.person.first_name not in text
        assert _rows(response) == []


def test_a_standing_registration_has_a_page_with_name_number_and_valid_until(client, standing):
    listed = _soup(client.get(URL, {"q": "Eline"})).select_one("tbody a")
    url = reverse("register:public_entry", args=[standing.number])
    assert listed["href"] == url
    response = client.get(url)
    assert response.status_code == 200
    facts = [dd.get_text(strip=True) for dd in _soup(response).select("dl.facts dd")]
    assert facts == [
        "Eline Bosman",
        standing.number,
        standing.valid_until.strftime("%d-%m-%Y"),
    ]
    assert standing.person.email not in response.content.decode()


@pytest.mark.parametrize("which", ["struck_off", "lapsed"])
def test_the_page_of_an_ended_registration_is_a_404_that_names_nobody(client, request, which):
    """Its URL holds the exact number, so it says what the search says of that number, and
    no more; 404, so that nothing keeps it in an index."""
    ended = request.getfixturevalue(which)
    response = client.get(reverse("register:public_entry", args=[ended.number]))
    assert response.status_code == 404
    text = _soup(response).get_text(" ", strip=True)
    assert f"Registernummer {ended.number}: niet meer ingeschreven." in text
    assert ended.person.first_name not in text
    assert ended.person.last_name not in text


def test_an_unknown_number_and_odd_input_get_a_404_or_nobody(client, standing):
    assert client.get(reverse("register:public_entry", args=["OW-1900-00001"])).status_code == 404
    for query in ("zzz-niemand", "\x00", "<b>", "x" * 500, "%"):
        response = client.get(URL, {"q": query, "page": "x"})
        assert response.status_code == 200
        assert _rows(response) == []


def test_a_suspended_registration_does_not_stand(client, office, standing):
    registration_status_change(
        actor=office, registration=standing, status="suspended", reason="Onderzoek."
    )
    assert _rows(client.get(URL, {"q": "Eline"})) == []
    assert client.get(reverse("register:public_entry", args=[standing.number])).status_code == 404


def test_results_are_paged_and_cost_the_same_for_few_and_many(
    client, office, django_assert_num_queries
):
    since = timezone.localdate() - dt.timedelta(days=10)
    for i in range(3):
        registered(person(Role.JUNIOR, last_name=f"Visser{i:02d}"), office, since=since)
    url = f"{URL}?q=Visser"
    few = queries_for(client, url)
    for i in range(3, 30):
        registered(person(Role.JUNIOR, last_name=f"Visser{i:02d}"), office, since=since)
    with django_assert_num_queries(few):
        first = client.get(url)
    assert len(_rows(first)) == 25
    assert "30 ingeschreven opbouwwerkers gevonden." in _soup(first).get_text(" ", strip=True)
    second = client.get(URL, {"q": "Visser", "page": 2})
    assert [row[0].split()[-1] for row in _rows(second)] == [
        f"Visser{i:02d}" for i in range(25, 30)
    ]
    assert 'href="?q=Visser&amp;page=1"' in second.content.decode()


def test_the_registration_page_costs_a_fixed_number_of_queries(client, standing):
    """The registration with its status and name in one query; the rest is the site shell."""
    shell = queries_for(client, URL)
    assert queries_for(client, reverse("register:public_entry", args=[standing.number])) == (
        shell + 1
    )


def test_the_form_is_a_get_form(client, standing):
    form = _soup(client.get(URL)).select_one("main form")
    assert form.get("method") == "get"
    assert Registration.objects.count() == 1
