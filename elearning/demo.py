"""Demo e-learning: an accredited online course whose three lessons are a SCORM 1.2 package, a
SCORM 2004 package and an H5P item (``demo_packages``), uploaded through the same service as a
provider's; and an online course with two lessons that wait for a package, where a provider
tries out packages of their own. The junior and Noor Smit follow both.

Made only by ``manage.py seed_demo``; a second run changes nothing.
"""

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.text import slugify

from courses.models import AccreditationDecision, CourseKind, CoursePage, Edition, Enrolment
from courses.models import Form as WorkForm
from courses.services import (
    accreditation_decide,
    accreditation_request_submit,
    course_save,
)
from lms.accounts.models import Organisation, Role, User
from lms.accounts.services import user_create

from .demo_packages import package_bytes
from .models import Package
from .services import package_upload

PROVIDER = "Kenniscentrum Wijkwerk"
LEARNER = ("noor.smit@example.org", "Noor", "Smit")

COURSE = {
    "code": "KWW-E01",
    "title": "Online: wijkanalyse en keukentafelgesprek",
    "points": 8,
    "lessons": [
        ("Een wijkanalyse maken", "scorm12-wijkanalyse", Package.DoneWhen.PASSED),
        ("Het keukentafelgesprek", "scorm2004-gesprek", Package.DoneWhen.COMPLETED),
        ("Toets: participatie en beroepscode", "h5p-vragen", Package.DoneWhen.SCORE),
    ],
}
# Lessons without a package yet, for a provider to upload one to.
TRYOUT = {
    "code": "KWW-E02",
    "title": "Online: e-learning uit andere bronnen",
    "lessons": ["Golfregels (SCORM 1.2)", "Golfregels (SCORM 2004)"],
}


def _learner() -> User:
    email, first, last = LEARNER
    user = User.objects.filter(email=email).first()
    if user is None:
        from lms.accounts.demo import DEMO_PASSWORD

        user = user_create(
            email=email,
            password=DEMO_PASSWORD,
            first_name=first,
            last_name=last,
            roles=[Role.JUNIOR],
            organisation=Organisation.objects.order_by("pk").first(),
            verified=True,
        )
    return user


def _online_course(provider, editor, spec: dict, today: dt.date) -> CoursePage:
    """An online course that started a week ago and runs for two months, completed on its
    lessons, with no meetings."""
    course, _created = course_save(
        provider=provider,
        code=spec["code"],
        title=spec["title"],
        kind=CourseKind.INNOVATION,
        publish=True,
        user=editor,
        summary=f"{spec['title']}: in je eigen tempo, online.",
        work_forms=[WorkForm.DEVELOPMENT],
        study_load_hours=6,
        points_requested=Decimal(spec.get("points", 0)),
        rule_lessons=True,
        rule_attendance_percent=0,
        elearning_completes_accredited=True,
        target_group="Opbouwwerkers die online willen leren.",
        body=[("paragraph", "<p>Je volgt de lessen online, wanneer het je uitkomt.</p>")],
        editions=[
            {
                "code": f"{spec['code']}-1",
                "start_date": today - dt.timedelta(days=7),
                "end_date": today + dt.timedelta(days=60),
                "capacity": 40,
                "enrolment_deadline": None,
                "status": "open",
                "meetings": [],
            }
        ],
    )
    return course


def _lesson(course: CoursePage, title: str, editor):
    from courses.models import LessonPage

    lesson = LessonPage.objects.child_of(course).filter(title=title).first()
    if lesson is None:
        lesson = LessonPage(title=title, slug=slugify(title), body=[])
        course.add_child(instance=lesson)
        lesson.save_revision(user=editor).publish(user=editor)
        course.refresh_from_db()
    return lesson


def _enrol(edition: Edition, person: User) -> None:
    if edition.enrolments.filter(person=person).exists():
        return
    Enrolment.objects.create(
        edition=edition,
        person=person,
        status=Enrolment.Status.ENROLLED,
        seat=edition.enrolments.filter(status=Enrolment.Status.ENROLLED).count() + 1,
        enrolled_by=person,
        enrolled_at=timezone.now(),
    )


def seed(people: dict[str, User]) -> None:
    from courses.models import ProviderPage

    provider = ProviderPage.objects.filter(title=PROVIDER).first()
    college = User.objects.filter(email="college@example.org").first()
    if provider is None or college is None:
        return
    editor = provider.editors_group.user_set.order_by("pk").first()
    today = timezone.localdate()
    learners = [p for p in (people.get("junior@example.org"), _learner()) if p is not None]

    if not CoursePage.objects.filter(code=COURSE["code"]).exists():
        course = _online_course(provider, editor, COURSE, today)
        request = accreditation_request_submit(course=course, user=editor)
        accreditation_decide(
            request=request,
            reviewer=college,
            outcome=AccreditationDecision.Outcome.GRANTED,
            points_granted=Decimal(COURSE["points"]),
            valid_from=today - dt.timedelta(days=30),
            valid_until=today + dt.timedelta(days=3 * 365),
            motivation="E-learning met toetsing die past bij het statuut.",
        )
        for title, name, done_when in COURSE["lessons"]:
            lesson = _lesson(course, title, editor)
            file_name, content = package_bytes(name)
            package = package_upload(
                actor=editor,
                lesson=lesson,
                upload=SimpleUploadedFile(file_name, content),
                name=file_name,
            )
            package.done_when = done_when
            package.min_score = 60 if done_when == Package.DoneWhen.SCORE else 0
            package.save(update_fields=["done_when", "min_score"])
    if not CoursePage.objects.filter(code=TRYOUT["code"]).exists():
        course = _online_course(provider, editor, TRYOUT, today)
        for title in TRYOUT["lessons"]:
            _lesson(course, title, editor)
    for code in (COURSE["code"], TRYOUT["code"]):
        edition = Edition.objects.filter(code=f"{code}-1").first()
        for person in learners:
            _enrol(edition, person)
