"""The register's documents as PDF (WeasyPrint): the applicant's dossier the College reads and
the decision letter, each made from its own record."""

import csv
import io

from django.template.loader import render_to_string

from mentoring.kinds import Approach

from .models import BallotageDecision, RegisterApplication
from .selectors.evaluation import LABELS


def _pdf(html: str) -> bytes:
    # WeasyPrint and its fonts are loaded on the first document, not when the site starts: a
    # web worker that never writes a PDF stays small.
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def decision_letter_pdf(*, decision: BallotageDecision) -> bytes:
    html = render_to_string("register/letter_pdf.html", {"decision": decision})
    return _pdf(html)


def application_dossier_pdf(*, application: RegisterApplication) -> bytes:
    """The dossier the College reads, as a PDF (WeasyPrint)."""
    requirements = [
        {**r, "label": str(LABELS.get(r["name"], r["name"]))}
        for r in application.evaluation.get("requirements", [])
    ]
    reflections = [
        (str(Approach(code).label), text)
        for code, text in application.reflections.items()
        if code in Approach.values
    ]
    rows = list(csv.DictReader(io.StringIO(application.ledger_csv)))
    html = render_to_string(
        "register/dossier_pdf.html",
        {
            "application": application,
            "requirements": requirements,
            "reflections": reflections,
            "ledger": rows,
            "documents": list(application.documents.all()),
        },
    )
    return _pdf(html)
