"""Reads about courses: the catalogue, editions with seats, accreditation status and points."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import Group
from django.core.paginator import Paginator
from django.db.models import (
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from cms.search import search_filter
from lms.accounts.models import Profile, User
from lms.accounts.selectors import people_in_conflict_with

from ..models import (
    AccreditationDecision,
    AccreditationRequest,
    CoursePage,
    Edition,
    Meeting,
    ProviderPage,
)

CATALOGUE_PAGE_SIZE = 12
UPCOMING_STATUSES = (Edition.Status.OPEN, Edition.Status.FULL)


def _today() -> dt.date:
    return timezone.localdate()


# --- Seats -----------------------------------------------------------------------------------


def count_of(rows: QuerySet) -> Subquery:
    """The number of ``rows`` (filtered on an ``OuterRef``) as a correlated subquery.

    A bare COUNT with no GROUP BY gives exactly one row, 0 when nothing matches: no grouping,
    LIMIT or COALESCE for the ORM to build on every page view.
    """
    return Subquery(
        rows.order_by().values(n=Func(F("pk"), function="COUNT")), output_field=IntegerField()
    )


def edition_seats_annotate(editions: QuerySet[Edition]) -> QuerySet[Edition]:
    """Add ``seats_taken``, ``seats_left`` and ``waitlisted`` to each edition.

    The one place that says how many seats an edition has given away: a count of its real
    enrolments, as correlated subqueries so the query count stays the same for any number of
    editions.
    """
    from ..models import Enrolment

    def counted(status):
        return count_of(Enrolment.objects.filter(edition=OuterRef("pk"), status=status))

    return editions.annotate(
        seats_taken=counted(Enrolment.Status.ENROLLED),
        waitlisted=counted(Enrolment.Status.WAITLISTED),
    ).annotate(seats_left=Greatest(F("capacity") - F("seats_taken"), Value(0)))


# A course page's editions with their seats, in the order shown, each with its meetings (in
# the meetings' own order) in ``meeting_list``: two queries for any number of editions.
# Everything but the course and the day is fixed, so the queryset is described once: it is only
# a description until read, and each filter makes a copy.
_COURSE_PAGE_EDITIONS = (
    edition_seats_annotate(Edition.objects.all())
    .order_by("start_date", "sort_order", "pk")
    .prefetch_related(Prefetch("meetings", queryset=Meeting.objects.all(), to_attr="meeting_list"))
)


def _shown(editions: QuerySet[Edition]) -> QuerySet[Edition]:
    """A cancelled edition stays in view until its last day."""
    return editions.exclude(status=Edition.Status.CANCELLED, end_date__lt=_today())


def editions_for_course(*, course: CoursePage) -> list[Edition]:
    """The editions shown on a course page, with their seats, earliest first. Each has its
    meetings in ``meeting_list``, in order."""
    editions = course.editions.all()
    if not isinstance(editions, QuerySet):
        return _draft_editions(list(editions))
    return list(_shown(_COURSE_PAGE_EDITIONS.filter(course=course)))


def editions_for_courses(*, course_ids: list[int]) -> dict[int, list[Edition]]:
    """``editions_for_course`` of several published courses, in two queries."""
    by_course: dict[int, list[Edition]] = {pk: [] for pk in course_ids}
    for edition in _shown(_COURSE_PAGE_EDITIONS.filter(course_id__in=course_ids)):
        by_course[edition.course_id].append(edition)
    return by_course


def _draft_editions(editions: list[Edition]) -> list[Edition]:
    """A revision's editions (previewed or viewed in the admin) live in memory, not in the
    database; their seats are those of the saved edition, or none taken for a new one."""
    saved = {
        e.pk: e
        for e in edition_seats_annotate(
            Edition.objects.filter(pk__in=[e.pk for e in editions if e.pk])
        )
    }
    shown = []
    for edition in editions:
        if edition.status == Edition.Status.CANCELLED and edition.end_date < _today():
            continue
        known = saved.get(edition.pk)
        edition.seats_taken = known.seats_taken if known else 0
        edition.waitlisted = known.waitlisted if known else 0
        edition.seats_left = max(edition.capacity - edition.seats_taken, 0)
        edition.meeting_list = sorted(edition.meetings.all(), key=lambda m: (m.date, m.start_time))
        shown.append(edition)
    return sorted(shown, key=lambda e: (e.start_date, e.sort_order or 0))


# --- Accreditation ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AccreditationStatus:
    accredited: bool
    points: Decimal | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    repeatable_yearly: bool = False


NOT_ACCREDITED = AccreditationStatus(accredited=False)


def granted_on(day) -> Q:
    """Decisions that granted accreditation valid on ``day`` (a date, or an expression such as
    ``OuterRef``). Where several do, the latest decision holds."""
    return Q(
        outcome=AccreditationDecision.Outcome.GRANTED,
        valid_from__lte=day,
        valid_until__gte=day,
    )


def accreditations_for(
    *, course_ids: list[int], on: dt.date | None = None
) -> dict[int, AccreditationStatus]:
    """The accreditation valid on ``on`` (today) of each course, in one query."""
    day = on or _today()
    found: dict[int, AccreditationStatus] = {}
    decisions = (
        AccreditationDecision.objects.filter(granted_on(day), course_id__in=course_ids)
        .order_by("course_id", "-decided_at", "-pk")
        .values("course_id", "points_granted", "valid_from", "valid_until", "repeatable_yearly")
    )
    for row in decisions:
        found.setdefault(
            row["course_id"],
            AccreditationStatus(
                accredited=True,
                points=row["points_granted"],
                valid_from=row["valid_from"],
                valid_until=row["valid_until"],
                repeatable_yearly=row["repeatable_yearly"],
            ),
        )
    return found


def accreditation_status(*, course: CoursePage, on: dt.date | None = None) -> AccreditationStatus:
    return accreditations_for(course_ids=[course.pk], on=on).get(course.pk, NOT_ACCREDITED)


def edition_accreditation(edition: Edition) -> AccreditationStatus:
    """The accreditation that holds for ``edition``: the one valid on its first day (see
    ``edition_points``), with its points and whether the course counts once per calendar year.
    A completion copies it when it is made."""
    return accreditations_for(course_ids=[edition.course_id], on=edition.start_date).get(
        edition.course_id, NOT_ACCREDITED
    )


def edition_points(edition: Edition) -> Decimal:
    """The points an edition yields: those of an accreditation valid on its first day, else 0.

    DOMAIN.md: only an accredited course counts toward the register; an edition that starts
    outside every granted period yields nothing, even if the course is accredited later.
    """
    return editions_points([edition])[0]


def editions_grants(editions: list[Edition]) -> list[tuple[Decimal, bool]]:
    """Of each saved edition, in order, in one query: the points the accreditation on its first
    day grants and whether that grant makes the course count once a year instead of once.
    Where two granted periods cover the first day, the latest decision counts."""
    decision = AccreditationDecision.objects.filter(
        granted_on(OuterRef("start_date")), course_id=OuterRef("course_id")
    ).order_by("-decided_at", "-pk")
    grants = {
        pk: (points, repeatable)
        for pk, points, repeatable in Edition.objects.filter(
            pk__in=[edition.pk for edition in editions]
        )
        .annotate(
            points=Subquery(decision.values("points_granted")[:1]),
            repeatable=Subquery(decision.values("repeatable_yearly")[:1]),
        )
        .values_list("pk", "points", "repeatable")
    }
    # SQLite hands a subquery's decimal back without its places (30, not 30.0).
    places = Decimal(1).scaleb(
        -AccreditationDecision._meta.get_field("points_granted").decimal_places
    )
    result = []
    for edition in editions:
        points, repeatable = grants.get(edition.pk, (None, None))
        result.append(
            (points.quantize(places), bool(repeatable))
            if points is not None
            else (Decimal(0), False)
        )
    return result


def editions_points(editions: list[Edition]) -> list[Decimal]:
    """``edition_points`` of each saved edition, in order, in one query (``editions_grants``)."""
    return [points for points, _repeatable in editions_grants(editions)]


def courses_for_api(courses: list[CoursePage]) -> None:
    """Give each course what the API shows besides its fields, in three queries for the lot:
    ``api_accreditation``, and ``api_editions``, each edition with its ``points``."""
    ids = [course.pk for course in courses]
    accreditations = accreditations_for(course_ids=ids)
    editions = editions_for_courses(course_ids=ids)
    listed = [edition for course_editions in editions.values() for edition in course_editions]
    for edition, points in zip(listed, editions_points(listed), strict=True):
        edition.points = points
    for course in courses:
        course.api_accreditation = accreditations.get(course.pk, NOT_ACCREDITED)
        course.api_editions = editions[course.pk]


def accreditation_history(*, course: CoursePage) -> QuerySet[AccreditationDecision]:
    return course.accreditation_decisions.select_related("reviewer").order_by("-decided_at", "-pk")


def accreditation_conflict(*, user: User, course: CoursePage) -> bool:
    """Does ``user`` have a stake in ``course``? (DOMAIN.md, "Conflict of interest".)

    A board member who works at the provider's organisation, or edits its pages, does not
    review its courses; nor does one with a binding conflict of interest with any of its
    editors or anyone of its organisation.
    """
    provider = course.provider or course.get_parent().specific
    organisation_id = getattr(getattr(user, "profile", None), "organisation_id", None)
    if organisation_id and organisation_id == provider.organisation_id:
        return True
    if provider.editors_group_id and user.groups.filter(pk=provider.editors_group_id).exists():
        return True
    tied = Q(profile__organisation_id=provider.organisation_id)
    if provider.editors_group_id:
        tied |= Q(groups=provider.editors_group_id)
    return people_in_conflict_with(user=user).filter(tied).exists()


def accreditation_requests_for_reviewer(*, user: User) -> QuerySet[AccreditationRequest]:
    """Open requests that ``user`` may review: none of their own organisation or provider, and
    none of a provider with whose editors or organisation they have a binding conflict."""
    requests = AccreditationRequest.objects.filter(status=AccreditationRequest.Status.OPEN)
    organisation_id = getattr(getattr(user, "profile", None), "organisation_id", None)
    if organisation_id:
        requests = requests.exclude(course__provider__organisation_id=organisation_id)
    group_ids = list(user.groups.values_list("pk", flat=True))
    if group_ids:
        requests = requests.exclude(course__provider__editors_group_id__in=group_ids)
    conflicted = people_in_conflict_with(user=user)
    requests = requests.exclude(
        course__provider__editors_group_id__in=Group.objects.filter(user__in=conflicted).values(
            "pk"
        )
    ).exclude(
        course__provider__organisation_id__in=Profile.objects.filter(
            user__in=conflicted, organisation__isnull=False
        ).values("organisation_id")
    )
    return requests.select_related("course", "course__provider", "submitted_by").order_by(
        "submitted_at"
    )


# --- Catalogue -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogueFilters:
    q: str = ""
    kind: str = ""
    approach: str = ""
    form: str = ""
    provider: int | None = None
    place: str = ""
    online: bool = False
    month: dt.date | None = None  # the first day of the starting month
    accredited: bool = False
    seats: bool = False

    @property
    def edition_filters_set(self) -> bool:
        return bool(self.place or self.online or self.month or self.seats)


def _upcoming_editions(today: dt.date) -> QuerySet[Edition]:
    return Edition.objects.filter(
        course=OuterRef("pk"), status__in=UPCOMING_STATUSES, start_date__gte=today
    )


def catalogue_courses(
    *, filters: CatalogueFilters, today: dt.date | None = None
) -> QuerySet[CoursePage]:
    """Published courses matching ``filters``, the next one to start first.

    Edition filters (place, online, month, seats) apply to one and the same upcoming edition.
    """
    today = today or _today()
    # Words only: SQLite's FTS5 and PostgreSQL's tsquery give meaning to quotes and operators.
    courses = search_filter(CoursePage.objects.live().public(), filters.q)
    if filters.kind:
        courses = courses.filter(kind=filters.kind)
    if filters.approach:
        courses = courses.filter(approaches__contains=f",{filters.approach},")
    if filters.form:
        courses = courses.filter(work_forms__contains=f",{filters.form},")
    if filters.provider:
        courses = courses.filter(provider_id=filters.provider)
    if filters.accredited:
        courses = courses.filter(
            Exists(AccreditationDecision.objects.filter(granted_on(today), course=OuterRef("pk")))
        )
    if filters.edition_filters_set:
        editions = _upcoming_editions(today)
        if filters.place:
            editions = editions.filter(meetings__place__icontains=filters.place)
        if filters.online:
            editions = editions.filter(meetings__online_url__startswith="http")
        if filters.month:
            first = filters.month.replace(day=1)
            following = (first + dt.timedelta(days=32)).replace(day=1)
            editions = editions.filter(start_date__gte=first, start_date__lt=following)
        if filters.seats:
            editions = edition_seats_annotate(editions).filter(
                seats_left__gt=0, status=Edition.Status.OPEN
            )
        courses = courses.filter(Exists(editions))
    next_start = _upcoming_editions(today).order_by("start_date").values("start_date")[:1]
    return courses.annotate(next_start=Subquery(next_start)).order_by(
        F("next_start").asc(nulls_last=True), "title", "pk"
    )


HOME_EDITIONS = 6


def editions_starting_soon(*, limit: int = HOME_EDITIONS, today: dt.date | None = None) -> list:
    """The next editions a practitioner can still enrol in themselves and that have a free
    seat, earliest first, with their course (for the home page): open, not yet started, the
    enrolment deadline not passed (``Edition.self_enrolment_open``), of a published course.
    One query."""
    today = today or _today()
    editions = (
        edition_seats_annotate(
            Edition.objects.filter(
                status=Edition.Status.OPEN,
                start_date__gte=today,
                course__in=CoursePage.objects.live().public(),
            )
            .annotate(deadline=Coalesce("enrolment_deadline", "start_date"))
            .filter(deadline__gte=today)
        )
        .filter(seats_left__gt=0)
        .select_related("course")
        .order_by("start_date", "sort_order", "pk")
    )
    return list(editions[:limit])


@dataclass
class CatalogueEntry:
    course: CoursePage
    provider: ProviderPage | None
    accreditation: AccreditationStatus
    next_edition: Edition | None


def catalogue_entries(*, courses: list[CoursePage], today: dt.date | None = None) -> list:
    """Everything a catalogue card shows, for one page of results in a fixed number of queries."""
    today = today or _today()
    ids = [course.pk for course in courses]
    providers = ProviderPage.objects.in_bulk({c.provider_id for c in courses if c.provider_id})
    accreditations = accreditations_for(course_ids=ids, on=today)
    next_editions: dict[int, Edition] = {}
    upcoming = (
        edition_seats_annotate(
            Edition.objects.filter(
                course_id__in=ids, status__in=UPCOMING_STATUSES, start_date__gte=today
            )
        )
        .prefetch_related("meetings")
        .order_by("course_id", "start_date", "sort_order")
    )
    for edition in upcoming:
        next_editions.setdefault(edition.course_id, edition)
    return [
        CatalogueEntry(
            course=course,
            provider=providers.get(course.provider_id),
            accreditation=accreditations.get(course.pk, NOT_ACCREDITED),
            next_edition=next_editions.get(course.pk),
        )
        for course in courses
    ]


def catalogue_providers() -> list[tuple[int, str]]:
    return list(ProviderPage.objects.live().public().order_by("title").values_list("pk", "title"))


def catalogue_for_request(*, request) -> dict:
    """The context of the catalogue page: the filter form, one page of results, the count."""
    from ..forms import CatalogueFilterForm

    form = CatalogueFilterForm(request.GET or None, providers=catalogue_providers())
    filters = form.filters()
    paginator = Paginator(catalogue_courses(filters=filters), CATALOGUE_PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    querystring = query.urlencode()
    return {
        "filter_form": form,
        "page_obj": page_obj,
        "paginator": paginator,
        "entries": catalogue_entries(courses=list(page_obj.object_list)),
        "querystring_base": f"{querystring}&" if querystring else "",
        "filtered": form.is_bound,
    }
