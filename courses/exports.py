"""Exports of an edition's participants to CSV and XLSX (tablib). Large exports are written
by a background task to the private storage and downloaded when ready."""

from __future__ import annotations

import tablib
from django.core.files.base import ContentFile
from django.db import transaction

from .models import Edition, Enrolment, ExportFile
from .selectors import enrolment_progress

BACKGROUND_ROWS = 1000
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
HEADERS = [
    "Naam",
    "E-mailadres",
    "Status",
    "Aanwezigheid (%)",
    "Lessen afgerond",
    "Afgerond op",
    "Punten",
]


def export_row_count(edition: Edition) -> int:
    return edition.enrolments.filter(status__in=Enrolment.ACTIVE).count()


def export_dataset(edition: Edition) -> tablib.Dataset:
    enrolments = list(
        edition.enrolments.filter(status__in=Enrolment.ACTIVE)
        .select_related("person", "edition", "completion")
        .order_by("created_at", "pk")
    )
    progress = enrolment_progress(enrolments)
    data = tablib.Dataset(headers=HEADERS, title=f"Uitvoering {edition.code}"[:31])
    for enrolment in enrolments:
        completion = getattr(enrolment, "completion", None)
        counted = completion if completion and completion.revoked_at is None else None
        item = progress[enrolment.pk]
        data.append(
            [
                enrolment.person.get_full_name(),
                enrolment.person.email,
                enrolment.get_status_display(),
                item.attendance_percent,
                f"{item.lessons_done}/{item.lessons_total}",
                counted.completed_on.strftime("%d-%m-%Y") if counted else "",
                str(counted.points).replace(".", ",") if counted else "",
            ]
        )
    return data


def export_bytes(edition: Edition, fmt: str) -> bytes:
    content = export_dataset(edition).export(fmt)
    return content.encode("utf-8-sig") if isinstance(content, str) else content


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
