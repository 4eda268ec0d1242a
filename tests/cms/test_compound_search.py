"""Dutch writes compounds as one word: a search for "participatie" finds "Bewonersparticipatie
organiseren", in the site search and in the catalogue, on SQLite and on PostgreSQL alike; the
pages the backend finds by whole words still come first."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from cms.models import ContentPage
from courses.selectors import CatalogueFilters, catalogue_courses
from courses.services import catalogue_ensure
from tests.courses.factories import CoursePageFactory, make_provider

pytestmark = pytest.mark.django_db

# (what a visitor types, the title that holds it inside a compound)
COMPOUNDS = [
    ("participatie", "Bewonersparticipatie organiseren"),
    ("wijk", "Wijkaanpak in de praktijk"),
    ("buurt", "Buurtbemiddeling voor beginners"),
    ("armoede", "Kinderarmoedebestrijding in gemeenten"),
    ("netwerk", "Straatnetwerken versterken"),
    ("gesprek", "Keukentafelgesprekken voeren"),
    ("kracht", "Veerkrachtige gemeenschappen"),
    ("welzijn", "Jeugdwelzijnswerk vandaag"),
    ("analyse", "Krachtenveldanalyse"),
    ("Bewoners", "Bewonersparticipatie organiseren"),
]
TITLES = sorted({title for _, title in COMPOUNDS})


def _titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select("ol.results a")]


@pytest.fixture
def content(site):
    for i, title in enumerate(TITLES):
        page = ContentPage(title=title, slug=f"samengesteld-{i}", intro="Over het werk.")
        site.add_child(instance=page)
        page.save_revision().publish()


@pytest.fixture
def courses(site):
    provider = make_provider(catalogue=catalogue_ensure(home=site))
    for title in TITLES:
        CoursePageFactory(parent=provider, title=title).save_revision().publish()


@pytest.mark.parametrize(("query", "title"), COMPOUNDS)
def test_the_site_search_finds_a_word_inside_a_compound(client, content, query, title):
    assert title in _titles(client.get(reverse("search"), {"q": query}))


@pytest.mark.parametrize(("query", "title"), COMPOUNDS)
def test_the_catalogue_finds_a_word_inside_a_compound(courses, query, title):
    found = [c.title for c in catalogue_courses(filters=CatalogueFilters(q=query))]
    assert title in found


def test_the_catalogue_page_filters_by_a_compound(client, courses):
    response = client.get("/cursussen/", {"q": "participatie"}, follow=True)
    text = response.content.decode()
    assert "Bewonersparticipatie organiseren" in text
    assert "Keukentafelgesprekken voeren" not in text


def test_whole_words_come_first_then_compounds(client, site, content):
    whole = ContentPage(title="Participatie", slug="participatie", intro="Participatie.")
    site.add_child(instance=whole)
    whole.save_revision().publish()
    titles = _titles(client.get(reverse("search"), {"q": "participatie"}))
    assert titles.index("Participatie") < titles.index("Bewonersparticipatie organiseren")


def test_every_word_must_be_in_the_title_and_short_words_are_not_looked_for_inside(client, content):
    assert _titles(client.get(reverse("search"), {"q": "buurt bemiddeling"})) == [
        "Buurtbemiddeling voor beginners"
    ]
    assert _titles(client.get(reverse("search"), {"q": "buurt zzzz"})) == []
    # "in" stands in many titles as part of a word; only the backend's whole words count.
    assert "Kinderarmoedebestrijding in gemeenten" not in _titles(
        client.get(reverse("search"), {"q": "kin"})
    )


def test_odd_input_finds_nothing_and_never_fails(client, content):
    for q in ("%", "_", "%%%%", "\\", "' OR 1=1 --"):
        response = client.get(reverse("search"), {"q": q})
        assert response.status_code == 200
        assert _titles(response) == []
