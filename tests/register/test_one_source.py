"""Every screen shows the register's own numbers, and those numbers follow DOMAIN.md's rules.

Hypothesis builds random histories (months with corrections, sessions with corrections and
disputes, completions with repeats and revocations, outside activities, a change of policy)
and checks that three things agree: what each screen shows (the start page, the senior's and
the manager's pages, the register status and the page behind each of its numbers, the dossier
PDF, ``eligibility_report`` and the certificate's credential), what the register's selectors
say, and a recomputation below that reads the raw rows and applies DOMAIN.md's rules itself.
The recomputation shares no code with the register.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pytest
from bs4 import BeautifulSoup
from dateutil.relativedelta import relativedelta
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from courses.certificates import credential_for
from courses.models import Completion, CourseKind, OutsideActivity
from lms.accounts.models import ConflictOfInterest, Role
from mentoring.models import CoachingSession, PracticeMonth
from register.models import RegisterPolicy
from register.selectors import register_status
from register.services import register_application_submit
from tests.clients import Client
from tests.cms.factories import code_in_force
from tests.courses.factories import EditionFactory, MeetingFactory
from tests.factories import OrganisationFactory, person
from tests.mentoring.factories import TrajectoryFactory

from .factories import completion, edition

pytestmark = pytest.mark.django_db

LABELS = {
    "practice_months": "Geattesteerde praktijkmaanden",
    "practice_hours": "Geattesteerde praktijkuren",
    "approaches": "Werkwijzen met genoeg uren",
    "forms": "Werkvormen met genoeg uren",
    "points": "Punten uit geaccrediteerde scholing",
    "course_kinds": "Soorten geaccrediteerde cursussen",
    "coaching_hours": "Bevestigde coachingsuren als junior",
}
APPROACHES = ("zelfredzaamheid", "strategisch", "sociaal_organisatorisch")
REPEATABLE = 2  # the course (by index) the College made repeatable per calendar year
FORMS = ("project", "campagne", "ontwikkeltraject")


# --- The recomputation: raw rows and DOMAIN.md, nothing of the register's ---------------------


def hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def dutch(text: str) -> Decimal:
    """A number as the Dutch pages show it: 1.234,5."""
    return Decimal(text.strip().replace(".", "").replace(",", "."))


def policy_on(day):
    return RegisterPolicy.objects.filter(effective_from__lte=day).order_by("-effective_from")[0]


def last_day(first: dt.date) -> dt.date:
    return first + relativedelta(months=1, days=-1)


def held(a, b, moment) -> bool:
    """Did a binding conflict between the two people hold at ``moment``?"""
    return any(
        {c.person_id, c.other_id} == {a, b} and c.binds_from <= moment
        for c in ConflictOfInterest.objects.filter(status="binding")
    )


@dataclass
class Expected:
    achieved: dict  # requirement -> shown value (hours for the hour requirements)
    required: dict
    met: dict
    counted_rows: dict  # requirement -> number of rows behind it that count
    completion_points: Decimal


def recompute(junior, on: dt.date) -> Expected:
    policy = policy_on(on)
    after = on - relativedelta(months=policy.window_months)

    def in_window(day):
        return after < day <= on

    # Practice months: of each month the highest attested version counts, on its last day,
    # unless it was attested while a conflict bound the person and the attester.
    months = {}
    for m in PracticeMonth.objects.filter(person=junior, status="attested"):
        if m.month not in months or m.version > months[m.month].version:
            months[m.month] = m
    months = {
        first: m
        for first, m in months.items()
        if not held(m.person_id, m.attested_by_id, m.attested_at)
    }
    per_approach = dict.fromkeys(APPROACHES, 0)
    per_form = dict.fromkeys(FORMS, 0)
    month_count = month_cells = 0
    for first, m in months.items():
        if not in_window(last_day(first)) or m.minutes_total == 0:
            continue
        month_count += 1
        total = m.minutes_total
        for a in APPROACHES:
            per_approach[a] += getattr(m, f"minutes_{a}")
        laid = 0
        form_parts = []
        for f in FORMS:
            fits = min(laid + getattr(m, f"minutes_{f}"), total) - min(laid, total)
            per_form[f] += fits
            laid += getattr(m, f"minutes_{f}")
            form_parts.append(fits)
        form_parts.append(total - sum(form_parts))  # time without a form
        # Rows on the page: each (approach, form) overlap of the two laid-out lines.
        a_edges = _edges([getattr(m, f"minutes_{a}") for a in APPROACHES])
        f_edges = _edges(form_parts)
        month_cells += sum(
            1 for a0, a1 in a_edges for f0, f1 in f_edges if min(a1, f1) - max(a0, f0) > 0
        )

    # Coaching received: of each chain of versions the highest confirmed one, on its Dutch day,
    # unless confirmed while a conflict bound junior and senior.
    chains = {}
    for s in CoachingSession.objects.filter(trajectory__junior=junior, status="confirmed"):
        chain = s.original_id or s.pk
        if chain not in chains or s.version > chains[chain].version:
            chains[chain] = s
    counted_sessions = [
        s
        for s in chains.values()
        if in_window(timezone.localtime(s.starts_at).date())
        and not held(junior.pk, s.senior_id, s.confirmed_at)
    ]
    coaching = sum(s.duration_minutes for s in counted_sessions)

    # Completions: accredited, not revoked, dated on or after the course ran (its last meeting,
    # never before its first day); of one course in the window the most points count, of a
    # repeatable course once per calendar year.
    best = {}
    for c in Completion.objects.filter(
        person=junior, accredited=True, revoked_at__isnull=True
    ).select_related("edition"):
        ran = max([c.edition.start_date, *c.edition.meetings.values_list("date", flat=True)])
        if not in_window(c.completed_on) or c.completed_on < ran:
            continue
        key = (c.edition.course_id, c.completed_on.year if c.repeatable_yearly else None)
        if key not in best or (c.points, c.completed_on, c.pk) > (
            best[key].points,
            best[key].completed_on,
            best[key].pk,
        ):
            best[key] = c
    completion_points = sum((c.points for c in best.values()), Decimal(0))
    kinds = {c.course_kind for c in best.values()}
    # Accepted outside activities count, unless accepted while a conflict bound the person
    # and whoever decided.
    outside = [
        a
        for a in OutsideActivity.objects.filter(person=junior, status="geaccepteerd")
        if in_window(a.date) and not held(junior.pk, a.decided_by_id, a.decided_at)
    ]
    outside_points = sum((a.points for a in outside), Decimal(0))
    cap = (policy.points * policy.outside_points_percent / 100).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    points = completion_points + min(outside_points, cap)

    practice = sum(per_approach.values())
    minimum_a = policy.approach_min_hours * 60
    minimum_f = policy.form_min_hours * 60
    achieved = {
        "practice_months": Decimal(month_count),
        "practice_hours": hours(practice),
        "approaches": Decimal(sum(1 for v in per_approach.values() if v >= minimum_a)),
        "forms": Decimal(sum(1 for v in per_form.values() if v >= minimum_f)),
        "points": points,
        "course_kinds": Decimal(len(kinds)),
        "coaching_hours": hours(coaching),
    }
    required = {
        "practice_months": Decimal(policy.practice_months),
        "practice_hours": policy.practice_hours,
        "approaches": Decimal(policy.approaches),
        "forms": Decimal(policy.forms),
        "points": policy.points,
        "course_kinds": Decimal(policy.course_kinds),
        "coaching_hours": policy.coaching_hours,
    }
    met = {
        "practice_months": month_count >= policy.practice_months,
        "practice_hours": practice >= policy.practice_hours * 60,
        "approaches": achieved["approaches"] >= policy.approaches,
        "forms": achieved["forms"] >= policy.forms,
        "points": points >= policy.points,
        "course_kinds": len(kinds) >= policy.course_kinds,
        "coaching_hours": coaching >= policy.coaching_hours * 60,
    }
    month_rows = month_cells
    counted_rows = {
        "practice_months": month_rows,
        "practice_hours": month_rows,
        "approaches": month_rows,
        "forms": month_rows,
        "points": len(best) + len(outside),
        "course_kinds": len(best),
        "coaching_hours": len(counted_sessions),
    }
    return Expected(achieved, required, met, counted_rows, completion_points)


def _edges(parts):
    edges, start = [], 0
    for part in parts:
        edges.append((start, start + part))
        start += part
    return edges


# --- Random histories ----------------------------------------------------------------------


def _month_minutes(draw):
    approaches = [draw(st.sampled_from([0, 600, 2400, 3330, 5940])) for _ in APPROACHES]
    total = sum(approaches) or 600
    if not any(approaches):
        approaches[0] = total
    # Forms as the log keeps them now (adding up) or as an older month (falling short).
    cut = draw(st.integers(0, total // 6)) * 6
    short = draw(st.sampled_from([0, 0, 0, 300]))
    forms = [cut, max(total - cut - short, 0), 0]
    return approaches, forms, total


@st.composite
def histories(draw):
    months = []
    for back in draw(st.lists(st.integers(1, 75), max_size=14, unique=True)):
        approaches, forms, total = _month_minutes(draw)
        months.append(
            (
                back,
                approaches,
                forms,
                total,
                draw(st.sampled_from(["attested", "attested", "submitted"])),
                draw(st.sampled_from([None, "attested", "submitted"])),
            )
        )
    sessions = draw(
        st.lists(
            st.tuples(
                st.integers(1, 2300),  # days back
                st.sampled_from([15, 20, 45, 60, 90, 240]),
                st.sampled_from(["confirmed", "confirmed", "awaiting", "disputed", "withdrawn"]),
                st.sampled_from([None, None, "confirmed", "awaiting"]),  # a correction
                st.sampled_from([8, 14, 23]),  # hour of the day, Dutch time
            ),
            max_size=16,
        )
    )
    # Each course completed up to three times, so that repeats within a window are common.
    completions = [
        (
            course,
            draw(st.integers(0, 1)),  # edition
            draw(st.integers(0, 2300)),  # days back
            draw(st.sampled_from(["10", "20", "44", "80"])),
            draw(st.sampled_from([True, True, True, False])),  # accredited
            draw(st.sampled_from([False, False, False, True])),  # revoked
        )
        for course in range(3)
        for _ in range(draw(st.integers(0, 3)))
    ]
    outside = draw(
        st.lists(
            st.tuples(
                st.integers(0, 2300),
                st.sampled_from(["4", "8", "16", "30"]),
                st.sampled_from(["geaccepteerd", "geaccepteerd", "ingediend", "afgewezen"]),
            ),
            max_size=4,
        )
    )
    # Conflicts of interest recorded some days back: the junior with the senior (sessions
    # confirmed from then on do not count) and with the attester (months attested and outside
    # activities accepted from then on).
    conflicts = {
        "senior": draw(st.one_of(st.none(), st.integers(0, 2300))),
        "attester": draw(st.one_of(st.none(), st.integers(0, 2300))),
    }
    policy = draw(
        st.one_of(
            st.none(),
            st.fixed_dictionaries(
                {
                    "practice_months": st.sampled_from([1, 6, 36]),
                    "practice_hours": st.sampled_from([Decimal(10), Decimal(200), Decimal(3000)]),
                    "approach_min_hours": st.sampled_from([Decimal(5), Decimal(100)]),
                    "form_min_hours": st.sampled_from([Decimal(5), Decimal(100)]),
                    "approaches": st.sampled_from([1, 3]),
                    "forms": st.sampled_from([1, 2]),
                    "points": st.sampled_from([Decimal(10), Decimal(150)]),
                    "course_kinds": st.sampled_from([0, 1, 2]),
                    "coaching_hours": st.sampled_from([Decimal(0), Decimal("1.5"), Decimal(50)]),
                    "outside_points_percent": st.sampled_from([20, 50]),
                }
            ),
        )
    )
    return months, sessions, completions, outside, policy, conflicts


@pytest.fixture
def world(provider, attester):
    organisation = OrganisationFactory()
    manager = person(Role.MANAGER, profile__organisation=organisation)
    junior = person(Role.JUNIOR, profile__organisation=organisation, profile__line_manager=manager)
    senior = person(Role.SENIOR, profile__organisation=organisation)
    today = timezone.localdate()
    courses = []
    for kind in (CourseKind.POST_HBO, CourseKind.CONSULTATION, CourseKind.INNOVATION):
        first = edition(provider=provider, kind=kind, start=today - dt.timedelta(days=2400))
        second = EditionFactory(
            course=first.course,
            start_date=today - dt.timedelta(days=40),
            end_date=today - dt.timedelta(days=30),
        )
        for day in (second.start_date, second.end_date - dt.timedelta(days=2)):
            MeetingFactory(edition=second, date=day)
        courses.append((first, second))
    trajectory = TrajectoryFactory(
        junior=junior,
        senior=senior,
        organisation=organisation,
        starts_on=today - dt.timedelta(days=2400),
        planned_end_on=today + dt.timedelta(days=200),
        status="active",
    )
    return {
        "junior": junior,
        "senior": senior,
        "manager": manager,
        "attester": attester,
        "courses": courses,
        "trajectory": trajectory,
        "today": today,
    }


def build(world, history, office) -> None:
    months, sessions, completions, outside, policy, conflicts = history
    junior, attester, today = world["junior"], world["attester"], world["today"]
    now = timezone.now()
    for who, back in conflicts.items():
        if back is not None:
            since = now - dt.timedelta(days=back)
            ConflictOfInterest.objects.create(
                person=junior,
                other=world[who],
                reason="Familie.",
                declared_by=junior,
                declared_at=since,
                status=ConflictOfInterest.Status.BINDING,
                binds_from=since,
            )
    for back, approaches, forms, total, status, correction in months:
        first = today.replace(day=1) - relativedelta(months=back)
        values = {f"minutes_{a}": m for a, m in zip(APPROACHES, approaches, strict=True)}
        values.update({f"minutes_{f}": m for f, m in zip(FORMS, forms, strict=True)})
        values["minutes_territoriaal"] = total
        # Attested a few days after the month ended.
        attested_at = timezone.make_aware(
            dt.datetime.combine(last_day(first) + dt.timedelta(days=5), dt.time(12))
        )
        attested = {"attested_by": attester, "attested_at": attested_at}
        original = PracticeMonth.objects.create(
            person=junior,
            month=first,
            status=status,
            minutes_total=total,
            superseded=status == "attested" and correction == "attested",
            **(attested if status == "attested" else {}),
            **values,
        )
        if correction and original.status == "attested":
            more = {**values, "minutes_zelfredzaamheid": values["minutes_zelfredzaamheid"] + 60}
            PracticeMonth.objects.create(
                person=junior,
                month=first,
                version=2,
                status=correction,
                minutes_total=total + 60,
                **(attested if correction == "attested" else {}),
                **more,
            )
    trajectory = world["trajectory"]
    for n, (back, minutes, status, correction, hour) in enumerate(sessions):
        day = today - dt.timedelta(days=back)
        starts = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, n % 60)))
        confirmed = status == "confirmed"
        first = CoachingSession.objects.create(
            trajectory=trajectory,
            senior=trajectory.senior,
            starts_at=starts,
            duration_minutes=minutes,
            ends_at=starts + dt.timedelta(minutes=minutes),
            mode="online",
            status=status,
            dispute_reason="Klopt niet." if status == "disputed" else "",
            logged_by=trajectory.senior,
            confirmed_by=junior if confirmed else None,
            confirmed_at=starts + dt.timedelta(days=1) if confirmed else None,
            superseded=confirmed and correction == "confirmed",
        )
        if correction and status in ("confirmed", "disputed"):
            again = correction == "confirmed"
            CoachingSession.objects.create(
                trajectory=trajectory,
                senior=trajectory.senior,
                original=first,
                version=2,
                starts_at=starts,
                duration_minutes=minutes + 15,
                ends_at=starts + dt.timedelta(minutes=minutes + 15),
                mode="online",
                status=correction,
                correction_reason="Langer.",
                logged_by=trajectory.senior,
                confirmed_by=junior if again else None,
                confirmed_at=starts + dt.timedelta(days=2) if again else None,
            )
    for course, which, back, points, accredited, revoked in completions:
        completion(
            who=junior,
            on_edition=world["courses"][course][which],
            on=today - dt.timedelta(days=back),
            points=points,
            accredited=accredited,
            revoked=revoked,
            # The College made the third course repeatable: once per calendar year.
            repeatable=course == REPEATABLE,
        )
    for back, points, status in outside:
        OutsideActivity.objects.create(
            person=junior,
            title="Studiedag",
            organiser="Platform",
            date=today - dt.timedelta(days=back),
            hours=Decimal(points),
            points=Decimal(points),
            evidence="evidence/x.pdf",
            status=status,
            decided_by=attester if status != "ingediend" else None,
            decided_at=now if status != "ingediend" else None,
        )
    if policy:
        RegisterPolicy.objects.create(
            version=RegisterPolicy.objects.count() + 1,
            effective_from=today - dt.timedelta(days=10),
            created_by=office,
            **policy,
        )


# --- What the screens show -------------------------------------------------------------------


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def requirement_table(soup) -> dict[str, tuple[Decimal, Decimal]]:
    """Label → (achieved, required) from a table whose rows start with the requirement."""
    found = {}
    for row in soup.select("tr"):
        head = row.find("th", attrs={"scope": "row"})
        if head is None or head.get_text(strip=True) not in LABELS.values():
            continue
        achieved, required = (
            dutch(cell.get_text(" ", strip=True).split(" ")[0])
            for cell in row.find_all("td", class_="num")
        )
        found[head.get_text(strip=True)] = (achieved, required)
    return found


def counted_on_pages(client, name) -> tuple[tuple[Decimal, Decimal], int]:
    url = reverse("register:my_status_entries", args=[name])
    soup = _page(client, url)
    match = re.search(r"Behaald: ([\d.,]+) van ([\d.,]+)\.", soup.get_text(" "))
    totals = (dutch(match.group(1)), dutch(match.group(2)))
    counted, page = 0, 1
    while True:
        for row in soup.select("tbody tr"):
            cells = row.find_all("td")
            if len(cells) == 6 and cells[-1].get_text(strip=True) == "ja":
                counted += 1
        next_link = soup.find("a", attrs={"rel": "next"})
        if next_link is None:
            return totals, counted
        page += 1
        soup = _page(client, f"{url}?page={page}")


def report_rows(tmp_path, on, email) -> dict[str, tuple[Decimal, Decimal, bool]]:
    out = tmp_path / "report.csv"
    call_command("eligibility_report", on=on.isoformat(), out=str(out))
    with open(out, newline="") as handle:
        return {
            row["requirement"]: (
                Decimal(row["achieved"]),
                Decimal(row["required"]),
                row["met"] == "true",
            )
            for row in csv.DictReader(handle)
            if row["person"] == email
        }


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _shown(value: Decimal, name: str) -> str:
    """How a number is written in the dossier: counts whole, the rest with one decimal."""
    if name in ("practice_months", "approaches", "forms", "course_kinds"):
        return f"{int(value)}"
    return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(history=histories())
def test_every_screen_shows_the_registers_numbers_and_they_follow_the_rules(
    world, history, register_office, tmp_path
):
    junior, senior, manager = world["junior"], world["senior"], world["manager"]
    with transaction.atomic():
        build(world, history, register_office)
        today = world["today"]
        expected = recompute(junior, today)
        status = register_status(person=junior)
        evaluation = status.evaluation
        client = Client()
        client.force_login(junior)

        # The register's selectors against the rules.
        for r in evaluation.requirements:
            assert (r.achieved_shown, r.required_shown, r.met) == (
                expected.achieved[r.name],
                expected.required[r.name],
                expected.met[r.name],
            ), r.name

        # The start page and the register status page.
        start = requirement_table(_page(client, reverse("dashboard:home")))
        page = requirement_table(_page(client, reverse("register:my_status")))
        for name, label in LABELS.items():
            assert (
                start[label] == page[label] == (expected.achieved[name], expected.required[name])
            ), name

        # The page behind each number: the same total, and as many counted rows as the rules
        # count.
        for name in LABELS:
            totals, counted = counted_on_pages(client, name)
            assert totals == (expected.achieved[name], expected.required[name]), name
            assert counted == expected.counted_rows[name], name

        # The report for everyone.
        reported = report_rows(tmp_path, today, junior.email)
        for name in LABELS:
            assert reported[name] == (
                expected.achieved[name],
                expected.required[name],
                expected.met[name],
            ), name

        # The senior: each trajectory's confirmed hours, and what they gave in all.
        senior_client = Client()
        senior_client.force_login(senior)
        chains = {}
        for s in CoachingSession.objects.filter(senior=senior, status="confirmed"):
            chain = s.original_id or s.pk
            if chain not in chains or s.version > chains[chain].version:
                chains[chain] = s
        given = hours(
            sum(
                s.duration_minutes
                for s in chains.values()
                if not held(junior.pk, s.senior_id, s.confirmed_at)
            )
        )
        text = _page(senior_client, reverse("mentoring:senior")).get_text(" ")
        bar = re.search(r"([\d.,]+) van [\d.,]+ uur bevestigd", text)
        assert dutch(bar.group(1)) == given
        home = _page(senior_client, reverse("dashboard:home")).get_text(" ")
        if given:
            assert re.search(r"gegeven als senior: ([\d.,]+)", home).group(1) == _shown(given, "h")

        # The manager: what the organisation's completions count for the register in all.
        manager_client = Client()
        manager_client.force_login(manager)
        total_cell = _page(manager_client, reverse("dashboard:home")).find("tfoot")
        if total_cell is not None:
            assert dutch(total_cell.find("td").get_text()) == expected.completion_points

        # The credential of each certificate carries the completion's own points.
        for c in Completion.objects.filter(person=junior, revoked_at__isnull=True, accredited=True):
            credential = credential_for(c)
            assert Decimal(str(credential["credentialSubject"]["creditsEarned"])) == c.points

        # The dossier: when the person may apply, the PDF shows what the rules give.
        if evaluation.eligible:
            application = register_application_submit(
                code_version=code_in_force(),
                actor=junior,
                reflections={
                    "zelfredzaamheid": "a",
                    "strategisch": "b",
                    "sociaal_organisatorisch": "c",
                },
            )
            response = client.get(reverse("register:dossier", args=[application.pk]))
            text = pdf_text(response.content)
            for name, label in LABELS.items():
                # A requirement's row ends in "ja" or "nee"; its parts (hours per approach, per
                # form, points per source) may stand on lines of their own before the numbers.
                lines = text[text.index(label) :].splitlines()
                line = next(line for line in lines if line.endswith((" ja", " nee")))
                assert _shown(expected.required[name], name) in line, (name, line)
                assert _shown(expected.achieved[name], name) in line, (name, line)
        transaction.set_rollback(True)
