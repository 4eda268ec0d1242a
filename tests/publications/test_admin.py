"""The library in the Wagtail admin: where its pages go and that their forms open."""

import pytest
from django.urls import reverse

from cms.models import HomePage
from publications.models import LibraryPage, PublicationPage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_page_tree_rules():
    assert LibraryPage in HomePage.allowed_subpage_models()
    assert PublicationPage.allowed_parent_page_models() == [LibraryPage]
    assert LibraryPage.allowed_subpage_models() == [PublicationPage]


def test_superuser_adds_a_publication_and_sees_the_policy_points(client, library, publish):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.get(f"/admin/pages/add/publications/publicationpage/{library.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="authors"' in html and "author_accounts-TOTAL_FORMS" in html
    page = publish("Bestaand", kind="artikel")
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    policy_form = client.get(reverse("register_policy:add")).content.decode()
    assert 'name="points_per_article"' in policy_form and 'name="points_per_book"' in policy_form
