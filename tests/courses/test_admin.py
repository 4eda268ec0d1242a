"""Providers work in the Wagtail admin, each only inside their own section."""

import datetime as dt

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from courses.models import AccreditationRequest, CoursePage
from courses.services import accreditation_request_submit
from tests.factories import UserFactory

from .factories import CoursePageFactory

pytestmark = pytest.mark.django_db


def course_form(**overrides):
    start = dt.date(2027, 3, 1)
    data = {
        "title": "Buurtanalyse voor gevorderden",
        "slug": "buurtanalyse-voor-gevorderden",
        "kind": "post-hbo",
        "code": "BA-1",
        "summary": "Analyse, ontwerp en uitvoering in de wijk.",
        "learning_outcomes": rich_text("<p>U maakt een wijkscan.</p>"),
        "target_group": "Opbouwwerkers",
        "prerequisites": "",
        "study_load_hours": "40",
        "points_requested": "40",
        "price": "950",
        "language": "nl",
        "rule_attendance_percent": "80",
        "lessons_for_participants_only": "on",
        "body": streamfield([("paragraph", rich_text("<p>Over de wijkschouw met bewoners.</p>"))]),
        "editions": inline_formset(
            [
                {
                    "code": "2027-1",
                    "status": "open",
                    "start_date": start.isoformat(),
                    "end_date": (start + dt.timedelta(days=14)).isoformat(),
                    "capacity": "12",
                    "enrolment_deadline": "",
                    "price": "",
                    "meetings": inline_formset(
                        [
                            {
                                "date": start.isoformat(),
                                "start_time": "09:30",
                                "end_time": "16:30",
                                "place": "Utrecht",
                                "online_url": "",
                            }
                        ]
                    ),
                }
            ]
        ),
        "comments": inline_formset([]),
    }
    for key, value in overrides.items():
        if key.startswith("edition_"):
            data["editions"]["0"][key.removeprefix("edition_")] = value
        elif key.startswith("meeting_"):
            data["editions"]["0"]["meetings"]["0"][key.removeprefix("meeting_")] = value
        else:
            data[key] = value
    # Lists are several checked boxes, not nested forms.
    return {**nested_form_data(data), "approaches": ["strategisch"], "work_forms": ["project"]}


def add_url(provider):
    return reverse("wagtailadmin_pages:add", args=["courses", "coursepage", provider.pk])


def test_editor_creates_and_publishes_a_course_in_own_section(client, editor_a, provider_a):
    client.force_login(editor_a)
    assert client.get(add_url(provider_a)).status_code == 200
    response = client.post(add_url(provider_a), {**course_form(), "action-publish": "publish"})
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    course = CoursePage.objects.get(code="BA-1")
    assert course.live
    assert course.get_parent().pk == provider_a.pk
    assert course.provider_id == provider_a.pk
    edition = course.editions.get()
    assert edition.meetings.get().place == "Utrecht"
    assert course.approaches == ["strategisch"]


def test_editor_cannot_add_a_course_under_another_provider(client, editor_a, provider_b):
    client.force_login(editor_a)
    response = client.post(add_url(provider_b), {**course_form(), "action-publish": "publish"})
    assert response.status_code in (302, 403)
    assert not CoursePage.objects.filter(code="BA-1").exists()


def test_editor_cannot_touch_pages_of_another_provider(client, editor_a, provider_a, provider_b):
    other = CoursePageFactory(parent=provider_b, title="Van een ander")
    own = CoursePageFactory(parent=provider_a)
    client.force_login(editor_a)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[own.pk])).status_code == 200

    refused = [
        ("get", reverse("wagtailadmin_pages:edit", args=[other.pk])),
        ("get", reverse("wagtailadmin_pages:view_draft", args=[other.pk])),
        ("post", reverse("wagtailadmin_pages:preview_on_edit", args=[other.pk])),
        ("get", reverse("wagtailadmin_pages:move", args=[other.pk])),
        ("get", reverse("wagtailadmin_pages:copy", args=[other.pk])),
        ("get", reverse("wagtailadmin_pages:delete", args=[other.pk])),
        ("get", reverse("wagtailadmin_pages:unpublish", args=[other.pk])),
        ("get", reverse("wagtailadmin_pages:edit", args=[provider_b.pk])),
    ]
    for method, url in refused:
        response = getattr(client, method)(url)
        assert response.status_code in (302, 403), (url, response.status_code)

    # Writes are refused as well and leave the page as it was.
    client.post(
        reverse("wagtailadmin_pages:edit", args=[other.pk]),
        {**course_form(title="Overgenomen"), "action-publish": "publish"},
    )
    client.post(reverse("wagtailadmin_pages:delete", args=[other.pk]))
    client.post(reverse("wagtailadmin_pages:move_confirm", args=[other.pk, provider_a.pk]))
    client.post(
        reverse("wagtailadmin_pages:copy", args=[other.pk]),
        {"new_title": "Kopie", "new_slug": "kopie", "new_parent_page": provider_a.pk},
    )
    other.refresh_from_db()
    assert other.title == "Van een ander"
    assert other.get_parent().pk == provider_b.pk
    assert not Page.objects.filter(slug="kopie").exists()


