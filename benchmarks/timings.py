"""Measurements that run inside the project rather than over HTTP: matching, eligibility,
many people enrolling at once, and the queries and time of each measured page.

Run as ``python -m benchmarks.timings --out FILE`` against a generated database. Each
measurement that cannot run (its code is not there) says why instead of a figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import statistics
import time
from pathlib import Path

MATCHING_JUNIORS = 2_000
MATCHING_SENIORS = 500
# Eligibility of everyone stops after this long; the rest is extrapolated and said so.
ELIGIBILITY_BUDGET_S = 120
RACE_PEOPLE = 200
RACE_SEATS = 20
# Connections that enrol at the same moment; PostgreSQL allows 100 by default, shared with
# whatever else runs on the server.
RACE_CONNECTIONS = 25
ROOT = Path(__file__).resolve().parent.parent


def _best_of(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def matching() -> dict:
    try:
        from mentoring.matching import pool_build, pool_junior_ids, pool_senior_ids, suggest
    except ImportError as exc:
        return {"measured": False, "reason": f"matching is not available: {exc}"}
    juniors = pool_junior_ids()[:MATCHING_JUNIORS]
    seniors = pool_senior_ids()[:MATCHING_SENIORS]
    started = time.perf_counter()
    pool = pool_build(junior_ids=juniors, senior_ids=seniors)
    built = time.perf_counter() - started
    started = time.perf_counter()
    result = suggest(pool)
    suggested = time.perf_counter() - started
    return {
        "measured": True,
        "juniors": len(juniors),
        "seniors": len(seniors),
        "full_size": len(juniors) == MATCHING_JUNIORS and len(seniors) == MATCHING_SENIORS,
        "pool_build_s": round(built, 3),
        "suggest_s": round(suggested, 3),
        "seconds": round(built + suggested, 3),
        "pairs": len(result["pairs"]),
    }


# The rows eligibility reads, summed per person in plain SQL: attested practice minutes by kind
# of work, confirmed coaching minutes of juniors, and points of accredited completions.
RAW_ELIGIBILITY_SQL = [
    """
    SELECT person_id, COUNT(*), SUM(minutes_total), SUM(minutes_zelfredzaamheid),
           SUM(minutes_strategisch), SUM(minutes_sociaal_organisatorisch), SUM(minutes_project),
           SUM(minutes_campagne), SUM(minutes_ontwikkeltraject)
    FROM mentoring_practicemonth WHERE status = 'attested' GROUP BY person_id
    """,
    """
    SELECT t.junior_id, SUM(c.duration_minutes)
    FROM mentoring_coachingsession c JOIN mentoring_trajectory t ON t.id = c.trajectory_id
    WHERE c.status = 'confirmed' GROUP BY t.junior_id
    """,
    """
    SELECT person_id, SUM(points) FROM courses_completion
    WHERE revoked_at IS NULL AND accredited GROUP BY person_id
    """,
]


def eligibility() -> dict:
    """The platform's eligibility of every practitioner against a raw SQL sum of its rows."""
    from django.db import DatabaseError, connection, transaction
    from django.utils import timezone

    def raw() -> int:
        people = set()
        for query in RAW_ELIGIBILITY_SQL:
            try:
                with transaction.atomic(), connection.cursor() as cursor:
                    cursor.execute(query)
                    people.update(row[0] for row in cursor.fetchall())
            except DatabaseError:  # a table that is not there yet
                continue
        return len(people)

    people = raw()
    baseline = _best_of(raw, 3)
    found = {"raw_sql_s": round(baseline, 4), "people": people, "measured": False}
    try:
        from register.selectors import evaluate_all, policy_in_force
    except ImportError as exc:
        found["reason"] = f"no eligibility for all practitioners: {exc}"
        return found
    today = timezone.localdate()
    policy = policy_in_force(on=today)

    def platform() -> tuple[float, int]:
        evaluated = 0
        started = time.perf_counter()
        for _email, _evaluation in evaluate_all(on=today, policy=policy):
            evaluated += 1
            if time.perf_counter() - started > ELIGIBILITY_BUDGET_S:
                break
        return time.perf_counter() - started, evaluated

    # The best of three, as for the raw sum: on a shared machine one run can take half as
    # long again as the next. A run that had to stop early is not repeated.
    seconds, evaluated = platform()
    for _ in range(2):
        if evaluated < people:
            break
        seconds = min(seconds, platform()[0])
    complete = evaluated >= people
    # Stopped early: the time for everyone, extrapolated from the share evaluated.
    estimate = seconds if complete else seconds * people / max(evaluated, 1)
    found.update(
        measured=True,
        complete=complete,
        platform_s=round(estimate, 3),
        measured_s=round(seconds, 3),
        evaluated=evaluated,
        ratio=round(estimate / baseline, 1) if baseline else None,
    )
    return found


