"""Claiming a publication as outside activity: an author of a published publication reports it
for the register, with the points the policy in force gives its kind. The register office
accepts or rejects it as any outside activity, and it counts within the same cap."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from weasyprint import HTML

from courses.services import outside_activity_submit
from lms.accounts.models import User
from lms.accounts.services import users_lock
from lms.links import page_url
from publications.models import (
    PublicationAuthor,
    PublicationClaim,
    PublicationKind,
    PublicationPage,
)

from ..models import RegisterPolicy
from ..selectors.policy import policy_in_force


def publication_points(*, policy: RegisterPolicy, kind: str) -> Decimal:
    """The points a publication of ``kind`` gives under ``policy``: a book its own number,
    anything else an article's."""
    if kind == PublicationKind.BOOK:
        return policy.points_per_book
    return policy.points_per_article


def _publication_date(publication: PublicationPage, today: dt.date) -> dt.date:
    """A publication counts on the last day of its year, or today in its own year (an outside
    activity cannot lie ahead)."""
    return min(dt.date(publication.year, 12, 31), today)


def _evidence(publication: PublicationPage, person: User) -> ContentFile:
    """The evidence the office reads: the publication's citation and its address, as a PDF."""
    html = render_to_string(
        "register/publication_claim_pdf.html",
        {"publication": publication, "person": person, "url": page_url(publication)},
    )
    return ContentFile(HTML(string=html).write_pdf(), name="publicatie.pdf")


@transaction.atomic
def publication_claim(*, person: User, publication: PublicationPage) -> PublicationClaim:
    """Report a publication one is an author of as outside activity, once."""
    users_lock(person)
    publication = PublicationPage.objects.get(pk=publication.pk)
    if not PublicationAuthor.objects.filter(page=publication, user=person).exists():
        raise PermissionDenied(_("Je staat niet als auteur bij deze publicatie."))
    if not publication.live:
        raise ValidationError(_("Alleen een gepubliceerde publicatie kan worden opgevoerd."))
    if PublicationClaim.objects.filter(person=person, publication=publication).exists():
        raise ValidationError(_("Je hebt deze publicatie al opgevoerd."))
    today = timezone.localdate()
    points = publication_points(policy=policy_in_force(on=today), kind=publication.kind)
    if points <= 0:
        raise ValidationError(
            _("Het registerbeleid kent geen punten toe aan deze soort publicatie.")
        )
    activity = outside_activity_submit(
        person=person,
        title=_("Publicatie: %(title)s") % {"title": publication.title},
        organiser=(publication.publisher or publication.journal or publication.place or "—")[:200],
        date=_publication_date(publication, today),
        hours=points,
        points=points,
        evidence=_evidence(publication, person),
    )
    claim = PublicationClaim(person=person, publication=publication, activity=activity)
    try:
        with transaction.atomic():
            claim.save()
    except IntegrityError as exc:  # claimed at the same moment in another request
        raise ValidationError(_("Je hebt deze publicatie al opgevoerd.")) from exc
    return claim
