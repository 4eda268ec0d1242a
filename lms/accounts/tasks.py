from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from lms.celery import TRANSIENT_ERRORS

from .models import OutboundEmail
from .services import outbox_prune


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=True,
    max_retries=5,
)
def deliver_email(mail_id: int) -> bool:
    """Send one written e-mail. The row lock and ``sent_at`` make a second run a no-op."""
    with transaction.atomic():
        mail = OutboundEmail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None or mail.sent_at is not None:
            return False
        mail.attempts += 1
        EmailMessage(
            subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + mail.subject,
            body=mail.body,
            to=[mail.to],
        ).send()
        mail.sent_at = timezone.now()
        mail.save(update_fields=["attempts", "sent_at"])
    return True


@shared_task
def deliver_pending_emails() -> int:
    """Queue again every e-mail that is older than five minutes and still unsent."""
    cutoff = timezone.now() - timedelta(minutes=5)
    ids = list(
        OutboundEmail.objects.filter(
            sent_at__isnull=True, created_at__lt=cutoff, attempts__lt=10
        ).values_list("pk", flat=True)[:500]
    )
    for mail_id in ids:
        deliver_email.delay(mail_id)
    return len(ids)


@shared_task
def prune_sent_emails() -> int:
    """Daily: sent e-mails older than ``OUTBOX_KEEP_DAYS`` lose their subject and text."""
    return outbox_prune(older_than=timedelta(days=settings.OUTBOX_KEEP_DAYS))
