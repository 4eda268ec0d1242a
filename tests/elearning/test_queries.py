"""The lesson page's player and the provider's report cost the same number of queries however
many items a package has and however many participants worked in it."""

import pytest
from django.urls import reverse

from elearning.services import attempt_record
from tests.courses.factories import enrol
from tests.factories import person
from tests.queries import queries_for

from .conftest import package_for

pytestmark = pytest.mark.django_db


def _items(count: int) -> list[dict]:
    return [
        {"identifier": f"sco-{n}", "title": f"Deel {n}", "href": f"deel{n}.html", "children": []}
        for n in range(1, count + 1)
    ]


def _commit(junior, package, item):
    attempt_record(
        person=junior,
        package=package,
        item=item,
        event="commit",
        data={"completion_status": "incomplete", "location": "2", "suspend_data": "x"},
    )


def test_the_lesson_page_costs_the_same_for_one_item_worked_in_or_six(
    client, elearning_course, learner, django_assert_num_queries
):
    _course, lesson = elearning_course
    junior, _enrolment = learner
    package = package_for(lesson, kind="scorm2004", items=_items(6))
    _commit(junior, package, "sco-1")
    client.force_login(junior)
    few = queries_for(client, lesson.url)
    for n in range(2, 7):
        _commit(junior, package, f"sco-{n}")
    with django_assert_num_queries(few):
        page = client.get(lesson.url).content.decode()
    assert page.count('"suspend_data": "x"') == 6


def test_the_provider_s_report_costs_the_same_for_two_participants_or_eight(
    client, elearning_course, edition, editor_a, django_assert_num_queries
):
    from lms.accounts.models import Role
    from tests.courses.factories import course_ran

    _course, lesson = elearning_course
    package = package_for(lesson)
    people = [person(Role.JUNIOR) for _ in range(8)]
    for someone in people:
        enrol(edition, someone)
    course_ran(edition, days_ago=1)

    def worked(group):
        for someone in group:
            attempt_record(
                person=someone,
                package=package,
                item="sco-1",
                event="commit",
                data={"core": {"lesson_status": "incomplete"}},
            )

    worked(people[:2])
    client.force_login(editor_a)
    url = reverse("elearning_admin:lesson", args=[lesson.pk])
    export = reverse("elearning_admin:export", args=[lesson.pk, "csv"])
    few, few_export = queries_for(client, url), queries_for(client, export)
    worked(people[2:])
    with django_assert_num_queries(few):
        page = client.get(url).content.decode()
    with django_assert_num_queries(few_export):
        rows = client.get(export).content.decode("utf-8-sig").splitlines()
    assert all(someone.email in page for someone in people)
    assert len(rows) == 1 + 8
