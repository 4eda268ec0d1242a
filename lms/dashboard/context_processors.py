from functools import cached_property

from .selectors import inbox_count


class _InboxBadge:
    """Counted only when a template asks, and only for a signed-in person."""

    def __init__(self, request):
        self.request = request

    @cached_property
    def count(self) -> int:
        user = getattr(self.request, "user", None)
        if user is None or not user.is_authenticated:
            return 0
        return inbox_count(user=user)


def inbox(request) -> dict:
    return {"inbox": _InboxBadge(request)}
