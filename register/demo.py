"""Demo data for the register (safe to run twice): one practitioner who meets every
requirement and may apply (Eline), one who is registered and works toward renewal (Ruud), and
the demo junior who does not yet, with a forecast and a course she completed twice.

Runs after the mentoring demo; everything goes through the services, except the enrolment in
past editions, which is taken over from the provider's books as the courses demo does.
"""

from __future__ import annotations

from datetime import datetime, time

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from cms.selectors import code_version_current
from courses.models import Completion, Edition, Enrolment
from courses.selectors import edition_points
from courses.services.records import completion_create
from lms.accounts.models import Organisation, Region, Role, User
from lms.accounts.services import role_set, user_create
from mentoring import services
from mentoring.kinds import Approach
from mentoring.models import CoachingSession, PracticeMonth, Trajectory, default_planned_end

from . import services as register_services
from .models import KringDocument, KringMeeting, Registration
from .selectors import policy_in_force, reviewers_offered

DEMO_PASSWORD = "demo-wachtwoord"
ELIGIBLE_EMAIL = "eline.bos@example.org"
RENEWING_EMAIL = "ruud.visser@example.org"
# A ballotage needs three reviewers without a conflict of interest; with college@example.org
# these two make the demo's College large enough to decide an application.
COLLEGE_MEMBERS = [
    ("college2@example.org", "Hanneke", "Smit", Region.FRIESLAND),
    ("college3@example.org", "Youssef", "Bennani", Region.LIMBURG),
]

# A month of a seasoned practitioner: 100 hours over the three approaches and two forms.
FULL_MONTH = {
    "minutes_zelfredzaamheid": 40 * 60,
    "minutes_strategisch": 30 * 60,
    "minutes_sociaal_organisatorisch": 30 * 60,
    "minutes_project": 60 * 60,
    "minutes_campagne": 40 * 60,
    "minutes_territoriaal": 100 * 60,
}
# The demo junior's recent months: one approach, one form, 60 hours.
JUNIOR_MONTH = {
    "minutes_zelfredzaamheid": 60 * 60,
    "minutes_project": 60 * 60,
    "minutes_territoriaal": 60 * 60,
}


def _demo_person(email, first, last, role, region, organisation=None) -> User:
    """The demo account of that address, made the first time the demo is seeded."""
    found = User.objects.filter(email=email).first()
    if found is not None:
        return found
    return user_create(
        email=email,
        password=DEMO_PASSWORD,
        first_name=first,
        last_name=last,
        roles=[role],
        organisation=organisation,
        region=region,
        verified=True,
    )


def _months_back(n: int):
    first = timezone.localdate().replace(day=1)
    return [first - relativedelta(months=i) for i in range(1, n + 1)]


def _log_months(person: User, office: User, months, minutes: dict) -> None:
    for month in months:
        if PracticeMonth.objects.filter(person=person, month=month).exists():
            continue
        record = services.practice_month_log(actor=person, month=month, minutes=minutes)
        services.practice_month_attest(actor=office, practice_month=record)


def _complete_past_editions(person: User) -> None:
    """Accredited past editions, completed on their last day, until there are two course kinds
    and the points the policy in force asks."""
    from decimal import Decimal

    today = timezone.localdate()
    required = policy_in_force(on=today).points
    done = Completion.objects.filter(person=person, accredited=True, revoked_at__isnull=True)
    kinds = set(done.values_list("course_kind", flat=True))
    points = sum(done.values_list("points", flat=True), Decimal(0))
    editions = (
        Edition.objects.filter(
            end_date__lt=today,
            end_date__gt=today - relativedelta(years=5) + relativedelta(months=1),
        )
        .select_related("course")
        .order_by("-end_date")
    )
    editions = list(editions)
    # First pass: a second course kind; second pass: points.
    for edition in [*editions, *editions]:
        if len(kinds) >= 2 and points >= required:
            return
        if len(kinds) < 2 and edition.course.kind in kinds:
            continue
        if not edition_points(edition) or edition.enrolments.filter(person=person).exists():
            continue
        completion = _complete(person, edition)
        kinds.add(completion.course_kind)
        points += completion.points


def _complete(person: User, edition: Edition) -> Completion:
    """Taken over from the provider's books: a seat in a past edition, completed on its last
    day."""
    taken = edition.enrolments.filter(status=Enrolment.Status.ENROLLED).values_list(
        "seat", flat=True
    )
    enrolment = Enrolment.objects.create(
        edition=edition,
        person=person,
        status=Enrolment.Status.ENROLLED,
        seat=max(taken, default=0) + 1,
        enrolled_at=timezone.now(),
    )
    return completion_create(enrolment=enrolment, actor=None, completed_on=edition.end_date)


