import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_start_page_says_who_and_which_roles(client, junior, site):
    client.force_login(junior)
    response = client.get(reverse("dashboard:home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert junior.get_full_name() in html
    assert "Junior opbouwwerker" in html


def test_start_page_needs_login(client):
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
