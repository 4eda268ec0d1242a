"""Exports of an edition's participants to CSV and XLSX, written by ``lms.exports`` so that no
name becomes a formula. Large exports are written by a background task to the private storage
and downloaded when ready."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import floatformat
from django.utils import translation

from lms import exports as spreadsheets

from .models import Edition, Enrolment, ExportFile
from .selectors import counting_completions, enrolment_progress

BACKGROUND_ROWS = 1000
FORMATS = spreadsheets.CONTENT_TYPES
HEADERS = [
    "Naam",
    "E-mailadres",
    "Status",
    "Aanwezigheid (%)",
    "Lessen afgerond",
    "Afgerond op",
    "Punten",
    "Wie betaalt",
    "Werkgever",
    "Inkoopordernummer",
    "Prijs (€)",
]


def _euros(amount) -> str:
    """An amount the Dutch way (1.250,00), as the pages show it: the same template filter."""
    if amount is None:
        return ""
    with translation.override("nl"):
        return floatformat(amount, "2g")


def export_row_count(edition: Edition) -> int:
    return edition.enrolments.filter(status__in=Enrolment.ACTIVE).count()


def export_rows(edition: Edition) -> list[list]:
    enrolments = list(
        edition.enrolments.filter(status__in=Enrolment.ACTIVE)
        .select_related("person", "edition", "completion")
        .order_by("created_at", "pk")
    )
    progress = enrolment_progress(enrolments)
    # Points only where the completion counts (counting_completions): not for one revoked,
    # unaccredited or dated before the course ran.
    counting = set(
        counting_completions()
        .filter(enrolment__in=[e.pk for e in enrolments])
        .values_list("pk", flat=True)
    )
    rows = []
    for enrolment in enrolments:
        completion = getattr(enrolment, "completion", None)
        completed = completion if completion and completion.revoked_at is None else None
        counted = completed if completed and completed.pk in counting else None
        item = progress[enrolment.pk]
        rows.append(
            [
                enrolment.person.get_full_name(),
                enrolment.person.email,
                enrolment.get_status_display(),
                item.attendance_percent,
                f"{item.lessons_done}/{item.lessons_total}",
                completed.completed_on.strftime("%d-%m-%Y") if completed else "",
                str(counted.points).replace(".", ",") if counted else "",
                enrolment.get_payer_display(),
                enrolment.employer_name,
                enrolment.purchase_order,
                _euros(enrolment.price),
            ]
        )
    return rows


def export_bytes(edition: Edition, fmt: str) -> bytes:
    return spreadsheets.table_bytes(
        HEADERS, export_rows(edition), fmt, title=f"Uitvoering {edition.code}"
    )


def export_file_write(*, export_id: int) -> str:
    with transaction.atomic():
        export = ExportFile.objects.select_for_update().filter(pk=export_id).first()
        if export is None or export.status == ExportFile.Status.READY:
            return "skipped"
        content = export_bytes(export.edition, export.format)
        export.file.save(
            f"uitvoering-{export.edition_id}-{export.pk}.{export.format}",
            ContentFile(content),
            save=False,
        )
        export.status = ExportFile.Status.READY
        export.save(update_fields=["file", "status"])
    return "written"
