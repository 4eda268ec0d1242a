"""What every write needs: row locks on people, who the office is, links in e-mails."""

from django.conf import settings

from lms.accounts.models import Role, User


def _lock_users(*users: User) -> None:
    """Serialise writes that concern these people (capacity, overlapping sessions)."""
    ids = sorted({u.pk for u in users})
    list(User.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk"))


def _is_office(user: User) -> bool:
    return user.is_active and (user.has_role(Role.REGISTER_OFFICE) or user.is_superuser)


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _language_of(user: User) -> str:
    profile = getattr(user, "profile", None)
    return getattr(profile, "preferred_language", "nl") or "nl"
