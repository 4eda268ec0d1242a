"""The register's pages: HTTP only. Services write, selectors read."""

from .board import review, reviews
from .conflicts import conflict, conflicts
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
from .public import public

__all__ = [
    "apply",
    "conflict",
    "conflicts",
    "credential",
    "decision_letter",
    "dossier",
    "my_status",
    "my_status_entries",
    "objection",
    "office",
    "office_application",
    "public",
    "publication_claim",
    "report_csv",
    "reports",
    "review",
    "reviews",
]