# Runs a management command and, as it exits, writes the peak resident memory of its own
# process (VmHWM) to the file named in argv[1]. The peak that wait4 reports would not do: it
# starts from the spawning process's resident size, which here is the large timings process.
_PEAK_OF_COMMAND = """
import atexit, sys
from django.core.management import execute_from_command_line
def peak():
    with open("/proc/self/status") as status:
        kib = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(sys.argv[1], "w") as out:
        out.write(kib)
atexit.register(peak)
execute_from_command_line(["manage.py", *sys.argv[2:]])
"""


def batch_memory() -> dict:
    """Peak resident memory of the two jobs that read every practitioner's rows, the ledger
    export and the eligibility report, each run as its own process as an operator would."""
    import subprocess
    import sys
    import tempfile

    from django.utils import timezone

    found: dict = {"measured": True}
    with tempfile.TemporaryDirectory(prefix="lms-bench-jobs-") as tmp:
        jobs = {
            "export_ledger": ["export_ledger", "--out", f"{tmp}/grootboek.csv"],
            "eligibility_report": [
                "eligibility_report", "--on", timezone.localdate().isoformat(),
                "--out", f"{tmp}/rapport.csv",
            ],
        }  # fmt: skip
        for name, args in jobs.items():
            started = time.perf_counter()
            peak_file = Path(tmp) / f"{name}.peak"
            done = subprocess.run(
                [sys.executable, "-c", _PEAK_OF_COMMAND, str(peak_file), *args],
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            if done.returncode:
                return {"measured": False, "reason": f"{name} failed: {done.stderr[-500:]}"}
            with open(args[args.index("--out") + 1], "rb") as out:
                rows = sum(1 for _line in out) - 1
            found[name] = {
                "peak_rss_mb": round(int(peak_file.read_text()) / 1024, 1),
                "seconds": round(time.perf_counter() - started, 1),
                "rows": rows,
            }
    return found


def concurrent_enrolment() -> dict:
    """Many people enrol into one small edition at the same moment, through the service.

    Every call must answer (a seat or a waitlist place), no seat may be given twice and no
    more seats than the edition has. The edition is removed again afterwards.
    """
    import threading

    try:
        from courses.models import Edition, Enrolment
        from courses.services import enrolment_create
        from courses.services.enrolment import PaymentConfirmation
    except ImportError as exc:
        return {"measured": False, "reason": f"no enrolment service: {exc}"}
    from django.db import connection
    from django.utils import timezone

    from lms.accounts.models import User

    course_id = Edition.objects.values_list("course_id", flat=True).first()
    if course_id is None:
        return {"measured": False, "reason": "no course to add an edition to"}
    today = timezone.localdate()
    edition = Edition.objects.create(
        course_id=course_id,
        code="BENCH-RACE",
        start_date=today + dt.timedelta(days=60),
        end_date=today + dt.timedelta(days=61),
        capacity=RACE_SEATS,
        enrolment_deadline=today + dt.timedelta(days=30),
        status=Edition.Status.OPEN,
        sort_order=99,
    )
    people = list(
        User.objects.filter(email__endswith="@bench.example.org").order_by("pk")[:RACE_PEOPLE]
    )
    waiting = list(people)
    payment = PaymentConfirmation(payer=Enrolment.Payer.SELF, terms_accepted=True)
    lock = threading.Lock()
    errors: list[str] = []
    workers = min(RACE_CONNECTIONS, len(people))
    barrier = threading.Barrier(workers + 1)

    def worker() -> None:
        from django.db import connections

        try:
            barrier.wait()
            while True:
                with lock:
                    if not waiting:
                        return
                    person = waiting.pop()
                try:
                    # Each person confirms the price and pays themselves, as the
                    # confirmation page of a paid edition asks.
                    enrolment_create(edition=edition, person=person, actor=person, payment=payment)
                except Exception as exc:  # every refusal is counted, not raised
                    with lock:
                        errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    rows = Enrolment.objects.filter(edition=edition)
    seats = sorted(rows.filter(status=Enrolment.Status.ENROLLED).values_list("seat", flat=True))
    waitlisted = rows.filter(status=Enrolment.Status.WAITLISTED).count()
    correct = (
        seats == list(range(1, min(RACE_SEATS, len(people)) + 1))
        and len(seats) + waitlisted == len(people)
        and not errors
    )
    rows.delete()
    edition.delete()
    connection.close()
    return {
        "measured": True,
        "people": len(people),
        "connections": workers,
        "seats": RACE_SEATS,
        "full_size": len(people) == RACE_PEOPLE,
        "seconds": round(seconds, 3),
        "enrolled": len(seats),
        "seats_distinct": len(set(seats)) == len(seats),
        "waitlisted": waitlisted,
        "errors": len(errors),
        "first_error": errors[0] if errors else "",
        "correct": correct,
    }


def page_costs(manifest: dict) -> dict:
    """Queries and time of one warm request to each page, through Django's test client."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from lms.accounts.entrances import login_steps_record
    from lms.accounts.models import User

    pages = {
        "reference": (manifest.get("reference_url"), False),
        "home": ("/", False),
        "catalogue": (manifest.get("catalogue_url"), False),
        "course": (manifest.get("course_url"), False),
        "dashboard": ("/mijn/", True),
        "senior": (manifest.get("senior_url"), True),
        "register_status": ("/register/mijn-status/", True),
    }
    anonymous = Client()
    member = Client()
    dashboard_user = User.objects.get(email=manifest["dashboard_email"])
    member.force_login(dashboard_user)
    # What the site's login writes once every step is done; without it the session is ended.
    session = member.session
    login_steps_record(session=session, user=dashboard_user)
    session.save()
    found = {}
    for key, (path, logged_in) in pages.items():
        if not path:
            continue
        client = member if logged_in else anonymous
        # A new query string on every request, so that the anonymous page cache does not
        # answer: this table is about what rendering a page costs.
        fresh = (f"{path}{'&' if '?' in path else '?'}cost={n}" for n in itertools.count())
        try:
            client.get(next(fresh), HTTP_HOST="localhost")
            with CaptureQueriesContext(connection) as queries:
                answer = client.get(next(fresh), HTTP_HOST="localhost")
            # Read now: the next request clears the connection's query log.
            count = len(queries.captured_queries)
            times = []
            for _ in range(5):
                started = time.perf_counter()
                client.get(next(fresh), HTTP_HOST="localhost")
                times.append((time.perf_counter() - started) * 1000)
            ms = statistics.median(times)
        except Exception as exc:  # a broken page is a result to report
            found[key] = {"path": path, "error": f"{type(exc).__name__}: {exc}"}
            continue
        found[key] = {
            "path": path,
            "status": answer.status_code,
            "queries": count,
            "ms": round(ms, 1),
        }
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--manifest", type=Path, help="the generator's manifest (page costs)")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
    import django

    django.setup()
    found = {}
    for name, fn in (
        ("matching", matching),
        ("eligibility", eligibility),
        ("concurrent_enrolment", concurrent_enrolment),
        ("batch_memory", batch_memory),
    ):
        try:
            found[name] = fn()
        except Exception as exc:  # a failure here is a result to report, not a crash
            found[name] = {"measured": False, "reason": f"{type(exc).__name__}: {exc}"}
    if args.manifest:
        try:
            found["pages"] = page_costs(json.loads(args.manifest.read_text()))
        except Exception as exc:
            found["pages"] = {"all": {"error": f"{type(exc).__name__}: {exc}"}}
    args.out.write_text(json.dumps(found, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
