"""Writes about manuscripts: submitting one, assigning two College members, their advice and
the College's advice the office records (charter: the College advises on intended
publications). Claiming a publication for the register lives in ``register.services``, which
owns the policy that gives its points."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from lms.accounts.models import NoticeKind, Role, User
from lms.accounts.selectors import (
    is_board_member,
    is_register_office,
    language_of,
    users_with_role,
)
from lms.accounts.services import conflict_check, email_send, users_lock
from lms.links import absolute_url

from .models import Advice, LibraryPage, Manuscript, ManuscriptReview
from .selectors import (
    REVIEWERS_PER_MANUSCRIPT,
    manuscript_conflicts,
    manuscript_reviewers_offered,
)


@transaction.atomic
def library_ensure(*, home, title: str = "Vakpublicaties") -> LibraryPage:
    """The one library page, at /publicaties/ under the home page."""
    library = LibraryPage.objects.first()
    if library is not None:
        return library
    library = LibraryPage(
        title=title,
        slug="publicaties",
        intro="<p>Boeken, artikelen, rapporten en columns over het opbouwwerk als beroep.</p>",
    )
    home.add_child(instance=library)
    library.save_revision().publish()
    return library


def _locked(manuscript: Manuscript) -> Manuscript:
    return Manuscript.objects.select_for_update().get(pk=manuscript.pk)


@transaction.atomic
def manuscript_submit(*, author: User, title: str, summary: str, kind: str, file) -> Manuscript:
    """A practitioner asks the College's advice on an intended publication; the office hears
    of it and assigns two College members."""
    manuscript = Manuscript(
        author=author, title=title.strip(), summary=summary.strip(), kind=kind, file=file
    )
    manuscript.full_clean()
    manuscript.save()
    url = absolute_url(reverse("publications:office_manuscript", args=[manuscript.pk]))
    for office in users_with_role(role=Role.REGISTER_OFFICE):
        with override(language_of(office)):
            email_send(
                kind=NoticeKind.MANUSCRIPT,
                key=f"manuscript-submitted:{manuscript.pk}:{office.pk}",
                to=office.email,
                subject=_("Nieuw manuscript voor advies van het College"),
                body=_("%(author)s vraagt het College om advies over “%(title)s”: %(url)s")
                % {"author": author, "title": manuscript.title, "url": url},
                language=language_of(office),
            )
    return manuscript


@transaction.atomic
def manuscript_reviewers_assign(
    *, actor: User, manuscript: Manuscript, reviewers: Iterable[User] = ()
) -> list[ManuscriptReview]:
    """The office assigns College members to advise; none given: the two without a conflict
    who have the fewest open reviews. A conflicted member is refused and nothing assigned."""
    if not is_register_office(actor):
        raise PermissionDenied(_("Alleen het registerbureau wijst adviseurs toe."))
    reviewers = list({r.pk: r for r in reviewers}.values())
    if not reviewers:
        reviewers = manuscript_reviewers_offered(manuscript=manuscript)[
            : max(REVIEWERS_PER_MANUSCRIPT - manuscript.reviews.count(), 0)
        ]
    # The people first, then the manuscript, in the order conflict_check locks them.
    users_lock(manuscript.author, *reviewers)
    manuscript = _locked(manuscript)
    if manuscript.status == Manuscript.Status.DECIDED:
        raise ValidationError(_("Over dit manuscript is al geadviseerd."))
    not_board = [r for r in reviewers if not is_board_member(r)]
    if not_board:
        raise ValidationError(
            _("%(name)s is geen lid van het College van Toezicht.") % {"name": not_board[0]}
        )
    conflicts = manuscript_conflicts(author=manuscript.author, candidates=reviewers)
    if conflicts:
        first = next(r for r in reviewers if r.pk in conflicts)
        raise ValidationError(
            _("%(name)s kan dit manuscript niet beoordelen: %(reason)s.")
            % {"name": first, "reason": conflicts[first.pk]}
        )
    earlier = set(manuscript.reviews.values_list("reviewer_id", flat=True))
    again = [r for r in reviewers if r.pk in earlier]
    if again:
        raise ValidationError(_("%(name)s is al toegewezen.") % {"name": again[0]})
    if len(earlier) + len(reviewers) < REVIEWERS_PER_MANUSCRIPT:
        raise ValidationError(
            _("Er zijn %(n)s leden van het College zonder belangenverstrengeling nodig.")
            % {"n": REVIEWERS_PER_MANUSCRIPT}
        )
    made = []
    for reviewer in reviewers:
        review = ManuscriptReview(manuscript=manuscript, reviewer=reviewer, assigned_by=actor)
        review.full_clean()
        review.save()
        made.append(review)
        with override(language_of(reviewer)):
            email_send(
                kind=NoticeKind.MANUSCRIPT,
                key=f"manuscript-review-assigned:{review.pk}",
                to=reviewer.email,
                subject=_("Verzoek om advies over een manuscript"),
                body=_("Je bent gevraagd te adviseren over een manuscript: %(url)s")
                % {"url": absolute_url(reverse("publications:review", args=[review.pk]))},
                language=language_of(reviewer),
            )
    manuscript.status = Manuscript.Status.IN_REVIEW
    manuscript.save(update_fields=["status"])
    return made


@transaction.atomic
def manuscript_advise(
    *, actor: User, review: ManuscriptReview, advice: str, comments: str = ""
) -> ManuscriptReview:
    """An assigned College member gives their advice, once."""
    if review.reviewer_id != actor.pk or not is_board_member(actor):
        raise PermissionDenied(_("Dit advies is niet aan jou gevraagd."))
    manuscript = review.manuscript
    conflict_check(
        a=actor,
        b=manuscript.author,
        refusal=_(
            "Je hebt een belangenverstrengeling met de auteur: een ander lid van het College "
            "adviseert over dit manuscript."
        ),
    )
    manuscript = _locked(manuscript)
    review = ManuscriptReview.objects.select_for_update().get(pk=review.pk)
    if manuscript.status == Manuscript.Status.DECIDED:
        raise ValidationError(_("Over dit manuscript is al geadviseerd."))
    if review.advised_at is not None:
        raise ValidationError(_("Je hebt al geadviseerd."))
    if advice not in Advice.values:
        raise ValidationError({"advice": _("Kies een advies.")})
    if advice != Advice.POSITIVE and not comments.strip():
        raise ValidationError(
            {"comments": _("Licht een advies met opmerkingen of een negatief advies toe.")}
        )
    review.advice = advice
    review.comments = comments.strip()
    review.advised_at = timezone.now()
    review.full_clean()
    review.save(update_fields=["advice", "comments", "advised_at"])
    if not manuscript.reviews.filter(advised_at__isnull=True).exists():
        url = absolute_url(reverse("publications:office_manuscript", args=[manuscript.pk]))
        for office in users_with_role(role=Role.REGISTER_OFFICE):
            with override(language_of(office)):
                email_send(
                    kind=NoticeKind.MANUSCRIPT,
                    key=f"manuscript-advised:{manuscript.pk}:{office.pk}",
                    to=office.email,
                    subject=_("Beide adviezen over een manuscript zijn binnen"),
                    body=_("Leg het advies van het College over “%(title)s” vast: %(url)s")
                    % {"title": manuscript.title, "url": url},
                    language=language_of(office),
                )
    return review


@transaction.atomic
def manuscript_decide(
    *, actor: User, manuscript: Manuscript, decision: str, note: str = ""
) -> Manuscript:
    """The office records the College's advice once every assigned member advised; the
    author is e-mailed and reads it, with each member's comments, on their manuscript's page."""
    if not is_register_office(actor):
        raise PermissionDenied(_("Alleen het registerbureau legt het advies vast."))
    if actor.pk == manuscript.author_id:
        raise PermissionDenied(_("Je legt geen advies over je eigen manuscript vast."))
    conflict_check(
        a=actor,
        b=manuscript.author,
        refusal=_(
            "Je hebt een belangenverstrengeling met de auteur: een collega van het "
            "registerbureau legt dit advies vast."
        ),
    )
    manuscript = _locked(manuscript)
    if manuscript.status == Manuscript.Status.DECIDED:
        raise ValidationError(_("Over dit manuscript is al geadviseerd."))
    reviews = list(manuscript.reviews.all())
    if len(reviews) < REVIEWERS_PER_MANUSCRIPT or any(r.advised_at is None for r in reviews):
        raise ValidationError(_("Wacht tot beide leden van het College hebben geadviseerd."))
    if decision not in Advice.values:
        raise ValidationError({"decision": _("Kies een advies.")})
    manuscript.status = Manuscript.Status.DECIDED
    manuscript.decision = decision
    manuscript.decision_note = note.strip()
    manuscript.decided_by = actor
    manuscript.decided_at = timezone.now()
    manuscript.full_clean()
    manuscript.save(
        update_fields=["status", "decision", "decision_note", "decided_by", "decided_at"]
    )
    author = manuscript.author
    with override(language_of(author)):
        email_send(
            kind=NoticeKind.MANUSCRIPT,
            key=f"manuscript-decided:{manuscript.pk}",
            to=author.email,
            subject=_("Het College heeft geadviseerd over je manuscript"),
            body=_("Het advies over “%(title)s” staat klaar: %(url)s")
            % {
                "title": manuscript.title,
                "url": absolute_url(reverse("publications:manuscript", args=[manuscript.pk])),
            },
            language=language_of(author),
        )
    return manuscript


@transaction.atomic
def manuscript_reviews_withdraw_for_conflict(*, conflict) -> int:
    """A conflict that binds ends the pair's requests for advice that have no advice yet, on
    manuscripts the College has not advised on (an advice given before it bound stays, as a
    vote does: DOMAIN.md, "Conflicts hold from the moment they are recorded"). The office is
    e-mailed to ask another member. Returns how many ended.

    Runs in the transaction that makes the conflict bind, which holds both people's rows.
    """
    a, b = conflict.person_id, conflict.other_id
    open_reviews = list(
        ManuscriptReview.objects.filter(advised_at__isnull=True)
        .exclude(manuscript__status=Manuscript.Status.DECIDED)
        .filter(
            Q(reviewer_id=a, manuscript__author_id=b) | Q(reviewer_id=b, manuscript__author_id=a)
        )
        .select_related("manuscript")
    )
    for review in open_reviews:
        manuscript = review.manuscript
        review.delete()
        Manuscript.objects.filter(pk=manuscript.pk).update(status=Manuscript.Status.SUBMITTED)
        url = absolute_url(reverse("publications:office_manuscript", args=[manuscript.pk]))
        for office in users_with_role(role=Role.REGISTER_OFFICE):
            with override(language_of(office)):
                email_send(
                    kind=NoticeKind.MANUSCRIPT,
                    key=f"manuscript-review-withdrawn:{manuscript.pk}:{conflict.pk}:{office.pk}",
                    to=office.email,
                    subject=_("Nieuw lid van het College nodig voor een manuscript"),
                    body=_(
                        "Een lid van het College adviseert niet meer over “%(title)s” wegens "
                        "een belangenverstrengeling met de auteur. Vraag een ander lid: %(url)s"
                    )
                    % {"title": manuscript.title, "url": url},
                    language=language_of(office),
                )
    return len(open_reviews)
