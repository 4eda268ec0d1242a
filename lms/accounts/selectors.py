"""Reads about people."""

from django.db.models import QuerySet

from .models import Organisation, Role, User


def users_with_role(*, role: Role) -> QuerySet[User]:
    return User.objects.filter(groups__name=role, is_active=True).select_related("profile")


def role_labels(*, user: User) -> list[str]:
    """The display names of the roles ``user`` holds, in the order of ``Role``."""
    return [str(role.label) for role in Role if role in user.roles]


def organisation_of(*, user: User) -> Organisation | None:
    """The organisation ``user`` works for, in one query."""
    return Organisation.objects.filter(profiles__user=user).first()