def test_editor_cannot_move_own_course_into_another_section(
    client, editor_a, provider_a, provider_b
):
    own = CoursePageFactory(parent=provider_a)
    client.force_login(editor_a)
    client.post(reverse("wagtailadmin_pages:move_confirm", args=[own.pk, provider_b.pk]))
    own.refresh_from_db()
    assert own.get_parent().pk == provider_a.pk


def test_a_course_moved_to_another_provider_belongs_to_it(client, provider_a, provider_b):
    course = CoursePageFactory(parent=provider_a, code="VB-1")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    client.post(reverse("wagtailadmin_pages:move_confirm", args=[course.pk, provider_b.pk]))
    course.refresh_from_db()
    assert course.get_parent().pk == provider_b.pk
    # The key that keeps codes unique per provider follows the tree, and so does the page.
    assert course.provider_id == provider_b.pk
    html = client.get(course.url + "?na-verhuizing").content.decode()
    assert f'<a href="{provider_b.url}">{provider_b.title}</a>' in html


def test_a_course_does_not_move_to_a_provider_using_its_code(client, provider_a, provider_b):
    CoursePageFactory(parent=provider_b, code="VB-1")
    course = CoursePageFactory(parent=provider_a, code="VB-1")
    assert not course.can_move_to(provider_b)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    client.post(reverse("wagtailadmin_pages:move_confirm", args=[course.pk, provider_b.pk]))
    course.refresh_from_db()
    assert course.get_parent().pk == provider_a.pk
    assert course.provider_id == provider_a.pk


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"edition_end_date": "2027-02-01"}, "De einddatum ligt voor de begindatum."),
        ({"edition_capacity": "0"}, "Een uitvoering heeft minstens één plaats."),
        ({"meeting_date": "2027-06-01"}, "Deze bijeenkomst valt buiten de uitvoering"),
        ({"meeting_end_time": "08:00"}, "De eindtijd ligt voor de begintijd."),
    ],
)
def test_bad_edition_input_is_refused_in_dutch(client, editor_a, provider_a, overrides, message):
    client.force_login(editor_a)
    response = client.post(add_url(provider_a), {**course_form(**overrides), "action-publish": "1"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CoursePage.objects.filter(code="BA-1").exists()


def test_course_code_used_twice_by_one_provider_is_refused(client, editor_a, provider_a):
    CoursePageFactory(parent=provider_a, code="BA-1")
    client.force_login(editor_a)
    response = client.post(
        add_url(provider_a), {**course_form(slug="andere-slug"), "action-publish": "1"}
    )
    assert response.status_code == 200
    assert "Deze aanbieder gebruikt cursuscode BA-1 al." in response.content.decode()
    assert CoursePage.objects.filter(code="BA-1").count() == 1


def test_two_providers_may_use_the_same_code(provider_a, provider_b):
    CoursePageFactory(parent=provider_a, code="X-1")
    CoursePageFactory(parent=provider_b, code="X-1")
    assert CoursePage.objects.filter(code="X-1").count() == 2


def test_editor_submits_own_course_for_accreditation(client, editor_a, provider_a):
    course = CoursePageFactory(parent=provider_a)
    client.force_login(editor_a)
    url = reverse("courses_accreditation:submit", args=[course.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"note": "Graag voor het najaar."})
    assert response.status_code == 302
    request = AccreditationRequest.objects.get(course=course)
    assert request.submitted_by == editor_a
    assert request.status == AccreditationRequest.Status.OPEN


def test_editor_cannot_submit_a_course_of_another_provider(client, editor_a, provider_b):
    course = CoursePageFactory(parent=provider_b)
    client.force_login(editor_a)
    response = client.post(reverse("courses_accreditation:submit", args=[course.pk]), {})
    assert response.status_code in (302, 403)
    assert not AccreditationRequest.objects.exists()


def _published_with_a_participant(client, editor, provider):
    from lms.accounts.models import Role
    from tests.factories import person

    from .factories import enrol

    client.force_login(editor)
    client.post(add_url(provider), {**course_form(), "action-publish": "publish"})
    course = CoursePage.objects.get(code="BA-1")
    enrol(course.editions.get(), person(Role.JUNIOR))
    return course


def _without_the_edition(course, how):
    """The course's edit form, with its one edition marked deleted or, as a hand-made request
    might, left out."""
    edition = course.editions.get()
    data = course_form(edition_id=str(edition.pk), edition_DELETE="1")
    data["editions-0-meetings-0-id"] = str(edition.meetings.get().pk)
    data["editions-INITIAL_FORMS"] = data["editions-0-meetings-INITIAL_FORMS"] = "1"
    if how == "left out":
        data = {k: v for k, v in data.items() if not k.startswith("editions-0-")}
        data["editions-TOTAL_FORMS"] = data["editions-INITIAL_FORMS"] = "0"
    return {**data, "action-publish": "1"}


@pytest.mark.parametrize("how", ["deleted", "left out"])
def test_an_edition_with_participants_is_not_deleted_in_the_editor(
    client, editor_a, provider_a, how
):
    course = _published_with_a_participant(client, editor_a, provider_a)
    edition = course.editions.get()
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[course.pk]), _without_the_edition(course, how)
    )
    assert response.status_code == 200
    assert "Uitvoering 2027-1 heeft inschrijvingen en blijft daarom bewaard." in (
        response.content.decode()
    )
    assert course.editions.filter(pk=edition.pk).exists()


