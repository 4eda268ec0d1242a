"""A real Celery worker consumes a real message from Redis and does the work."""

import time

import pytest

from lms.accounts.models import OutboundEmail
from lms.accounts.services import email_send

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