def _outside_activity(person: User, office: User) -> None:
    """A study day outside the platform, accepted by the office (counts up to 20%)."""
    from decimal import Decimal

    from django.core.files.base import ContentFile

    from courses.models import OutsideActivity
    from courses.services.records import outside_activity_decide, outside_activity_submit

    if OutsideActivity.objects.filter(person=person).exists():
        return
    activity = outside_activity_submit(
        person=person,
        title="Landelijke studiedag participatie",
        organiser="Landelijk Platform Opbouwwerk",
        date=timezone.localdate() - relativedelta(months=5),
        hours=Decimal("24"),
        evidence=ContentFile(b"%PDF-1.4\n% bewijs van deelname\n", name="deelname.pdf"),
    )
    outside_activity_decide(activity=activity, actor=office, accept=True)


def _coaching(person: User, senior: User, office: User, *, hour: int = 10) -> None:
    """A finished trajectory of 40 confirmed hours, logged and confirmed through the services;
    ``hour`` keeps one senior's sessions with different juniors apart."""
    if Trajectory.objects.filter(junior=person).exists():
        return
    today = timezone.localdate()
    starts = today - relativedelta(months=14)
    trajectory = services.trajectory_propose(
        actor=office,
        senior=senior,
        junior=person,
        starts_on=starts,
        planned_end_on=default_planned_end(starts),
    )
    services.trajectory_accept(actor=senior, trajectory=trajectory)
    services.trajectory_accept(actor=person, trajectory=trajectory)
    for i in range(10):
        day = starts + relativedelta(weeks=3 * i + 1)
        when = timezone.make_aware(datetime.combine(day, time(hour, 0)))
        session = services.coaching_session_log(
            actor=senior,
            trajectory=trajectory,
            starts_at=when,
            duration_minutes=240,
            mode="in_person",
            summary="Casusbespreking en reflectie op de wijkaanpak.",
        )
        services.coaching_session_confirm(actor=person, session=session)


def _finish_trajectory(person: User, office: User) -> None:
    """A trajectory past its planned end is completed, so that its senior has room again."""
    today = timezone.localdate()
    for trajectory in Trajectory.objects.filter(
        junior=person, status=Trajectory.Status.ACTIVE, planned_end_on__lt=today
    ):
        services.trajectory_complete(actor=office, trajectory=trajectory)


def _registered(person: User, office: User) -> None:
    """Through the whole procedure: the application, the office's check, three College members
    without a conflict of interest, their votes, the decision and the registration."""
    if Registration.objects.filter(person=person).exists():
        return
    application = register_services.register_application_submit(
        actor=person,
        reflections=dict.fromkeys(
            Approach.values,
            "In mijn wijkwerk pas ik deze werkwijze dagelijks toe, samen met bewoners.",
        ),
        code_version=code_version_current(on=timezone.localdate()),
    )
    register_services.register_application_check(
        actor=office, application=application, complete=True
    )
    reviewers = reviewers_offered(application=application)[:3]
    register_services.reviewers_assign(actor=office, application=application, reviewers=reviewers)
    for assignment in application.assignments.all():
        register_services.ballotage_vote(
            actor=assignment.reviewer,
            assignment=assignment,
            value="positive",
            motivation="Een gevarieerde praktijk en een sterke reflectie.",
        )
    decision = register_services.ballotage_decide(actor=office, application=application)
    register_services.registration_create(actor=office, decision=decision)


@transaction.atomic
def seed(people: dict[str, User]) -> None:
    office = people.get("registerbureau@example.org")
    senior = people.get("senior@example.org")
    junior = people.get("junior@example.org")
    if not (office and senior and junior):
        return
    # Eline works where the demo senior works, so that he may coach her.
    organisation = getattr(getattr(senior, "profile", None), "organisation", None)
    eligible = _demo_person(
        ELIGIBLE_EMAIL, "Eline", "Bos", Role.JUNIOR, Region.UTRECHT, organisation
    )
    for email, first, last, region in COLLEGE_MEMBERS:
        _demo_person(email, first, last, Role.BOARD_MEMBER, region)
    _log_months(eligible, office, _months_back(40), FULL_MONTH)
    _complete_past_editions(eligible)
    _coaching(eligible, senior, office)
    _finish_trajectory(eligible, office)
    _outside_activity(eligible, office)
    # Ruud went through the procedure and is in the register: he now works toward renewal.
    renewing = _demo_person(
        RENEWING_EMAIL, "Ruud", "Visser", Role.SENIOR, Region.GELDERLAND, organisation
    )
    _log_months(renewing, office, _months_back(40), FULL_MONTH)
    _complete_past_editions(renewing)
    _coaching(renewing, senior, office, hour=15)
    _finish_trajectory(renewing, office)
    _outside_activity(renewing, office)
    _registered(renewing, office)
    # The demo junior: a year of months at one approach; the forecast shows when 36 are reached.
    _log_months(junior, office, _months_back(12), JUNIOR_MONTH)
    seed_kring(people, office)


