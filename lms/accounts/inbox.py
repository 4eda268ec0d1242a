"""One thing that waits for a person: what each app's ``awaiting_for(user=...)`` returns and
the personal to-do list (lms.dashboard) gathers. Derived from the state of the rows, so an item
is gone as soon as what it asks for is done."""

from dataclasses import dataclass
from datetime import datetime

from .models import NoticeKind, Role


@dataclass(frozen=True)
class Awaiting:
    kind: NoticeKind
    role: Role  # in which of their roles the person is asked
    title: str
    url: str  # where the action is
    since: datetime | None = None
    detail: str = ""
    # A POST that says "seen", for an item that asks no more than to be noticed.
    dismiss_url: str = ""
