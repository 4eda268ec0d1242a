"""Reading one page of a provider's old static site: the courses on it, each with its facts
(found by ``facts``) and a description that passes through nh3, so that nothing executable
reaches our pages.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import nh3
from bs4 import BeautifulSoup, NavigableString, Tag
from charset_normalizer import from_bytes
from django.utils.translation import gettext as _

from .facts import HEADINGS, clean_text, collect_facts, remove_fact_lines
from .values import (
    parse_capacity,
    parse_code,
    parse_date_range,
    parse_dates,
    parse_hours,
    parse_kind,
    parse_points,
    parse_price,
    parse_times,
)

RICH_TEXT_TAGS = {"p", "br", "b", "i", "a", "ul", "ol", "li", "h3", "h4"}
DROPPED_TAGS = [
    "script", "style", "iframe", "form", "object", "embed", "noscript", "img", "input", "button",
    "select", "textarea", "frame", "frameset", "applet", "link", "meta", "svg", "math", "template",
]  # fmt: skip
RICH_BLOCKS = {"p", "ul", "ol", "h3", "h4"}
HEADING_LEVELS = {"h1": "h3", "h2": "h3", "h3": "h4", "h4": "h4", "h5": "h4", "h6": "h4"}


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


class UnreadablePage(Exception):
    """Not a course we can read. Says why in Dutch, with the title and the labels that were
    found, so that the person importing can fix the source page."""

    def __init__(self, reason: str, *, title: str = "", found=(), unknown=()):
        self.reason, self.title = reason, title
        self.found, self.unknown = list(found), list(unknown)
        super().__init__(self.explanation())

    def explanation(self) -> str:
        parts = [self.reason]
        if self.title:
            parts.append(_("titel: %(title)s") % {"title": self.title})
        if self.found:
            parts.append(_("wel gevonden: %(labels)s") % {"labels": ", ".join(self.found)})
        if self.unknown:
            parts.append(_("niet herkend: %(labels)s") % {"labels": ", ".join(self.unknown)})
        if not self.found and not self.unknown:
            parts.append(_("geen enkel gegeven met een label gevonden"))
        return "; ".join(parts)


# --- Reading files ---------------------------------------------------------------------------


# What one import reads at most. A course page of a static site is a few dozen kilobytes and a
# few dozen tags deep; these bounds keep the time of an import linear in what it reads and
# refuse, with a message, what no real page needs.
MAX_PAGE_BYTES = 1_000_000
MAX_DEPTH = 150
MAX_PAGES = 500
# Control characters (NUL among them) are no part of a text and PostgreSQL refuses NUL.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode_html(raw: bytes) -> str:
    """Text of an old page whose encoding nobody can be sure of, without control characters.

    Valid UTF-8 is taken as UTF-8; anything else goes to charset-normalizer, which also weighs
    the page's own declaration; Windows-1252 is the last resort of that era's sites.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        best = from_bytes(raw).best()
        text = str(best) if best is not None else raw.decode("cp1252", errors="replace")
    return CONTROL_CHARACTERS.sub("", text)


# Elements that never hold others, and those a browser closes when the next one like it opens.
VOID_TAGS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
}  # fmt: skip
SELF_CLOSING_SIBLINGS = {"p", "li", "dt", "dd", "tr", "td", "th", "option"}


class _DepthGauge(HTMLParser):
    """How deep a page's elements nest, measured in one pass, stopping at ``MAX_DEPTH``."""

    class TooDeep(Exception):
        pass

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID_TAGS:
            return
        if tag in SELF_CLOSING_SIBLINGS and self.open and self.open[-1] == tag:
            self.open.pop()
        self.open.append(tag)
        if len(self.open) > MAX_DEPTH:
            raise self.TooDeep

    def handle_endtag(self, tag):
        # Close up to the nearest open element of that name; a stray end tag closes nothing.
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth] == tag:
                del self.open[depth:]
                return


def page_refusal(raw: bytes) -> str:
    """Why a page is not read at all (too large, nested too deep), or "" when it may be."""
    if len(raw) > MAX_PAGE_BYTES:
        return _("te groot: een pagina mag hoogstens %(limit)s kB zijn") % {
            "limit": MAX_PAGE_BYTES // 1000
        }
    gauge = _DepthGauge()
    try:
        gauge.feed(decode_html(raw))
        gauge.close()
    except _DepthGauge.TooDeep:
        return _("elementen te diep genest: meer dan %(n)s niveaus") % {"n": MAX_DEPTH}
    return ""


def local_links(soup: BeautifulSoup) -> list[str]:
    """Links to other pages of the same site: no other sites, e-mail, scripts or anchors."""
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


# --- Cleaning the description ------------------------------------------------------------------


def _text(node) -> str:
    return clean_text(node.get_text(" ", strip=True)) if node else ""


