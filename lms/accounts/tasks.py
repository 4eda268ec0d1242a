from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from lms.celery import TRANSIENT_ERRORS

from .models import OutboundEmail
from .services import EMAIL_MAX_ATTEMPTS, email_deliver, email_digest_send, outbox_prune


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=True,
    max_retries=5,
)
def deliver_email(mail_id: int) -> bool:
    """Send one written e-mail (``email_deliver``); a passing error is retried."""
    return email_deliver(mail_id=mail_id)


@shared_task
def deliver_pending_emails() -> int:
    """Queue again every e-mail that is older than five minutes, still unsent and not given
    up on."""
    cutoff = timezone.now() - timedelta(minutes=5)
    ids = list(
        OutboundEmail.objects.filter(
            sent_at__isnull=True,
            failed_at__isnull=True,
            created_at__lt=cutoff,
            attempts__lt=EMAIL_MAX_ATTEMPTS,
            held=False,
        ).values_list("pk", flat=True)[:500]
    )
    for mail_id in ids:
        deliver_email.delay(mail_id)
    return len(ids)


@shared_task
def prune_sent_emails() -> int:
    """Daily: sent e-mails older than ``OUTBOX_KEEP_DAYS`` lose their subject and text."""
    return outbox_prune(older_than=timedelta(days=settings.OUTBOX_KEEP_DAYS))


@shared_task
def send_email_digests() -> int:
    """Daily: each person's held e-mails go out as one digest (``email_digest_send``)."""
    return email_digest_send()
