"""The personal badge as PDF (WeasyPrint): name, organisation, workshops, and a QR code that
opens the desk's check-in page of this registration. Any phone camera reads it; the desk
signs in and confirms, so no scanner software is needed."""

import segno
from django.template.loader import render_to_string
from django.urls import reverse

from lms.links import absolute_url

from .models import Registration
from .selectors import organisation_name


def check_in_url(registration: Registration) -> str:
    """The desk's page for this registration; the token is unguessable (32 random bytes)."""
    return absolute_url(reverse("conference:check_in_token", args=[registration.token]))


def badge_pdf(registration: Registration) -> bytes:
    # WeasyPrint is loaded on the first document, not when the site starts.
    from weasyprint import HTML

    url = check_in_url(registration)
    html = render_to_string(
        "conference/badge_pdf.html",
        {
            "registration": registration,
            "conference": registration.conference,
            "person": registration.person,
            "organisation": organisation_name(registration.person),
            "choices": registration.choices.select_related("workshop", "round").order_by(
                "round__sort_order", "round_id"
            ),
            "qr": segno.make(url, error="m").svg_inline(scale=4, dark="#1d1d1b"),
            "url": url,
        },
    )
    return HTML(string=html).write_pdf()
