"""Reading a provider's old static course site into draft course pages.

Old sites differ in markup (definition lists, two-column tables, bold labels, label spans), so
facts are found by their Dutch label ("Soort", "Studiebelasting", "Kosten", "Data", "Plaats"),
not by position. Descriptions pass through nh3, so nothing executable reaches our pages.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import deque
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nh3
from bs4 import BeautifulSoup, NavigableString, Tag
from charset_normalizer import from_bytes
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import CourseKind, Edition, ProviderPage

MONTHS = {
    "januari": 1,
    "februari": 2,
    "maart": 3,
    "april": 4,
    "mei": 5,
    "juni": 6,
    "juli": 7,
    "augustus": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mrt": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "okt": 10,
    "nov": 11,
    "dec": 12,
}

# Which label means which fact; the first matching keyword wins, so longer ones come first.
LABELS = [
    ("code", ("cursuscode", "code")),
    ("kind", ("soort cursus", "soort", "type", "cursussoort")),
    ("study_load", ("studiebelasting", "studielast", "omvang", "sbu")),
    ("points", ("accreditatiepunten", "accreditatie", "punten")),
    ("price", ("kosten", "prijs", "tarief", "cursusgeld")),
    ("place", ("plaats", "locatie", "lesplaats", "waar")),
    ("dates", ("data", "startdatum", "start", "datum", "lesdagen", "wanneer")),
    ("capacity", ("max. deelnemers", "maximaal", "groepsgrootte", "deelnemers", "max")),
]

RICH_TEXT_TAGS = {"p", "br", "b", "i", "a", "ul", "ol", "li", "h3", "h4"}
DROPPED_TAGS = [
    "script",
    "style",
    "iframe",
    "form",
    "object",
    "embed",
    "noscript",
    "img",
    "input",
    "button",
    "select",
    "textarea",
    "frame",
    "frameset",
    "applet",
    "link",
    "meta",
]
BLOCK_TAGS = {"p", "ul", "ol", "h3", "h4"}


@dataclass
class LegacyCourse:
    source: str
    title: str = ""
    code: str = ""
    kind: str = ""
    study_load_hours: int | None = None
    points_requested: Decimal | None = None
    price: Decimal | None = None
    place: str = ""
    dates: list[dt.date] = field(default_factory=list)
    date_range: tuple[dt.date, dt.date] | None = None
    times: tuple[dt.time, dt.time] | None = None
    capacity: int | None = None
    description: str = ""
    summary: str = ""


@dataclass
class ImportRow:
    source: str
    outcome: str  # "imported", "updated", "skipped", "missing"
    code: str = ""
    title: str = ""
    reason: str = ""


@dataclass
class ImportReport:
    rows: list[ImportRow] = field(default_factory=list)
    dry_run: bool = False

    def count(self, outcome: str) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)


class UnreadablePage(Exception):
    """The page is not a course page we can read; the message says why, in Dutch."""


# --- Reading files ---------------------------------------------------------------------------


def decode_html(raw: bytes) -> str:
    """Text of an old page whose encoding nobody can be sure of.

    Valid UTF-8 is taken as UTF-8; anything else goes to charset-normalizer, which also weighs
    the page's own declaration; Windows-1252 is the last resort of that era's sites.
    """
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw).best()
    if best is not None:
        return str(best)
    return raw.decode("cp1252", errors="replace")


def _local_links(soup: BeautifulSoup) -> list[str]:
    links = []
    for anchor in soup.find_all("a", href=True):
        href = anchor["href"].strip()
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path:
            continue  # mailto:, javascript:, other sites, in-page anchors
        if not parts.path.lower().endswith((".html", ".htm")):
            continue
        links.append(unquote(parts.path))
    return links


# --- Finding facts by their label ------------------------------------------------------------


def _text(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split()) if node else ""


def _label_key(text: str) -> str | None:
    label = text.strip().rstrip(":").strip().lower()
    if not label or len(label) > 40:
        return None
    for key, words in LABELS:
        for word in words:
            if label == word or label.startswith(word + " ") or label.startswith(word + ":"):
                return key
            if label.startswith(word) and word in ("cursuscode", "studiebelasting", "studielast"):
                return key
    return None


def _collect_facts(soup: BeautifulSoup) -> tuple[dict[str, str], set[Tag]]:
    """Label/value pairs in any of the usual layouts, and the elements that held them."""
    facts: dict[str, str] = {}
    holders: set[Tag] = set()

    def found(label: str, value: str, holder: Tag | None) -> None:
        key = _label_key(label)
        if key and value and key not in facts:
            facts[key] = value
            if holder is not None:
                holders.add(holder)

    for term in soup.find_all("dt"):
        definition = term.find_next_sibling("dd")
        found(_text(term), _text(definition), term.find_parent("dl"))
    for row in soup.find_all("tr"):
        cells = row.find_all(["td", "th"], recursive=False)
        if len(cells) == 2 and not cells[0].find("table"):
            found(_text(cells[0]), _text(cells[1]), row.find_parent("table"))
    for span in soup.find_all("span", class_="label"):
        value = span.find_next_sibling("span")
        found(_text(span), _text(value), span.parent)
    for bold in soup.find_all(["b", "strong"]):
        label = _text(bold)
        if not label.endswith(":") or bold.find_parent("td"):
            continue
        parts = []
        for sibling in bold.next_siblings:
            if isinstance(sibling, Tag) and sibling.name in ("br", "b", "strong", "p", "div"):
                break
            parts.append(sibling if isinstance(sibling, str) else sibling.get_text(" "))
        found(label, " ".join("".join(parts).split()), bold.parent)
    meta = soup.find("meta", attrs={"name": re.compile("^cursuscode$", re.I)})
    if meta and meta.get("content") and "code" not in facts:
        facts["code"] = meta["content"].strip()
    return facts, holders


# --- Reading values the way Dutch pages write them ---------------------------------------------

NUMBER = r"\d{1,3}(?:\.\d{3})+|\d+"


def parse_kind(text: str) -> str:
    lowered = text.lower()
    if "consult" in lowered:
        return CourseKind.CONSULTATION
    if "innov" in lowered:
        return CourseKind.INNOVATION
    if "hbo" in lowered:
        return CourseKind.POST_HBO
    return ""


def parse_hours(text: str) -> int | None:
    """``48 uur (SBU)``, ``56 SBU``; with ``totaal`` the hours after it are added up."""
    lowered = text.lower()
    if "totaal" in lowered:
        tail = lowered.split("totaal", 1)[1]
        amounts = re.findall(r"(\d+)\s*(?:contact)?(?:uur|uren|sbu)", tail)
        if amounts:
            return sum(int(a) for a in amounts)
    match = re.search(r"(\d+)", lowered)
    return int(match.group(1)) if match else None


def parse_points(text: str) -> Decimal | None:
    match = re.search(r"(\d+(?:,\d+)?)\s*punt", text.lower()) or re.search(r"(\d+(?:,\d+)?)", text)
    return Decimal(match.group(1).replace(",", ".")) if match else None


def parse_price(text: str) -> Decimal | None:
    """``€ 1.250,-``, ``€ 1.475,00``, ``EUR 980``: dots group thousands, a comma starts cents."""
    match = re.search(rf"({NUMBER})(?:,(\d{{1,2}}|-{{1,2}}))?", text.replace("\xa0", " "))
    if not match:
        return None
    euros = match.group(1).replace(".", "")
    cents = match.group(2) if match.group(2) and match.group(2).isdigit() else "0"
    try:
        return Decimal(f"{euros}.{cents.ljust(2, '0')}")
    except InvalidOperation:
        return None


def parse_capacity(text: str) -> int | None:
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    return max(numbers) if numbers else None


DATE_PATTERNS = [
    re.compile(r"\b(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})\b"),
    re.compile(r"\b(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})\b"),
]


def parse_dates(text: str) -> list[dt.date]:
    """Every date in ``text`` in any of the ways Dutch sites write them, in order."""
    lowered = text.lower()
    found: list[tuple[int, dt.date]] = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(lowered):
            day, month, year = match.groups()
            month_number = MONTHS.get(month) if not month.isdigit() else int(month)
            if not month_number:
                continue
            try:
                found.append((match.start(), dt.date(int(year), month_number, int(day))))
            except ValueError:
                continue
    return [day for _pos, day in sorted(found)]


def parse_times(text: str) -> tuple[dt.time, dt.time] | None:
    match = re.search(r"(\d{1,2})[.:](\d{2})\s*(?:-|–|tot)\s*(\d{1,2})[.:](\d{2})", text)
    if not match:
        return None
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    try:
        start, end = dt.time(h1, m1), dt.time(h2, m2)
    except ValueError:
        return None
    return (start, end) if end > start else None


# --- Cleaning the description ------------------------------------------------------------------

HEADING_LEVELS = {"h1": "h3", "h2": "h3", "h3": "h4", "h4": "h4", "h5": "h4", "h6": "h4"}


def clean_description(fragment: Tag) -> str:
    """Wagtail rich text from an old page's content: no scripts, handlers, frames, forms,
    styles or links that do not lead to a web page or an e-mail address."""
    for name in DROPPED_TAGS:
        for node in fragment.find_all(name):
            node.decompose()
    for table in reversed(fragment.find_all("table")):
        rows = table.find_all("tr")
        if any(len(row.find_all(["td", "th"], recursive=False)) > 1 for row in rows):
            items = []
            for row in rows:
                if row.find("th"):
                    continue
                cells = [_text(c) for c in row.find_all("td", recursive=False)]
                items.append(" – ".join(c for c in cells if c))
            maker = BeautifulSoup("", "html.parser")
            replacement = maker.new_tag("ul")
            for item in items:
                li = maker.new_tag("li")
                li.string = item
                replacement.append(li)
            table.replace_with(replacement)
        else:
            table.unwrap()
    for heading in fragment.find_all(list(HEADING_LEVELS)):
        heading.name = HEADING_LEVELS[heading.name]
    for strong in fragment.find_all("strong"):
        strong.name = "b"
    for em in fragment.find_all("em"):
        em.name = "i"
    for anchor in fragment.find_all("a"):
        href = (anchor.get("href") or "").strip()
        if not re.match(r"^(https?://|mailto:)", href, re.I):
            anchor.unwrap()
    html = nh3.clean(
        str(fragment),
        tags=RICH_TEXT_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    )
    return _wrap_loose_text(html)


def _wrap_loose_text(html: str) -> str:
    """Put text that sits outside any block into paragraphs, as the rich text editor expects."""
    soup = BeautifulSoup(html, "html.parser")
    blocks: list[str] = []
    loose: list[str] = []

    def flush():
        text = "".join(loose).strip()
        if text and BeautifulSoup(text, "html.parser").get_text(strip=True):
            blocks.append(f"<p>{text}</p>")
        loose.clear()

    for node in list(soup.contents):
        if isinstance(node, Tag) and node.name in BLOCK_TAGS:
            flush()
            if node.get_text(strip=True):
                blocks.append(str(node))
        elif isinstance(node, Tag) and node.name == "li":
            flush()
            blocks.append(f"<ul>{node}</ul>")
        elif isinstance(node, NavigableString):
            loose.append(str(node).replace("<", "&lt;").replace(">", "&gt;"))
        else:
            loose.append(str(node))
    flush()
    return "".join(blocks)


# --- One page --------------------------------------------------------------------------------


def read_course_page(html: str, source: str) -> LegacyCourse:
    soup = BeautifulSoup(html, "html.parser")
    body = soup.body or soup
    facts, holders = _collect_facts(body)
    heading = body.find("h1")
    title = _text(heading)
    if not title and soup.title:
        title = _text(soup.title).split("|")[0].split(" - ")[0].strip()
    if not title:
        raise UnreadablePage(_("geen titel gevonden"))
    if not facts.get("code"):
        raise UnreadablePage(_("geen cursuscode gevonden"))
    course = LegacyCourse(source=source, title=title[:255], code=facts["code"][:40])
    course.kind = parse_kind(facts.get("kind", "")) or parse_kind(title)
    if not course.kind:
        raise UnreadablePage(_("soort cursus onbekend"))
    course.study_load_hours = parse_hours(facts.get("study_load", ""))
    course.points_requested = parse_points(facts.get("points", ""))
    course.price = parse_price(facts.get("price", ""))
    course.place = facts.get("place", "")[:200]
    dates_text = facts.get("dates", "")
    dates = parse_dates(dates_text)
    if len(dates) == 2 and re.search(r"t/m|tot en met|\btot\b", dates_text.lower()):
        course.date_range = (dates[0], dates[1])
    course.dates = dates
    course.times = parse_times(dates_text)
    course.capacity = parse_capacity(facts.get("capacity", ""))
    if heading is not None:
        heading.decompose()
    for holder in holders:
        holder.decompose()
    course.description = clean_description(body)
    first = BeautifulSoup(course.description, "html.parser").find("p")
    course.summary = _text(first)[:400]
    return course


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


def _save_course(course: LegacyCourse, provider: ProviderPage) -> bool:
    from .services import course_save

    editions, _note = _edition_spec(course, timezone.localdate())
    _page, created = course_save(
        provider=provider,
        code=course.code,
        title=course.title,
        kind=course.kind,
        editions=editions,
        publish=False,
        summary=course.summary,
        study_load_hours=course.study_load_hours or 0,
        points_requested=course.points_requested,
        price=course.price,
        body=[("paragraph", course.description)] if course.description else [],
    )
    return created


class _DryRunRollback(Exception):
    pass


def catalogue_import(
    *, folder: Path, provider: ProviderPage, dry_run: bool = False
) -> ImportReport:
    """Read ``folder/index.html`` and the pages it links to into draft courses of ``provider``.

    Each page is saved in its own transaction, so a page that fails leaves nothing behind; a
    dry run does all the same work and rolls every page back.
    """
    report = ImportReport(dry_run=dry_run)
    folder = Path(folder)
    start = folder / "index.html"
    if not start.exists():
        raise FileNotFoundError(start)
    queue = deque(["index.html"])
    seen = {"index.html"}
    while queue:
        name = queue.popleft()
        path = (folder / name).resolve()
        if folder.resolve() not in path.parents:
            report.rows.append(ImportRow(name, "skipped", reason=_("verwijst buiten de map")))
            continue
        if not path.exists():
            report.rows.append(ImportRow(name, "missing", reason=_("bestand bestaat niet")))
            continue
        html = decode_html(path.read_bytes())
        soup = BeautifulSoup(html, "html.parser")
        for link in _local_links(soup):
            target = str(Path(name).parent / link) if Path(name).parent != Path(".") else link
            if target not in seen:
                seen.add(target)
                queue.append(target)
        if name == "index.html":
            continue
        try:
            course = read_course_page(html, name)
        except UnreadablePage as error:
            report.rows.append(ImportRow(name, "skipped", reason=str(error)))
            continue
        row = ImportRow(name, "", code=course.code, title=course.title)
        try:
            with transaction.atomic():
                created = _save_course(course, provider)
                row.outcome = "imported" if created else "updated"
                row.reason = _edition_spec(course, timezone.localdate())[1]
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
        report.rows.append(row)
    return report


def provider_by_name(name: str) -> ProviderPage | None:
    return ProviderPage.objects.filter(title__iexact=name.strip()).first()
