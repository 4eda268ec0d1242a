"""Fill a database with a realistic platform at a chosen scale, with bulk inserts.

Run inside the Django project (``python -m benchmarks.generate --scale small``) against an
empty, migrated database. Each section below fills one part of the platform and can be
extended on its own; a section whose models are not there is skipped with its reason, so the
run still measures everything else. The large tables (coaching sessions, practice months) go
in with PostgreSQL's COPY; everything else with ``bulk_create`` in batches. Wagtail pages
(providers, courses) go through ``add_child``, which keeps the tree's paths correct.

It writes a manifest (JSON) that tells the load run which pages and people to use.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path

BENCH_PASSWORD = "bench-wachtwoord-2026"
DASHBOARD_EMAIL = "dashboard@bench.example.org"
REFERENCE_SLUG = "bench-referentie"
BATCH = 5_000
CAPACITY = 30  # seats per edition

FIRST_NAMES = [
    "Anouk", "Bram", "Chaima", "Daan", "Esra", "Fenna", "Gijs", "Hanna", "Ilias", "Joris",
    "Kim", "Lotte", "Mohamed", "Noor", "Olaf", "Priya", "Quinten", "Roos", "Sem", "Tess",
]  # fmt: skip
LAST_NAMES = [
    "de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer",
    "de Boer", "Mulder", "Yilmaz", "Bouzid", "Hoekstra", "Dekker", "Kok", "Peters",
]  # fmt: skip
CITIES = ["Utrecht", "Tiel", "Zwolle", "Rotterdam", "Groningen", "Maastricht", "Arnhem", "Delft"]
TOPICS = [
    "Krachtenveldanalyse", "Bewonersparticipatie", "Wijkgericht werken", "Buurtcoöperaties",
    "Campagnes voeren", "Sociaal beleid", "Intervisie", "Netwerken in de wijk",
    "Kwetsbare groepen", "Strategisch advies", "Zelforganisatie", "Armoedeaanpak",
]  # fmt: skip


def batched(items: Sequence, size: int = BATCH) -> Iterable[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def bulk(model, objects: list, size: int = BATCH) -> list:
    made = []
    for chunk in batched(objects, size):
        made += model.objects.bulk_create(chunk)
    return made


def copy_rows(model, columns: Sequence[str], rows: Iterable[tuple]) -> int:
    """Insert ``rows`` into ``model``'s table with COPY on PostgreSQL (plain INSERTs elsewhere)."""
    from django.db import connection

    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(c) for c in columns)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
        else:
            marks = ", ".join(["%s"] * len(columns))
            pending: list[tuple] = []
            for row in rows:
                pending.append(row)
                if len(pending) == BATCH:
                    cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", pending)
                    count += len(pending)
                    pending = []
            if pending:
                cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", pending)
                count += len(pending)
    return count


class Skipped(Exception):
    """A section cannot run against the models as they are; the reason goes in the results."""


# --- Sections ---------------------------------------------------------------------------------


def site_shell() -> dict:
    """The home page, menus and demo accounts, then the reference page the run compares with."""
    from wagtail.models import Page

    from cms import demo as cms_demo
    from cms.models import ContentPage
    from lms.accounts import demo as accounts_demo

    people = accounts_demo.seed()
    home = cms_demo.seed()
    reference = ContentPage.objects.filter(slug=REFERENCE_SLUG).first()
    if reference is None:
        reference = ContentPage(title="Referentiepagina", slug=REFERENCE_SLUG, body=[])
        home.add_child(instance=reference)
        reference.save_revision().publish()
    assert Page.objects.get(pk=reference.pk).live
    return {
        "home_url": "/",
        "reference_url": f"/{REFERENCE_SLUG}/",
        "demo_people": sorted(people),
    }


