"""The register's pages: HTTP only. Services write, selectors read."""

from .board import review, reviews
from .conflicts import conflict, conflicts
from .kring import kring_benchmark, kring_document, kring_meeting, kring_meetings
from .office import office, office_application, report_csv, reports
from .personal import (
    apply,
    credential,
    decision_letter,
    dossier,
    my_status,
    my_status_entries,
    objection,
    publication_claim,
)
from .public import public, public_entry

__all__ = [
    "apply",
    "conflict",
    "conflicts",
    "credential",
    "decision_letter",
    "dossier",
    "kring_benchmark",
    "kring_document",
    "kring_meeting",
    "kring_meetings",
    "my_status",
    "my_status_entries",
    "objection",
    "office",
    "office_application",
    "public",
    "public_entry",
    "publication_claim",
    "report_csv",
    "reports",
    "review",
    "reviews",
]
