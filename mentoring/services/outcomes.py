"""What a bulk action did: the items it carried out and those it left, each with its reason."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Skipped:
    label: str  # what was left, as the person knows it ("Jan Jansen, 03-2026")
    reason: str  # why, in Dutch: the refusal of the one-item service


@dataclass
class BulkOutcome:
    done: list = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def skip(self, label: str, reason: str) -> None:
        self.skipped.append(Skipped(label=label, reason=reason))


def refusal_text(exc: ValidationError | PermissionDenied) -> str:
    """The Dutch refusal of a one-item service, as one line."""
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or _("Dit mag je niet doen.")
