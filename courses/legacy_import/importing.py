"""Saving what was read from an old site as draft courses of a provider."""

from __future__ import annotations

import datetime as dt
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import Organisation

from ..models import CataloguePage, CoursePage, Edition, ProviderPage
from ..services import course_save, provider_create
from .pages import (
    MAX_PAGE_BYTES,
    MAX_PAGES,
    LegacyCourse,
    UnreadablePage,
    decode_html,
    local_links,
    page_refusal,
    read_course_pages,
)


@dataclass
class ImportRow:
    source: str
    outcome: str  # "imported", "updated", "unchanged", "skipped", "missing"
    code: str = ""
    title: str = ""
    reason: str = ""


@dataclass
class ImportReport:
    rows: list[ImportRow] = field(default_factory=list)
    dry_run: bool = False
    provider: str = ""
    provider_created: bool = False

    def count(self, outcome: str) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)


class ProviderNotFound(Exception):
    """No provider by that name; the message names the ones there are and how to make one."""


# --- Providers -------------------------------------------------------------------------------


def provider_by_name(name: str) -> ProviderPage | None:
    return ProviderPage.objects.filter(title__iexact=name.strip()).first()


def provider_for_import(*, name: str, create: bool = False) -> tuple[ProviderPage, bool]:
    """The provider to import into, made with its page, editors' group and collection when
    ``create`` is set; returns (provider, created)."""
    provider = provider_by_name(name)
    if provider is not None:
        return provider, False
    name = " ".join(name.split())
    if not create:
        existing = list(ProviderPage.objects.order_by("title").values_list("title", flat=True))
        if existing:
            raise ProviderNotFound(
                _(
                    "Onbekende aanbieder: %(name)s. Bestaande aanbieders: %(names)s. Kies een "
                    "van deze namen, of maak de aanbieder aan met --create-provider."
                )
                % {"name": name, "names": ", ".join(existing)}
            )
        raise ProviderNotFound(
            _(
                "Onbekende aanbieder: %(name)s. Er zijn nog geen aanbieders; maak deze aan "
                "met --create-provider."
            )
            % {"name": name}
        )
    if not name:
        raise ProviderNotFound(_("Geef de naam van de aanbieder op."))
    catalogue = CataloguePage.objects.first()
    if catalogue is None:
        raise ProviderNotFound(
            _("Er is nog geen cursusoverzicht om de aanbieder onder te plaatsen.")
        )
    organisation, _created = Organisation.objects.get_or_create(
        name=name[:200], defaults={"kind": Organisation.Kind.TRAINING}
    )
    try:
        return provider_create(title=name, organisation=organisation, catalogue=catalogue), True
    except ValidationError as error:
        raise ProviderNotFound(
            _("De aanbieder %(name)s kon niet worden aangemaakt: %(errors)s")
            % {"name": name, "errors": "; ".join(error.messages)}
        ) from error


# --- Courses ---------------------------------------------------------------------------------


def _edition_spec(course: LegacyCourse, today: dt.date) -> tuple[list[dict], str]:
    if not course.dates:
        return [], ""
    note = ""
    if course.date_range:
        start, end = course.date_range
        meeting_days: list[dt.date] = []
    else:
        start, end = min(course.dates), max(course.dates)
        meeting_days = sorted(set(course.dates))
    capacity = course.capacity
    if not capacity:
        capacity = Edition._meta.get_field("capacity").default
        note = _("aantal plaatsen onbekend, %(n)s aangenomen") % {"n": capacity}
    meetings = []
    if course.times and meeting_days:
        meetings = [
            {
                "date": day,
                "start_time": course.times[0],
                "end_time": course.times[1],
                "place": course.place or _("nog niet bekend"),
            }
            for day in meeting_days
        ]
    return [
        {
            "code": start.strftime("%Y-%m-%d"),
            "start_date": start,
            "end_date": end,
            "capacity": capacity,
            "status": Edition.Status.FINISHED if end < today else Edition.Status.OPEN,
            "meetings": meetings,
        }
    ], note


def _course_fields(course: LegacyCourse) -> dict:
    return {
        "title": course.title,
        "kind": course.kind,
        "summary": course.summary,
        "study_load_hours": course.study_load_hours or 0,
        "points_requested": course.points_requested,
        "price": course.price,
        "body": [("paragraph", course.description)] if course.description else [],
    }


def _unchanged(page: CoursePage, fields: dict, editions: list[dict]) -> bool:
    """Whether the course's latest revision already says what the old page says, so that
    running the import again makes no new revision."""
    latest = page.get_latest_revision_as_object() if page.latest_revision_id else page
    for name, value in fields.items():
        if name == "body":
            current = [
                (block.block_type, block.block.get_prep_value(block.value)) for block in latest.body
            ]
            if current != value:
                return False
        elif getattr(latest, name) != value:
            return False
    existing = {edition.code: edition for edition in page.editions.prefetch_related("meetings")}
    for spec in editions:
        edition = existing.get(spec["code"])
        if edition is None:
            return False
        for name, value in spec.items():
            if name != "meetings" and getattr(edition, name) != value:
                return False
        if spec["meetings"]:
            have = [(m.date, m.start_time, m.end_time, m.place) for m in edition.meetings.all()]
            want = [
                (m["date"], m["start_time"], m["end_time"], m["place"]) for m in spec["meetings"]
            ]
            if sorted(have) != sorted(want):
                return False
    return True


