"""The site shell (menu and footer) is kept between requests, and a change to what it shows
is on the next page at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from cms.models import ContentPage, MenuItem, NavigationSettings
from tests.factories import person

pytestmark = pytest.mark.django_db

SHELL_TABLES = ("cms_navigationsettings", "cms_menuitem")


def shell_queries(client, url="/zoeken/") -> list[str]:
    """The queries of one visit that read the navigation settings or the menu."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in queries if any(t in q["sql"] for t in SHELL_TABLES)]


@pytest.fixture
def junior_client(client, site):
    from lms.accounts.models import Role

    client.force_login(person(Role.JUNIOR))
    return client


def test_the_shell_is_read_once_and_then_kept(junior_client):
    assert shell_queries(junior_client)
    assert shell_queries(junior_client) == []


def test_a_renamed_menu_item_shows_on_the_next_page(
    junior_client, django_capture_on_commit_callbacks
):
    junior_client.get("/zoeken/")
    item = MenuItem.objects.order_by("sort_order").first()
    with django_capture_on_commit_callbacks(execute=True):
        item.label = "Ons aanbod"
        item.save()
    assert "Ons aanbod" in junior_client.get("/zoeken/").content.decode()


def test_a_new_contact_address_shows_on_the_next_page(
    junior_client, django_capture_on_commit_callbacks
):
    junior_client.get("/zoeken/")
    nav = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    with django_capture_on_commit_callbacks(execute=True):
        nav.contact_email = "balie@example.org"
        nav.save()
    assert "mailto:balie@example.org" in junior_client.get("/zoeken/").content.decode()


def test_a_page_published_under_the_home_page_joins_the_footer(
    junior_client, site, django_capture_on_commit_callbacks
):
    junior_client.get("/zoeken/")
    page = ContentPage(title="Nieuw in de voettekst", slug="nieuw", show_in_menus=True)
    with django_capture_on_commit_callbacks(execute=True):
        site.add_child(instance=page)
        page.save_revision().publish()
    footer = junior_client.get("/zoeken/").content.decode().split('class="site-footer"')[1]
    assert "Nieuw in de voettekst" in footer


def test_a_page_published_deeper_in_the_tree_keeps_the_shell(
    junior_client, site, django_capture_on_commit_callbacks
):
    parent = ContentPage.objects.child_of(site).live().first()
    junior_client.get("/zoeken/")
    with django_capture_on_commit_callbacks(execute=True):
        child = ContentPage(title="Een artikel", slug="een-artikel")
        parent.add_child(instance=child)
        child.save_revision().publish()
    assert shell_queries(junior_client) == []