# --- The Kring Kwaliteitsmanagement ------------------------------------------------------------
# Six more organisations beside the demo manager's, each with a senior and juniors who took
# courses and were coached, so that the benchmark shows medians; one of them too small to be
# shown (fewer than KRING_MIN_PEOPLE practitioners). The demo manager is a Kring member.

KRING_ORGANISATIONS = [
    # name, city, region, juniors, courses per junior, days before a session is confirmed
    ("Welzijn Achterhoek", "Doetinchem", Region.GELDERLAND, 5, 1, 3),
    ("Stichting Wijkkracht", "Zwolle", Region.OVERIJSSEL, 5, 2, 8),
    ("Opbouwwerk Haaglanden", "Den Haag", Region.ZUID_HOLLAND, 6, 1, 12),
    ("Welzijn Zuid-Limburg", "Heerlen", Region.LIMBURG, 5, 3, 5),
    ("Buurtwerk Groningen", "Groningen", Region.GRONINGEN, 6, 2, 16),
    ("Dorpswerk Vlieland", "Vlieland", Region.FRIESLAND, 1, 1, 2),
]
# The demo manager's organisation gets two juniors more, so that its own figures show.
OWN_EXTRA_JUNIORS = 2
KRING_MEMBER_EMAIL = "petra.kring@example.org"
FIRST_NAMES = ("Noor", "Daan", "Fatima", "Lars", "Mila", "Sem", "Aylin", "Bram")


def _kring_person(email, first, last, role, region, organisation) -> User:
    """A demo practitioner who does not sign in: no password to hash."""
    found = User.objects.filter(email=email).first()
    if found is not None:
        return found
    return user_create(
        email=email,
        password=None,
        first_name=first,
        last_name=last,
        roles=[role],
        organisation=organisation,
        region=region,
        verified=True,
    )


def _kring_senior(email, region, organisation, office) -> User:
    """A senior with room for every junior of a small organisation."""
    senior = _kring_person(email, "Kees", "de Boer", Role.SENIOR, region, organisation)
    services.practitioner_profile_update(actor=office, user=senior, capacity=8)
    return senior


def _coached(junior: User, senior: User, office: User, *, number: int, delay_days: int) -> None:
    """Nine sessions of two hours, five weeks apart, from a trajectory that started eleven or
    twelve months ago, logged and confirmed through the services; ``number`` keeps one
    senior's sessions with different juniors at different hours. The junior confirmed each
    ``delay_days`` after it took place: the demo dates the logging and confirmation back to
    then, as if they had happened at the time."""
    if Trajectory.objects.filter(junior=junior).exists():
        return
    today = timezone.localdate()
    starts = today - relativedelta(months=11 + number % 2)
    trajectory = services.trajectory_propose(
        actor=office,
        senior=senior,
        junior=junior,
        starts_on=starts,
        planned_end_on=default_planned_end(starts),
    )
    services.trajectory_accept(actor=senior, trajectory=trajectory)
    services.trajectory_accept(actor=junior, trajectory=trajectory)
    for i in range(9):
        day = starts + relativedelta(weeks=5 * i + 1)
        when = timezone.make_aware(datetime.combine(day, time(8 + 2 * (number % 6), 0)))
        session = services.coaching_session_log(
            actor=senior,
            trajectory=trajectory,
            starts_at=when,
            duration_minutes=120,
            mode="in_person",
            summary="Bespreking van een buurtproject.",
        )
        services.coaching_session_confirm(actor=junior, session=session)
        confirmed = min(when + relativedelta(days=delay_days), timezone.now())
        CoachingSession.objects.filter(pk=session.pk).update(logged_at=when, confirmed_at=confirmed)
    _finish_trajectory(junior, office)


