"""What a learner's browser commits from a package: kept as evidence, read by the standards'
rules, and when the lesson's rule is met, the lesson done and the course's rule run."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from courses.models import Completion, CoursePage, LessonProgress
from courses.services import lesson_done
from elearning.models import Attempt, Commit, ItemState
from elearning.services import attempt_record, attempt_restart

from .conftest import package_for

pytestmark = pytest.mark.django_db


def scorm12(status, raw=None, location="", suspend="", session="00:01:30"):
    core = {"lesson_status": status, "lesson_location": location, "session_time": session}
    if raw is not None:
        core["score"] = {"raw": str(raw), "min": "0", "max": "100"}
    return {"core": core, "suspend_data": suspend}


def test_a_passed_scorm12_attempt_completes_the_lesson_and_the_course(elearning_course, learner):
    _course, lesson = elearning_course
    junior, enrolment = learner
    package = package_for(lesson, done_when="passed")

    first = attempt_record(
        person=junior,
        package=package,
        item="sco-1",
        event="commit",
        data=scorm12("incomplete", location="pagina-2", suspend="a=1"),
    )
    assert not first.lesson_done
    state = ItemState.objects.get(attempt__enrolment=enrolment, item="sco-1")
    assert state.cmi["core"]["lesson_location"] == "pagina-2"
    assert state.cmi["suspend_data"] == "a=1"
    assert not LessonProgress.objects.filter(enrolment=enrolment).exists()

    done = attempt_record(
        person=junior,
        package=package,
        item="sco-1",
        event="terminate",
        data=scorm12("passed", raw=80),
    )
    assert done.lesson_done
    attempt = Attempt.objects.get(enrolment=enrolment)
    assert attempt.status == Attempt.Status.PASSED
    assert attempt.score == Decimal("0.8000")
    assert attempt.done_at is not None
    progress = LessonProgress.objects.get(enrolment=enrolment, lesson=lesson)
    assert progress.by_package
    # The course's rule (all required lessons done) ran: completed, points credited.
    assert Completion.objects.filter(enrolment=enrolment).exists()
    assert Commit.objects.filter(attempt=attempt).count() == 2


def test_failed_does_not_pass_but_counts_as_completed(elearning_course, learner):
    _course, lesson = elearning_course
    junior, enrolment = learner
    package = package_for(lesson, done_when="passed")
    result = attempt_record(
        person=junior, package=package, item="sco-1", event="commit", data=scorm12("failed", 30)
    )
    assert not result.lesson_done
    assert Attempt.objects.get(enrolment=enrolment).status == Attempt.Status.FAILED

    package.done_when = "completed"
    package.save()
    result = attempt_record(
        person=junior, package=package, item="sco-1", event="commit", data=scorm12("failed", 30)
    )
    assert result.lesson_done


def test_a_minimum_score_is_the_rule_when_the_provider_chooses_it(elearning_course, learner):
    _course, lesson = elearning_course
    junior, enrolment = learner
    package = package_for(lesson, done_when="score", min_score=75)
    assert not attempt_record(
        person=junior, package=package, item="sco-1", event="commit", data=scorm12("passed", 70)
    ).lesson_done
    assert attempt_record(
        person=junior, package=package, item="sco-1", event="commit", data=scorm12("passed", 75)
    ).lesson_done


def test_a_result_sooner_than_the_minimum_time_is_refused_and_the_attempt_cannot_complete(
    elearning_course, learner
):
    _course, lesson = elearning_course
    junior, enrolment = learner
    package = package_for(lesson, done_when="completed", min_minutes=10)
    result = attempt_record(
        person=junior, package=package, item="sco-1", event="commit", data=scorm12("completed")
    )
    assert not result.lesson_done
    assert "10 minuten" in result.message
    refused = Commit.objects.get(attempt__enrolment=enrolment)
    assert refused.refused
    assert not ItemState.objects.filter(attempt__enrolment=enrolment).exists()
    assert not LessonProgress.objects.filter(enrolment=enrolment).exists()

    # Waiting and sending the same result again does not make it count: start again.
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=11)):
        again = attempt_record(
            person=junior, package=package, item="sco-1", event="unload", data=scorm12("completed")
        )
        assert not again.lesson_done
        attempt_restart(person=junior, package=package)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=22)):
        assert attempt_record(
            person=junior, package=package, item="sco-1", event="commit", data=scorm12("completed")
        ).lesson_done
    assert Attempt.objects.filter(enrolment=enrolment).count() == 2


@pytest.mark.parametrize(
    "data, message",
    [
        ({"core": {"lesson_status": "gewonnen"}}, "Onbekende status"),
        ({"core": {"lesson_status": "passed", "score": {"raw": "150"}}}, "buiten het bereik"),
        ({"core": {"lesson_status": "passed", "score": {"raw": "veel"}}}, "geen getal"),
        ({"core": {"lesson_status": "passed", "session_time": "lang"}}, "tijdsduur"),
        ({"core": "passed"}, "onleesbaar"),
    ],
)
def test_a_malformed_commit_is_kept_as_evidence_and_changes_nothing(
    elearning_course, learner, data, message
):
    _course, lesson = elearning_course
    junior, enrolment = learner
    package = package_for(lesson)
    result = attempt_record(person=junior, package=package, item="sco-1", event="commit", data=data)
    assert message in result.message
    assert not result.lesson_done
    assert Commit.objects.get(attempt__enrolment=enrolment).refused
    assert not ItemState.objects.filter(attempt__enrolment=enrolment).exists()
    assert Attempt.objects.get(enrolment=enrolment).status == Attempt.Status.NOT_ATTEMPTED


def test_unknown_items_events_and_huge_commits_are_refused_before_anything_is_kept(
    elearning_course, learner
):
    _course, lesson = elearning_course
    junior, _enrolment = learner
    package = package_for(lesson)
    with pytest.raises(ValidationError, match="hoort niet bij"):
        attempt_record(person=junior, package=package, item="x", event="commit", data={})
    with pytest.raises(ValidationError, match="Onbekende soort"):
        attempt_record(person=junior, package=package, item="sco-1", event="boom", data={})
    with pytest.raises(ValidationError, match="te groot"):
        attempt_record(
            person=junior,
            package=package,
            item="sco-1",
            event="commit",
            data={"suspend_data": "x" * 600_000},
        )
    assert not Commit.objects.exists()


def test_only_participants_record(elearning_course, learner, senior):
    _course, lesson = elearning_course
    package = package_for(lesson)
    with pytest.raises(PermissionDenied):
        attempt_record(
            person=senior, package=package, item="sco-1", event="commit", data=scorm12("passed")
        )
    assert not Attempt.objects.exists()


def test_a_scorm2004_attempt_is_completed_when_every_sco_is(elearning_course, learner):
    _course, lesson = elearning_course
    junior, enrolment = learner
    package = package_for(lesson, kind="scorm2004", done_when="passed")
    first = attempt_record(
        person=junior,
        package=package,
        item="uitleg",
        event="terminate",
        data={
            "completion_status": "completed",
            "success_status": "unknown",
            "session_time": "PT2M",
        },
    )
    assert not first.lesson_done
    assert Attempt.objects.get(enrolment=enrolment).status == Attempt.Status.INCOMPLETE
    second = attempt_record(
        person=junior,
        package=package,
        item="oefenen",
        event="terminate",
        data={
            "completion_status": "completed",
            "success_status": "passed",
            "score": {"scaled": "0.9"},
            "session_time": "PT3M10S",
        },
    )
    assert second.lesson_done
    attempt = Attempt.objects.get(enrolment=enrolment)
    assert attempt.status == Attempt.Status.PASSED
    assert attempt.score == Decimal("0.9000")
    assert attempt.total_seconds == 120 + 190


def test_the_time_is_the_committed_total_which_already_holds_the_session(elearning_course, learner):
    _course, lesson = elearning_course
    junior, enrolment = learner
    package = package_for(lesson)
    data = scorm12("incomplete", session="00:05:00")
    data["core"]["total_time"] = "00:25:00"  # 20 minutes before, and this session's 5
    attempt_record(person=junior, package=package, item="sco-1", event="commit", data=data)
    assert Attempt.objects.get(enrolment=enrolment).total_seconds == 25 * 60


def statement(verb, raw, maximum):
    return {
        "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}"},
        "result": {"score": {"raw": raw, "min": 0, "max": maximum}, "duration": "PT45S"},
    }


def test_h5p_is_done_on_an_answered_statement_at_or_above_the_minimum(elearning_course, learner):
    _course, lesson = elearning_course
    junior, enrolment = learner
    package = package_for(lesson, kind="h5p", min_score=60)
    interacted = attempt_record(
        person=junior, package=package, item="h5p", event="xapi", data=statement("interacted", 0, 3)
    )
    assert not interacted.lesson_done
    low = attempt_record(
        person=junior, package=package, item="h5p", event="xapi", data=statement("answered", 1, 3)
    )
    assert not low.lesson_done
    high = attempt_record(
        person=junior, package=package, item="h5p", event="xapi", data=statement("answered", 2, 3)
    )
    assert high.lesson_done
    assert Attempt.objects.get(enrolment=enrolment).score == Decimal("0.6667")
    assert Commit.objects.filter(attempt__enrolment=enrolment).count() == 3


def test_a_package_lesson_is_not_marked_done_by_hand(elearning_course, learner):
    _course, lesson = elearning_course
    junior, enrolment = learner
    package_for(lesson)
    with pytest.raises(ValidationError, match="e-learning"):
        lesson_done(person=junior, lesson=lesson)
    assert not LessonProgress.objects.filter(enrolment=enrolment).exists()


def test_an_accredited_course_completes_on_elearning_alone_only_when_the_provider_allows(
    elearning_course, learner, edition
):
    from tests.courses.factories import AccreditationDecisionFactory

    course, lesson = elearning_course
    junior, enrolment = learner
    AccreditationDecisionFactory(course=course)
    package = package_for(lesson)
    attempt_record(
        person=junior, package=package, item="sco-1", event="commit", data=scorm12("completed")
    )
    assert LessonProgress.objects.filter(enrolment=enrolment, by_package=True).exists()
    assert not Completion.objects.filter(enrolment=enrolment).exists()

    course = CoursePage.objects.get(pk=course.pk)
    course.elearning_completes_accredited = True
    course.save_revision().publish()
    from courses.services import completion_evaluate

    completion = completion_evaluate(enrolment=enrolment)
    assert completion is not None and completion.accredited
