"""A version of the beroepscode as a PDF (WeasyPrint), in Dutch, made from the frozen version."""

from django.template.loader import render_to_string
from django.utils import translation

from .models import CodeVersion


def code_version_pdf(*, version: CodeVersion) -> bytes:
    # WeasyPrint and its fonts are loaded on the first document, not when the site starts.
    from weasyprint import HTML

    with translation.override("nl"):
        html = render_to_string("cms/code_version_pdf.html", {"version": version})
    return HTML(string=html).write_pdf()