def _courses(person: User, editions: list[Edition], *, count: int, offset: int) -> None:
    """``count`` past editions from ``offset`` on, going round the list."""
    if not editions or Completion.objects.filter(person=person).exists():
        return
    for i in range(count):
        _complete(person, editions[(offset + i) % len(editions)])


def _kring_meetings(office: User, proposer: User) -> None:
    from django.core.files.base import ContentFile
    from weasyprint import HTML

    if KringMeeting.objects.exists():
        return
    today = timezone.localdate()

    def pdf(title: str, lines: list[str]) -> ContentFile:
        items = "".join(f"<li>{line}</li>" for line in lines)
        html = f"<html lang='nl'><body><h1>{title}</h1><ol>{items}</ol></body></html>"
        return ContentFile(HTML(string=html).write_pdf(), name="document.pdf")

    past = register_services.kring_meeting_create(
        actor=office,
        date=today - relativedelta(months=2),
        place="Utrecht, Landelijk Steunpunt",
        topic="Inwerken van junior opbouwwerkers",
    )
    coming = register_services.kring_meeting_create(
        actor=office,
        date=today + relativedelta(weeks=5),
        place="Zwolle, Stichting Wijkkracht",
        topic="Coaching en de registereisen",
    )
    agenda = ["Opening", "De benchmark van dit kwartaal", "Rondvraag"]
    register_services.kring_document_upload(
        actor=office,
        meeting=past,
        kind=KringDocument.Kind.AGENDA,
        title="Agenda " + past.topic,
        file=pdf("Agenda", agenda),
    )
    register_services.kring_document_upload(
        actor=office,
        meeting=past,
        kind=KringDocument.Kind.MINUTES,
        title="Notulen " + past.topic,
        file=pdf("Notulen", ["Iedere organisatie wijst een buddy aan in de eerste week."]),
    )
    register_services.kring_document_upload(
        actor=office,
        meeting=coming,
        kind=KringDocument.Kind.AGENDA,
        title="Agenda " + coming.topic,
        file=pdf("Agenda", agenda),
    )
    register_services.kring_topic_propose(
        actor=proposer,
        meeting=coming,
        title="Snel bevestigen van coachingsgesprekken",
        explanation="Hoe zorgen jullie dat juniors hun gesprekken binnen een week bevestigen?",
    )


def seed_kring(people: dict[str, User], office: User) -> None:
    manager = people.get("manager@example.org")
    if manager is None or manager.profile.organisation is None:
        return
    if Role.KRING_MEMBER not in manager.roles:
        role_set(user=manager, roles=[*(Role(r) for r in manager.roles), Role.KRING_MEMBER])
    today = timezone.localdate()
    editions = [
        e
        for e in Edition.objects.filter(
            end_date__lt=today,
            end_date__gt=today - relativedelta(years=5) + relativedelta(months=1),
        )
        .select_related("course")
        .order_by("end_date")
        if edition_points(e)
    ]
    own = manager.profile.organisation
    own_senior = _kring_senior("senior2.rivierenland@example.org", Region.GELDERLAND, own, office)
    for n in range(OWN_EXTRA_JUNIORS):
        junior = _kring_person(
            f"junior{n + 2}.rivierenland@example.org",
            FIRST_NAMES[n],
            "Mulder",
            Role.JUNIOR,
            Region.GELDERLAND,
            own,
        )
        _courses(junior, editions, count=2, offset=n)
        _coached(junior, own_senior, office, number=n, delay_days=6)
    proposer = None
    for index, (name, city, region, juniors, courses, delay) in enumerate(KRING_ORGANISATIONS):
        organisation = Organisation.objects.get_or_create(
            name=name, defaults={"city": city, "kind": Organisation.Kind.WELFARE}
        )[0]
        slug = name.split()[-1].lower()
        org_senior = _kring_senior(f"senior.{slug}@example.org", region, organisation, office)
        _courses(org_senior, editions, count=courses, offset=index)
        for n in range(juniors):
            junior = _kring_person(
                f"junior{n + 1}.{slug}@example.org",
                FIRST_NAMES[(n + index) % len(FIRST_NAMES)],
                "de Jong",
                Role.JUNIOR,
                region,
                organisation,
            )
            _courses(junior, editions, count=courses, offset=index + n)
            _coached(junior, org_senior, office, number=n, delay_days=delay + n)
        if proposer is None:
            proposer = _kring_person(
                KRING_MEMBER_EMAIL, "Petra", "Kuipers", Role.KRING_MEMBER, region, organisation
            )
    _kring_meetings(office, proposer)