def clean_description(fragment: Tag) -> str:
    """Wagtail rich text from an old page's content: no scripts, handlers, frames, forms,
    styles or links that do not lead to a web page or an e-mail address."""
    for name in DROPPED_TAGS:
        for node in fragment.find_all(name):
            node.decompose()
    maker = BeautifulSoup("", "html.parser")
    for term in fragment.find_all("dt"):  # what is left of a definition list: "Docent: …"
        term.name = "b"
        term.append(": ")
    for definition in fragment.find_all("dd"):
        definition.name = "span"
        definition.insert_after(maker.new_tag("br"))
    for table in reversed(fragment.find_all("table")):
        rows = table.find_all("tr")
        if any(len(row.find_all(["td", "th"], recursive=False)) > 1 for row in rows):
            items = []
            for row in rows:
                if row.find("th"):
                    continue
                cells = [_text(c) for c in row.find_all("td", recursive=False)]
                items.append(" – ".join(c for c in cells if c))
            replacement = maker.new_tag("ul")
            for item in items:
                if item:
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
        if isinstance(node, Tag) and node.name in RICH_BLOCKS:
            flush()
            if node.get_text(strip=True):
                blocks.append(str(node))
        elif isinstance(node, Tag) and node.name == "li":
            flush()
            if node.get_text(strip=True):
                blocks.append(f"<ul>{node}</ul>")
        elif isinstance(node, NavigableString):
            loose.append(str(node).replace("<", "&lt;").replace(">", "&gt;"))
        else:
            loose.append(str(node))
    flush()
    return "".join(blocks)


# --- Courses on a page -------------------------------------------------------------------------


def _title_of(root: Tag, soup: BeautifulSoup | None) -> tuple[str, Tag | None]:
    """A page's title is its ``<h1>``, else its ``<title>``; a part of a page has its own
    first heading."""
    heading = root.find("h1") if soup is not None else root.find(HEADINGS)
    title = _text(heading)
    if not title and soup is not None and soup.title:
        heading = None
        title = _text(soup.title).split("|")[0].split(" - ")[0].strip()
    return title, heading


def _course_sections(body: Tag, soup: BeautifulSoup) -> list[Tag]:
    """The parts of a page that each describe one course.

    A page with one course code is one course. A page that lists several (an overview, a
    brochure) is cut per course: the largest element holding only that course's code, when it
    has a heading of its own (``<li><h3>…</h3><p>Code: …</p></li>``), or else the run of
    siblings from the heading above the code to the next heading of that level or higher.
    """
    codes = [f for f in collect_facts(body).facts if f.key == "code" and f.value]
    code_blocks = list(dict.fromkeys(f.lines[0].block for f in codes))
    if len({parse_code(f.value) for f in codes}) <= 1:
        return [body]

    def holds_other(tag: Tag, own: Tag) -> bool:
        return any(b is not own and (b is tag or tag in b.parents) for b in code_blocks)

    sections: list[Tag] = []
    for block in code_blocks:
        container = block
        while container.parent is not None and container.parent is not body:
            if holds_other(container.parent, block):
                break
            container = container.parent
        if container.find(HEADINGS):
            if container.name == "li":
                container.name = "div"  # the course itself, no longer an item of a list
            sections.append(container)
            continue
        heading = container.find_previous_sibling(HEADINGS)
        if heading is None:
            sections.append(container)
            continue
        level = int(heading.name[1])
        wrapper = soup.new_tag("section")
        heading.insert_before(wrapper)
        node = heading
        while node is not None:
            following = node.next_sibling
            wrapper.append(node.extract())
            node = following
            if isinstance(node, Tag) and node.name in HEADINGS and int(node.name[1]) <= level:
                break
        sections.append(wrapper)
    return sections


def read_course_pages(
    html: str, source: str, *, today: dt.date
) -> list[LegacyCourse | UnreadablePage]:
    """The courses on one old page, in order; a course that cannot be read is there as the
    UnreadablePage that says why."""
    soup = BeautifulSoup(html, "html.parser")
    body = soup.body or soup
    sections = _course_sections(body, soup)
    whole = len(sections) == 1
    results: list[LegacyCourse | UnreadablePage] = []
    for section in sections:
        try:
            results.append(read_course(section, source, soup=soup if whole else None, today=today))
        except UnreadablePage as error:
            results.append(error)
    return results


def read_course(
    root: Tag, source: str, *, soup: BeautifulSoup | None, today: dt.date
) -> LegacyCourse:
    """One course from ``root`` (a whole page, or the part of it about this course)."""
    page = collect_facts(root)
    facts = page.first()
    title, heading = _title_of(root, soup)
    meta = soup.find("meta", attrs={"name": re.compile("^cursuscode$", re.I)}) if soup else None
    code = parse_code(facts["code"].value) if "code" in facts else ""
    if not code and meta is not None:
        code = parse_code(meta.get("content") or "")

    def refuse(reason: str):
        return UnreadablePage(
            reason, title=title[:120], found=page.labels(), unknown=page.unknown[:8]
        )

    if not title:
        raise refuse(_("geen titel gevonden"))
    if not code:
        raise refuse(_("geen cursuscode gevonden"))
    course = LegacyCourse(source=source, title=title[:255], code=code)

    def value(key: str) -> str:
        return facts[key].value if key in facts else ""

    course.kind = parse_kind(value("kind")) or parse_kind(title)
    if not course.kind:
        raise refuse(_("soort cursus onbekend"))
    course.study_load_hours = parse_hours(value("study_load"))
    course.points_requested = parse_points(value("points"))
    course.price = parse_price(value("price"))
    course.place = value("place")[:200]
    dates_text = value("dates")
    course.dates = parse_dates(dates_text, today=today)
    course.date_range = parse_date_range(dates_text, today=today)
    course.times = parse_times(value("times")) or parse_times(dates_text)
    course.capacity = parse_capacity(value("capacity"))
    if heading is not None:
        heading.decompose()
    remove_fact_lines(root, list(facts.values()))
    course.description = clean_description(root)
    first = BeautifulSoup(course.description, "html.parser").find("p")
    course.summary = _text(first)[:400]
    return course
