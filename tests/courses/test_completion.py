"""Attendance, the completion rule, completing by hand, revoking, and the points credited."""

import datetime as dt
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from courses.models import Attendance, AttendanceCorrection, Completion
from courses.selectors import counting_completions
from courses.services import (
    attendance_mark,
    completion_create,
    completion_revoke,
    provider_editor_add,
)
from lms.accounts.models import Role
from tests.factories import person

from .factories import AccreditationDecisionFactory, course_ran, enrol

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


@pytest.fixture
def accredited(edition):
    AccreditationDecisionFactory(course=edition.course, points_granted=Decimal("12.5"))
    return edition


def _all_present(edition, enrolment, status=Attendance.Status.PRESENT):
    return {(enrolment.pk, m.pk): status for m in edition.meetings.all()}


def test_attendance_meeting_the_rule_completes_and_credits_points(
    client, accredited, junior, editor_a
):
    enrolment = enrol(accredited, junior)
    course_ran(accredited)
    client.force_login(editor_a)
    url = reverse("courses:attendance", args=[accredited.pk])
    form = client.get(url).content.decode()
    for meeting in accredited.meetings.all():
        assert f'name="a-{enrolment.pk}-{meeting.pk}"' in form
    data = {f"a-{enrolment.pk}-{m.pk}": "aanwezig" for m in accredited.meetings.all()}
    response = client.post(url, data, follow=True)
    assert "zijn afgerond" in response.content.decode()
    completion = Completion.objects.get()
    assert completion.points == Decimal("12.5")
    assert completion.accredited
    assert completion.completed_by is None
    assert completion.course_kind == accredited.course.kind
    assert completion.points == Decimal("12.5")
    assert counting_completions().filter(pk=completion.pk).exists()


def test_attendance_below_the_percentage_does_not_complete(accredited, junior, editor_a):
    enrolment = enrol(accredited, junior)
    course_ran(accredited)
    first, second = accredited.meetings.all()
    attendance_mark(
        edition=accredited,
        actor=editor_a,
        marks={
            (enrolment.pk, first.pk): Attendance.Status.PRESENT,
            (enrolment.pk, second.pk): Attendance.Status.EXCUSED,
        },
    )
    assert not Completion.objects.exists()


def test_attendance_for_someone_not_enrolled_is_refused(
    accredited, junior, practitioners, editor_a
):
    enrolment = enrol(accredited, junior)
    course_ran(accredited)
    meeting = accredited.meetings.first()
    with pytest.raises(ValidationError, match="alleen voor ingeschreven deelnemers"):
        attendance_mark(
            edition=accredited,
            actor=editor_a,
            marks={
                (enrolment.pk, meeting.pk): Attendance.Status.PRESENT,
                (enrolment.pk + 999, meeting.pk): Attendance.Status.PRESENT,
            },
        )
    assert not Attendance.objects.exists()


def test_other_provider_cannot_mark_attendance(accredited, junior, editor_b):
    enrolment = enrol(accredited, junior)
    with pytest.raises(PermissionDenied):
        attendance_mark(
            edition=accredited, actor=editor_b, marks=_all_present(accredited, enrolment)
        )


def test_editor_completes_by_hand_with_a_reason_and_not_twice(accredited, junior, editor_a):
    enrolment = enrol(accredited, junior)
    course_ran(accredited)
    with pytest.raises(ValidationError, match="reden"):
        completion_create(enrolment=enrolment, actor=editor_a, reason="")
    completion = completion_create(enrolment=enrolment, actor=editor_a, reason="Eindopdracht goed.")
    assert completion.completed_by == editor_a
    assert completion.reason == "Eindopdracht goed."
    with pytest.raises(ValidationError, match="al afgerond"):
        completion_create(enrolment=enrolment, actor=editor_a, reason="Nogmaals")
    assert Completion.objects.count() == 1


def test_not_accredited_edition_completes_with_zero_points(edition, junior, editor_a):
    enrolment = enrol(edition, junior)
    course_ran(edition)
    completion = completion_create(enrolment=enrolment, actor=editor_a, reason="Klaar")
    assert (completion.accredited, completion.points) == (False, Decimal(0))
    assert not counting_completions().filter(pk=completion.pk).exists()


