"""Demo catalogue: three providers with editors, a dozen courses, editions in the past, now
and the future, accreditation by the College, and one provider's old site imported.

Made only by ``manage.py seed_demo``; a second run changes nothing.
"""

import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cms.models import HomePage
from lms.accounts.models import Organisation, User
from lms.accounts.services import user_create

from .demo_lessons import seed_lessons
from .legacy_import import catalogue_import
from .models import (
    AccreditationDecision,
    Approach,
    Attendance,
    Completion,
    CourseKind,
    CoursePage,
    Edition,
    Enrolment,
    Form,
    ProviderPage,
)
from .services import (
    PaymentConfirmation,
    accreditation_decide,
    accreditation_request_submit,
    attendance_mark,
    catalogue_ensure,
    completion_create,
    completion_revoke,
    course_save,
    enrolment_create,
    provider_create,
)

DEMO_PASSWORD = "demo-wachtwoord"

PROVIDERS = [
    {
        "title": "Kenniscentrum Wijkwerk",
        "kind": Organisation.Kind.TRAINING,
        "city": "Utrecht",
        "editor": "aanbieder@example.org",
        "intro": "<p>Praktijkgerichte scholing voor opbouwwerkers, sinds 1998.</p>",
        "email": "cursus@wijkwerk.example",
    },
    {
        "title": "Hogeschool Buurtkracht",
        "kind": Organisation.Kind.UNIVERSITY,
        "city": "Rotterdam",
        "editor": "redacteur.buurtkracht@example.org",
        "editor_name": ("Bram", "Hoekstra"),
        "intro": "<p>Post-HBO-onderwijs over samenlevingsopbouw en sociaal beleid.</p>",
        "email": "postHBO@buurtkracht.example",
    },
    {
        "title": "Instituut Samenlevingsopbouw",
        "kind": Organisation.Kind.TRAINING,
        "city": "Zwolle",
        "editor": "redacteur.samenlevingsopbouw@example.org",
        "editor_name": ("Ilse", "Mulder"),
        "intro": "<p>Consultatie en innovatie voor ervaren opbouwwerkers.</p>",
        "email": "info@samenlevingsopbouw.example",
    },
]

SA, SR, SO = Approach.STRATEGIC_ADVICE, Approach.SELF_RELIANCE, Approach.SOCIAL_ORGANISATIONAL
PR, CA, DE = Form.PROJECT, Form.CAMPAIGN, Form.DEVELOPMENT

# provider index, code, title, kind, approaches, forms, hours, points, price, accredited,
# editions as (days from today to the start, length in days, place or "" for online)
COURSES = [
    (
        0,
        "KWW-101",
        "Krachtenveldanalyse in de buurt",
        CourseKind.POST_HBO,
        [SA],
        [PR],
        48,
        44,
        1250,
        True,
        [(-200, 28, "Utrecht"), (-7, 28, "Utrecht"), (60, 28, "Utrecht"), (-300, 28, "Amersfoort")],
    ),
    (
        0,
        "KWW-102",
        "Bewonersparticipatie organiseren",
        CourseKind.POST_HBO,
        [SR],
        [DE],
        40,
        36,
        0,  # free: one-click enrolment; the others ask to confirm price and payer first
        True,
        [(30, 21, "Tiel"), (150, 21, ""), (-120, 21, "Tiel")],
    ),
    (
        0,
        "KWW-201",
        "Intervisie voor opbouwwerkers",
        CourseKind.CONSULTATION,
        [SO],
        [DE],
        24,
        20,
        640,
        False,
        [(14, 56, "")],
    ),
    (
        0,
        "KWW-301",
        "Digitale buurtplatforms",
        CourseKind.INNOVATION,
        [SR, SO],
        [PR],
        16,
        12,
        395,
        False,
        [(-60, 7, "Utrecht"), (90, 7, "Utrecht")],
    ),
    (
        1,
        "HB-PH-01",
        "Sociaal beleid en lokale politiek",
        CourseKind.POST_HBO,
        [SA],
        [CA],
        60,
        50,
        1480,
        True,
        [(-3, 35, "Rotterdam"), (180, 35, "Rotterdam")],
    ),
    (
        1,
        "HB-PH-02",
        "Werken met kwetsbare groepen",
        CourseKind.POST_HBO,
        [SR],
        [PR, DE],
        56,
        48,
        1390,
        False,
        [(45, 42, "Den Haag")],
    ),
    (
        1,
        "HB-CO-01",
        "Casusconsultatie: makelen en schakelen",
        CourseKind.CONSULTATION,
        [SO, SA],
        [DE],
        30,
        24,
        720,
        True,
        [(21, 63, ""), (-250, 63, "")],
    ),
    (
        1,
        "HB-IN-01",
        "Buurtcoöperaties opzetten",
        CourseKind.INNOVATION,
        [SO],
        [PR],
        32,
        28,
        695,
        True,
        [(75, 14, "Rotterdam")],
    ),
    (
        2,
        "IS-C-10",
        "Supervisie in het opbouwwerk",
        CourseKind.CONSULTATION,
        [SO],
        [DE],
        36,
        30,
        980,
        True,
        [(10, 70, "Zwolle"), (-120, 70, "Zwolle")],
    ),
    (
        2,
        "IS-C-11",
        "Ethiek en belangenverstrengeling",
        CourseKind.CONSULTATION,
        [SA],
        [PR],
        12,
        10,
        350,
        False,
        [(40, 1, "Amersfoort")],
    ),
    (
        2,
        "IS-I-20",
        "Sociale innovatie met ondernemers",
        CourseKind.INNOVATION,
        [SA, SO],
        [PR, CA],
        40,
        32,
        950,
        False,
        [(-1, 21, "Zwolle"), (120, 21, "")],
    ),
    (
        2,
        "IS-P-30",
        "Campagnes voeren met bewoners",
        CourseKind.POST_HBO,
        [SR, SA],
        [CA],
        50,
        44,
        1195,
        True,
        [(25, 30, "Deventer")],
    ),
]

