"""Finding the facts of an old course page by their Dutch label, wherever they stand.

The page is read as lines of text in document order, the way a person reads it, so that one
reader serves every layout: two-column tables, definition lists, bold or span labels, list
items, several facts on one line ("Code: X | Soort: Y"), a heading over its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import Comment, NavigableString, Tag

from .values import looks_like_date

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


# --- The page as lines of text ---------------------------------------------------------------


@dataclass
class Line:
    """A line of text as a reader sees it, with the block it stands in and the nodes that make
    it up (removed from the description once the line turned out to hold a fact)."""

    text: str
    block: Tag
    nodes: list = field(default_factory=list)


def clean_text(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def _has_block(tag: Tag) -> bool:
    return any(isinstance(d, Tag) and d.name in BLOCK_TAGS for d in tag.descendants)


def _is_label_tag(tag: Tag) -> bool:
    """A bold word or a span with a class such as "label" that names a fact."""
    text = clean_text(tag.get_text()).rstrip(":").strip()
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
        text = clean_text("".join(current["parts"]))
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


def remove_fact_lines(root: Tag, facts: list[Fact]) -> None:
    """Take the lines that held facts out of the description, and the blocks left empty."""
    for fact in facts:
        for line in fact.lines:
            for node in line.nodes:
                node.extract()
    for tag in reversed(root.find_all(["p", "li", "dt", "dd", "td", "th", "tr", "table", "dl",
                                       "ul", "ol", "div", "span", "b", "strong", *HEADINGS])):  # fmt: skip
        if not tag.get_text(strip=True) and not tag.find(["img"]):
            tag.decompose()
