"""The site shell: home page, menus, language switch, search and error pages."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page

from cms.models import CodeOfConductPage, ContentPage, HomePage
from tests.queries import queries_for

pytestmark = pytest.mark.django_db


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def test_home_page_is_dutch_with_the_main_navigation(client, site):
    response = client.get("/")
    soup = _soup(response)
    assert response.status_code == 200
    assert soup.html["lang"] == "nl"
    nav = soup.find("nav", attrs={"aria-label": "Hoofdmenu"})
    labels = [a.get_text(strip=True) for a in nav.find_all("a")]
    for label in ["Cursussen", "Begeleiding", "Register", "Zoeken"]:
        assert label in labels
    header = soup.find("header")
    assert header.find("a", string="Inloggen")["href"] == reverse("account_login")
    assert header.find("button", attrs={"name": "language", "value": "en"})


def test_page_has_one_h1_a_skip_link_and_landmarks(client, site):
    soup = _soup(client.get("/statuut/"))
    assert len(soup.find_all("h1")) == 1
    skip = soup.find("a", class_="skip-link")
    assert skip["href"] == "#main"
    assert soup.find("main", id="main")
    assert soup.find("header") and soup.find("footer")


def test_switching_to_english_translates_the_interface(client, site):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    soup = _soup(response)
    assert soup.html["lang"] == "en"
    assert soup.find("a", class_="skip-link").get_text(strip=True) == "Skip to content"
    assert soup.find("header").find("a", string="Log in")


def test_search_finds_a_page_by_a_dutch_word_from_its_body(client, site):
    response = client.get(reverse("search"), {"q": "werkwijzen"})
    titles = [a.get_text(strip=True) for a in _soup(response).select("ol.results a")]
    assert "Statuut opbouwwerk" in titles


def test_search_with_odd_input_never_fails(client, site):
    for q in ["", "   ", "<script>alert(1)</script>", "a" * 5000, "' OR 1=1 --", "🙂"]:
        response = client.get(reverse("search"), {"q": q, "page": "x"})
        assert response.status_code == 200
        assert b"<script>alert(1)</script>" not in response.content


def test_unknown_page_gets_the_dutch_404(client, site):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_a_page_below_a_section_is_found_and_a_wrong_path_is_not(client, site):
    statute = ContentPage.objects.get(slug="statuut")
    article = ContentPage(title="Artikel 4: de ballotage", slug="ballotage", intro="Wie beslist.")
    statute.add_child(instance=article)
    article.save_revision().publish()
    response = client.get("/statuut/ballotage/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Artikel 4: de ballotage" in html and "Wie beslist." in html
    assert client.get("/statuut/bestaat-niet/").status_code == 404
    assert client.get("/bestaat-niet/ballotage/").status_code == 404
    # The section itself is still served with its own fields.
    assert "Meer over dit onderwerp" in client.get("/statuut/").content.decode()


def test_content_pages_live_under_the_home_page(site):
    assert isinstance(site, HomePage)
    assert ContentPage.objects.child_of(site).live().count() >= 3
    assert CodeOfConductPage.objects.child_of(site).live().get().slug == "beroepscode"
    assert Page.objects.get(slug="statuut").get_parent().specific == site


def test_editors_get_the_editing_bar_on_site_pages_only(client, site, django_user_model):
    editor = django_user_model.objects.create_superuser(
        email="redacteur@example.org", password="x-redacteur-9"
    )
    client.force_login(editor)
    assert "<wagtail-userbar" in client.get("/statuut/").content.decode()
    assert "<wagtail-userbar" not in client.get(reverse("dashboard:home")).content.decode()


def test_search_costs_the_same_for_3_and_14_results(client, site, django_assert_num_queries):
    statute = ContentPage.objects.get(slug="statuut")

    def add(n):
        for _ in range(n):
            number = statute.get_children().count() + 1
            article = ContentPage(
                title=f"Artikel {number}: wijkkompas",
                slug=f"artikel-{number}",
                intro="Over het wijkkompas.",
                search_description=f"Samenvatting van artikel {number}.",
            )
            statute.add_child(instance=article)
            article.save_revision().publish()

    add(3)
    url = reverse("search") + "?q=wijkkompas"
    few = queries_for(client, url)
    add(11)
    with django_assert_num_queries(few):
        soup = _soup(client.get(url))
    # The first page of ten, each with its link and description.
    items = soup.select("ol.results li")
    assert len(items) == 10
    assert all(item.a["href"].startswith("/statuut/artikel-") for item in items)
    assert all("Samenvatting van artikel" in item.p.get_text() for item in items)
    assert "14 resultaten" in soup.get_text()
