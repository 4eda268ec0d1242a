"""Faults staged for real, on servers the tests start themselves (tests/fault_servers.py):

- a Celery worker killed with SIGKILL while the SMTP server has the whole message but has not
  answered yet: after a restart the e-mail goes out once;
- Redis stopped under a running site: pages still answer, a withdrawal (which needs a task and
  an e-mail) still completes, and once Redis is back the e-mail goes out and new work flows;
- PostgreSQL restarted under load: requests fail cleanly for a moment, no rows are left half
  written, and the same server processes answer again a second later;
- a sign-up cut off by the database leaves no account behind.

The machine's shared PostgreSQL and Redis are never stopped. The worker and the site share
this run's PostgreSQL test database where a test must see their rows.
"""

import json
import re
import subprocess
import sys
import threading
import time
from datetime import timedelta

import pytest
from django.db import connection

from lms.accounts.models import OutboundEmail
from lms.accounts.services import email_send
from tests.clients import Client
from tests.fault_servers import (
    BASE_DIR,
    AppServer,
    PostgresCluster,
    RedisServer,
    SmtpSink,
    Worker,
    celery_publishing_to,
    fetch,
    wait_until,
)
from tests.needs import unavailable

pytestmark = [pytest.mark.faults]


@pytest.fixture
def own_redis():
    server = RedisServer().start()
    yield server
    server.close()


@pytest.fixture
def smtp_sink():
    sink = SmtpSink()
    yield sink
    sink.close()


@pytest.fixture
def shared_database_url(transactional_db) -> str:
    """The URL of this run's test database, for processes that must see committed rows."""
    if connection.vendor != "postgresql":
        unavailable("a worker shares the test database only on PostgreSQL (set DATABASE_URL)")
    db = connection.settings_dict
    return (
        f"postgres://{db['USER'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
        f"{db['NAME']}"
    )


@pytest.fixture
def start_worker(shared_database_url, own_redis):
    workers = []

    def start(**settings) -> Worker:
        worker = Worker(
            database_url=shared_database_url, redis_url=own_redis.url(), settings=settings
        ).start()
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.stop()


def _smtp_settings(sink: SmtpSink) -> dict:
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": sink.port,
        "EMAIL_USE_TLS": False,
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
        "EMAIL_TIMEOUT": 60,
    }


# --- A worker killed in the middle of sending ----------------------------------------------


@pytest.mark.postgres
def test_a_worker_killed_mid_send_sends_the_email_once_after_a_restart(
    own_redis, smtp_sink, start_worker
):
    # Redis hands an unacknowledged message out again after the visibility timeout (an hour in
    # the project's settings); the test shortens it so that the restart need not wait an hour.
    quick_redelivery = {
        "CELERY_BROKER_TRANSPORT_OPTIONS": {
            "visibility_timeout": 2,
            "unacked_restore_interval": 1,
            "unacked_restore_throttle": 1,
        }
    }
    smtp_sink.hold_next = True
    first = start_worker(**_smtp_settings(smtp_sink), **quick_redelivery)
    with celery_publishing_to(own_redis.url()):
        mail = email_send(
            key="faults:killed-worker",
            to="deelnemer@example.org",
            subject="Je inschrijving",
            body="Je staat ingeschreven voor Wijkanalyse in de praktijk.",
        )

    # The worker has sent the whole message and waits for the server's answer: kill it there.
    assert smtp_sink.holding.wait(60), first.output()
    mail.refresh_from_db()
    assert mail.sent_at is None
    first.kill()
    wait_until(lambda: smtp_sink.abandoned, timeout=10, what="sink sees the sender vanish")
    smtp_sink.release()
    assert smtp_sink.delivered == []
    assert own_redis.client().hlen("unacked") == 1, "the task waits in the broker, unacknowledged"

    second = start_worker(**_smtp_settings(smtp_sink), **quick_redelivery)

    def sent():
        mail.refresh_from_db()
        return mail.sent_at is not None

    wait_until(sent, timeout=60, what=f"e-mail sent after the restart\n{second.output()}")
    # Give a duplicate every chance to show up before counting.
    time.sleep(1.5)
    assert len(smtp_sink.delivered) == 1
    assert b"Je staat ingeschreven voor Wijkanalyse" in smtp_sink.delivered[0]
    assert own_redis.client().hlen("unacked") == 0
    mail.refresh_from_db()
    assert mail.attempts == 1, "the killed attempt was rolled back with its transaction"
    assert OutboundEmail.objects.filter(key="faults:killed-worker").count() == 1


# --- Redis stopped ----------------------------------------------------------------------------


