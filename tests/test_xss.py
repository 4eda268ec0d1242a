"""Script in what people type is shown as text, never run: names, coaching summaries and
private notes, page titles and search terms."""

import pytest
from django.urls import reverse

from lms.accounts.models import Role
from tests.factories import person
from tests.mentoring.factories import CoachingSessionFactory, TrajectoryFactory

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)>",
]


def _assert_inert(html: str, payload: str) -> None:
    assert payload not in html
    assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
    assert "<script>alert" not in html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_hostile_name_is_escaped_on_the_start_page(client, site, payload):
    junior = person(Role.JUNIOR, first_name=payload, last_name="Test")
    client.force_login(junior)
    html = client.get(reverse("dashboard:home")).content.decode()
    _assert_inert(html, payload)
    assert "&lt;" in html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_coaching_text_is_escaped_for_both_people(client, site, payload):
    trajectory = TrajectoryFactory()
    session = CoachingSessionFactory(
        trajectory=trajectory, summary=f"Samenvatting {payload}", private_note=payload
    )
    url = reverse("mentoring:session_detail", args=[session.pk])
    for viewer in (trajectory.senior, trajectory.junior):
        client.force_login(viewer)
        response = client.get(url)
        assert response.status_code == 200
        _assert_inert(response.content.decode(), payload)


def test_the_junior_never_sees_the_private_note(client, site):
    trajectory = TrajectoryFactory()
    session = CoachingSessionFactory(trajectory=trajectory, private_note="Alleen voor de senior")
    client.force_login(trajectory.junior)
    html = client.get(reverse("mentoring:session_detail", args=[session.pk])).content.decode()
    assert "Alleen voor de senior" not in html


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_hostile_search_term_is_escaped(client, site, payload):
    html = client.get(reverse("search"), {"q": payload}).content.decode()
    _assert_inert(html, payload)