def test_revocation_takes_the_points_back_and_is_kept(client, accredited, junior, editor_a):
    enrolment = enrol(accredited, junior)
    course_ran(accredited)
    completion = completion_create(enrolment=enrolment, actor=editor_a, reason="Klaar")
    client.force_login(editor_a)
    response = client.post(
        reverse("courses:completion_revoke", args=[completion.pk]),
        {"reason": "Fraude met de eindopdracht."},
        follow=True,
    )
    assert "De afronding is ingetrokken." in response.content.decode()
    completion.refresh_from_db()
    assert completion.revoked_by == editor_a
    assert completion.revoked_reason == "Fraude met de eindopdracht."
    assert not counting_completions().filter(pk=completion.pk).exists()
    with pytest.raises(ValidationError, match="al ingetrokken"):
        completion_revoke(completion=completion, actor=editor_a, reason="Nog eens")


def test_participant_cannot_complete_themselves(accredited, junior):
    with pytest.raises(PermissionDenied):
        completion_create(enrolment=enrol(accredited, junior), actor=junior, reason="Ik ben klaar")


def test_a_corrected_mark_keeps_what_it_said_and_an_unchanged_one_its_author(
    client, accredited, provider_a, junior, editor_a
):
    colleague = person(Role.PROVIDER_EDITOR, first_name="Ria", last_name="Kok")
    provider_editor_add(provider=provider_a, user=colleague)
    enrolment = enrol(accredited, junior)
    course_ran(accredited)
    first, second = accredited.meetings.order_by("date", "start_time")
    grid = {
        (enrolment.pk, first.pk): Attendance.Status.PRESENT,
        (enrolment.pk, second.pk): Attendance.Status.ABSENT,
    }
    attendance_mark(edition=accredited, actor=editor_a, marks=grid)
    # The colleague saves the same grid: nothing changes, not even who marked it.
    attendance_mark(edition=accredited, actor=colleague, marks=grid)
    assert set(Attendance.objects.values_list("marked_by", flat=True)) == {editor_a.pk}
    assert not AttendanceCorrection.objects.exists()
    assert not Completion.objects.exists()

    client.force_login(colleague)
    url = reverse("courses:attendance", args=[accredited.pk])
    data = {f"a-{enrolment.pk}-{first.pk}": "aanwezig", f"a-{enrolment.pk}-{second.pk}": "aanwezig"}
    response = client.post(url, data, follow=True)
    assert "zijn afgerond" in response.content.decode()
    correction = AttendanceCorrection.objects.get()
    assert (correction.status_before, correction.marked_by_before) == ("afwezig", editor_a)
    assert (correction.status_after, correction.corrected_by) == ("aanwezig", colleague)
    marks = dict(Attendance.objects.values_list("meeting", "marked_by"))
    assert marks == {first.pk: editor_a.pk, second.pk: colleague.pk}
    listed = BeautifulSoup(response.content, "html.parser").find("h2", string="Correcties")
    text = listed.find_next("ul").get_text(" ", strip=True)
    assert f"Ria Kok: {junior.get_full_name()} op {second.date:%d-%m-%Y}" in text
    assert f"van Afwezig naar Aanwezig (eerder vastgelegd door {editor_a}" in text


def test_a_completion_keeps_whether_the_course_counts_once_per_calendar_year(
    edition, junior, senior, editor_a
):
    today = timezone.localdate()
    first = enrol(edition, junior)
    second = enrol(edition, senior)
    course_ran(edition)
    # Granted as repeatable from before the edition's first day; a later grant that is not
    # repeatable covers only days after it, so the edition keeps the first.
    AccreditationDecisionFactory(
        course=edition.course,
        points_granted=Decimal("6"),
        repeatable_yearly=True,
        valid_from=edition.start_date - dt.timedelta(days=30),
        valid_until=edition.start_date + dt.timedelta(days=30),
    )
    AccreditationDecisionFactory(
        course=edition.course,
        points_granted=Decimal("9"),
        valid_from=edition.start_date + dt.timedelta(days=31),
        valid_until=today + dt.timedelta(days=300),
    )
    completion = completion_create(enrolment=first, actor=editor_a, reason="Klaar")
    assert (completion.accredited, completion.points, completion.repeatable_yearly) == (
        True,
        Decimal("6"),
        True,
    )
    # A newer decision covering the first day, not repeatable, holds for later completions
    # and leaves the earlier one as it was.
    AccreditationDecisionFactory(
        course=edition.course,
        points_granted=Decimal("6"),
        valid_from=edition.start_date,
        valid_until=today,
    )
    later = completion_create(enrolment=second, actor=editor_a, reason="Klaar")
    assert later.repeatable_yearly is False
    completion.refresh_from_db()
    assert completion.repeatable_yearly is True


def test_an_edition_without_accreditation_is_not_repeatable(edition, junior, editor_a):
    enrolment = enrol(edition, junior)
    course_ran(edition)
    completion = completion_create(enrolment=enrolment, actor=editor_a, reason="Klaar")
    assert (completion.accredited, completion.repeatable_yearly) == (False, False)