@pytest.fixture
def committed_site(shared_database_url):
    """The demo home page, committed. An earlier transactional test may have emptied every
    table, so what Wagtail's migrations made (the locale, the root collection) is made again."""
    from wagtail.models import Collection, Locale

    from cms import demo

    Locale.objects.get_or_create(language_code="nl")
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    return demo.seed()


@pytest.fixture
def full_edition(committed_site):
    """A published course whose one-seat edition is taken by one junior, with one waiting."""
    from courses.models import Enrolment
    from courses.services import catalogue_ensure, enrolment_create
    from lms.accounts.models import Role
    from tests.courses.factories import CoursePageFactory, EditionFactory, make_provider
    from tests.factories import person

    catalogue = catalogue_ensure(home=committed_site)
    provider = make_provider(catalogue=catalogue, title="Kenniscentrum Wijkwerk")
    course = CoursePageFactory(parent=provider, title="Wijkanalyse in de praktijk")
    edition = EditionFactory(course=course, capacity=1)
    course.save_revision().publish()
    seated, waiting = person(Role.JUNIOR), person(Role.JUNIOR)
    enrolment_create(edition=edition, person=seated, actor=seated)
    enrolment_create(edition=edition, person=waiting, actor=waiting)
    assert [e.status for e in edition.enrolments.order_by("pk")] == [
        Enrolment.Status.ENROLLED,
        Enrolment.Status.WAITLISTED,
    ]
    return course, edition, seated, waiting


