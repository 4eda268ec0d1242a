"""The decision letter as a PDF (WeasyPrint), made from the decision's own record."""

from django.template.loader import render_to_string

from .models import BallotageDecision


def decision_letter_pdf(*, decision: BallotageDecision) -> bytes:
    from weasyprint import HTML

    html = render_to_string("register/letter_pdf.html", {"decision": decision})
    return HTML(string=html).write_pdf()