ONLINE_URL = "https://meet.example.org/opbouwwerk"


def _legacy_folder() -> Path | None:
    """The sample old site kept with the tests; where it is left out (an image without the
    tests), the demo skips the import."""
    folder = Path(settings.BASE_DIR) / "tests" / "data" / "legacy-catalogue"
    return folder if (folder / "index.html").exists() else None


def _editor(spec: dict, people: dict[str, User]) -> User:
    email = spec["editor"]
    user = people.get(email) or User.objects.filter(email=email).first()
    if user is None:
        first, last = spec.get("editor_name", ("", ""))
        user = user_create(
            email=email, password=DEMO_PASSWORD, first_name=first, last_name=last, verified=True
        )
    return user


def _provider(spec: dict, editor: User, catalogue) -> ProviderPage:
    provider = ProviderPage.objects.filter(title=spec["title"]).first()
    if provider is not None:
        return provider
    organisation, _created = Organisation.objects.get_or_create(
        name=spec["title"], defaults={"kind": spec["kind"], "city": spec["city"]}
    )
    return provider_create(
        title=spec["title"],
        organisation=organisation,
        catalogue=catalogue,
        editors=[editor],
        intro=spec["intro"],
        email=spec["email"],
        address=spec["city"],
    )


def _editions(code: str, plans, today: dt.date) -> list[dict]:
    editions = []
    for number, (offset, length, place) in enumerate(plans, start=1):
        start = today + dt.timedelta(days=offset)
        end = start + dt.timedelta(days=length - 1)
        days = sorted({start, start + dt.timedelta(days=(length - 1) // 2), end})
        editions.append(
            {
                "code": f"{code}-{number}",
                "start_date": start,
                "end_date": end,
                "capacity": 12 + 2 * number,
                "enrolment_deadline": start - dt.timedelta(days=7) if offset > 7 else None,
                "status": "afgerond" if end < today else "open",
                "meetings": [
                    {
                        "date": day,
                        "start_time": dt.time(9, 30),
                        "end_time": dt.time(16, 0),
                        "place": place,
                        "online_url": "" if place else ONLINE_URL,
                    }
                    for day in days
                ],
            }
        )
    return editions


@transaction.atomic
def seed(people: dict[str, User]) -> None:
    home = HomePage.objects.first()
    if home is None:
        return
    catalogue = catalogue_ensure(home=home)
    today = timezone.localdate()
    college = people.get("college@example.org") or User.objects.get(email="college@example.org")
    editors = [_editor(spec, people) for spec in PROVIDERS]
    providers = [_provider(spec, editors[i], catalogue) for i, spec in enumerate(PROVIDERS)]

    for (
        index,
        code,
        title,
        kind,
        approaches,
        forms,
        hours,
        points,
        price,
        accredited,
        plans,
    ) in COURSES:
        provider = providers[index]
        if CoursePage.objects.filter(provider=provider, code=code).exists():
            continue
        course, _created = course_save(
            provider=provider,
            code=code,
            title=title,
            kind=kind,
            publish=True,
            user=editors[index],
            summary=f"{title}: een {kind.label.lower()} voor opbouwwerkers die verder willen.",
            approaches=approaches,
            work_forms=forms,
            study_load_hours=hours,
            points_requested=Decimal(points),
            price=Decimal(price) if price else None,
            target_group="Opbouwwerkers met minstens twee jaar praktijkervaring.",
            body=[
                (
                    "paragraph",
                    f"<p>In {title.lower()} werk je aan casussen uit je eigen wijk: analyse, "
                    "ontwerp en uitvoering, samen met bewoners en instanties.</p>",
                )
            ],
            editions=_editions(code, plans, today),
        )
        if accredited:
            request = accreditation_request_submit(course=course, user=editors[index])
            accreditation_decide(
                request=request,
                reviewer=college,
                outcome=AccreditationDecision.Outcome.GRANTED,
                points_granted=Decimal(points),
                valid_from=today - dt.timedelta(days=365),
                valid_until=today + dt.timedelta(days=3 * 365),
                motivation="De cursus sluit aan bij de werkwijzen uit het statuut.",
            )

    legacy = _legacy_folder()
    first = providers[0]
    if (
        legacy is not None
        and not CoursePage.objects.filter(provider=first, code__startswith="KW-").exists()
    ):
        catalogue_import(folder=legacy, provider=first)
    seed_learning(people)
    seed_lessons(people)


def _edition(code: str) -> Edition | None:
    return Edition.objects.filter(code=code).select_related("course").first()


def _self_pays() -> PaymentConfirmation:
    return PaymentConfirmation(payer=Enrolment.Payer.SELF, terms_accepted=True)


def _past_enrolment(edition: Edition, person: User, editor: User) -> Enrolment:
    """An enrolment in an edition that already ran, as if taken over from the provider's books."""
    enrolment = Enrolment.objects.filter(edition=edition, person=person).first()
    if enrolment is None:
        enrolment = Enrolment.objects.create(
            edition=edition,
            person=person,
            status=Enrolment.Status.ENROLLED,
            seat=(edition.enrolments.filter(status=Enrolment.Status.ENROLLED).count() + 1),
            enrolled_by=editor,
            enrolled_at=timezone.now(),
        )
    return enrolment


def seed_learning(people: dict[str, User]) -> None:
    """Each learning state once: junior enrolled in an upcoming edition, waitlisted in a full
    one, completed an accredited course (twice: the second time adds no points), and present at
    two of the three meetings of a course that ran, waiting for the provider to complete her by
    hand; a revoked completion for the senior. Attendance and completions are dated on or after
    the days the courses ran."""
    junior = people.get("junior@example.org")
    senior = people.get("senior@example.org")
    editor = User.objects.filter(email="aanbieder@example.org").first()
    upcoming, full, past = _edition("KWW-102-1"), _edition("KWW-101-3"), _edition("KWW-101-1")
    attended = _edition("KWW-102-3")
    if not (junior and senior and editor and upcoming and full and past and attended):
        return
    if not upcoming.enrolments.filter(person=junior).exists():
        enrolment_create(edition=upcoming, person=junior, actor=junior, payment=_self_pays())
    if not full.enrolments.exists():
        # A small edition in the demo, so that the waitlist shows.
        Edition.objects.filter(pk=full.pk).update(capacity=1)
        full.refresh_from_db()
        enrolment_create(edition=full, person=senior, actor=senior, payment=_self_pays())
        enrolment_create(edition=full, person=junior, actor=junior, payment=_self_pays())
    for person in (junior, senior):
        enrolment = _past_enrolment(past, person, editor)
        if not Completion.objects.filter(enrolment=enrolment).exists():
            completion_create(
                enrolment=enrolment,
                actor=editor,
                reason="Alle bijeenkomsten bijgewoond en eindopdracht voldoende.",
                completed_on=past.end_date,
            )
    # The same course in an earlier edition: it counts once (DOMAIN.md, "A course counts once").
    earlier = _edition("KWW-101-4")
    if earlier is not None:
        enrolment = _past_enrolment(earlier, junior, editor)
        if not Completion.objects.filter(enrolment=enrolment).exists():
            completion_create(
                enrolment=enrolment,
                actor=editor,
                reason="Deelgenomen aan de eerdere uitvoering; alle bijeenkomsten bijgewoond.",
                completed_on=earlier.end_date,
            )
    # The senior was at every meeting, as taken over from the provider's books; completing
    # her waits for the provider (who completes everyone who met the rule in one go).
    there = _past_enrolment(attended, senior, editor)
    if not there.attendance.exists():
        Attendance.objects.bulk_create(
            Attendance(
                enrolment=there,
                meeting=meeting,
                status=Attendance.Status.PRESENT,
                marked_by=editor,
                marked_at=timezone.now(),
            )
            for meeting in attended.meetings.all()
        )
    waiting = _past_enrolment(attended, junior, editor)
    if not waiting.attendance.exists():
        meetings = list(attended.meetings.order_by("date", "start_time"))
        marks = {(waiting.pk, meeting.pk): Attendance.Status.PRESENT for meeting in meetings}
        marks[(waiting.pk, meetings[-1].pk)] = Attendance.Status.ABSENT
        attendance_mark(edition=attended, actor=editor, marks=marks)
    revoked = Completion.objects.get(enrolment__edition=past, person=senior)
    if revoked.revoked_at is None:
        completion_revoke(
            completion=revoked,
            actor=editor,
            reason="De eindopdracht bleek niet zelf geschreven.",
        )
