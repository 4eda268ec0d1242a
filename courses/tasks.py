"""Background work for courses. Tasks take ids, call a service, and are safe to run twice."""

from celery import shared_task

from lms.celery import TRANSIENT_ERRORS


@shared_task(autoretry_for=TRANSIENT_ERRORS, retry_backoff=True, max_retries=5)
def waitlist_promote_task(edition_id: int) -> int:
    """Give free seats of an edition to its waitlist; a second run finds nothing to do."""
    from .services import waitlist_promote

    return len(waitlist_promote(edition_id=edition_id))


@shared_task(autoretry_for=TRANSIENT_ERRORS, retry_backoff=True, max_retries=3)
def edition_export_task(export_id: int) -> str:
    """Write a large participants export to the private storage; a finished one is kept."""
    from .exports import export_file_write

    return export_file_write(export_id=export_id)


@shared_task(autoretry_for=TRANSIENT_ERRORS, retry_backoff=True, max_retries=3)
def completions_due_task() -> int:
    """Complete the participants whose course has now run and whose rule was met before it;
    a second run finds nobody left to complete."""
    from .services import completions_due_evaluate

    return len(completions_due_evaluate())
