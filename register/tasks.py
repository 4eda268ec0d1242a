"""Thin Celery entry points of the register: each calls a service and is safe to run twice."""

from celery import shared_task

from . import services


@shared_task(acks_late=True, reject_on_worker_lost=True)
def register_daily() -> dict:
    """Daily: reminders six months and twelve weeks before a registration expires (one e-mail
    per step), and registrations past their last day lapse."""
    return {
        "reminders": services.registration_reminders_send(),
        "expired": services.registrations_expire(),
    }
