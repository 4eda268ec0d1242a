import pytest
from django.utils import timezone

from courses.models import CoursePage, LessonPage, Meeting
from elearning.models import Package
from tests.courses.conftest import (  # noqa: F401  (fixtures)
    catalogue,
    course_with_edition,
    edition,
    editor_a,
    editor_b,
    provider_a,
    provider_b,
)
from tests.courses.factories import course_ran, enrol
from tests.fuzzing import private_files_in

SCORM12_ITEMS = [
    {"identifier": "sco-1", "title": "Wijkanalyse", "href": "index.html", "children": []}
]
SCORM2004_ITEMS = [
    {
        "identifier": "deel",
        "title": "Het gesprek",
        "href": "",
        "children": [
            {
                "identifier": "uitleg",
                "title": "Uitleg",
                "href": "uitleg/index.html",
                "children": [],
            },
            {
                "identifier": "oefenen",
                "title": "Oefenen",
                "href": "oefenen/index.html",
                "children": [],
            },
        ],
    }
]


@pytest.fixture(autouse=True)
def package_files(tmp_path, monkeypatch):
    """Each test's packages in a folder of its own, so that what one leaves, no other sees."""
    private_files_in(tmp_path / "private", monkeypatch)


@pytest.fixture
def elearning_course(edition):  # noqa: F811
    """The edition's course with one required lesson and no meetings, run since yesterday, and
    completed on its lessons."""
    Meeting.objects.filter(edition=edition).delete()
    course = CoursePage.objects.get(pk=edition.course_id)
    course.rule_lessons = True
    course.rule_attendance_percent = 0
    course.save_revision().publish()
    lesson = LessonPage(title="Een wijkanalyse maken")
    course.add_child(instance=lesson)
    lesson.save_revision().publish()
    return course, lesson


def package_for(lesson, *, kind="scorm12", items=None, **rule) -> Package:
    """A package row for ``lesson`` as an upload leaves it, without files (the run-time data
    needs none)."""
    items = (
        items if items is not None else (SCORM2004_ITEMS if kind == "scorm2004" else SCORM12_ITEMS)
    )
    return Package.objects.create(
        lesson=lesson,
        kind=kind,
        version={"scorm12": "SCORM 1.2", "scorm2004": "SCORM 2004 (4e editie)", "h5p": "H5P"}[kind],
        title="Wijkanalyse",
        file_name="wijkanalyse.zip",
        size=1000,
        file_count=3,
        unpacked_size=3000,
        storage_prefix=f"elearning/test-{lesson.pk}-{kind}-{Package.objects.count()}",
        items=items if kind != "h5p" else [],
        uploaded_at=timezone.now(),
        **rule,
    )


@pytest.fixture
def learner(elearning_course, edition, junior):  # noqa: F811
    enrolment = enrol(edition, junior)
    course_ran(edition, days_ago=1)
    return junior, enrolment
