"""Reads about publications: the library's filters and search, a publication's page, the
manuscripts and who may advise on them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.search import search_filter
from courses.models import Approach, Form, Setting
from lms.accounts.inbox import Awaiting
from lms.accounts.models import NoticeKind, Role, User
from lms.accounts.selectors import is_board_member, is_register_office, users_with_role

from .models import (
    Manuscript,
    ManuscriptReview,
    PublicationAuthor,
    PublicationClaim,
    PublicationPage,
)
from .signals import reviewer_stakes

LIBRARY_PAGE_SIZE = 20
FEED_SIZE = 20
REVIEWERS_PER_MANUSCRIPT = 2


# --- The library -------------------------------------------------------------------------------


@dataclass(frozen=True)
class LibraryFilters:
    q: str = ""
    kind: str = ""
    year: int | None = None
    approach: str = ""
    form: str = ""
    setting: str = ""


def library_publications(*, filters: LibraryFilters, library=None) -> QuerySet[PublicationPage]:
    """Published publications matching ``filters``, newest first; with Dutch full-text search
    as the catalogue has it (``cms.search.search_filter``)."""
    publications = PublicationPage.objects.live().public()
    if library is not None:
        publications = publications.child_of(library)
    publications = search_filter(publications, filters.q)
    if filters.kind:
        publications = publications.filter(kind=filters.kind)
    if filters.year:
        publications = publications.filter(year=filters.year)
    # The lists are stored as ",a,b," (courses.fields.ChoiceListField): ",a," is one value.
    if filters.approach:
        publications = publications.filter(approaches__contains=f",{filters.approach},")
    if filters.form:
        publications = publications.filter(work_forms__contains=f",{filters.form},")
    if filters.setting:
        publications = publications.filter(work_settings__contains=f",{filters.setting},")
    return publications.order_by("-year", "title", "pk")


def library_years() -> list[int]:
    return list(
        PublicationPage.objects.live()
        .public()
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def library_for_request(*, request, library) -> dict:
    """The context of the library page: the filter form, one page of results, the count."""
    from .forms import LibraryFilterForm

    form = LibraryFilterForm(request.GET or None, years=library_years())
    paginator = Paginator(
        library_publications(filters=form.filters(), library=library), LIBRARY_PAGE_SIZE
    )
    page_obj = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    querystring = query.urlencode()
    return {
        "filter_form": form,
        "page_obj": page_obj,
        "paginator": paginator,
        "publications": list(page_obj.object_list),
        "querystring_base": f"{querystring}&" if querystring else "",
        "filtered": form.is_bound,
    }


def newest_publications(*, limit: int = FEED_SIZE) -> list[PublicationPage]:
    """The newest published publications, for the Atom feed: by when they were first
    published, the latest first."""
    return list(
        PublicationPage.objects.live().public().order_by("-first_published_at", "-pk")[:limit]
    )


def _labels(values: Iterable[str], choices) -> list[str]:
    return [choices(v).label for v in values if v in choices.values]


def publication_claimable_by(*, user, publication: PublicationPage) -> bool:
    """May ``user`` claim this publication for the register: a live page that names them as
    an author, not claimed by them before."""
    if not getattr(user, "is_authenticated", False) or not publication.live:
        return False
    return (
        PublicationAuthor.objects.filter(page=publication, user=user).exists()
        and not PublicationClaim.objects.filter(person=user, publication=publication).exists()
    )


def publication_context(*, request, publication: PublicationPage) -> dict:
    user = request.user
    claim = None
    is_author = False
    if user.is_authenticated and publication.pk:
        is_author = PublicationAuthor.objects.filter(page=publication, user=user).exists()
        claim = (
            PublicationClaim.objects.filter(person=user, publication=publication)
            .select_related("activity")
            .first()
        )
    return {
        "approaches": _labels(publication.approaches, Approach),
        "work_forms": _labels(publication.work_forms, Form),
        "work_settings": _labels(publication.work_settings, Setting),
        "may_claim": bool(is_author and claim is None and publication.live),
        "claim": claim,
    }


# --- Manuscripts -------------------------------------------------------------------------------


# Why a College member may not advise on a manuscript, by the key the register answers with.
MANUSCRIPT_STAKES = {
    "self": gettext_lazy("is de auteur zelf"),
    "senior": gettext_lazy("was senior van de auteur in een buddytraject"),
    "organisation": gettext_lazy("werkt of werkte bij dezelfde organisatie als de auteur"),
    "provider": gettext_lazy(
        "is redacteur van een aanbieder bij wie de auteur een cursus afrondde"
    ),
    "declared": gettext_lazy("heeft een belangenverstrengeling met de auteur"),
}


def manuscript_conflicts(*, author: User, candidates: Iterable[User]) -> dict[int, str]:
    """Candidate id → why they may not advise on a manuscript of ``author``: the register's
    rule for reviewers, asked through ``signals.reviewer_stakes``."""
    candidates = list(candidates)
    found: dict[int, str] = {}
    for _receiver, stakes in reviewer_stakes.send(
        sender=Manuscript, author=author, candidates=candidates
    ):
        for uid, key in stakes.items():
            found.setdefault(uid, str(MANUSCRIPT_STAKES[key]))
    return found


def board_members() -> QuerySet[User]:
    return users_with_role(role=Role.BOARD_MEMBER).order_by("last_name", "first_name", "pk")


def manuscript_reviewers_offered(*, manuscript: Manuscript) -> list[User]:
    """College members who may advise: no conflict with the author, not assigned already.
    Those with the fewest open reviews come first, so the work is shared."""
    members = list(
        board_members().annotate(
            open_reviews=Count(
                "manuscript_reviews", filter=Q(manuscript_reviews__advised_at__isnull=True)
            )
        )
    )
    conflicted = manuscript_conflicts(author=manuscript.author, candidates=members)
    assigned = set(manuscript.reviews.values_list("reviewer_id", flat=True))
    offered = [m for m in members if m.pk not in conflicted and m.pk not in assigned]
    return sorted(offered, key=lambda m: (m.open_reviews, m.last_name, m.first_name, m.pk))


def manuscripts_of(*, author: User) -> QuerySet[Manuscript]:
    return Manuscript.objects.filter(author=author).order_by("-submitted_at", "-pk")


def manuscript_reviews_for_reviewer(*, reviewer: User) -> QuerySet[ManuscriptReview]:
    return (
        ManuscriptReview.objects.filter(reviewer=reviewer)
        .select_related("manuscript")
        .order_by("advised_at", "-assigned_at")
    )


def manuscripts_for_office() -> QuerySet[Manuscript]:
    return Manuscript.objects.select_related("author").prefetch_related("reviews__reviewer")


def manuscript_may_read(*, user, manuscript: Manuscript) -> bool:
    """The author, the office, and the College members assigned to it."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.pk == manuscript.author_id or is_register_office(user):
        return True
    return is_board_member(user) and manuscript.reviews.filter(reviewer=user).exists()


