"""What an application's dossier shows: the evaluation and the ledger as they were on the day
of applying, from the copy kept with the application (the dossier never changes afterwards),
in Dutch."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from cms.models import CodeVersion
from cms.selectors import code_version_current
from mentoring.kinds import Approach

from ..models import CodeAcceptance, RegisterApplication
from .evaluation import LABELS, UNITS, part_label
from .ledger import entries_from_csv
from .status import Row, described


@dataclass(frozen=True)
class DossierRequirement:
    label: str
    required: Decimal
    achieved: Decimal
    is_count: bool
    met: bool
    parts: list[tuple[str, Decimal]]


@dataclass
class Dossier:
    application: RegisterApplication
    requirements: list[DossierRequirement]
    reflections: list[tuple[str, str]]
    rows: list[tuple[Row, str]]
    window_after: date | None
    code_acceptance: CodeAcceptance | None


def dossier_of(application: RegisterApplication) -> Dossier:
    snapshot = application.evaluation or {}
    requirements = [
        DossierRequirement(
            label=str(LABELS.get(r["name"], r["name"])),
            required=Decimal(r["required"]),
            achieved=Decimal(r["achieved"]),
            is_count=UNITS.get(r["name"]) == "count",
            met=bool(r.get("met")),
            parts=[(part_label(k), Decimal(v)) for k, v in (r.get("parts") or {}).items()],
        )
        for r in snapshot.get("requirements", [])
    ]
    after = snapshot.get("window_after")
    after = date.fromisoformat(after) if after else None
    on = application.evaluated_on
    entries = entries_from_csv(application.ledger_csv)
    rows = [
        Row(entry=e, in_window=(after is None or after < e.date) and e.date <= on)
        for e in sorted(entries, key=lambda e: (e.date, e.source_id), reverse=True)
    ]
    return Dossier(
        application=application,
        requirements=requirements,
        reflections=[
            (str(Approach(code).label), text)
            for code, text in application.reflections.items()
            if code in Approach.values
        ],
        rows=described(rows),
        window_after=after,
        code_acceptance=code_acceptance_of(application),
    )


def code_acceptance_of(application: RegisterApplication) -> CodeAcceptance | None:
    """The beroepscode version the applicant accepted with this application (None for an
    application from before acceptances were recorded)."""
    return CodeAcceptance.objects.filter(application=application).select_related("version").first()


@dataclass(frozen=True)
class NewerCode:
    accepted: CodeAcceptance
    current: CodeVersion


def newer_code_than_accepted(*, person, on: date) -> NewerCode | None:
    """For someone who accepted the beroepscode when applying or renewing: the version in force
    on ``on`` when it came into force after the one they last accepted. Only informational:
    they accept it on their next renewal."""
    accepted = (
        CodeAcceptance.objects.filter(person=person)
        .select_related("version")
        .order_by("-accepted_at", "-pk")
        .first()
    )
    if accepted is None:
        return None
    current = code_version_current(on=on)
    if current is None or current.in_force_from <= accepted.version.in_force_from:
        return None
    return NewerCode(accepted=accepted, current=current)
