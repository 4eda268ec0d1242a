"""Reads about people."""

from collections.abc import Iterable
from datetime import datetime

from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from .models import (
    CHOOSABLE_KINDS,
    ConflictOfInterest,
    EmailChoice,
    EmailPreference,
    NoticeKind,
    Organisation,
    Profile,
    Role,
    User,
)


def users_with_role(*, role: Role) -> QuerySet[User]:
    return User.objects.filter(groups__name=role, is_active=True).select_related("profile")


def role_labels(*, user: User) -> list[str]:
    """The display names of the roles ``user`` holds, in the order of ``Role``."""
    return [str(role.label) for role in Role if role in user.roles]


def organisation_of(*, user: User) -> Organisation | None:
    """The organisation ``user`` works for, in one query."""
    return Organisation.objects.filter(profiles__user=user).first()


# --- Who someone is on the platform: one definition each, asked by every app ---------------


def _holds(user, role: Role) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return role in user.roles


def is_register_office(user) -> bool:
    """Works for the register office. A superuser may do all the office does."""
    return _holds(user, Role.REGISTER_OFFICE) or (
        getattr(user, "is_superuser", False) and user.is_active
    )


def is_board_member(user) -> bool:
    """A member of the College van Toezicht, who reviews courses, manuscripts and applications."""
    return _holds(user, Role.BOARD_MEMBER)


def is_programme_committee(user) -> bool:
    """Reviews the proposals for the Vakconferentie's programme."""
    return _holds(user, Role.PROGRAMME_COMMITTEE)


def is_checkin_desk(user) -> bool:
    """Works at the Vakconferentie's desk: finds participants and checks them in."""
    return _holds(user, Role.CHECKIN_DESK)


def is_kring_member(user) -> bool:
    """A manager in the Kring Kwaliteitsmanagement, who compares their organisation."""
    return _holds(user, Role.KRING_MEMBER)


def language_of(user: User) -> str:
    """The language a person reads their e-mail in: their profile's choice, else Dutch."""
    profile = getattr(user, "profile", None)
    return getattr(profile, "preferred_language", "nl") or "nl"


def email_choice_for(*, to: str, kind: NoticeKind) -> EmailChoice:
    """How the person with address ``to`` wants to hear of ``kind``; at once unless they chose
    otherwise (and for an address that is nobody's account)."""
    choice = (
        EmailPreference.objects.filter(user__email=to.strip().lower(), kind=kind)
        .values_list("choice", flat=True)
        .first()
    )
    return EmailChoice(choice or EmailChoice.AT_ONCE)


def email_preferences_of(*, user: User) -> dict[str, str]:
    """Every kind a person may choose for, with their choice (at once where none is saved)."""
    saved = dict(EmailPreference.objects.filter(user=user).values_list("kind", "choice"))
    return {
        kind.value: saved.get(kind.value, EmailChoice.AT_ONCE.value) for kind in CHOOSABLE_KINDS
    }


def person_by_email(email: str) -> User | None:
    """The active account with this address (addresses are stored in lower case)."""
    return User.objects.filter(email=email.strip().lower(), is_active=True).first()


# --- Conflicts of interest (DOMAIN.md, "Conflicts hold from the moment they are recorded") ---


def conflicts_binding(*, on: datetime | None = None) -> QuerySet[ConflictOfInterest]:
    """The conflicts that hold for an act at ``on`` (default: now): binding, and binding
    from that moment or earlier. A request or a rejected request holds for nothing."""
    return ConflictOfInterest.objects.filter(
        status=ConflictOfInterest.Status.BINDING, binds_from__lte=on or timezone.now()
    )


def binding_conflicts_q(first: Iterable[int], second: Iterable[int]) -> Q:
    """Rows of ``ConflictOfInterest`` that pair someone of ``first`` with someone of ``second``,
    in either order (ids). Combine with ``conflicts_binding()``."""
    first, second = list(first), list(second)
    return Q(person_id__in=first, other_id__in=second) | Q(person_id__in=second, other_id__in=first)


def conflict_held(*, first: str, second: str, at: str) -> Exists:
    """For a row of another table: did a binding conflict between the two people its fields
    ``first`` and ``second`` name hold at the moment in its field ``at``? An act done from the
    moment a conflict binds does not count (DOMAIN.md); one done before it does."""
    pair = Q(person=OuterRef(first), other=OuterRef(second)) | Q(
        person=OuterRef(second), other=OuterRef(first)
    )
    return Exists(
        ConflictOfInterest.objects.filter(
            pair, status=ConflictOfInterest.Status.BINDING, binds_from__lte=OuterRef(at)
        )
    )


def conflict_binds(a: User, b: User, *, on: datetime | None = None) -> bool:
    """Does a conflict of interest between ``a`` and ``b`` hold now (or at ``on``)?"""
    return conflicts_binding(on=on).filter(binding_conflicts_q([a.pk], [b.pk])).exists()


def conflict_pairs_binding(
    first: Iterable[int], second: Iterable[int], *, on: datetime | None = None
) -> set[tuple[int, int]]:
    """The (id, id) pairs, in both orders, between ``first`` and ``second`` that a binding
    conflict keeps apart; in one query."""
    pairs = set()
    for a, b in (
        conflicts_binding(on=on)
        .filter(binding_conflicts_q(first, second))
        .values_list("person_id", "other_id")
    ):
        pairs |= {(a, b), (b, a)}
    return pairs


def people_in_conflict_with(*, user: User, on: datetime | None = None) -> QuerySet[User]:
    """Everyone ``user`` has a binding conflict with; usable as a subquery."""
    binding = conflicts_binding(on=on)
    return User.objects.filter(
        Q(pk__in=binding.filter(person=user).values("other_id"))
        | Q(pk__in=binding.filter(other=user).values("person_id"))
    )


def conflict_may_judge(*, person: User, other: User) -> bool:
    """Can ``other`` judge ``person``'s register evidence or application? Then a conflict that
    ``person`` declares with ``other`` would keep a judge away, and is a request for the office
    to confirm (DOMAIN.md): a College member reviews, the office checks and decides, the line
    manager attests the months."""
    if is_board_member(other) or is_register_office(other):
        return True
    return Profile.objects.filter(user=person, line_manager=other).exists()


def _requests_first():
    return Case(When(status=ConflictOfInterest.Status.REQUESTED, then=Value(0)), default=Value(1))


def conflicts_involving(*, user: User) -> QuerySet[ConflictOfInterest]:
    """The conflicts of interest ``user`` is one of the two people in (declared, requested or
    rejected), open requests first, then newest first."""
    return (
        ConflictOfInterest.objects.filter(Q(person=user) | Q(other=user))
        .select_related("person", "other", "declared_by")
        .order_by(_requests_first(), "-declared_at", "-pk")
    )


def conflicts_all() -> QuerySet[ConflictOfInterest]:
    """Every conflict for the register office, the requests that wait for it first."""
    return ConflictOfInterest.objects.select_related(
        "person", "other", "declared_by", "decided_by"
    ).order_by(_requests_first(), "-declared_at", "-pk")