def test_an_edition_nobody_enrolled_in_is_deleted_in_the_editor(client, editor_a, provider_a):
    client.force_login(editor_a)
    client.post(add_url(provider_a), {**course_form(), "action-publish": "publish"})
    course = CoursePage.objects.get(code="BA-1")
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[course.pk]),
        _without_the_edition(course, "deleted"),
    )
    assert response.status_code == 302
    assert not course.editions.exists()


def test_a_course_with_participants_is_not_deleted(client, editor_a, provider_a):
    course = _published_with_a_participant(client, editor_a, provider_a)
    empty = CoursePageFactory(parent=provider_a, title="Nooit gegeven")
    url = reverse("wagtailadmin_pages:delete", args=[course.pk])
    explore = reverse("wagtailadmin_explore", args=[provider_a.pk])
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302 and response["Location"] == explore
    page = client.get(explore).content.decode()
    assert "Niet verwijderd: ‘Buurtanalyse voor gevorderden’ heeft deelnemers" in page
    assert CoursePage.objects.filter(pk=course.pk).exists()
    # The provider above it stays too; a course without any of it is deleted.
    client.force_login(UserFactory(is_superuser=True))
    client.post(reverse("wagtailadmin_pages:delete", args=[provider_a.pk]))
    assert Page.objects.filter(pk=provider_a.pk).exists()
    client.post(reverse("wagtailadmin_pages:delete", args=[empty.pk]))
    assert not Page.objects.filter(pk=empty.pk).exists()


def test_a_course_with_an_accreditation_request_is_not_deleted_in_bulk(
    client, editor_a, provider_a
):
    course = CoursePageFactory(parent=provider_a, title="Aangevraagd")
    accreditation_request_submit(course=course, user=editor_a, note="")
    client.force_login(UserFactory(is_superuser=True))
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
        + f"?id={course.pk}&next=/admin/"
    )
    response = client.post(url, {})
    assert response.status_code == 302
    assert CoursePage.objects.filter(pk=course.pk).exists()
    assert "‘Aangevraagd’ heeft deelnemers of een accreditatiegeschiedenis" in (
        client.get("/admin/").content.decode()
    )
