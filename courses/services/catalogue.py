"""Writes about courses: providers and their editors, courses and editions, accreditation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from lms.accounts.models import NoticeKind, Organisation, Role, User
from lms.accounts.selectors import is_board_member, language_of, users_with_role
from lms.accounts.services import email_send, role_set, users_lock
from lms.links import absolute_url

from ..models import (
    AccreditationDecision,
    AccreditationRequest,
    CataloguePage,
    CoursePage,
    Edition,
    Meeting,
    ProviderPage,
)
from ..selectors import accreditation_conflict

# What a provider's editors may do in their own subtree. Deleting is left out on purpose: a
# course with accreditation decisions must stay; an editor unpublishes instead.
PROVIDER_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
PROVIDER_COLLECTION_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)


class AccreditationConflict(PermissionDenied):
    """The reviewer has a stake in the course (DOMAIN.md, "Conflict of interest")."""


class NotABoardMember(PermissionDenied):
    """Only members of the College van Toezicht decide on accreditation."""


# --- Catalogue and providers -----------------------------------------------------------------


@transaction.atomic
def catalogue_ensure(*, home: Page, title: str = "Cursussen") -> CataloguePage:
    """The one catalogue page, at /cursussen/ under the home page."""
    catalogue = CataloguePage.objects.first()
    if catalogue is not None:
        return catalogue
    catalogue = CataloguePage(
        title=title,
        slug="cursussen",
        intro="<p>Post-HBO-cursussen, consultatiecursussen en innovatiecursussen voor "
        "opbouwwerkers, van alle aanbieders.</p>",
    )
    home.add_child(instance=catalogue)
    catalogue.save_revision().publish()
    return catalogue


@transaction.atomic
def provider_create(
    *,
    title: str,
    organisation: Organisation,
    catalogue: CataloguePage | None = None,
    editors: Iterable[User] = (),
    intro: str = "",
    website: str = "",
    email: str = "",
    phone: str = "",
    address: str = "",
    slug: str = "",
) -> ProviderPage:
    """Make a provider's page, its editors' group with rights on that subtree only, and an
    image and document collection of its own."""
    catalogue = catalogue or CataloguePage.objects.get()
    provider = ProviderPage(
        title=title,
        slug=slug or slugify(title),
        organisation=organisation,
        intro=intro,
        website=website,
        email=email,
        phone=phone,
        address=address,
    )
    catalogue.add_child(instance=provider)
    provider.save_revision().publish()
    provider = provider_workspace_ensure(provider=provider)
    for user in editors:
        provider_editor_add(provider=provider, user=user)
    return provider


@transaction.atomic
def provider_workspace_ensure(*, provider: ProviderPage) -> ProviderPage:
    """Give a provider what its editors work in: an editors' group with page rights on the
    provider's subtree, and a collection of its own on which that group adds, changes and
    chooses images and documents. The group has no rights on any other collection, so the
    admin's choosers show it only its own provider's files. Safe to call again."""
    provider = ProviderPage.objects.select_for_update().get(pk=provider.pk)
    if provider.editors_group_id is None:
        group, _created = Group.objects.get_or_create(name=f"Redacteuren {provider.title}"[:150])
        provider.editors_group = group
    group = provider.editors_group
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for codename in PROVIDER_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=provider,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    if provider.collection_id is None:
        provider.collection = Collection.get_first_root_node().add_child(
            name=_unique_collection_name(provider.title)
        )
    for app_label, codename in PROVIDER_COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=provider.collection,
            permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
        )
    provider.save(update_fields=["editors_group", "collection"])
    return provider


def _unique_collection_name(title: str) -> str:
    siblings = set(Collection.get_first_root_node().get_children().values_list("name", flat=True))
    name, number = title[:250], 2
    while name in siblings:
        name, number = f"{title[:240]} ({number})", number + 1
    return name


@transaction.atomic
def provider_editor_add(*, provider: ProviderPage, user: User) -> None:
    """Let ``user`` edit ``provider``'s pages; they also get the provider-editor role."""
    if provider.editors_group_id is None:
        raise ValidationError(_("Deze aanbieder heeft geen redacteurengroep."))
    user.groups.add(provider.editors_group)
    role_set(user=user, roles=set(user.roles) | {Role.PROVIDER_EDITOR})


def providers_edited_by(*, user: User):
    return ProviderPage.objects.filter(editors_group__user=user)


# --- Courses ----------------------------------------------------------------------------------


def _unique_slug(parent: Page, title: str, code: str, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:200] or slugify(code)
    siblings = parent.get_children()
    if exclude_pk:
        siblings = siblings.exclude(pk=exclude_pk)
    taken = set(siblings.values_list("slug", flat=True))
    if base not in taken:
        return base
    return f"{base}-{slugify(code)}"[:255]


def _edition_sync(course: CoursePage, editions: list[dict[str, Any]]) -> None:
    """Match editions on code: update what is there, add what is new, keep the rest."""
    existing = {edition.code: edition for edition in course.editions.all()}
    result = list(existing.values())
    for spec in editions:
        spec = dict(spec)
        meetings = spec.pop("meetings", [])
        edition = existing.get(spec["code"])
        if edition is None:
            edition = Edition(**spec)
            result.append(edition)
        else:
            for key, value in spec.items():
                setattr(edition, key, value)
        edition.full_clean(exclude=["course"])
        made = []
        for meeting_spec in meetings:
            meeting = Meeting(**meeting_spec)
            meeting.full_clean(exclude=["edition"])
            made.append(meeting)
        for meeting in made:
            if not (edition.start_date <= meeting.date <= edition.end_date):
                raise ValidationError(
                    {
                        "meetings": _("Een bijeenkomst valt buiten de uitvoering %(code)s.")
                        % {"code": edition.code}
                    }
                )
        if meetings:
            edition.meetings = made
    course.editions = result


