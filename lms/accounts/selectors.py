"""Reads about people."""

from django.db.models import Q, QuerySet

from .models import ConflictOfInterest, Organisation, Role, User


def users_with_role(*, role: Role) -> QuerySet[User]:
    return User.objects.filter(groups__name=role, is_active=True).select_related("profile")


def role_labels(*, user: User) -> list[str]:
    """The display names of the roles ``user`` holds, in the order of ``Role``."""
    return [str(role.label) for role in Role if role in user.roles]


def organisation_of(*, user: User) -> Organisation | None:
    """The organisation ``user`` works for, in one query."""
    return Organisation.objects.filter(profiles__user=user).first()


# --- Who someone is on the platform: one definition each, asked by every app ---------------


def is_register_office(user) -> bool:
    """Works for the register office. A superuser may do all the office does."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or Role.REGISTER_OFFICE in user.roles


def is_board_member(user) -> bool:
    """A member of the College van Toezicht, who reviews courses, manuscripts and applications."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return Role.BOARD_MEMBER in user.roles


def language_of(user: User) -> str:
    """The language a person reads their e-mail in: their profile's choice, else Dutch."""
    profile = getattr(user, "profile", None)
    return getattr(profile, "preferred_language", "nl") or "nl"


def person_by_email(email: str) -> User | None:
    """The active account with this address (addresses are stored in lower case)."""
    return User.objects.filter(email=email.strip().lower(), is_active=True).first()


def conflicts_involving(*, user: User) -> QuerySet[ConflictOfInterest]:
    """The declared conflicts of interest ``user`` is one of the two people in, newest first."""
    return (
        ConflictOfInterest.objects.filter(Q(person=user) | Q(other=user))
        .select_related("person", "other", "declared_by")
        .order_by("-declared_at", "-pk")
    )


def conflicts_all() -> QuerySet[ConflictOfInterest]:
    return ConflictOfInterest.objects.select_related("person", "other", "declared_by").order_by(
        "-declared_at", "-pk"
    )