def _session_of(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def _withdraw(site: AppServer, enrolment, session: str):
    return fetch(
        "POST",
        site.url(f"/leren/inschrijvingen/{enrolment.pk}/uitschrijven/"),
        session=session,
        form={"next": "/mijn/"},
    )


@pytest.mark.postgres
def test_with_redis_stopped_pages_answer_a_withdrawal_completes_and_mail_follows_later(
    own_redis, shared_database_url, full_edition, smtp_sink, start_worker
):
    from courses.models import Enrolment

    course, edition, seated, waiting = full_edition
    # The worker runs throughout, as in production, and has to find the broker again.
    start_worker(**_smtp_settings(smtp_sink))
    site = AppServer(database_url=shared_database_url, redis_url=own_redis.url()).start()
    try:
        reading = ["/cursussen/", course.url]
        for path in reading:  # with Redis up, the pages fill the cache
            assert fetch("GET", site.url(path)).status == 200
        assert fetch("GET", site.url("/health/")).json()["status"] == "ok"
        seated_session, waiting_session = _session_of(seated), _session_of(waiting)

        own_redis.stop()

        for path in reading:
            answer = fetch("GET", site.url(path))
            assert answer.status == 200, f"{path}\n{site.output()[-3000:]}"
            assert "Wijkanalyse in de praktijk" in answer.body
        start_page = fetch("GET", site.url("/mijn/"), session=seated_session)
        assert start_page.status == 200, site.output()[-3000:]
        health = fetch("GET", site.url("/health/"))
        assert health.status == 200
        assert health.json()["status"] == "degraded"
        assert health.json()["broker"].startswith("error")

        # Withdrawing needs a task (the waitlist moves up) and an e-mail: the withdrawal and the
        # promotion are done at once, and the e-mail waits in the outbox.
        answer = _withdraw(site, edition.enrolments.get(person=seated), seated_session)
        assert answer.status == 302, site.output()[-3000:]
        assert answer.seconds < 10
        statuses = dict(edition.enrolments.values_list("person_id", "status"))
        assert statuses == {
            seated.pk: Enrolment.Status.WITHDRAWN,
            waiting.pk: Enrolment.Status.ENROLLED,
        }
        promoted_mail = OutboundEmail.objects.get(to=waiting.email)
        assert promoted_mail.sent_at is None
        assert fetch("GET", site.url("/mijn/"), session=waiting_session).status == 200

        own_redis.start()  # the same port, empty: what was queued before is gone

        wait_until(
            lambda: fetch("GET", site.url("/health/")).json()["status"] == "ok",
            timeout=20,
            what="the running site finding Redis again",
        )
        # deliver-pending-email takes e-mails older than five minutes: let five minutes pass.
        OutboundEmail.objects.filter(pk=promoted_mail.pk).update(
            created_at=promoted_mail.created_at - timedelta(minutes=6)
        )
        with celery_publishing_to(own_redis.url()):
            from lms.accounts.tasks import deliver_pending_emails

            deliver_pending_emails.delay()  # as beat does every ten minutes

        wait_until(
            lambda: OutboundEmail.objects.get(pk=promoted_mail.pk).sent_at,
            timeout=30,
            what="the waiting e-mail sent by the worker",
        )
        assert len(smtp_sink.delivered) == 1
        assert waiting.email.encode() in smtp_sink.delivered[0]

        # New work goes through the broker again: the first person enrols (on the waitlist),
        # the promoted one withdraws, and the worker hands the seat back with an e-mail.
        enrol = fetch(
            "POST",
            site.url(f"/leren/uitvoeringen/{edition.pk}/inschrijven/"),
            session=seated_session,
            form={"next": "/mijn/"},
        )
        assert enrol.status == 302
        answer = _withdraw(site, edition.enrolments.get(person=waiting), waiting_session)
        assert answer.status == 302
        wait_until(
            lambda: len(smtp_sink.delivered) == 2,
            timeout=30,
            what="the second promotion's e-mail, by the worker",
        )
        assert seated.email.encode() in smtp_sink.delivered[1]
        assert edition.enrolments.get(person=seated, status=Enrolment.Status.ENROLLED).seat == 1
    finally:
        site.stop()


# --- PostgreSQL restarted under load ----------------------------------------------------------

# Runs in a process of its own against the throwaway cluster: the Wagtail basics an emptied
# database lacks, one course with two small editions, juniors, and a logged-in session each.
_SEED = """
import json
import django
django.setup()
from wagtail.models import Collection, Locale
from cms import demo
from courses.services import catalogue_ensure
from lms.accounts.models import Role
from lms.accounts.services import roles_ensure
from tests.clients import Client
from tests.courses.factories import CoursePageFactory, EditionFactory, make_provider
from tests.factories import person

Locale.objects.get_or_create(language_code="nl")
if Collection.get_first_root_node() is None:
    Collection.add_root(name="Root")
roles_ensure()
catalogue = catalogue_ensure(home=demo.seed())
provider = make_provider(catalogue=catalogue, title="Kenniscentrum Wijkwerk")
course = CoursePageFactory(parent=provider, title="Wijkanalyse in de praktijk")
editions = [EditionFactory(course=course, capacity=2) for _ in range(2)]
course.save_revision().publish()
sessions = []
for _ in range(6):
    client = Client()
    client.force_login(person(Role.JUNIOR))
    sessions.append(client.cookies["sessionid"].value)
print(json.dumps({"course_url": course.url, "sessions": sessions}))
"""


@pytest.fixture
def restartable_site(db):
    """The site under gunicorn on a PostgreSQL cluster of its own, with a course to enrol in."""
    if connection.vendor != "postgresql":
        # Without a migrated PostgreSQL database to copy the tables from, migrating a new one
        # would take the better part of this file's time budget.
        unavailable("the tables are copied from the PostgreSQL test database (DATABASE_URL)")
    cluster = PostgresCluster().init_and_start()
    site = None
    try:
        cluster.psql("postgres", "CREATE DATABASE lms")
        cluster.copy_schema_from(connection.settings_dict, into="lms")
        site = AppServer(database_url=cluster.url("lms"), threads=4).launch()
        seeded = subprocess.run(
            [sys.executable, "-c", _SEED],
            cwd=BASE_DIR,
            env=site.env,
            timeout=120,
            capture_output=True,
            text=True,
        )
        assert seeded.returncode == 0, seeded.stderr
        world = json.loads(seeded.stdout.strip().splitlines()[-1])
        yield cluster, site.wait_ready(), world
    finally:
        if site is not None:
            site.stop()
        cluster.close()


class Load:
    """Juniors reading the course page, enrolling and withdrawing, and a health probe, in
    threads, each request written down with its start, end and outcome."""

    def __init__(self, site: AppServer, world: dict):
        self.site, self.world = site, world
        self.results: list[tuple[float, float, str, object]] = []
        self.stop = threading.Event()
        self._lock = threading.Lock()

    def _call(self, kind: str, method: str, path: str, **kwargs):
        started = time.monotonic()
        try:
            answer = fetch(method, self.site.url(path), timeout=20, **kwargs)
            outcome = answer.status
            if answer.headers.get("location", "").startswith("/accounts/login/"):
                outcome = "logged out"  # the session was lost
        except Exception as error:  # a hang or a dropped connection is itself a finding
            answer, outcome = None, f"{type(error).__name__}: {error}"
        with self._lock:
            self.results.append((started, time.monotonic(), kind, outcome))
        return answer

    def _junior(self, session: str) -> None:
        forms = re.compile(
            r'action="(/leren/(?:uitvoeringen/\d+/inschrijven|inschrijvingen/\d+/uitschrijven)/)"'
        )
        while not self.stop.is_set():
            page = self._call("read", "GET", self.world["course_url"], session=session)
            if page is None or page.status != 200:
                time.sleep(0.1)
                continue
            for action in forms.findall(page.body):
                kind = "enrol" if action.endswith("inschrijven/") else "withdraw"
                self._call(kind, "POST", action, session=session, form={"next": "/mijn/"})

    def _probe(self) -> None:
        while not self.stop.is_set():
            self._call("health", "GET", "/health/")
            time.sleep(0.05)

    def run(self):
        threads = [threading.Thread(target=self._probe)] + [
            threading.Thread(target=self._junior, args=(session,))
            for session in self.world["sessions"]
        ]
        for thread in threads:
            thread.start()
        return threads


# Rows that only make sense together. Over capacity: a seat given twice over. Promoted without
# an e-mail (or an e-mail about a promotion that is not there): the promotion and its outbox
# row are one transaction, so a restart must leave both or neither.
_HALF_WRITTEN = """
SELECT 'over capacity: edition ' || e.id
  FROM courses_edition e JOIN courses_enrolment r ON r.edition_id = e.id
 GROUP BY e.id, e.capacity
HAVING count(*) FILTER (WHERE r.status = 'ingeschreven') > e.capacity
    OR max(r.seat) > e.capacity
UNION ALL
SELECT 'promoted without its e-mail: enrolment ' || r.id
  FROM courses_enrolment r
 WHERE r.enrolled_at > r.created_at
   AND NOT EXISTS (SELECT 1 FROM accounts_outboundemail m
                    WHERE m.key = 'waitlist-promoted:' || r.id)
UNION ALL
SELECT 'e-mail without its promotion: ' || m.key
  FROM accounts_outboundemail m
 WHERE m.key LIKE 'waitlist-promoted:%'
   AND NOT EXISTS (SELECT 1 FROM courses_enrolment r
                    WHERE 'waitlist-promoted:' || r.id = m.key AND r.enrolled_at > r.created_at)
"""


@pytest.mark.postgres
def test_a_postgres_restart_under_load_leaves_whole_rows_and_the_site_recovers(restartable_site):
    cluster, site, world = restartable_site
    started_at = cluster.psql("lms", "SELECT pg_postmaster_start_time()")
    load = Load(site, world)
    threads = load.run()
    try:
        time.sleep(2)
        cluster.restart()
        restarted = time.monotonic()
        time.sleep(4)
    finally:
        load.stop.set()
        for thread in threads:
            thread.join(timeout=30)
    assert cluster.psql("lms", "SELECT pg_postmaster_start_time()") != started_at

    results = sorted(load.results)
    # Every request got an answer, none hung: the ones caught by the restart are error pages.
    assert all(isinstance(outcome, int) for *_, outcome in results), results
    assert max(end - start for start, end, *_ in results) < 15
    assert {outcome for *_, outcome in results} <= {200, 302, 500, 503}, results
    # A second after PostgreSQL is back, everything works again, in the same server processes.
    after = [outcome for start, _, _, outcome in results if start > restarted + 1]
    assert len(after) >= 5
    assert set(after) <= {200, 302}, results
    assert {kind for start, _, kind, _ in results if start > restarted + 1} >= {"read", "health"}
    assert site.proc.poll() is None

    assert cluster.psql("lms", _HALF_WRITTEN) == ""
    # The load really wrote: people enrolled and withdrew, and waitlists moved.
    counts = cluster.psql(
        "lms",
        "SELECT count(*) FILTER (WHERE status = 'uitgeschreven') > 0,"
        " count(*) FILTER (WHERE enrolled_at > created_at) > 0 FROM courses_enrolment",
    )
    assert counts == "t|t"


def test_a_signup_cut_off_by_the_database_leaves_no_account_behind(client, db, monkeypatch):
    """Sign-up writes the person, their profile and role, their name and their address, and
    only then the verification e-mail. If the database goes away halfway (a restart, a
    failover), none of it may stay: a half-made account could not sign up again (the address is
    taken) and would have no address to verify."""
    from allauth.account import forms as allauth_forms
    from django.db import OperationalError

    from lms.accounts.models import User

    def connection_lost(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(allauth_forms, "setup_user_email", connection_lost)
    client.raise_request_exception = False
    response = client.post(
        "/accounts/signup/",
        {
            "first_name": "Noor",
            "last_name": "de Wit",
            "email": "noor@example.org",
            "password1": "een-lang-wachtwoord-42",
            "password2": "een-lang-wachtwoord-42",
        },
    )
    assert response.status_code == 500
    assert not User.objects.filter(email="noor@example.org").exists()
    assert not OutboundEmail.objects.filter(to="noor@example.org").exists()