@transaction.atomic
def course_save(
    *,
    provider: ProviderPage,
    code: str,
    title: str,
    kind: str,
    editions: list[dict[str, Any]] = (),
    publish: bool = False,
    user: User | None = None,
    **fields: Any,
) -> tuple[CoursePage, bool]:
    """Make or update the course with ``code`` of ``provider``; returns (course, created).

    An update of a published course becomes a new draft revision unless ``publish`` is set, so
    what participants see never changes without an editor publishing it.
    """
    course = CoursePage.objects.child_of(provider).filter(code=code).first()
    created = course is None
    if created:
        course = CoursePage(code=code, title=title, kind=kind, provider=provider, **fields)
        course.slug = _unique_slug(provider, title, code)
        course.live = False
    else:
        course = course.specific
        course.title = title
        course.kind = kind
        for key, value in fields.items():
            setattr(course, key, value)
    _edition_sync(course, list(editions))
    if created:
        provider.add_child(instance=course)  # saving a page validates it first
    else:
        course.full_clean()
        if not course.live:
            course.save()
    revision = course.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
    return course, created


# --- Accreditation ----------------------------------------------------------------------------


@transaction.atomic
def accreditation_request_submit(
    *, course: CoursePage, user: User, note: str = ""
) -> AccreditationRequest:
    """A provider editor asks the College to accredit ``course``."""
    if not course.permissions_for_user(user).can_edit():
        raise PermissionDenied(
            _("Je bewerkt deze cursus niet en kunt geen accreditatie aanvragen.")
        )
    if AccreditationRequest.objects.filter(
        course=course, status=AccreditationRequest.Status.OPEN
    ).exists():
        raise ValidationError(_("Voor deze cursus loopt al een aanvraag."))
    request = AccreditationRequest(course=course, submitted_by=user, note=note)
    request.full_clean()
    request.save()
    _accreditation_request_announce(request)
    return request


def _accreditation_request_announce(request: AccreditationRequest) -> None:
    """Every College member who may review the course hears of the request."""
    course = request.course
    url = absolute_url(reverse("courses_accreditation:review", args=[request.pk]))
    provider = course.provider or course.get_parent().specific
    for member in users_with_role(role=Role.BOARD_MEMBER):
        if not member.email or accreditation_conflict(user=member, course=course):
            continue
        language = language_of(member)
        with translation.override(language):
            email_send(
                kind=NoticeKind.ACCREDITATION,
                key=f"accreditation-requested:{request.pk}:{member.pk}",
                to=member.email,
                subject=_("Accreditatie aangevraagd: %(title)s") % {"title": course.title},
                template="courses/email/accreditation_requested.txt",
                context={
                    "course": course,
                    "provider": provider.title,
                    "request": request,
                    "url": url,
                },
                language=language,
            )


def accreditation_review_check(*, user: User, course: CoursePage) -> None:
    """Raise unless ``user`` may review ``course``: a board member without a stake in it."""
    if not is_board_member(user):
        raise NotABoardMember(_("Alleen leden van het College van Toezicht beoordelen cursussen."))
    if accreditation_conflict(user=user, course=course):
        raise AccreditationConflict(
            _("Je hebt belang bij deze cursus en kunt haar daarom niet beoordelen.")
        )


@transaction.atomic
def accreditation_decide(
    *,
    request: AccreditationRequest,
    reviewer: User,
    outcome: str,
    motivation: str,
    points_granted: Decimal | None = None,
    valid_from: dt.date | None = None,
    valid_until: dt.date | None = None,
    repeatable_yearly: bool = False,
) -> AccreditationDecision:
    """Record the College's decision on a request; the course keeps every decision.

    A grant may make the course repeatable: it then counts once per calendar year instead of
    once in a register window (DOMAIN.md, "A course counts once")."""
    # The reviewer's row first, as conflict_declare locks it: a conflict with one of the
    # provider's people that binds at this moment is seen, or waits for this decision.
    users_lock(reviewer)
    request = AccreditationRequest.objects.select_for_update().get(pk=request.pk)
    course = request.course
    accreditation_review_check(user=reviewer, course=course)
    if request.status != AccreditationRequest.Status.OPEN:
        raise ValidationError(_("Over deze aanvraag is al besloten."))
    decision = AccreditationDecision(
        course=course,
        request=request,
        outcome=outcome,
        points_granted=points_granted,
        valid_from=valid_from,
        valid_until=valid_until,
        repeatable_yearly=repeatable_yearly,
        motivation=motivation,
        reviewer=reviewer,
    )
    decision.full_clean()
    decision.save()
    request.status = AccreditationRequest.Status.DECIDED
    request.save(update_fields=["status"])
    if request.submitted_by.email:
        email_send(
            kind=NoticeKind.ACCREDITATION,
            key=f"accreditation-decision:{decision.pk}",
            to=request.submitted_by.email,
            subject=_("Besluit over de accreditatie van %(title)s") % {"title": course.title},
            template="courses/email/accreditation_decision.txt",
            context={"decision": decision, "course": course},
        )
    return decision