def _save_course(course: LegacyCourse, provider: ProviderPage, today: dt.date) -> str:
    """Save one course; returns "imported", "updated" or "unchanged"."""
    editions, _note = _edition_spec(course, today)
    fields = _course_fields(course)
    page = CoursePage.objects.child_of(provider).filter(code=course.code).first()
    if page is not None and _unchanged(page.specific, fields, editions):
        return "unchanged"
    title = fields.pop("title")
    kind = fields.pop("kind")
    _page, created = course_save(
        provider=provider,
        code=course.code,
        title=title,
        kind=kind,
        editions=editions,
        publish=False,
        **fields,
    )
    return "imported" if created else "updated"


class _DryRunRollback(Exception):
    pass


def catalogue_import(
    *,
    folder: Path,
    provider: ProviderPage,
    dry_run: bool = False,
    today: dt.date | None = None,
) -> ImportReport:
    """Read ``folder/index.html`` and the pages it links to into draft courses of ``provider``.

    Courses are matched on their code: a second run updates what changed and leaves the rest
    alone, and a code met twice in one run is imported once. Each course is saved in its own
    transaction, so one that fails leaves nothing behind; a dry run does all the same work and
    rolls every course back.
    """
    today = today or timezone.localdate()
    report = ImportReport(dry_run=dry_run, provider=provider.title)
    folder = Path(folder)
    start = folder / "index.html"
    if not start.exists():
        raise FileNotFoundError(start)
    queue = deque(["index.html"])
    seen = {"index.html"}
    codes: dict[str, str] = {}
    unread = 0
    while queue:
        name = queue.popleft()
        path = (folder / name).resolve()
        if folder.resolve() not in path.parents:
            report.rows.append(ImportRow(name, "skipped", reason=_("verwijst buiten de map")))
            continue
        if not path.exists():
            report.rows.append(ImportRow(name, "missing", reason=_("bestand bestaat niet")))
            continue
        with path.open("rb") as handle:
            raw = handle.read(MAX_PAGE_BYTES + 1)
        refusal = page_refusal(raw)
        if refusal:
            report.rows.append(ImportRow(name, "skipped", reason=refusal))
            continue
        html = decode_html(raw)
        for link in local_links(BeautifulSoup(html, "html.parser")):
            target = str(Path(name).parent / link) if Path(name).parent != Path(".") else link
            if target in seen:
                continue
            seen.add(target)
            if len(seen) > MAX_PAGES:
                unread += 1
                continue
            queue.append(target)
        if name == "index.html":
            continue
        for result in read_course_pages(html, name, today=today):
            report.rows.append(_import_one(result, name, provider, codes, dry_run, today))
    if unread:
        report.rows.append(
            ImportRow(
                "",
                "skipped",
                reason=_("%(n)s pagina's niet gelezen: een import leest hoogstens %(max)s pagina's")
                % {"n": unread, "max": MAX_PAGES},
            )
        )
    return report


def _import_one(
    result: LegacyCourse | UnreadablePage,
    name: str,
    provider: ProviderPage,
    codes: dict[str, str],
    dry_run: bool,
    today: dt.date,
) -> ImportRow:
    if isinstance(result, UnreadablePage):
        return ImportRow(name, "skipped", title=result.title, reason=str(result))
    course = result
    row = ImportRow(name, "", code=course.code, title=course.title)
    if course.code in codes:
        row.outcome = "skipped"
        row.reason = _("cursuscode staat ook op %(source)s, daar ingelezen") % {
            "source": codes[course.code]
        }
        return row
    codes[course.code] = name
    try:
        with transaction.atomic():
            row.outcome = _save_course(course, provider, today)
            row.reason = _edition_spec(course, today)[1]
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        pass
    except ValidationError as error:
        row.outcome = "skipped"
        row.reason = "; ".join(error.messages)
    except DatabaseError as error:
        row.outcome = "skipped"
        row.reason = _("kon niet worden opgeslagen: %(error)s") % {"error": error}
    return row


def catalogue_import_for(
    *,
    folder: Path,
    provider_name: str,
    create_provider: bool = False,
    dry_run: bool = False,
    today: dt.date | None = None,
) -> ImportReport:
    """Import into the provider of that name, made first when ``create_provider`` is set. A dry
    run rolls back the new provider as well."""
    if not (Path(folder) / "index.html").exists():
        raise FileNotFoundError(Path(folder) / "index.html")

    def run() -> ImportReport:
        provider, created = provider_for_import(name=provider_name, create=create_provider)
        report = catalogue_import(folder=folder, provider=provider, dry_run=dry_run, today=today)
        report.provider_created = created
        return report

    if not dry_run:
        return run()
    with transaction.atomic():
        report = run()
        transaction.set_rollback(True)
    return report
