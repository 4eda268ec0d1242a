"""The register's documents as PDF (WeasyPrint): the applicant's dossier the College reads and
the decision letter, each made from its own record."""

from django.template.loader import render_to_string

from .models import BallotageDecision, RegisterApplication
from .selectors.dossier import dossier_of


def _pdf(html: str) -> bytes:
    # WeasyPrint and its fonts are loaded on the first document, not when the site starts: a
    # web worker that never writes a PDF stays small.
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def decision_letter_pdf(*, decision: BallotageDecision) -> bytes:
    html = render_to_string("register/letter_pdf.html", {"decision": decision})
    return _pdf(html)


def application_dossier_pdf(*, application: RegisterApplication) -> bytes:
    """The dossier the College reads, as a PDF in Dutch."""
    html = render_to_string(
        "register/dossier_pdf.html",
        {"dossier": dossier_of(application), "documents": list(application.documents.all())},
    )
    return _pdf(html)
