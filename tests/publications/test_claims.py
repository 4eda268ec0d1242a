"""Claiming a publication as outside activity: the policy's points, once per person, counted by
the register after the office accepts it."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from courses.models import OutsideActivity
from courses.services import outside_activity_decide
from publications.models import PublicationClaim, PublicationKind
from register.selectors import register_status
from register.services import publication_claim, register_policy_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def book(publish, senior):
    return publish("Wijkgericht werken", year=2026, author_accounts=[senior], publisher="SWP")


def test_claim_creates_one_activity_with_the_policy_points(senior, book):
    claim = publication_claim(person=senior, publication=book)
    activity = claim.activity
    assert activity.person == senior
    assert activity.status == OutsideActivity.Status.SUBMITTED
    assert activity.points == Decimal("10.0") == activity.hours
    assert activity.title == "Publicatie: Wijkgericht werken"
    assert activity.organiser == "SWP"
    assert activity.evidence.open("rb").read(5) == b"%PDF-"
    with pytest.raises(ValidationError, match="al opgevoerd"):
        publication_claim(person=senior, publication=book)
    assert OutsideActivity.objects.filter(person=senior).count() == 1


def test_the_database_refuses_a_second_claim(senior, book):
    claim = publication_claim(person=senior, publication=book)
    with pytest.raises(IntegrityError), transaction.atomic():
        PublicationClaim.objects.create(
            person=senior,
            publication=book,
            activity=OutsideActivity.objects.create(
                person=senior,
                title="x",
                organiser="x",
                date=claim.activity.date,
                hours=1,
                points=1,
                evidence="evidence/x.pdf",
            ),
        )


@pytest.mark.dates
def test_an_article_gets_the_article_points_of_the_policy_in_force(
    publish, senior, register_office
):
    # A version in force from today (the first version began long before).
    register_policy_create(
        actor=register_office,
        effective_from=timezone.localdate(),
        points_per_article=Decimal("6"),
    )
    article = publish(
        "Column over buurten", kind=PublicationKind.COLUMN, year=2025, author_accounts=[senior]
    )
    assert publication_claim(person=senior, publication=article).activity.points == Decimal("6")


def test_only_an_author_claims(junior, book):
    with pytest.raises(PermissionDenied):
        publication_claim(person=junior, publication=book)
    assert not OutsideActivity.objects.exists()


def test_claim_counts_in_the_register_after_the_office_accepts(
    client, senior, book, register_office
):
    client.force_login(senior)
    response = client.post(f"/register/publicaties/{book.pk}/opvoeren/")
    assert response.status_code == 302
    activity = OutsideActivity.objects.get(person=senior)

    def outside_points():
        return register_status(person=senior).evaluation.get("points").parts["outside_activity"]

    assert outside_points() == 0
    outside_activity_decide(activity=activity, actor=register_office, accept=True)
    assert outside_points() == Decimal("10.0")
    page = client.get("/register/mijn-status/points/").content.decode()
    assert "Publicatie: Wijkgericht werken" in page
    # The page shows the claim instead of the button.
    page = client.get(book.url).content.decode()
    assert "opvoeren" not in page and "Geaccepteerd" in page


def test_the_claim_button_shows_to_authors_only(client, senior, junior, book):
    client.force_login(junior)
    assert f"/register/publicaties/{book.pk}/opvoeren/" not in client.get(book.url).content.decode()
    client.force_login(senior)
    assert f"/register/publicaties/{book.pk}/opvoeren/" in client.get(book.url).content.decode()
    client.force_login(junior)
    assert client.post(f"/register/publicaties/{book.pk}/opvoeren/").status_code == 403
