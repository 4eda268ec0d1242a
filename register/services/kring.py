"""The Kring Kwaliteitsmanagement's meetings: the register office plans them and keeps their
agendas and minutes; a member proposes a topic."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from courses.models import EVIDENCE_MAX_BYTES, evidence_content_type
from lms.accounts.models import User
from lms.accounts.selectors import is_kring_member, is_register_office

from ..kring_models import KringDocument, KringMeeting, KringTopic


def _office(actor: User) -> None:
    if not is_register_office(actor):
        raise PermissionDenied(
            _("Alleen het registerbureau beheert de bijeenkomsten van de Kring.")
        )


@transaction.atomic
def kring_meeting_create(*, actor: User, date: dt.date, place: str, topic: str) -> KringMeeting:
    _office(actor)
    meeting = KringMeeting(date=date, place=place.strip(), topic=topic.strip())
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def kring_document_upload(
    *, actor: User, meeting: KringMeeting, kind: str, title: str, file
) -> KringDocument:
    """An agenda or minutes: a PDF, JPEG or PNG of at most 10 MB, judged by its first bytes
    like every private upload of the platform."""
    _office(actor)
    if file is None or file.size > EVIDENCE_MAX_BYTES:
        raise ValidationError({"file": _("Kies een bestand van hoogstens 10 MB.")})
    if evidence_content_type(file) is None:
        raise ValidationError({"file": _("Een document moet een PDF-, JPEG- of PNG-bestand zijn.")})
    document = KringDocument(
        meeting=meeting, kind=kind, title=title.strip(), file=file, uploaded_by=actor
    )
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def kring_topic_propose(
    *, actor: User, meeting: KringMeeting, title: str, explanation: str
) -> KringTopic:
    if not is_kring_member(actor):
        raise PermissionDenied(_("Alleen leden van de Kring stellen onderwerpen voor."))
    topic = KringTopic(
        meeting=meeting, proposed_by=actor, title=title.strip(), explanation=explanation.strip()
    )
    topic.full_clean()
    topic.save()
    return topic
