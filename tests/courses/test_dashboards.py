"""The start page for practitioners, providers and managers: figures, and fixed query counts."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from icalendar import Calendar

from courses.models import Attendance, Enrolment, ExportFile
from courses.services import attendance_mark, calendar_feed_reset, completion_create
from lms.accounts.models import Role
from tests.factories import person
from tests.queries import queries_for

from .factories import (
    AccreditationDecisionFactory,
    CoursePageFactory,
    EditionFactory,
    MeetingFactory,
    course_ran,
    enrol,
)

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def _courses(provider, n):
    editions = []
    for _ in range(n):
        course = CoursePageFactory(parent=provider)
        edition = EditionFactory(course=course)
        MeetingFactory(edition=edition)
        editions.append(edition)
    return editions


def test_practitioner_sees_meetings_progress_and_points(client, edition, junior, editor_a):
    enrolment = enrol(edition, junior)
    client.force_login(junior)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert edition.course.title in page
    assert "<progress" in page
    assert "Komende bijeenkomsten" in page
    # What counts for the register comes from the register, under the policy in force.
    assert re.search(
        r"Punten uit geaccrediteerde scholing</th>\s*<td class=\"num\">0,0</td>\s*"
        r"<td class=\"num\">120,0",
        page,
    )
    assert enrolment.status == Enrolment.Status.ENROLLED


def test_personal_calendar_feed_at_a_secret_url_that_can_be_reset(client, edition, junior):
    enrol(edition, junior)
    feed = calendar_feed_reset(person=junior)
    url = reverse("courses:personal_calendar", args=[feed.token])
    body = client.get(url).content.decode()
    assert "BEGIN:VEVENT" in body
    assert edition.course.title in body
    client.force_login(junior)
    client.post(reverse("courses:calendar_reset"))
    assert client.get(url).status_code == 404


def test_personal_calendar_feed_costs_the_same_for_2_and_10_editions(
    client, provider_a, junior, django_assert_num_queries
):
    def enrol_in(n):
        for edition in _courses(provider_a, n):
            enrol(edition, junior)

    enrol_in(2)
    url = reverse("courses:personal_calendar", args=[calendar_feed_reset(person=junior).token])
    few = queries_for(client, url)
    enrol_in(8)
    with django_assert_num_queries(few):
        events = Calendar.from_ical(client.get(url).content).walk("VEVENT")
    titles = {str(event["summary"]).rsplit(" (", 1)[0] for event in events}
    assert titles == set(
        Enrolment.objects.filter(person=junior).values_list("edition__course__title", flat=True)
    )
    assert len(events) == 10


@pytest.mark.parametrize("n", [2, 8])
def test_practitioner_dashboard_query_count_is_fixed(
    client, provider_a, junior, n, django_assert_num_queries
):
    for edition in _courses(provider_a, n):
        enrol(edition, junior)
    client.force_login(junior)
    client.get(reverse("dashboard:home"))
    with django_assert_num_queries(QUERIES["practitioner"]):
        assert client.get(reverse("dashboard:home")).status_code == 200


@pytest.mark.parametrize("n", [2, 8])
def test_provider_dashboard_query_count_is_fixed(
    client, provider_a, editor_a, practitioners, n, django_assert_num_queries
):
    people = practitioners(3)
    for edition in _courses(provider_a, n):
        for p in people:
            enrol(edition, p)
    client.force_login(editor_a)
    client.get(reverse("courses:provider_editions"))
    with django_assert_num_queries(QUERIES["provider"]):
        page = client.get(reverse("courses:provider_editions"))
    assert page.content.decode().count("export.csv") == n


@pytest.mark.parametrize("n", [2, 8])
def test_edition_page_query_count_is_fixed(
    client, edition, editor_a, practitioners, n, django_assert_num_queries
):
    for p in practitioners(n):
        enrol(edition, p)
    client.force_login(editor_a)
    url = reverse("courses:edition_manage", args=[edition.pk])
    client.get(url)
    with django_assert_num_queries(QUERIES["edition"]):
        client.get(url)


@pytest.mark.parametrize("n", [2, 8])
def test_learning_record_query_count_is_fixed(
    client, provider_a, junior, editor_a, n, django_assert_num_queries
):
    for edition in _courses(provider_a, n):
        enrolment = enrol(edition, junior)
        course_ran(edition)
        completion_create(enrolment=enrolment, actor=editor_a, reason="Klaar")
    client.force_login(junior)
    url = reverse("courses:record")
    client.get(url)
    with django_assert_num_queries(QUERIES["record"]):
        page = client.get(url).content.decode()
    assert page.count("certificaat.pdf") == n


@pytest.mark.parametrize("n", [2, 8])
def test_exports_page_query_count_is_fixed(client, edition, editor_a, n, django_assert_num_queries):
    for _ in range(n):
        ExportFile.objects.create(requested_by=editor_a, edition=edition, format="csv")
    client.force_login(editor_a)
    url = reverse("courses:exports")
    client.get(url)
    with django_assert_num_queries(QUERIES["exports"]):
        page = client.get(url).content.decode()
    assert page.count(edition.code) >= n


@pytest.mark.parametrize("n", [2, 8])
def test_attendance_page_query_count_is_fixed(
    client, edition, editor_a, practitioners, n, django_assert_num_queries
):
    enrolments = [enrol(edition, p) for p in practitioners(n)]
    course_ran(edition)
    meeting = edition.meetings.first()
    # Each participant's first mark is corrected once, so the page lists n corrections.
    for status in (Attendance.Status.ABSENT, Attendance.Status.PRESENT):
        attendance_mark(
            edition=edition,
            actor=editor_a,
            marks={(e.pk, meeting.pk): status for e in enrolments},
        )
    client.force_login(editor_a)
    url = reverse("courses:attendance", args=[edition.pk])
    client.get(url)
    with django_assert_num_queries(QUERIES["attendance"]):
        page = client.get(url).content.decode()
    # One choice per participant and meeting (the edition has two meetings), in the grid.
    start = page.index('class="attendance-grid')
    grid = page[start : page.index("</table>", start)]
    assert grid.count("<select ") == 2 * n
    assert page.count("van Afwezig naar Aanwezig") == n


def test_manager_sees_figures_of_own_organisation_only(
    client, edition, manager, organisation, editor_a
):
    AccreditationDecisionFactory(course=edition.course, points_granted=Decimal("10"))
    colleague = person(Role.JUNIOR, profile__organisation=organisation)
    outsider = person(Role.JUNIOR)
    enrolment = enrol(edition, colleague)
    enrol(edition, outsider)
    course_ran(edition)
    completion_create(enrolment=enrolment, actor=editor_a, reason="Klaar")
    client.force_login(manager)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert edition.course.title in page
    assert "<meter" in page
    assert colleague.get_full_name() not in page
    assert outsider.get_full_name() not in page


def test_export_csv_and_xlsx(client, edition, editor_a, junior):
    enrol(edition, junior)
    client.force_login(editor_a)
    csv = client.get(reverse("courses:edition_export", args=[edition.pk, "csv"]))
    assert junior.email in csv.content.decode("utf-8-sig")
    xlsx = client.get(reverse("courses:edition_export", args=[edition.pk, "xlsx"]))
    assert xlsx.content.startswith(b"PK")


def test_large_export_runs_in_the_background(
    client, edition, editor_a, junior, monkeypatch, django_capture_on_commit_callbacks
):
    from courses import exports

    monkeypatch.setattr(exports, "BACKGROUND_ROWS", 0)
    enrol(edition, junior)
    client.force_login(editor_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("courses:edition_export", args=[edition.pk, "csv"]))
    response = client.get(response["Location"])
    page = response.content.decode()
    assert "op de achtergrond" in page
    assert "downloaden" in page
    export = ExportFile.objects.get()
    download = client.get(reverse("courses:export_download", args=[export.pk]))
    assert junior.email in b"".join(download.streaming_content).decode("utf-8-sig")


# Measured once; they must not change with the number of rows (n=2 and n=8 above). The courses
# here have no lesson pages, so progress asks for no lessons (one query fewer than with them).
# The start page asks one more for the coming Vakconferenties, and seven for a junior's to-do
# list (sessions to confirm, disputes, trajectories to agree to, unread messages, practice
# months, a returned application, seats given from the waitlist). The menu and the footer are
# kept between requests (cms/shell.py) and cost none.
QUERIES = {
    "practitioner": 26,
    "provider": 3,
    "edition": 9,
    "attendance": 10,
    "record": 4,
    "exports": 3,
}


def test_a_large_export_requested_while_the_broker_is_down_is_written_at_once(
    client, edition, editor_a, junior, monkeypatch, broker_down, django_capture_on_commit_callbacks
):
    from courses import exports

    monkeypatch.setattr(exports, "BACKGROUND_ROWS", 0)
    enrol(edition, junior)
    client.force_login(editor_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("courses:edition_export", args=[edition.pk, "csv"]))
    assert response.status_code == 302
    export = ExportFile.objects.get()
    download = client.get(reverse("courses:export_download", args=[export.pk]))
    assert junior.email in b"".join(download.streaming_content).decode("utf-8-sig")


def test_the_export_gives_points_only_where_the_completion_counts(
    client, edition, editor_a, junior
):
    import datetime as dt

    from courses.exports import HEADERS, export_rows
    from courses.models import Completion

    AccreditationDecisionFactory(
        course=edition.course,
        points_granted=Decimal("30"),
        valid_from=edition.start_date - dt.timedelta(days=400),
        valid_until=edition.start_date + dt.timedelta(days=400),
    )
    enrolment = enrol(edition, junior)
    course_ran(edition)
    completion = completion_create(enrolment=enrolment, actor=editor_a, reason="Klaar")
    assert completion.points == Decimal("30")
    completed_at, points_at = HEADERS.index("Afgerond op"), HEADERS.index("Punten")
    ((*_cells, completed_on, points),) = [
        [*row, row[completed_at], row[points_at]] for row in export_rows(edition)
    ]
    assert (completed_on, points) == (
        completion.completed_on.strftime("%d-%m-%Y"),
        "30.0".replace(".", ","),
    )

    # Dated before the course ran (as was possible once): the register does not count it, and
    # the provider's export gives no points for it either.
    edition.refresh_from_db()
    early = edition.start_date - dt.timedelta(days=3)
    Completion.objects.filter(pk=completion.pk).update(completed_on=early)
    ((*_cells, completed_on, points),) = [
        [*row, row[completed_at], row[points_at]] for row in export_rows(edition)
    ]
    assert (completed_on, points) == (early.strftime("%d-%m-%Y"), "")
