"""A practitioner with something in every part of the platform, built through its services,
and a colleague whose data must come through an erasure untouched."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from allauth.mfa.models import Authenticator
from axes.models import AccessAttempt
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from courses.models import (
    Attendance,
    CoursePage,
    LessonPage,
    LessonProgress,
    Reflection,
)
from courses.services import (
    calendar_feed_reset,
    catalogue_ensure,
    outside_activity_decide,
    outside_activity_submit,
)
from elearning.services import attempt_record
from lms.accounts.models import EmailChoice, NoticeKind, Role, User
from lms.accounts.services import conflict_declare, email_preferences_save
from mentoring.models import CoachingSession, Goal, MatchingRun, PractitionerProfile
from mentoring.services import message_send, trajectory_complete
from register.services import (
    ballotage_decide,
    ballotage_vote,
    register_application_check,
    register_application_submit,
    registration_create,
    reviewers_assign,
)
from tests.cms.factories import code_in_force
from tests.courses.factories import CoursePageFactory, EditionFactory, MeetingFactory, enrol
from tests.elearning.conftest import package_for
from tests.factories import person
from tests.register.factories import attested_month, completion, edition, make_eligible

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

REFLECTIONS = {
    "zelfredzaamheid": "Bewoners organiseren zelf de buurtmaaltijd.",
    "strategisch": "Advies aan de gemeente over het wijkbudget.",
    "sociaal_organisatorisch": "Drie instellingen werken nu samen in de wijk.",
}


def pdf(name="bewijs.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def office(db):
    return person(Role.REGISTER_OFFICE)


@pytest.fixture
def editor(db):
    return person(Role.PROVIDER_EDITOR)


@pytest.fixture
def provider(site, editor):
    from tests.courses.factories import make_provider

    return make_provider(catalogue=catalogue_ensure(home=site), editors=[editor])


def _lesson(course_page):
    course = CoursePage.objects.get(pk=course_page.pk)
    lesson = LessonPage(
        title="Reflectie op je wijk",
        body=[("reflection", {"assignment": "Beschrijf wie in je wijk de macht heeft."})],
    )
    course.add_child(instance=lesson)
    return lesson


@pytest.fixture
def dossier(organisation, provider, office, editor):
    """A junior who finished courses, was coached, logged practice, applied, went through a
    ballotage, was registered, and left traces in sign-in, matching and the admin log."""
    today = timezone.localdate()
    junior = person(Role.JUNIOR, profile__organisation=organisation)
    PractitionerProfile.objects.create(user=junior, languages=["nl"], available_weekdays=[1])
    trajectory = make_eligible(who=junior, today=today, provider=provider, attester=office)
    goal = Goal.objects.create(trajectory=trajectory, description="Netwerk in de wijk versterken")
    session = CoachingSession.objects.filter(trajectory=trajectory).first()
    session.goals.add(goal)
    CoachingSession.objects.filter(trajectory=trajectory).update(
        summary="Besproken: de buurtmaaltijd.", private_note="Twijfelt over de baan."
    )

    application = register_application_submit(
        code_version=code_in_force(),
        actor=junior,
        reflections=REFLECTIONS,
        documents=[("Portfolio", pdf("portfolio.pdf"))],
    )
    register_application_check(actor=office, application=application, complete=True)
    application.refresh_from_db()
    college = [person(Role.BOARD_MEMBER) for _ in range(3)]
    for assignment, member in zip(
        reviewers_assign(actor=office, application=application, reviewers=college),
        college,
        strict=True,
    ):
        ballotage_vote(
            actor=member, assignment=assignment, value="positive", motivation="Sterk dossier."
        )
    decision = ballotage_decide(actor=office, application=application)
    registration = registration_create(actor=office, decision=decision)
    own_message = message_send(
        actor=junior, trajectory=trajectory, body="Kunnen we de buurtmaaltijd bespreken?"
    )
    received_message = message_send(
        actor=trajectory.senior,
        trajectory=trajectory,
        body=f"Goed plan, {junior.get_full_name()}!\nTot dinsdag.",
    )
    trajectory_complete(actor=office, trajectory=trajectory)
    email_preferences_save(
        user=junior, choices={NoticeKind.WAITLIST: EmailChoice.DIGEST, NoticeKind.COURSES: "off"}
    )

    accepted = outside_activity_submit(
        person=junior,
        title="Studiedag participatie",
        organiser="Landelijk platform",
        date=today - dt.timedelta(days=20),
        hours=Decimal("6"),
        evidence=pdf("studiedag.pdf"),
    )
    outside_activity_decide(activity=accepted, actor=office, accept=True)
    pending = outside_activity_submit(
        person=junior,
        title="Congres wijkaanpak",
        organiser="Kennisplatform",
        date=today - dt.timedelta(days=3),
        hours=Decimal("4"),
        evidence=pdf("congres.pdf"),
    )
    submitted_month = attested_month(
        who=junior, month=today.replace(day=1), attester=office, status="submitted"
    )

    finished = junior.completions.select_related("enrolment", "edition").first()
    lesson = _lesson(finished.edition.course)
    LessonProgress.objects.create(
        enrolment=finished.enrolment, lesson=lesson, done_at=timezone.now()
    )
    package = package_for(lesson)
    attempt_record(
        person=junior,
        package=package,
        item="sco-1",
        event="commit",
        data={"core": {"lesson_status": "incomplete", "lesson_location": "pagina-2"}},
    )
    reflection = Reflection.objects.create(
        enrolment=finished.enrolment,
        lesson=lesson,
        text="In mijn wijk ligt de macht bij de woningcorporatie.",
        file=pdf("reflectie.pdf"),
        submitted_at=timezone.now(),
    )
    meeting = MeetingFactory(edition=finished.edition, place="Utrecht")
    Attendance.objects.create(
        enrolment=finished.enrolment,
        meeting=meeting,
        status=Attendance.Status.PRESENT,
        marked_by=editor,
        marked_at=timezone.now(),
    )

    upcoming = EditionFactory(course=CoursePageFactory(parent=provider), capacity=1)
    future_enrolment = enrol(upcoming, junior)
    waiting = person(Role.JUNIOR)
    waiting_enrolment = enrol(upcoming, waiting)

    calendar_feed_reset(person=junior)
    stranger = person(Role.JUNIOR)
    conflict_declare(actor=office, person=junior, other=stranger, reason="Familie.")
    Authenticator.objects.create(
        user=junior, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    AccessAttempt.objects.create(
        username=junior.email,
        ip_address="127.0.0.1",
        user_agent="browser",
        http_accept="text/html",
        path_info="/accounts/login/",
        get_data="",
        post_data="",
        failures_since_start=1,
    )
    run = MatchingRun.objects.create(
        created_by=office,
        status=MatchingRun.Status.DONE,
        result={
            "unmatched": [
                {
                    "junior": {"id": junior.pk, "name": str(junior), "email": junior.email},
                    "reasons": ["geen senior in de regio"],
                }
            ]
        },
    )
    log = LogEntry.objects.create(
        user=office,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(junior.pk),
        object_repr=str(junior),
        action_flag=CHANGE,
        change_message=f"Naam van {junior.get_full_name()} gecorrigeerd.",
    )
    return SimpleNamespace(
        junior=junior,
        email=junior.email,
        name=junior.get_full_name(),
        office=office,
        editor=editor,
        college=college,
        stranger=stranger,
        trajectory=trajectory,
        goal=goal,
        own_message=own_message,
        received_message=received_message,
        application=application,
        decision=decision,
        registration=registration,
        accepted=accepted,
        pending=pending,
        submitted_month=submitted_month,
        reflection=reflection,
        lesson=lesson,
        finished=finished,
        future_enrolment=future_enrolment,
        waiting_enrolment=waiting_enrolment,
        run=run,
        log=log,
    )


@pytest.fixture
def colleague(provider, office):
    """Another junior of the same provider, with a completion, evidence and a month."""
    other = person(Role.JUNIOR)
    today = timezone.localdate()
    completion(who=other, on_edition=edition(provider=provider), on=today - dt.timedelta(days=100))
    activity = outside_activity_submit(
        person=other,
        title="Leergang buurtbudget",
        organiser="Hogeschool",
        date=today - dt.timedelta(days=10),
        hours=Decimal("8"),
        evidence=pdf("leergang.pdf"),
    )
    attested_month(who=other, month=(today.replace(day=1) - dt.timedelta(days=1)), attester=office)
    return SimpleNamespace(user=other, activity=activity)
