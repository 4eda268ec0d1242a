"""Demo data for buddy trajectories, coaching and the practice log (safe to run twice)."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from lms.accounts.models import Organisation, Region, Role, User
from lms.accounts.services import conflict_declare, user_create

from . import services
from .models import CoachingSession, PracticeMonth, Trajectory

DEMO_PASSWORD = "demo-wachtwoord"

# email, first name, last name, role, organisation name, region, profile
EXTRA_PEOPLE = [
    (
        "fatima.yilmaz@example.org",
        "Fatima",
        "Yilmaz",
        Role.JUNIOR,
        "Welzijn Rivierenland",
        Region.GELDERLAND,
        {"available_weekdays": [0, 2], "languages": ["nl", "en"]},
    ),
    (
        "daan.smit@example.org",
        "Daan",
        "Smit",
        Role.JUNIOR,
        "Welzijn Rivierenland",
        Region.GELDERLAND,
        {"available_weekdays": [3, 4]},
    ),
    (
        "lotte.meijer@example.org",
        "Lotte",
        "Meijer",
        Role.JUNIOR,
        "Stichting Opbouw Utrecht",
        Region.UTRECHT,
        {"available_weekdays": [1]},
    ),
    (
        "yusuf.demir@example.org",
        "Yusuf",
        "Demir",
        Role.JUNIOR,
        "Stichting Opbouw Utrecht",
        Region.UTRECHT,
        {"available_weekdays": [0, 1, 2]},
    ),
    # More Utrecht juniors than Utrecht seniors have room for: one waits, and says why.
    (
        "sanne.visser@example.org",
        "Sanne",
        "Visser",
        Role.JUNIOR,
        "Stichting Opbouw Utrecht",
        Region.UTRECHT,
        {"available_weekdays": [4]},
    ),
    (
        "omar.elidrissi@example.org",
        "Omar",
        "El Idrissi",
        Role.JUNIOR,
        "Stichting Opbouw Utrecht",
        Region.UTRECHT,
        {"available_weekdays": [2, 3]},
    ),
    # Without an organisation no senior may coach him yet.
    ("noah.dekker@example.org", "Noah", "Dekker", Role.JUNIOR, None, Region.ZEELAND, {}),
    (
        "ineke.mulder@example.org",
        "Ineke",
        "Mulder",
        Role.SENIOR,
        "Welzijn Rivierenland",
        Region.GELDERLAND,
        {
            "capacity": 1,
            "available_weekdays": [0, 2, 4],
            "experience": ["zelfredzaamheid", "project", "campagne"],
        },
    ),
    (
        "henk.bos@example.org",
        "Henk",
        "Bos",
        Role.SENIOR,
        "Stichting Opbouw Utrecht",
        Region.UTRECHT,
        {
            "capacity": 2,
            "available_weekdays": [1, 2],
            "experience": ["strategisch", "ontwikkeltraject"],
        },
    ),
    (
        "priya.ramdin@example.org",
        "Priya",
        "Ramdin",
        Role.SENIOR,
        "Stichting Opbouw Utrecht",
        Region.UTRECHT,
        {
            "capacity": 1,
            "available_weekdays": [0, 1],
            "languages": ["nl", "en"],
            "experience": ["sociaal_organisatorisch", "campagne"],
        },
    ),
]


def _at(day, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _extra_people() -> dict[str, User]:
    people = {}
    for email, first, last, role, org_name, region, profile in EXTRA_PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = user_create(
                email=email,
                password=DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                roles=[role],
                organisation=Organisation.objects.filter(name=org_name or "").first(),
                region=region,
                verified=True,
            )
            services.practitioner_profile_update(actor=user, user=user, **profile)
        people[email] = user
    return people


@transaction.atomic
def seed(people: dict[str, User]) -> None:
    office = people["registerbureau@example.org"]
    senior = people["senior@example.org"]
    junior = people["junior@example.org"]
    manager = people["manager@example.org"]
    extra = _extra_people()

    services.practitioner_profile_get_or_create(user=senior)
    if not senior.practitioner.experience:
        services.practitioner_profile_update(
            actor=senior,
            user=senior,
            capacity=3,
            available_weekdays=[0, 1, 3],
            languages=["nl"],
            experience=["strategisch", "sociaal_organisatorisch", "campagne"],
        )
        services.practitioner_profile_update(
            actor=junior, user=junior, available_weekdays=[0, 1], languages=["nl"]
        )
        # The demo pool shows a rule at work: Daan's line manager is a senior.
        daan = extra["daan.smit@example.org"]
        daan.profile.line_manager = extra["ineke.mulder@example.org"]
        daan.profile.save(update_fields=["line_manager"])
        conflict_declare(
            actor=office,
            person=extra["henk.bos@example.org"],
            other=extra["lotte.meijer@example.org"],
            reason="Henk en Lotte zijn familie.",
        )

    if not Trajectory.objects.filter(senior=senior, junior=junior).exists():
        today = timezone.localdate()
        trajectory = services.trajectory_propose(
            actor=office,
            senior=senior,
            junior=junior,
            starts_on=today - timedelta(days=120),
            goals=["Een wijkanalyse zelfstandig uitvoeren", "Een bewonerscampagne opzetten"],
        )
        services.trajectory_accept(actor=senior, trajectory=trajectory)
        services.trajectory_accept(actor=junior, trajectory=trajectory)
        goals = list(trajectory.goals.all())

        def log(days_ago: int, minutes: int, summary: str) -> CoachingSession:
            return services.coaching_session_log(
                actor=senior,
                trajectory=trajectory,
                starts_at=_at(today - timedelta(days=days_ago), 10),
                duration_minutes=minutes,
                mode=CoachingSession.Mode.IN_PERSON,
                approaches=["strategisch"],
                goals=goals[:1],
                summary=summary,
                private_note="Volgende keer doorvragen over de samenwerking met de gemeente.",
            )

        for days_ago in (100, 80, 60):
            services.coaching_session_confirm(
                actor=junior, session=log(days_ago, 90, "Wijkanalyse: bronnen en gesprekken.")
            )
        disputed = log(40, 120, "Campagneplan besproken.")
        services.coaching_session_dispute(
            actor=junior, session=disputed, reason="We spraken een uur, niet twee."
        )
        log(10, 60, "Voorbereiding bewonersavond.")
        services.coaching_session_plan(
            actor=senior,
            trajectory=trajectory,
            starts_at=_at(today + timedelta(days=7), 14),
            duration_minutes=60,
            mode=CoachingSession.Mode.ONLINE,
            summary="Evaluatie bewonersavond",
        )

    if not PracticeMonth.objects.filter(person=junior).exists():
        first = timezone.localdate().replace(day=1)
        for back in range(4, 0, -1):
            month = first
            for _ in range(back):
                month = (month - timedelta(days=1)).replace(day=1)
            record = services.practice_month_log(
                actor=junior,
                month=month,
                minutes={
                    "minutes_zelfredzaamheid": 50 * 60,
                    "minutes_strategisch": 40 * 60,
                    "minutes_sociaal_organisatorisch": 30 * 60 + 30,
                    "minutes_project": 70 * 60,
                    "minutes_campagne": 30 * 60,
                    "minutes_ontwikkeltraject": 20 * 60 + 30,
                    "minutes_territoriaal": 120 * 60 + 30,
                },
            )
            if back > 2:
                services.practice_month_attest(actor=manager, practice_month=record)
