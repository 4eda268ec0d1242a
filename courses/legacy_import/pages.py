"""Reading one page of a provider's old static site: its facts, its courses, its description.

Old sites differ in markup: two-column tables, definition lists, bold or span labels, list
items, several facts on one line ("Code: X | Soort: Y"), a heading over its paragraph. So the
page is first read as lines of text in document order, and facts are found by their Dutch label
("Soort", "Studiebelasting", "Kosten", "Data", "Plaats") wherever they stand, not by position.
Descriptions pass through nh3, so nothing executable reaches our pages.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import unquote, urlsplit

import nh3
from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from charset_normalizer import from_bytes
from django.utils.translation import gettext as _

from .values import (
    looks_like_date,
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

# Which label means which fact. A label matches a word exactly or starts with it followed by a
# space ("Soort cursus", "Data en tijden"); the first key that matches wins.
LABELS = [
    ("code", ("cursuscode", "code", "cursusnummer")),
    ("kind", ("soort cursus", "soort", "type", "cursussoort", "cursustype")),
    ("study_load", ("studiebelasting", "studielast", "omvang", "sbu", "tijdsinvestering")),
    ("points", ("accreditatiepunten", "accreditatie", "punten")),
    ("price", ("kosten", "prijs", "tarief", "cursusgeld", "investering", "cursusprijs")),
    ("place", ("plaats", "locatie", "lesplaats", "waar", "adres")),
    ("times", ("tijd", "tijden", "lestijden", "lestijd", "aanvang")),
    ("dates", ("data", "startdatum", "start", "datum", "lesdagen", "lesdata", "wanneer")),
    (
        "capacity",
        (
            "max. deelnemers",
            "maximaal aantal deelnemers",
            "aantal deelnemers",
            "aantal plaatsen",
            "maximaal",
            "groepsgrootte",
            "deelnemers",
            "plaatsen",
            "max",
        ),
    ),
]
ALL_LABEL_WORDS = {word for _key, words in LABELS for word in words}

BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Blocks whose whole text may be a bare label, its value in the next cell, term or paragraph.
LABEL_BLOCKS = {"dt", "th", "td", "h2", "h3", "h4", "h5", "h6"}
INVISIBLE_TAGS = {"script", "style", "noscript", "template", "head", "title", "iframe", "object"}
# Where one fact ends and the next begins on a single line; "/" only between spaces, as dates
# use it too. "\x1f" marks a bold label that starts a new fact in the middle of a line.
SEPARATOR = re.compile(r"\s*(?:[|·•;\x1f]|\s/\s)\s*")
LABELLED = re.compile(r"^(?P<label>[^\W\d_][^:：]{0,39}?)\s*[:：]\s*(?P<value>.*)$", re.S)

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


# --- The page as lines of text ---------------------------------------------------------------


@dataclass
class Line:
    """A line of text as a reader sees it, with the block it stands in and the nodes that make
    it up (removed from the description once the line turned out to hold a fact)."""

    text: str
    block: Tag
    nodes: list = field(default_factory=list)


def _clean(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def _has_block(tag: Tag) -> bool:
    return any(isinstance(d, Tag) and d.name in BLOCK_TAGS for d in tag.descendants)


def _is_label_tag(tag: Tag) -> bool:
    """A bold word or a span with a class such as "label" that names a fact."""
    text = _clean(tag.get_text()).rstrip(":").strip()
    if _label_key(text) is None:
        return False
    if tag.name in ("b", "strong", "label"):
        return True
    return any(re.search(r"label|term|kop", c, re.I) for c in tag.get("class") or [])


def page_lines(root: Tag) -> list[Line]:
    """The text of ``root`` as lines in document order: blocks and ``<br>`` end a line; inline
    markup that holds blocks (old sites wrap whole pages in ``<font>``) is looked through."""
    lines: list[Line] = []
    current: dict = {"parts": [], "nodes": [], "block": root}

    def end_line():
        text = _clean("".join(current["parts"]))
        if text.strip("\x1f "):
            lines.append(Line(text, current["block"], list(current["nodes"])))
        current["parts"], current["nodes"] = [], []

    def walk(node: Tag, block: Tag):
        for child in list(node.children):
            if isinstance(child, Comment) or (
                isinstance(child, NavigableString) and type(child) is not NavigableString
            ):
                continue
            if isinstance(child, NavigableString):
                current["block"] = block
                current["parts"].append(str(child))
                current["nodes"].append(child)
            elif child.name in INVISIBLE_TAGS:
                continue
            elif child.name == "br":
                current["block"] = block
                current["nodes"].append(child)
                end_line()
            elif child.name in BLOCK_TAGS:
                end_line()
                walk(child, child)
                end_line()
            elif _has_block(child):
                walk(child, block)
            else:
                current["block"] = block
                text = child.get_text()
                if _is_label_tag(child):
                    # A bold or span label starts a fact, also in the middle of a line; a span
                    # label has no colon of its own.
                    text = "\x1f" + text.rstrip() + ("" if text.rstrip().endswith(":") else ":")
                current["parts"].append(text)
                current["nodes"].append(child)
        end_line()

    walk(root, root)
    return lines


# --- Finding facts by their label ------------------------------------------------------------


def _normal_label(text: str) -> str:
    return " ".join(text.strip().rstrip(":：").strip().rstrip(".").lower().split())


def _label_key(text: str, *, exact: bool = False) -> str | None:
    label = _normal_label(text)
    if not label or len(label) > 40:
        return None
    for key, words in LABELS:
        for word in words:
            if label == word:
                return key
            if not exact and (label.startswith(word + " ") or label.startswith(word + ":")):
                return key
    return None


@dataclass
class Fact:
    key: str
    label: str
    value: str
    lines: list[Line]


@dataclass
class PageFacts:
    facts: list[Fact] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # "Label: value" whose label we do not know

    def first(self) -> dict[str, Fact]:
        chosen: dict[str, Fact] = {}
        for fact in self.facts:
            if fact.value and fact.key not in chosen:
                chosen[fact.key] = fact
        return chosen

    def labels(self) -> list[str]:
        seen: list[str] = []
        for fact in self.facts:
            label = fact.label.strip().rstrip(":").strip()
            if fact.value and label not in seen:
                seen.append(label)
        return seen


def _bare_label(line: Line) -> str | None:
    """The key of a line that is only a label, its value on the next line: a table cell, a
    definition term, a heading, or a bold or span label on its own ("Data:")."""
    text = line.text.strip("\x1f ")
    if text.endswith((":", "：")):
        return _label_key(text)
    if line.block.name in LABEL_BLOCKS or (
        len(line.nodes) == 1 and isinstance(line.nodes[0], Tag) and _is_label_tag(line.nodes[0])
    ):
        return _label_key(text, exact=True)
    return None


def _value_fits(label: Line, value: Line) -> bool:
    """A bare label's value is the next line, but a table cell's only within its own row (old
    markup nests the cells of an unclosed row), and never in a header cell."""
    if value.block.name == "th":
        return False
    if label.block.name in ("td", "th"):
        row = label.block.find_parent("tr")
        return value.block.name == "td" and (
            value.block.find_parent("tr") is row or label.block in value.block.parents
        )
    return True


def _pieces(line: Line) -> list[tuple[str | None, str, str]]:
    """A line split where facts are separated: (key, label, value); key None for a piece
    without a known label (its label, if it looks like one, is kept for the report)."""
    pieces = []
    for piece in SEPARATOR.split(line.text):
        if not piece.strip():
            continue
        match = LABELLED.match(piece)
        if match:
            label = match.group("label").strip()
            pieces.append((_label_key(label), label, match.group("value").strip()))
        else:
            pieces.append((None, "", piece.strip()))
    return pieces


def collect_facts(root: Tag) -> PageFacts:
    """Every labelled fact under ``root`` in document order, with the lines that held it."""
    lines = page_lines(root)
    result = PageFacts()
    previous: Fact | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        bare = _bare_label(line)
        if bare is not None:
            label = line.text.strip("\x1f :：")
            fact = Fact(bare, label, "", [line])
            while index < len(lines) and _value_fits(line, lines[index]):
                following = lines[index]
                if _bare_label(following) or any(piece[0] for piece in _pieces(following)):
                    break
                if fact.value and not (bare == "dates" and looks_like_date(following.text)):
                    break  # only a list of dates runs on over several lines
                fact.value = f"{fact.value}; {following.text}" if fact.value else following.text
                fact.lines.append(following)
                index += 1
            result.facts.append(fact)
            previous = fact
            continue
        pieces = _pieces(line)
        if (
            previous is not None
            and previous.key == "dates"
            and previous.lines[-1].block is line.block
            and not any(piece[0] or piece[1] for piece in pieces)
            and looks_like_date(line.text)
        ):
            # "<b>Data:</b> 5 okt. 2026<br>19 okt. 2026": more dates on the lines after it.
            previous.value = f"{previous.value}; {line.text}"
            previous.lines.append(line)
            continue
        last: Fact | None = None
        for key, label, value in pieces:
            if key:
                last = Fact(key, label, value, [line])
                result.facts.append(last)
            elif label:
                last = None
                if (
                    label.lower() not in ("http", "https", "mailto")
                    and len(label) <= 25
                    and len(label.split()) <= 3
                    and value
                ):
                    result.unknown.append(label)
            elif last is not None:
                # "Data: ma 5 okt. · ma 19 okt.": what follows a fact without a label of its
                # own belongs to it.
                last.value = f"{last.value}; {value}" if last.value else value
        previous = last
    return result


# --- Cleaning the description ------------------------------------------------------------------


def _text(node) -> str:
    return _clean(node.get_text(" ", strip=True)) if node else ""


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


def _remove_fact_lines(root: Tag, facts: list[Fact]) -> None:
    """Take the lines that held facts out of the description, and the blocks left empty."""
    for fact in facts:
        for line in fact.lines:
            for node in line.nodes:
                node.extract()
    for tag in reversed(root.find_all(["p", "li", "dt", "dd", "td", "th", "tr", "table", "dl",
                                       "ul", "ol", "div", "span", "b", "strong", *HEADINGS])):  # fmt: skip
        if not tag.get_text(strip=True) and not tag.find(["img"]):
            tag.decompose()


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
    _remove_fact_lines(root, list(facts.values()))
    course.description = clean_description(root)
    first = BeautifulSoup(course.description, "html.parser").find("p")
    course.summary = _text(first)[:400]
    return course
