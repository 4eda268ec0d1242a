"""The Celery application and the one place where periodic jobs are declared."""

import logging
import os

from celery import Celery
from celery.schedules import crontab
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerUnreachable

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

# What an idempotent task retries on: the network, the mail server or the database being away
# for a moment (a restart or failover); its next attempt gets a fresh connection.
TRANSIENT_ERRORS = (OSError, OperationalError, InterfaceError)

logger = logging.getLogger(__name__)

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Tasks that are safe to run twice ask for late acknowledgement themselves
# (``acks_late=True, reject_on_worker_lost=True``); the default stays early so that a task
# which is not idempotent is never repeated after a crash.
app.conf.beat_schedule = {
    # Every ten minutes: e-mails whose delivery failed or whose message was lost are retried.
    "deliver-pending-email": {
        "task": "lms.accounts.tasks.deliver_pending_emails",
        "schedule": crontab(minute="*/10"),
    },
    # Daily at 07:00: juniors hear of coaching sessions unconfirmed for 7 days and the register
    # office of those unconfirmed for 30 days; one e-mail per session and step.
    # Daily at 06:30: reminders six months and twelve weeks before a registration expires (one
    # e-mail per step, through the outbox key), and registrations past their last day lapse.
    "register-daily": {
        "task": "register.tasks.register_daily",
        "schedule": crontab(hour=6, minute=30),
    },
    "coaching-reminders": {
        "task": "mentoring.tasks.send_coaching_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    # Daily at 05:30 (after the Dutch midnight): participants whose course's completion rule
    # was met before the course ran are completed once its last meeting day (or, without
    # meetings, its first day) has come: no points before the course ran, none forgotten after.
    "completions-due": {
        "task": "courses.tasks.completions_due_task",
        "schedule": crontab(hour=5, minute=30),
    },
    # Daily at 07:30 Dutch time: the e-mails people chose to receive as a daily digest go out,
    # one per person per day (the outbox key keeps a second run from sending another).
    "email-digest": {
        "task": "lms.accounts.tasks.send_email_digests",
        "schedule": crontab(hour=7, minute=30),
    },
    # Daily at 03:15: sent e-mails older than OUTBOX_KEEP_DAYS lose their subject and text.
    "prune-sent-email": {
        "task": "lms.accounts.tasks.prune_sent_emails",
        "schedule": crontab(hour=3, minute=15),
    },
}


def enqueue_or_run_here(task, *args) -> None:
    """Hand ``task`` to a worker; when the broker cannot be reached, run it in this process.

    Called once the change it follows is committed, so what the person saved stays saved and
    is never left waiting for a message that was not sent. Only for tasks that are safe to run
    twice; a failure in the task is its own to record, not the request's.
    """
    try:
        task.delay(*args)
    except BrokerUnreachable:
        logger.warning("broker unreachable: running %s%r in this process", task.name, args)
        task.apply(args=args, throw=False)
