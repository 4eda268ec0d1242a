"""The record of learning and outside activities with private evidence."""

import datetime as dt
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.models import OutsideActivity
from courses.services import completion_create, outside_activity_decide, outside_activity_submit
from lms.accounts.models import Role
from tests.factories import person
from tests.queries import queries_for
from tests.register.factories import outside_activity

from .factories import AccreditationDecisionFactory, course_ran, enrol

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="bewijs.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _form(**overrides):
    data = {
        "title": "Congres wijkaanpak",
        "organiser": "Landelijk Platform",
        "date": "15-09-2026",
        "hours": "6,5",
        "course_kind": "",
        "evidence": pdf(),
    }
    data.update(overrides)
    return data


def test_practitioner_adds_an_outside_activity_with_evidence(client, junior):
    client.force_login(junior)
    response = client.post(reverse("courses:record"), _form(), follow=True)
    assert "ingediend bij het registerbureau" in response.content.decode()
    activity = OutsideActivity.objects.get()
    assert (activity.hours, activity.points) == (Decimal("6.5"), Decimal("6.5"))
    assert activity.status == OutsideActivity.Status.SUBMITTED
    # Stored on the private storage, outside MEDIA_ROOT: no MEDIA_URL serves it.
    assert not activity.evidence.path.startswith(str(settings.MEDIA_ROOT))
    assert activity.evidence.path.startswith(str(storages["private"].location))
    page = client.get(reverse("courses:record")).content.decode()
    assert "Congres wijkaanpak" in page
    assert "6,5" in page


def test_executable_renamed_to_pdf_is_refused(client, junior):
    client.force_login(junior)
    response = client.post(
        reverse("courses:record"), _form(evidence=pdf("bewijs.pdf", b"MZ\x90\x00\x03binary"))
    )
    assert "PDF-, JPEG- of PNG-bestand" in response.content.decode()
    assert not OutsideActivity.objects.exists()


def test_evidence_larger_than_ten_megabytes_is_refused(junior):
    big = pdf(content=PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError, match="groter dan 10 MB"):
        outside_activity_submit(
            person=junior,
            title="x",
            organiser="y",
            date=dt.date(2026, 1, 1),
            hours=Decimal(2),
            evidence=big,
        )


def test_evidence_is_shown_to_owner_and_register_office_only(
    client, junior, senior, register_office
):
    activity = outside_activity_submit(
        person=junior,
        title="Training",
        organiser="Wijkacademie",
        date=dt.date(2026, 2, 1),
        hours=Decimal(3),
        evidence=pdf(),
    )
    url = reverse("courses:evidence_download", args=[activity.pk])
    client.force_login(senior)
    assert client.get(url).status_code == 404
    client.force_login(junior)
    assert b"".join(client.get(url).streaming_content).startswith(b"%PDF")
    client.force_login(register_office)
    assert client.get(url).status_code == 200


def test_register_office_accepts_or_rejects(client, junior, register_office):
    activity = outside_activity_submit(
        person=junior,
        title="Training",
        organiser="Wijkacademie",
        date=dt.date(2026, 2, 1),
        hours=Decimal(3),
        evidence=pdf(),
    )
    with pytest.raises(PermissionDenied):
        outside_activity_decide(activity=activity, actor=junior, accept=True)
    client.force_login(register_office)
    assert "Training" in client.get(reverse("courses:outside_activities")).content.decode()
    client.post(
        reverse("courses:outside_activities"),
        {"activity": activity.pk, "decision": "accept", "note": ""},
    )
    activity.refresh_from_db()
    assert activity.status == OutsideActivity.Status.ACCEPTED
    assert activity.decided_by == register_office
    with pytest.raises(ValidationError, match="al beslist"):
        outside_activity_decide(activity=activity, actor=register_office, accept=False, note="x")


def test_record_shows_each_completion_and_leaves_counting_to_the_register(
    client, edition, junior, editor_a
):
    AccreditationDecisionFactory(course=edition.course, points_granted=Decimal("20"))
    enrolment = enrol(edition, junior)
    course_ran(edition)
    completion_create(enrolment=enrolment, actor=editor_a, reason="Klaar")
    client.force_login(junior)
    page = client.get(reverse("courses:record")).content.decode()
    assert "Post-HBO-cursus" in page
    assert "geaccrediteerd voor 20 punten" in page
    assert reverse("courses:certificate_pdf", args=[1]).rsplit("/", 2)[0] in page
    # No total of its own: what counts is the register's, one link away.
    assert "van 120" not in page
    assert f'href="{reverse("register:my_status_entries", args=["points"])}"' in page


def test_the_office_list_of_outside_activities_costs_the_same_for_4_and_24(
    client, register_office, django_assert_num_queries
):
    def add(n):
        # Half wait for a decision, half were decided by the office.
        for i in range(n):
            decided = i % 2 == 0
            outside_activity(
                who=person(Role.JUNIOR),
                on=dt.date(2026, 2, 1),
                status=OutsideActivity.Status.ACCEPTED
                if decided
                else OutsideActivity.Status.SUBMITTED,
                decider=register_office,
            )

    add(4)
    client.force_login(register_office)
    url = reverse("courses:outside_activities")
    few = queries_for(client, url)
    add(20)
    with django_assert_num_queries(few):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
    assert len(soup.select("article.card form")) == 12
    assert len(soup.select("ul.link-list li")) == 12
