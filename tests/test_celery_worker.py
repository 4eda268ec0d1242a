"""A real Celery worker consumes a real message from Redis and does the work."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from lms.accounts.models import OutboundEmail
from lms.accounts.services import email_send
from lms.accounts.tasks import prune_sent_emails
from lms.celery import app

pytestmark = [pytest.mark.redis, pytest.mark.postgres]


def test_a_real_worker_delivers_an_email_written_in_a_transaction(celery_worker_process):
    mail = email_send(
        key="worker-test:1", to="iemand@example.org", subject="Proef", body="Hallo vanuit de test."
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        mail.refresh_from_db()
        if mail.sent_at:
            break
        time.sleep(0.2)
    assert mail.sent_at is not None
    assert mail.attempts == 1


def test_the_same_event_is_written_and_sent_once(celery_worker_process):
    first = email_send(key="worker-test:2", to="a@example.org", subject="Eens", body="x")
    second = email_send(key="worker-test:2", to="a@example.org", subject="Eens", body="x")
    assert first is not None and second is None
    assert OutboundEmail.objects.filter(key="worker-test:2").count() == 1


def test_a_real_worker_empties_old_sent_emails_and_keeps_their_keys(celery_worker_process):
    now = timezone.now()
    old, recent, unsent = (
        OutboundEmail.objects.create(
            key=f"prune-test:{name}", to="a@example.org", subject="Over Jan", body="Jan Jansen"
        )
        for name in ("old", "recent", "unsent")
    )
    OutboundEmail.objects.filter(pk=old.pk).update(sent_at=now - timedelta(days=91))
    OutboundEmail.objects.filter(pk=recent.pk).update(sent_at=now - timedelta(days=89))
    OutboundEmail.objects.filter(pk=unsent.pk).update(created_at=now - timedelta(days=200))
    prune_sent_emails.delay()  # as beat does each night; no result backend, so watch the row
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and OutboundEmail.objects.get(pk=old.pk).body:
        time.sleep(0.2)
    rows = {
        m.key: (m.subject, m.body)
        for m in OutboundEmail.objects.filter(key__startswith="prune-test:")
    }
    assert rows == {
        "prune-test:old": ("", ""),
        "prune-test:recent": ("Over Jan", "Jan Jansen"),
        "prune-test:unsent": ("Over Jan", "Jan Jansen"),
    }
    # The key still stands, so the same event is not written (or sent) again.
    assert email_send(key="prune-test:old", to="a@example.org", subject="x", body="y") is None
    assert app.conf.beat_schedule["prune-sent-email"]["task"] == prune_sent_emails.name
