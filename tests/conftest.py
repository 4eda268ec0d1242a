import os

import pytest

from lms.accounts.models import Role
from tests.clients import Client
from tests.factories import PASSWORD, OrganisationFactory, person


def pytest_addoption(parser):
    parser.addoption(
        "--frozen-at",
        default=os.environ.get("LMS_FROZEN_AT", ""),
        help=(
            "run the whole session from this moment, ISO 8601 with its offset "
            "(e.g. 2026-12-31T23:30:00+00:00); the clock keeps ticking from there. "
            "Default: $LMS_FROZEN_AT, else the real time."
        ),
    )


def pytest_configure(config):
    """With --frozen-at (or LMS_FROZEN_AT) every test runs at that moment, so the date-sensitive
    tests (``-m dates``) can be run at midnight, at the end of a month and across the change of
    summer time. Only this process travels: a browser journey's server or a worker does not."""
    moment = config.getoption("--frozen-at")
    if not moment:
        return
    import datetime as dt

    import time_machine

    try:
        when = dt.datetime.fromisoformat(moment)
    except ValueError:
        raise pytest.UsageError(
            f"--frozen-at/LMS_FROZEN_AT is not an ISO 8601 moment: {moment!r}"
        ) from None
    if when.tzinfo is None:
        raise pytest.UsageError(
            f"--frozen-at/LMS_FROZEN_AT needs an offset, e.g. +00:00: {moment!r}"
        )
    config._lms_traveller = time_machine.travel(when, tick=True)
    config._lms_traveller.start()


def pytest_unconfigure(config):
    traveller = getattr(config, "_lms_traveller", None)
    if traveller is not None:
        traveller.stop()


def pytest_report_header(config):
    moment = config.getoption("--frozen-at")
    if moment:
        return f"clock: from {moment} (--frozen-at / LMS_FROZEN_AT)"


@pytest.fixture
def client():
    """pytest-django's ``client``, with a ``force_login`` that counts as the site's login."""
    return Client()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: rate limits and cached pages do not leak."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Public media per test. Private files stay in the test settings' PRIVATE_MEDIA_ROOT: the
    # models bind that storage when they load, so changing the setting here would do nothing.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def organisation(db):
    return OrganisationFactory()


@pytest.fixture
def junior(db, organisation):
    return person(Role.JUNIOR, profile__organisation=organisation)


@pytest.fixture
def senior(db, organisation):
    return person(Role.SENIOR, profile__organisation=organisation)


@pytest.fixture
def provider_editor(db):
    return person(Role.PROVIDER_EDITOR)


@pytest.fixture
def board_member(db):
    return person(Role.BOARD_MEMBER)


@pytest.fixture
def register_office(db):
    return person(Role.REGISTER_OFFICE)


@pytest.fixture
def manager(db, organisation):
    return person(Role.MANAGER, profile__organisation=organisation)


@pytest.fixture
def site(db):
    """The demo home page and menus, as ``seed_demo`` makes them."""
    from cms import demo

    return demo.seed()


@pytest.fixture
def celery_worker_process(settings, transactional_db):
    """A real Celery worker in its own process, consuming from the Redis in REDIS_URL and
    writing to this test's database. Tests using it need committed data (transactional)."""
    import os
    import subprocess
    import sys
    import time

    from django.db import connection

    from lms.celery import app

    if not settings.REDIS_URL or connection.vendor != "postgresql":
        pytest.skip("needs REDIS_URL (a real broker) and PostgreSQL shared with the worker")
    db = connection.settings_dict
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.test",
        CELERY_TASK_ALWAYS_EAGER="false",
        REDIS_URL=settings.REDIS_URL,
    )
    env["DATABASE_URL"] = (
        f"postgres://{db['USER'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
        f"{db['NAME']}"
    )
    app.control.purge()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "lms",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        replies = app.control.ping(timeout=0.5)
        if replies:
            break
        if proc.poll() is not None:
            pytest.fail(f"worker exited: {proc.stdout.read()}")
    else:
        proc.kill()
        pytest.fail("worker did not answer a ping within 30 seconds")
    yield proc
    app.conf.task_always_eager = previous
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture
def broker_down(monkeypatch):
    """Every hand-over of a task to the broker fails as it does when Redis cannot be reached
    (tests/test_faults.py stops a real Redis for the e-mail and waitlist paths)."""
    from kombu.exceptions import OperationalError as BrokerUnreachable

    def unreachable(self, *args, **kwargs):
        raise BrokerUnreachable("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr("celery.app.task.Task.delay", unreachable)
