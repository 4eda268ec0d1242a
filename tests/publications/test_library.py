"""The library: filters and Dutch full-text search as the catalogue has them, the site search,
the Atom feed, and the queries of both."""

import html
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from publications.models import PublicationKind

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in soup.select(".card-list h2")]


@pytest.fixture
def shelf(publish):
    return [
        publish(
            "Handboek opbouwwerk",
            year=1998,
            approaches=["strategisch"],
            work_forms=["project"],
            work_settings=["territoriaal"],
            abstract="Het standaardstudieboek over methoden en technieken.",
        ),
        publish(
            "Wijken in beweging",
            kind=PublicationKind.ARTICLE,
            year=2024,
            journal="MO/Samenlevingsopbouw",
            approaches=["zelfredzaamheid"],
            work_forms=["campagne"],
            work_settings=["categoriaal"],
            abstract="Bewonersorganisaties en hun buurthuizen.",
        ),
        publish(
            "Opbouwwerk 2000, beeld & perspectief",
            kind=PublicationKind.REPORT,
            year=2000,
            approaches=["strategisch", "sociaal_organisatorisch"],
            work_forms=["ontwikkeltraject"],
        ),
    ]


def test_library_lists_newest_first(client, library, shelf):
    assert titles(client.get(library.url)) == [
        "Wijken in beweging",
        "Opbouwwerk 2000, beeld & perspectief",
        "Handboek opbouwwerk",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=artikel", ["Wijken in beweging"]),
        ("year=1998", ["Handboek opbouwwerk"]),
        ("approach=strategisch", ["Opbouwwerk 2000, beeld & perspectief", "Handboek opbouwwerk"]),
        ("form=campagne", ["Wijken in beweging"]),
        ("setting=territoriaal", ["Handboek opbouwwerk"]),
        ("approach=strategisch&kind=rapport", ["Opbouwwerk 2000, beeld & perspectief"]),
        # Dutch stemming on PostgreSQL, FTS5 prefixes on SQLite: both find the plural's stem.
        ("q=buurthuizen", ["Wijken in beweging"]),
        ("q=standaardstudieboek", ["Handboek opbouwwerk"]),
        ("q=%22%29%28*", []),
        ("kind=onbekend&year=abc", None),
    ],
)
def test_library_filters_and_search(client, library, shelf, query, expected):
    response = client.get(f"{library.url}?{query}")
    assert response.status_code == 200
    if expected is None:  # an unknown value counts as not given
        assert len(titles(response)) == 3
    else:
        assert titles(response) == expected


def test_site_search_finds_publications(client, shelf):
    response = client.get("/zoeken/", {"q": "buurthuizen"})
    assert "Wijken in beweging" in response.content.decode()
    response = client.get("/zoeken/", {"q": "Bewonersorganisaties"})
    assert "Wijken in beweging" in response.content.decode()
    # Every publication is found by the word "publicatie", and by its kind.
    found = client.get("/zoeken/", {"q": "publicatie"}).content.decode()
    assert all(html.escape(p.title) in found for p in shelf), found
    found = client.get("/zoeken/", {"q": "rapport"}).content.decode()
    assert html.escape(shelf[2].title) in found and shelf[0].title not in found


def test_library_query_count_does_not_grow(client, library, publish, django_assert_num_queries):
    def make(count, start):
        for i in range(count):
            publish(f"Artikel {start + i}", kind=PublicationKind.ARTICLE, year=2020)

    url = library.url + "?kind=artikel&approach="
    make(5, 0)
    client.get(url)  # fills caches that outlive a request (site root paths)
    with CaptureQueriesContext(connection) as five:
        response = client.get(url + "&r=1")
    assert len(titles(response)) == 5
    assert len(five) <= 15
    make(45, 5)
    with django_assert_num_queries(len(five)):
        response = client.get(url + "&r=2")
    assert len(titles(response)) == 20


def test_atom_feed_is_valid_atom_with_the_newest_first(client, shelf):
    response = client.get("/publicaties/atom.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    # RFC 4287: a feed has an id, a title and an updated; so has every entry, with a link.
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    assert feed.find(f"{ATOM}link[@rel='self']").get("href").endswith("/publicaties/atom.xml")
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [p.title for p in reversed(shelf)]
    for entry in entries:
        for required in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{required}") is not None, required
        assert entry.find(f"{ATOM}author/{ATOM}name").text == "Jansen, P.; De Vries, A."
        assert entry.find(f"{ATOM}link").get("href").startswith("http")


def test_feed_query_count_does_not_grow(client, publish, django_assert_num_queries):
    for i in range(3):
        publish(f"Artikel {i}", kind=PublicationKind.ARTICLE, year=2020)
    client.get("/publicaties/atom.xml")
    with CaptureQueriesContext(connection) as few:
        client.get("/publicaties/atom.xml")
    for i in range(3, 30):
        publish(f"Artikel {i}", kind=PublicationKind.ARTICLE, year=2020)
    with django_assert_num_queries(len(few)):
        response = client.get("/publicaties/atom.xml")
    assert len(ET.fromstring(response.content).findall(f"{ATOM}entry")) == 20


def test_publication_page_shows_its_facts_and_citations(client, shelf):
    response = client.get(shelf[1].url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "MO/Samenlevingsopbouw" in html and "Bevordering zelfredzaamheid" in html
    assert f"/publicaties/{shelf[1].pk}/citatie.ris" in html