def manuscript_advice_visible(*, manuscript: Manuscript) -> list[ManuscriptReview]:
    """The advice the author reads: once the office recorded the College's advice, each
    reviewer's advice and comments, without who gave them (as the applicant reads votes)."""
    if manuscript.status != Manuscript.Status.DECIDED:
        return []
    return list(manuscript.reviews.exclude(advice="").order_by("pk"))


def manuscript_reviews_due(*, reviewer: User) -> QuerySet[ManuscriptReview]:
    """The advice asked of ``reviewer`` and not yet given, on manuscripts not yet decided."""
    return (
        ManuscriptReview.objects.filter(reviewer=reviewer, advised_at__isnull=True)
        .exclude(manuscript__status=Manuscript.Status.DECIDED)
        .select_related("manuscript")
        .order_by("assigned_at", "pk")
    )


def awaiting_for(*, user: User) -> list[Awaiting]:
    """Manuscripts on which a College member's advice is asked."""
    if not is_board_member(user):
        return []
    return [
        Awaiting(
            kind=NoticeKind.MANUSCRIPT,
            role=Role.BOARD_MEMBER,
            title=_("Adviseer over het manuscript %(title)s") % {"title": review.manuscript.title},
            url=reverse("publications:review", args=[review.pk]),
            since=review.assigned_at,
        )
        for review in manuscript_reviews_due(reviewer=user)
    ]
