"""The outbox: an e-mail that cannot be delivered is given up on with its reason, is not tried
for ever, and never fails the request that wrote it. Sent to a real SMTP conversation (the
sink of tests/fault_servers.py), not to a stand-in."""

from datetime import timedelta

import pytest
from django.core import mail as sent
from django.urls import reverse
from django.utils import timezone

from lms.accounts.models import OutboundEmail, User
from lms.accounts.services import EMAIL_MAX_ATTEMPTS, email_deliver, email_send
from lms.accounts.tasks import deliver_pending_emails
from tests.fault_servers import SmtpSink, free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp_sink(settings):
    sink = SmtpSink()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    yield sink
    sink.close()


def _written(**fields) -> OutboundEmail:
    defaults = {"key": "proef:1", "to": "iemand@example.org", "subject": "Proef", "body": "Hoi"}
    return OutboundEmail.objects.create(**{**defaults, **fields})


def _requeued() -> int:
    """What deliver-pending-email would queue again, once the e-mails are old enough."""
    OutboundEmail.objects.update(created_at=timezone.now() - timedelta(hours=1))
    return deliver_pending_emails.apply().get()


def test_a_recipient_refused_for_good_is_marked_failed_and_not_tried_again(smtp_sink):
    smtp_sink.unknown.add("weg@example.org")
    mail = _written(to="weg@example.org")
    assert email_deliver(mail_id=mail.pk) is False
    mail.refresh_from_db()
    assert mail.sent_at is None
    assert mail.failed_at is not None
    assert "550" in mail.failure
    assert mail.attempts == 1
    assert _requeued() == 0
    assert email_deliver(mail_id=mail.pk) is False
    mail.refresh_from_db()
    assert mail.attempts == 1
    assert smtp_sink.delivered == []


@pytest.mark.parametrize(
    "fields",
    [
        {"to": "iemand@example.org\nBcc: iedereen@example.org"},
        {"subject": "Voorstel buddytraject met Jan\nBcc: iedereen@example.org"},
    ],
    ids=["address", "subject"],
)
def test_a_header_that_cannot_be_written_is_marked_failed(fields):
    mail = _written(**fields)
    assert email_deliver(mail_id=mail.pk) is False
    mail.refresh_from_db()
    assert mail.failed_at is not None
    assert "BadHeaderError" in mail.failure
    assert sent.outbox == []
    assert _requeued() == 0


def test_a_subject_is_written_on_one_line(smtp_sink):
    mail = email_send(
        key="proef:2",
        to="iemand@example.org",
        subject="Voorstel buddytraject met Jan\r\nBcc: iedereen@example.org",
        body="Hoi",
    )
    assert mail.subject == "Voorstel buddytraject met Jan Bcc: iedereen@example.org"
    assert email_deliver(mail_id=mail.pk) is True
    [message] = smtp_sink.delivered
    assert b"\nBcc:" not in message


def test_a_server_that_cannot_be_reached_is_tried_a_limited_number_of_times(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()  # nothing listens there
    settings.EMAIL_USE_TLS = False
    mail = _written()
    for attempt in range(1, EMAIL_MAX_ATTEMPTS):
        with pytest.raises(ConnectionRefusedError):
            email_deliver(mail_id=mail.pk)
        mail.refresh_from_db()
        assert (mail.attempts, mail.failed_at) == (attempt, None)
    assert email_deliver(mail_id=mail.pk) is False
    mail.refresh_from_db()
    assert mail.attempts == EMAIL_MAX_ATTEMPTS
    assert mail.failed_at is not None
    assert "ConnectionRefusedError" in mail.failure
    assert _requeued() == 0


def test_a_request_whose_email_is_refused_succeeds_and_keeps_what_it_saved(
    client, smtp_sink, django_capture_on_commit_callbacks
):
    # Without a broker the e-mail is sent in the request, once its change is committed: the
    # captured commit callbacks run here as they would at the end of the request, and an error
    # escaping them would have been the request's 500.
    smtp_sink.unknown.add("fatima@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {
                "first_name": "Fatima",
                "last_name": "Yilmaz",
                "email": "fatima@example.org",
                "password1": "buurtkracht-2026!",
                "password2": "buurtkracht-2026!",
            },
        )
    assert response.status_code == 302
    assert User.objects.filter(email="fatima@example.org").exists()
    mail = OutboundEmail.objects.get(to="fatima@example.org")
    assert mail.failed_at is not None and "550" in mail.failure


def test_every_email_carries_the_subject_prefix_once(
    client, junior, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": junior.email})
        email_send(key="proef:3", to=junior.email, subject="Je inschrijving", body="Hoi")
    account_mail, platform_mail = (message.subject for message in sent.outbox)
    assert platform_mail == "[Opbouwwerk] Je inschrijving"
    assert account_mail.startswith("[Opbouwwerk] ")
    assert account_mail.count("Opbouwwerk") == 1
