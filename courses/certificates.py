"""Certificates of completion: a Dutch PDF with a QR code, and the same achievement as an
Open Badges 3.0 credential signed by ``lms.openbadges``."""

from __future__ import annotations

import base64
import datetime as dt
import uuid

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from lms import openbadges
from lms.credentials.selectors import credential_status
from lms.credentials.services import status_entry_for
from lms.links import absolute_url, page_url

from .models import Completion

# The forms a holder downloads their credential in: the signed VC-JWT, or its JSON to read.
CREDENTIAL_FORMATS = ("jwt", "json")


def verification_url(completion: Completion) -> str:
    return absolute_url(reverse("courses:verify", args=[completion.verification_code]))


def credential_key(completion: Completion) -> str:
    """The certificate's key in the status lists (``lms.credentials``)."""
    return f"certificaat:{completion.verification_code}"


def credential_id(completion: Completion) -> str:
    return verification_url(completion)


def subject_id(completion: Completion) -> str:
    """A stable identifier of the earner that reveals nothing about them."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, absolute_url(f'/persoon/{completion.person_id}'))}"


def qr_data_uri(url: str) -> str:
    svg = segno.make(url, error="m").svg_inline(scale=4, dark="#1d1d1b")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _page_url(page) -> str:
    return (page_url(page) if page else None) or absolute_url("/")


def certificate_context(completion: Completion) -> dict:
    edition = completion.edition
    course = edition.course
    url = verification_url(completion)
    return {
        "completion": completion,
        "person": completion.person,
        "course": course,
        "provider": course.provider,
        "edition": edition,
        "verify_url": url,
        "qr": qr_data_uri(url),
    }


def certificate_pdf(completion: Completion) -> bytes:
    from weasyprint import HTML

    html = render_to_string("courses/certificate_pdf.html", certificate_context(completion))
    return HTML(string=html, base_url=absolute_url("/")).write_pdf()


def credential_for(completion: Completion) -> dict:
    edition = completion.edition
    course = edition.course
    provider = course.provider
    provider_profile = {
        "id": _page_url(provider),
        "type": ["Profile"],
        "name": provider.title if provider else settings.WAGTAIL_SITE_NAME,
    }
    achievement = {
        "id": _page_url(course) + "#prestatie",
        "type": ["Achievement"],
        "achievementType": "Course",
        "name": course.title,
        "description": course.summary or course.title,
        "criteria": {
            "narrative": (
                f"Afgerond: {course.get_kind_display()} {course.title} "
                f"(uitvoering {edition.code}, {edition.start_date:%d-%m-%Y} tot en met "
                f"{edition.end_date:%d-%m-%Y}) volgens de afrondingsregel van de cursus."
            )
        },
        "creator": provider_profile,
        "fieldOfStudy": "Opbouwwerk",
        "tag": [course.get_kind_display()],
    }
    if completion.accredited:
        achievement["creditsAvailable"] = float(completion.points)
    # Valid from the start of the day it was earned: never later than the moment it was
    # recorded, so a credential can be verified as soon as it is issued.
    valid_from = timezone.make_aware(dt.datetime.combine(completion.completed_on, dt.time.min))
    return openbadges.credential_build(
        credential_id=credential_id(completion),
        subject_id=subject_id(completion),
        subject_name=completion.person.get_full_name() or completion.person.email,
        achievement=achievement,
        valid_from=valid_from,
        credits_earned=float(completion.points),
        status=credential_status(status_entry_for(credential_key=credential_key(completion))),
        name=f"Certificaat {course.title}",
    )


def credential_jwt(completion: Completion) -> str:
    return openbadges.credential_sign(credential_for(completion))
