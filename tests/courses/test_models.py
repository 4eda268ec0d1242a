import pytest

from courses.models import CataloguePage, CoursePage, LessonPage, ProviderPage

from .factories import CoursePageFactory

pytestmark = pytest.mark.django_db


def test_course_knows_its_provider_from_the_tree(provider_a):
    course = CoursePageFactory(parent=provider_a)
    assert course.provider_id == provider_a.pk


def test_page_tree_rules():
    assert CoursePage.allowed_parent_page_models() == [ProviderPage]
    assert ProviderPage.allowed_parent_page_models() == [CataloguePage]
    assert LessonPage.allowed_parent_page_models() == [CoursePage]


def test_database_refuses_impossible_editions_and_meetings(provider_a):
    import datetime as dt

    from django.db import IntegrityError, transaction

    from .factories import EditionFactory, MeetingFactory

    course = CoursePageFactory(parent=provider_a)
    start = dt.date(2027, 5, 1)
    for bad in (
        {"start_date": start, "end_date": start - dt.timedelta(days=1)},
        {"start_date": start, "end_date": start, "capacity": 0},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            EditionFactory(course=course, **bad)
    edition = EditionFactory(course=course, start_date=start, end_date=start)
    for bad in ({"place": "", "online_url": ""}, {"end_time": dt.time(8, 0)}):
        with pytest.raises(IntegrityError), transaction.atomic():
            MeetingFactory(edition=edition, **bad)


def test_meeting_outside_its_edition_is_refused_in_dutch(provider_a):
    import datetime as dt

    from django.core.exceptions import ValidationError

    from courses.models import Meeting

    from .factories import EditionFactory

    course = CoursePageFactory(parent=provider_a)
    edition = EditionFactory(
        course=course, start_date=dt.date(2027, 5, 1), end_date=dt.date(2027, 5, 8)
    )
    meeting = Meeting(
        edition=edition,
        date=dt.date(2027, 6, 1),
        start_time=dt.time(9),
        end_time=dt.time(12),
        place="Utrecht",
    )
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "valt buiten de uitvoering (01-05-2027 tot en met 08-05-2027)" in str(error.value)


def test_choice_labels_follow_the_language_and_keep_an_unknown_value(provider_a):
    from django.utils import translation

    from courses.models import Edition

    from .factories import EditionFactory

    edition = EditionFactory(course=CoursePageFactory(parent=provider_a), status="vol")
    with translation.override("nl"):
        assert edition.get_status_display() == "Vol"
    with translation.override("en"):
        assert edition.get_status_display() == "Full"
        edition.status = Edition.Status.CANCELLED
        assert edition.get_status_display() == "Cancelled"
    edition.status = "iets-anders"
    assert edition.get_status_display() == "iets-anders"
