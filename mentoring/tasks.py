"""Thin Celery entry points: they take ids and call a service; each is safe to run twice."""

from celery import shared_task

from . import services


@shared_task(acks_late=True, reject_on_worker_lost=True)
def matching_run_execute_task(run_id: int) -> str:
    run = services.matching_run_execute(run_id=run_id)
    return run.status if run else "missing"


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_coaching_reminders() -> int:
    """Daily: juniors with sessions unconfirmed for 7 days, the office after 30 days."""
    return services.coaching_reminders_send()