def people(plan, rng: random.Random, password_hash: str) -> dict:
    """Organisations, practitioners with profiles, verified addresses and roles."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.models import Group

    from lms.accounts.models import Organisation, Profile, Region, Role, User

    kinds = [Organisation.Kind.WELFARE, Organisation.Kind.MUNICIPALITY, Organisation.Kind.OTHER]
    organisations = bulk(
        Organisation,
        [
            Organisation(
                name=f"Welzijn {CITIES[i % len(CITIES)]} {i + 1:03d}",
                kind=kinds[i % len(kinds)],
                city=CITIES[i % len(CITIES)],
                allows_cross_organisation_pairs=i % 3 == 0,
            )
            for i in range(plan.organisations)
        ],
    )
    n = plan.practitioners
    users = [
        User(
            email=DASHBOARD_EMAIL,
            first_name="Dirk",
            last_name="Dashboard",
            password=password_hash,
        )
    ]
    for i in range(1, n):
        users.append(
            User(
                email=f"opbouwwerker{i:05d}@bench.example.org",
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                password=password_hash,
            )
        )
    users = bulk(User, users)
    ids = [u.pk for u in users]
    seniors = ids[: max(2, int(n * plan.senior_share))]
    juniors = ids[len(seniors) :]
    regions = list(Region.values)
    org_of = {pk: organisations[rng.randrange(len(organisations))].pk for pk in ids}
    bulk(
        Profile,
        [Profile(user_id=pk, organisation_id=org_of[pk], region=rng.choice(regions)) for pk in ids],
    )
    bulk(
        EmailAddress,
        [EmailAddress(user_id=u.pk, email=u.email, primary=True, verified=True) for u in users],
    )
    groups = {role: Group.objects.get_or_create(name=role.value)[0] for role in Role}
    membership = User.groups.through
    bulk(
        membership,
        [membership(user_id=pk, group_id=groups[Role.SENIOR].pk) for pk in seniors]
        + [membership(user_id=pk, group_id=groups[Role.JUNIOR].pk) for pk in juniors],
    )
    return {
        "ids": ids,
        "seniors": seniors,
        "juniors": juniors,
        "org_of": org_of,
        "dashboard": ids[0],
        "counts": {"organisations": len(organisations), "practitioners": len(ids)},
    }


def courses(plan, rng: random.Random, crowd: dict) -> dict:
    """The catalogue, provider pages, course pages, editions with meetings, accreditation."""
    try:
        from courses.models import (
            AccreditationDecision,
            AccreditationRequest,
            Approach,
            CataloguePage,
            CourseKind,
            CoursePage,
            Edition,
            Form,
            Meeting,
            ProviderPage,
        )
    except ImportError as exc:
        raise Skipped(f"course models not available: {exc}") from exc
    from django.utils import timezone
    from django.utils.text import slugify

    from cms.models import HomePage
    from lms.accounts.models import Organisation, User

    home = HomePage.objects.first()
    catalogue = CataloguePage.objects.first()
    if catalogue is None:
        catalogue = CataloguePage(
            title="Cursussen",
            slug="cursussen",
            intro="<p>Cursussen voor opbouwwerkers, van alle aanbieders.</p>",
        )
        home.add_child(instance=catalogue)
    providers = []
    for i in range(plan.providers):
        title = f"Opleider {CITIES[i % len(CITIES)]} {i + 1:02d}"
        organisation = Organisation.objects.create(
            name=title, kind=Organisation.Kind.TRAINING, city=CITIES[i % len(CITIES)]
        )
        provider = ProviderPage(
            title=title,
            slug=slugify(title),
            organisation=organisation,
            intro="<p>Praktijkgerichte scholing voor opbouwwerkers.</p>",
            email=f"cursus{i + 1:02d}@opleider.example",
        )
        catalogue.add_child(instance=provider)
        providers.append(provider)

    kinds = list(CourseKind.values)
    approaches = list(Approach.values)
    work_forms = list(Form.values)
    course_pages = []
    for n in range(plan.courses):
        provider = providers[n % len(providers)]
        topic = TOPICS[n % len(TOPICS)]
        title = f"{topic} {n + 1:04d}"
        course = CoursePage(
            title=title,
            slug=slugify(title),
            kind=kinds[n % len(kinds)],
            code=f"B{n % len(providers):02d}-{n + 1:04d}",
            summary=f"{topic}: een cursus voor opbouwwerkers die verder willen.",
            target_group="Opbouwwerkers met minstens twee jaar praktijkervaring.",
            study_load_hours=rng.choice([12, 16, 24, 40, 48, 60]),
            points_requested=Decimal(rng.choice([10, 20, 30, 40])),
            approaches=rng.sample(approaches, rng.randint(1, 2)),
            work_forms=rng.sample(work_forms, rng.randint(1, 2)),
            price=Decimal(rng.randrange(300, 1500)),
            body=[
                (
                    "paragraph",
                    f"<p>In {topic.lower()} werk je aan casussen uit je eigen wijk: analyse, "
                    "ontwerp en uitvoering, samen met bewoners en instanties.</p>",
                )
            ],
        )
        provider.add_child(instance=course)
        course_pages.append(course)

    today = timezone.localdate()
    editions = []
    for course in course_pages:
        for number in range(plan.editions_per_course):
            start = today + dt.timedelta(days=rng.randint(-400, 300))
            end = start + dt.timedelta(days=rng.choice([1, 7, 21, 42, 63]))
            editions.append(
                Edition(
                    course_id=course.pk,
                    code=f"{course.code}-{number + 1}",
                    start_date=start,
                    end_date=end,
                    capacity=CAPACITY,
                    enrolment_deadline=start - dt.timedelta(days=7),
                    status=Edition.Status.FINISHED if end < today else Edition.Status.OPEN,
                    sort_order=number,
                )
            )
    editions = bulk(Edition, editions)
    meetings = []
    for edition in editions:
        length = (edition.end_date - edition.start_date).days
        for number in range(plan.meetings_per_edition):
            online = number % 2 == 1
            meetings.append(
                Meeting(
                    edition_id=edition.pk,
                    date=edition.start_date + dt.timedelta(days=length * number // 2),
                    start_time=dt.time(9, 30),
                    end_time=dt.time(16, 0),
                    place="" if online else rng.choice(CITIES),
                    online_url="https://meet.example.org/opbouwwerk" if online else "",
                    sort_order=number,
                )
            )
    bulk(Meeting, meetings)

    editor = User.objects.get(email="aanbieder@example.org")
    college = User.objects.get(email="college@example.org")
    accredited = [c for i, c in enumerate(course_pages) if i % 5 != 4]
    requests = bulk(
        AccreditationRequest,
        [
            AccreditationRequest(
                course_id=c.pk, submitted_by=editor, status=AccreditationRequest.Status.DECIDED
            )
            for c in accredited
        ],
    )
    bulk(
        AccreditationDecision,
        [
            AccreditationDecision(
                course_id=r.course_id,
                request_id=r.pk,
                outcome=AccreditationDecision.Outcome.GRANTED,
                points_granted=Decimal(rng.choice([10, 20, 30, 40])),
                valid_from=today - dt.timedelta(days=730),
                valid_until=today + dt.timedelta(days=3 * 365),
                motivation="De cursus sluit aan bij de werkwijzen uit het statuut.",
                reviewer=college,
            )
            for r in requests
        ],
    )
    return {
        "catalogue_url": _relative_url(catalogue),
        "course_url": _relative_url(course_pages[len(course_pages) // 2]),
        "edition_ids": [e.pk for e in editions],
        "capacity": CAPACITY,
        "counts": {
            "providers": len(providers),
            "courses": len(course_pages),
            "editions": len(editions),
            "meetings": len(meetings),
            "accreditation_decisions": len(requests),
        },
    }


def _relative_url(page) -> str:
    from wagtail.models import Page

    return Page.objects.get(pk=page.pk).specific.get_url() or page.url_path


def enrolments(plan, rng: random.Random, crowd: dict, catalogue: dict) -> dict:
    """Practitioners' seats in editions; the dashboard practitioner gets its own share.

    Seats are numbered from 1 in each edition and stay below its capacity, as enrolling
    through the platform would leave them; a few people withdrew and hold no seat.
    """
    try:
        from courses.models import Enrolment
    except ImportError as exc:
        raise Skipped(f"no enrolment model in courses.models ({exc})") from exc
    from django.utils import timezone

    editions = catalogue["edition_ids"]
    capacity = catalogue["capacity"]
    dashboard = crowd["dashboard"]
    # The dashboard practitioner holds exactly its planned share.
    people_ids = [pk for pk in crowd["ids"] if pk != dashboard]
    chosen: dict[int, set[int]] = {e: set() for e in editions}
    for edition_id in rng.sample(editions, min(plan.dashboard_enrolments, len(editions))):
        chosen[edition_id].add(dashboard)
    target = min(plan.enrolments, len(editions) * (capacity - 1))
    made = sum(len(people) for people in chosen.values())
    while made < target:
        people = chosen[rng.choice(editions)]
        if len(people) < capacity - 1:
            before = len(people)
            people.add(rng.choice(people_ids))
            made += len(people) - before
    now = timezone.now()
    rows = []
    try:
        for edition_id, people in chosen.items():
            seat = 0
            for person in sorted(people):
                withdrawn = person != dashboard and rng.random() < 0.03
                if not withdrawn:
                    seat += 1
                rows.append(
                    Enrolment(
                        edition_id=edition_id,
                        person_id=person,
                        status=Enrolment.Status.WITHDRAWN
                        if withdrawn
                        else Enrolment.Status.ENROLLED,
                        seat=None if withdrawn else seat,
                        enrolled_at=now,
                        ended_at=now if withdrawn else None,
                    )
                )
    except (AttributeError, TypeError) as exc:
        raise Skipped(f"Enrolment has changed shape; the generator needs updating ({exc})") from exc
    bulk(Enrolment, rows)
    return {
        "counts": {
            "enrolments": len(rows),
            "dashboard_enrolments": sum(dashboard in people for people in chosen.values()),
        }
    }


def mentoring(plan, rng: random.Random, crowd: dict) -> dict:
    """Practitioner profiles, buddy trajectories and coaching sessions."""
    try:
        from mentoring.kinds import DIFFERENTIATION_KINDS
        from mentoring.models import CoachingSession, PractitionerProfile, Trajectory
    except ImportError as exc:
        raise Skipped(f"mentoring models not available: {exc}") from exc
    from django.utils import timezone

    seniors, juniors = crowd["seniors"], crowd["juniors"]
    senior_set = set(seniors)
    bulk(
        PractitionerProfile,
        [
            PractitionerProfile(
                user_id=pk,
                capacity=rng.randint(1, 4) if pk in senior_set else 2,
                available_weekdays=sorted(rng.sample(range(5), rng.randint(1, 4))),
                languages=["nl", "en"] if rng.random() < 0.2 else ["nl"],
                experience=rng.sample(DIFFERENTIATION_KINDS, rng.randint(0, 4))
                if pk in senior_set
                else [],
            )
            for pk in crowd["ids"]
        ],
    )

    now = timezone.now()
    today = timezone.localdate()
    count = min(plan.trajectories, len(juniors))
    chosen_juniors = rng.sample(juniors, count)
    dashboard = crowd["dashboard"]
    trajectories = []
    for n, junior in enumerate(chosen_juniors):
        senior = dashboard if n < plan.dashboard_trajectories else rng.choice(seniors[1:])
        start = today - dt.timedelta(days=rng.randint(30, 5 * 365))
        planned_end = start + dt.timedelta(days=365)
        roll = rng.random()
        if planned_end < today and roll < 0.85:
            status, ended_on, reason = Trajectory.Status.COMPLETED, planned_end, ""
        elif planned_end < today:
            status = Trajectory.Status.ENDED_EARLY
            ended_on = start + dt.timedelta(days=rng.randint(60, 300))
            reason = "Junior is van baan veranderd."
        else:
            status, ended_on, reason = Trajectory.Status.ACTIVE, None, ""
        accepted = timezone.make_aware(dt.datetime.combine(start, dt.time(10)))
        trajectories.append(
            Trajectory(
                senior_id=senior,
                junior_id=junior,
                organisation_id=crowd["org_of"][junior],
                starts_on=start,
                planned_end_on=planned_end,
                status=status,
                senior_accepted_at=accepted,
                junior_accepted_at=accepted,
                ended_on=ended_on,
                end_reason=reason,
                proposed_by_id=senior,
            )
        )
    trajectories = bulk(Trajectory, trajectories)

    # The dashboard practitioner's trajectories carry their share; the rest spread evenly.
    own = trajectories[: plan.dashboard_trajectories]
    others = trajectories[plan.dashboard_trajectories :] or own
    counts = {t.pk: 0 for t in trajectories}
    for i in range(plan.dashboard_sessions):
        counts[own[i % len(own)].pk] += 1
    for _ in range(max(0, plan.coaching_sessions - plan.dashboard_sessions)):
        counts[rng.choice(others).pk] += 1

    modes = list(CoachingSession.Mode.values)
    statuses = [
        (CoachingSession.Status.CONFIRMED, 0.85),
        (CoachingSession.Status.AWAITING, 0.08),
        (CoachingSession.Status.DISPUTED, 0.04),
        (CoachingSession.Status.WITHDRAWN, 0.03),
    ]

    def status_roll() -> str:
        roll = rng.random()
        for status, share in statuses:
            if roll < share:
                return status
            roll -= share
        return CoachingSession.Status.CONFIRMED

    columns = [
        "trajectory_id", "senior_id", "version", "starts_at", "duration_minutes", "ends_at",
        "mode", "approaches", "summary", "private_note", "correction_reason", "status",
        "logged_by_id", "logged_at", "confirmed_by_id", "confirmed_at", "disputed_at",
        "dispute_reason", "withdrawn_at",
    ]  # fmt: skip
    approach_values = DIFFERENTIATION_KINDS[:3]

    def rows():
        for t in trajectories:
            last = t.ended_on or min(t.planned_end_on, today + dt.timedelta(days=60))
            span = max(1, (last - t.starts_on).days)
            for _ in range(counts[t.pk]):
                day = t.starts_on + dt.timedelta(days=rng.randrange(span))
                starts = timezone.make_aware(
                    dt.datetime.combine(day, dt.time(rng.randint(8, 17), rng.choice((0, 30))))
                )
                minutes = rng.choice((30, 45, 60, 60, 90, 120))
                ends = starts + dt.timedelta(minutes=minutes)
                status = CoachingSession.Status.PLANNED if starts > now else status_roll()
                logged = min(ends + dt.timedelta(hours=2), now)
                confirmed = status == CoachingSession.Status.CONFIRMED
                yield (
                    t.pk,
                    t.senior_id,
                    1,
                    starts,
                    minutes,
                    ends,
                    rng.choice(modes),
                    json.dumps(rng.sample(approach_values, rng.randint(1, 2))),
                    "Casus besproken en vervolgstappen afgesproken.",
                    "",
                    "",
                    status,
                    t.senior_id,
                    logged,
                    t.junior_id if confirmed else None,
                    logged + dt.timedelta(days=1) if confirmed else None,
                    logged + dt.timedelta(days=1)
                    if status == CoachingSession.Status.DISPUTED
                    else None,
                    "Duur klopt niet." if status == CoachingSession.Status.DISPUTED else "",
                    logged + dt.timedelta(days=1)
                    if status == CoachingSession.Status.WITHDRAWN
                    else None,
                )

    sessions = copy_rows(CoachingSession, columns, rows())
    return {
        "counts": {
            "practitioner_profiles": len(crowd["ids"]),
            "trajectories": len(trajectories),
            "coaching_sessions": sessions,
            "dashboard_sessions": sum(counts[t.pk] for t in own),
        }
    }


def practice_log(plan, rng: random.Random, crowd: dict) -> dict:
    """Sixty months of practice hours for every practitioner, most of them attested."""
    try:
        from mentoring.models import PracticeMonth
    except ImportError as exc:
        raise Skipped(f"practice log model not available: {exc}") from exc
    from django.utils import timezone

    today = timezone.localdate()
    first = today.replace(day=1)
    months = []
    year, month = first.year, first.month
    for _ in range(plan.practice_months):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        months.append(dt.date(year, month, 1))
    seniors = crowd["seniors"]
    columns = [
        "person_id", "month", "version", "status", "minutes_total",
        "minutes_zelfredzaamheid", "minutes_strategisch", "minutes_sociaal_organisatorisch",
        "minutes_project", "minutes_campagne", "minutes_ontwikkeltraject",
        "minutes_territoriaal", "minutes_categoriaal",
        "logged_at", "attested_by_id", "attested_at",
    ]  # fmt: skip

    def split(total: int, parts: int) -> list[int]:
        """``total`` minutes in ``parts`` that add up to it, each a multiple of six."""
        cuts = sorted(rng.randint(0, total // 6) * 6 for _ in range(parts - 1))
        edges = [0, *cuts, total]
        return [edges[i + 1] - edges[i] for i in range(parts)]

    def rows():
        for person in crowd["ids"]:
            attester = seniors[0] if person != seniors[0] else seniors[1]
            for day in months:
                total = rng.randint(200, 1400) * 6  # 20 to 140 hours, in minutes
                logged = timezone.make_aware(
                    dt.datetime.combine(day + dt.timedelta(days=34), dt.time(12))
                )
                attested = rng.random() < 0.92
                if logged > timezone.now():
                    attested = False
                yield (
                    person,
                    day,
                    1,
                    PracticeMonth.Status.ATTESTED if attested else PracticeMonth.Status.SUBMITTED,
                    total,
                    *split(total, 3),
                    *split(total, 3),
                    *split(total, 2),
                    logged,
                    attester if attested else None,
                    logged + dt.timedelta(days=3) if attested else None,
                )

    written = copy_rows(PracticeMonth, columns, rows())
    return {"counts": {"practice_months": written}}


# --- The run ------------------------------------------------------------------------------------


def generate(scale: str | float, *, seed: int = 2026, log: Callable[[str], None] = print) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction

    from .scale import Plan

    plan = Plan.for_scale(scale)
    rng = random.Random(seed)
    manifest: dict = {
        "plan": plan.as_dict(),
        "counts": {},
        "skipped": {},
        "seconds": {},
        "dashboard_email": DASHBOARD_EMAIL,
        "password": BENCH_PASSWORD,
    }

    def section(name: str, fn: Callable[[], dict]) -> dict | None:
        started = time.perf_counter()
        try:
            with transaction.atomic():
                result = fn()
        except Skipped as exc:
            manifest["skipped"][name] = str(exc)
            log(f"  {name}: skipped ({exc})")
            return None
        seconds = time.perf_counter() - started
        manifest["seconds"][name] = round(seconds, 2)
        manifest["counts"].update(result.get("counts", {}))
        log(f"  {name}: {result.get('counts', {})} in {seconds:.1f} s")
        return result

    shell = section("site shell", site_shell)
    manifest.update(
        {k: v for k, v in shell.items() if k in ("home_url", "reference_url", "demo_people")}
    )
    crowd = section("people", lambda: people(plan, rng, make_password(BENCH_PASSWORD)))
    catalogue = section("courses", lambda: courses(plan, rng, crowd))
    if catalogue:
        manifest["catalogue_url"] = catalogue["catalogue_url"]
        manifest["course_url"] = catalogue["course_url"]
        section("enrolments", lambda: enrolments(plan, rng, crowd, catalogue))
    else:
        manifest["skipped"]["enrolments"] = "no editions to enrol in"
    if section("mentoring", lambda: mentoring(plan, rng, crowd)):
        manifest["senior_url"] = "/coaching/senior/"
    section("practice log", lambda: practice_log(plan, rng, crowd))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", default="small", help="tiny, small, full or a factor")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--manifest", type=Path, help="where to write the manifest (JSON)")
    parser.add_argument(
        "--shell-only", action="store_true", help="only the site shell and the reference page"
    )
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
    import django

    django.setup()
    if args.shell_only:
        from django.db import transaction

        with transaction.atomic():
            site_shell()
        return 0
    started = time.perf_counter()
    manifest = generate(args.scale, seed=args.seed)
    manifest["seconds"]["total"] = round(time.perf_counter() - started, 2)
    text = json.dumps(manifest, indent=2, default=str)
    if args.manifest:
        args.manifest.write_text(text)
    else:
        sys.stdout.write(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
