"""The College accredits courses; nobody reviews a course they have a stake in."""

import datetime as dt
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from courses.models import AccreditationDecision, AccreditationRequest
from courses.selectors import accreditation_status, edition_points
from courses.services import (
    AccreditationConflict,
    accreditation_decide,
    accreditation_request_submit,
)
from lms.accounts.models import OutboundEmail, Role
from tests.factories import person
from tests.queries import queries_for

from .factories import AccreditationDecisionFactory, CoursePageFactory, EditionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(provider_a, editor_a):
    course = CoursePageFactory(parent=provider_a, points_requested=Decimal("40"))
    return accreditation_request_submit(course=course, user=editor_a, note="")


def decision_form(**overrides):
    today = timezone.localdate()
    data = {
        "outcome": "toegekend",
        "points_granted": "36",
        "valid_from": today.isoformat(),
        "valid_until": (today + dt.timedelta(days=3 * 365)).isoformat(),
        "motivation": "Sluit goed aan bij de werkwijzen uit het statuut.",
    }
    data.update(overrides)
    return data


def test_board_member_accredits_a_course_in_the_admin(client, submitted, board_member, editor_a):
    client.force_login(board_member)
    index = client.get(reverse("courses_accreditation:index"))
    assert submitted.course.title in index.content.decode()
    url = reverse("courses_accreditation:review", args=[submitted.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, decision_form())
    assert response.status_code == 302

    decision = AccreditationDecision.objects.get()
    assert decision.reviewer == board_member
    assert decision.points_granted == Decimal("36")
    submitted.refresh_from_db()
    assert submitted.status == AccreditationRequest.Status.DECIDED
    status = accreditation_status(course=submitted.course)
    assert status.accredited and status.points == Decimal("36")
    letter = OutboundEmail.objects.get(key__startswith="accreditation-decision:")
    assert letter.to == editor_a.email
    assert "Toegekend" in letter.body


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"points_granted": "-1"}, "Het aantal punten kan niet negatief zijn."),
        ({"valid_until": "2020-01-01"}, "De geldigheid eindigt voordat zij begint."),
        ({"points_granted": ""}, "Geef het aantal toegekende punten."),
    ],
)
def test_bad_decisions_are_refused_in_dutch(client, submitted, board_member, overrides, message):
    client.force_login(board_member)
    response = client.post(
        reverse("courses_accreditation:review", args=[submitted.pk]), decision_form(**overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AccreditationDecision.objects.exists()


def test_the_college_marks_a_course_repeatable_once_per_calendar_year(
    client, submitted, board_member, editor_a
):
    client.force_login(board_member)
    url = reverse("courses_accreditation:review", args=[submitted.pk])
    form = BeautifulSoup(client.get(url).content, "html.parser")
    box = form.find("input", attrs={"name": "repeatable_yearly", "type": "checkbox"})
    label = form.find("label", attrs={"for": box["id"]}).get_text(strip=True).rstrip(":")
    assert label == "Herhaalbaar: telt eens per kalenderjaar"
    assert not box.has_attr("checked")

    response = client.post(url, decision_form(repeatable_yearly="on"))
    assert response.status_code == 302
    decision = AccreditationDecision.objects.get()
    assert decision.repeatable_yearly is True
    status = accreditation_status(course=submitted.course)
    assert status.repeatable_yearly is True
    assert (
        "eens per kalenderjaar"
        in OutboundEmail.objects.get(key__startswith="accreditation-decision:").body
    )
    again = accreditation_request_submit(course=submitted.course, user=editor_a)
    history = BeautifulSoup(
        client.get(reverse("courses_accreditation:review", args=[again.pk])).content,
        "html.parser",
    )
    assert "eens per kalenderjaar" in history.find("table", class_="listing").get_text()


def test_only_a_grant_makes_a_course_repeatable(client, submitted, board_member):
    client.force_login(board_member)
    response = client.post(
        reverse("courses_accreditation:review", args=[submitted.pk]),
        decision_form(
            outcome="afgewezen",
            points_granted="",
            valid_from="",
            valid_until="",
            repeatable_yearly="on",
        ),
    )
    assert response.status_code == 200
    assert "Alleen een toekenning kan een cursus herhaalbaar maken." in response.content.decode()
    assert not AccreditationDecision.objects.exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        AccreditationDecisionFactory(
            course=submitted.course,
            reviewer=board_member,
            outcome=AccreditationDecision.Outcome.REFUSED,
            points_granted=None,
            valid_from=None,
            valid_until=None,
            repeatable_yearly=True,
        )


def test_a_decision_without_the_box_ticked_is_not_repeatable(submitted, board_member):
    decision = accreditation_decide(
        request=submitted,
        reviewer=board_member,
        outcome=AccreditationDecision.Outcome.GRANTED,
        points_granted=Decimal("40"),
        valid_from=timezone.localdate(),
        valid_until=timezone.localdate() + dt.timedelta(days=365),
        motivation="Voldoet.",
    )
    assert decision.repeatable_yearly is False
    assert accreditation_status(course=submitted.course).repeatable_yearly is False


def test_database_refuses_negative_points_and_reversed_validity(provider_a, board_member):
    course = CoursePageFactory(parent=provider_a)
    today = timezone.localdate()
    with pytest.raises(IntegrityError), transaction.atomic():
        AccreditationDecisionFactory(course=course, reviewer=board_member, points_granted=-1)
    with pytest.raises(IntegrityError), transaction.atomic():
        AccreditationDecisionFactory(
            course=course,
            reviewer=board_member,
            valid_from=today,
            valid_until=today - dt.timedelta(days=1),
        )


def test_every_decision_is_kept(submitted, board_member, editor_a):
    accreditation_decide(
        request=submitted,
        reviewer=board_member,
        outcome=AccreditationDecision.Outcome.MORE_INFORMATION,
        motivation="Welke leerdoelen horen bij welke bijeenkomst?",
    )
    again = accreditation_request_submit(course=submitted.course, user=editor_a)
    accreditation_decide(
        request=again,
        reviewer=board_member,
        outcome=AccreditationDecision.Outcome.GRANTED,
        points_granted=Decimal("40"),
        valid_from=timezone.localdate(),
        valid_until=timezone.localdate() + dt.timedelta(days=365),
        motivation="Nu compleet.",
    )
    outcomes = list(submitted.course.accreditation_decisions.values_list("outcome", flat=True))
    assert outcomes == ["toegekend", "meer-informatie"]


def test_a_decided_request_is_not_decided_again(submitted, board_member):
    accreditation_decide(
        request=submitted, reviewer=board_member, outcome="afgewezen", motivation="Te smal."
    )
    with pytest.raises(ValidationError):
        accreditation_decide(
            request=submitted, reviewer=board_member, outcome="afgewezen", motivation="Nogmaals."
        )


@pytest.fixture
def member_of_provider_organisation(provider_a):
    return person(Role.BOARD_MEMBER, profile__organisation=provider_a.organisation)


@pytest.fixture
def board_member_who_edits(provider_a):
    from courses.services import provider_editor_add

    member = person(Role.BOARD_MEMBER)
    provider_editor_add(provider=provider_a, user=member)
    return member


@pytest.mark.parametrize("reviewer", ["member_of_provider_organisation", "board_member_who_edits"])
def test_a_board_member_with_a_stake_cannot_review(client, request, submitted, reviewer):
    member = request.getfixturevalue(reviewer)
    client.force_login(member)
    # The task is not offered...
    index = client.get(reverse("courses_accreditation:index"))
    assert index.status_code == 200
    assert submitted.course.title not in index.content.decode()
    # ...and a direct request is refused.
    url = reverse("courses_accreditation:review", args=[submitted.pk])
    assert client.get(url).status_code in (302, 403)
    response = client.post(url, decision_form())
    assert response.status_code in (302, 403)
    assert not AccreditationDecision.objects.exists()
    with pytest.raises(AccreditationConflict):
        accreditation_decide(
            request=submitted, reviewer=member, outcome="afgewezen", motivation="Nee."
        )


def test_only_board_members_review(client, submitted, editor_b):
    client.force_login(editor_b)
    response = client.post(
        reverse("courses_accreditation:review", args=[submitted.pk]), decision_form()
    )
    assert response.status_code in (302, 403)
    assert not AccreditationDecision.objects.exists()


def test_only_editions_starting_inside_a_valid_accreditation_yield_points(provider_a):
    course = CoursePageFactory(parent=provider_a)
    AccreditationDecisionFactory(
        course=course,
        points_granted=Decimal("24"),
        valid_from=dt.date(2026, 1, 1),
        valid_until=dt.date(2027, 12, 31),
    )
    AccreditationDecisionFactory(
        course=course,
        outcome=AccreditationDecision.Outcome.REFUSED,
        points_granted=None,
        valid_from=None,
        valid_until=None,
    )
    inside = EditionFactory(course=course, start_date=dt.date(2027, 12, 31))
    before = EditionFactory(course=course, start_date=dt.date(2025, 12, 31))
    after = EditionFactory(course=course, start_date=dt.date(2028, 1, 1))
    assert edition_points(inside) == Decimal("24")
    assert edition_points(before) == 0
    assert edition_points(after) == 0


def test_course_page_shows_accreditation(client, provider_a, course_with_edition):
    course = course_with_edition(provider_a)
    html = client.get(course.url).content.decode()
    assert "Niet geaccrediteerd" in html
    until = timezone.localdate() + dt.timedelta(days=400)
    AccreditationDecisionFactory(course=course, points_granted=Decimal("36"), valid_until=until)
    html = client.get(course.url).content.decode()
    assert f"Geaccrediteerd: 36 punten, geldig tot {until:%d-%m-%Y}" in html


def test_the_college_list_of_requests_costs_the_same_for_3_and_15(
    client, provider_a, provider_b, editor_a, editor_b, board_member, django_assert_num_queries
):
    def submit(n):
        # From two providers, so that each row names its own provider.
        for i in range(n):
            provider, editor = (provider_a, editor_a) if i % 2 else (provider_b, editor_b)
            course = CoursePageFactory(parent=provider, points_requested=Decimal("20"))
            accreditation_request_submit(course=course, user=editor, note="")

    submit(3)
    client.force_login(board_member)
    url = reverse("courses_accreditation:index")
    few = queries_for(client, url)
    submit(12)
    with django_assert_num_queries(few):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
    rows = soup.select("table.listing tbody tr")
    assert len(rows) == 15
    assert sum(provider_a.title in row.get_text() for row in rows) == 7
