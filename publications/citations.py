"""A publication's citation as RIS and as BibTeX, for reference managers.

RIS (the Research Information Systems tagged format) has no escaping: a value is one line, so
line breaks become spaces. BibTeX gives meaning to ``{ } \\ & % $ # _ ^ ~``; each is escaped so
that a title or an abstract cannot end a field or start a command.
"""

from __future__ import annotations

import re

from django.utils.text import slugify

from .models import PublicationKind, PublicationPage

RIS_CONTENT_TYPE = "application/x-research-info-systems; charset=utf-8"
BIBTEX_CONTENT_TYPE = "application/x-bibtex; charset=utf-8"

RIS_TYPES = {
    PublicationKind.BOOK: "BOOK",
    PublicationKind.ARTICLE: "JOUR",
    PublicationKind.REPORT: "RPRT",
    PublicationKind.JOURNAL_ISSUE: "JFULL",
    PublicationKind.COLUMN: "MGZN",
}
BIBTEX_TYPES = {
    PublicationKind.BOOK: "book",
    PublicationKind.ARTICLE: "article",
    PublicationKind.REPORT: "techreport",
    PublicationKind.JOURNAL_ISSUE: "misc",
    PublicationKind.COLUMN: "article",
}

_SPACE = re.compile(r"\s+")
_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}


def _one_line(value) -> str:
    # Control characters would break a line-based format as surely as a line break.
    text = "".join(c if c.isprintable() else " " for c in str(value or ""))
    return _SPACE.sub(" ", text).strip()


def author_names(publication: PublicationPage) -> list[str]:
    """The authors as written on the page, one per name ("Jansen, P.; De Vries, A.")."""
    return [name for name in (_one_line(n) for n in publication.authors.split(";")) if name]


def _page_range(pages: str) -> tuple[str, str]:
    first, _sep, last = _one_line(pages).replace("–", "-").partition("-")
    return first.strip(), last.strip()


def citation_filename(publication: PublicationPage, extension: str) -> str:
    return f"{slugify(publication.title)[:60] or 'publicatie'}.{extension}"


def ris(publication: PublicationPage, *, url: str) -> str:
    """The RIS record: one ``TAG  - value`` per line, CRLF line ends, closed by ``ER``."""
    lines = [("TY", RIS_TYPES.get(publication.kind, "GEN")), ("TI", publication.title)]
    lines += [("AU", name) for name in author_names(publication)]
    lines.append(("PY", str(publication.year)))
    if publication.kind in (PublicationKind.ARTICLE, PublicationKind.COLUMN):
        lines.append(("T2", publication.journal))
    elif publication.kind == PublicationKind.JOURNAL_ISSUE:
        lines.append(("JO", publication.journal))
    lines += [
        ("PB", publication.publisher),
        ("CY", publication.place),
        ("VL", publication.volume),
        ("IS", publication.issue),
    ]
    first, last = _page_range(publication.pages)
    if publication.kind == PublicationKind.BOOK and first and not last:
        lines.append(("SP", first))  # a book's number of pages
    else:
        lines += [("SP", first), ("EP", last)]
    lines += [
        ("SN", publication.isbn),
        ("AB", publication.abstract),
        ("LA", "nl"),
        ("UR", url),
    ]
    out = [f"{tag}  - {_one_line(value)}" for tag, value in lines if _one_line(value)]
    out.append("ER  - ")
    return "\r\n".join(out) + "\r\n"


def bibtex_escape(value) -> str:
    return "".join(_BIBTEX_SPECIAL.get(c, c) for c in _one_line(value))


def bibtex_key(publication: PublicationPage) -> str:
    """``surname + year`` in ASCII letters and digits, with the page id to make it unique."""
    names = author_names(publication)
    surname = names[0].split(",")[0] if names else publication.title
    stem = re.sub(r"[^a-z0-9]", "", slugify(surname)) or "publicatie"
    return f"{stem}{publication.year}p{publication.pk}"


def bibtex(publication: PublicationPage, *, url: str) -> str:
    """The BibTeX entry; every value braced and escaped, authors joined by ``and``."""
    kind = BIBTEX_TYPES.get(publication.kind, "misc")
    first, last = _page_range(publication.pages)
    fields = [
        ("title", publication.title),
        ("author", " and ".join(author_names(publication))),
        ("year", str(publication.year)),
    ]
    if kind == "techreport":
        fields.append(("institution", publication.publisher))
    else:
        fields.append(("publisher", publication.publisher))
    fields += [
        ("address", publication.place),
        ("journal" if kind == "article" else "howpublished", publication.journal),
        ("volume", publication.volume),
        ("number", publication.issue),
    ]
    if publication.kind == PublicationKind.BOOK and first and not last:
        fields.append(("pagetotal", first))
    else:
        fields.append(("pages", f"{first}--{last}" if last else first))
    fields += [
        ("isbn", publication.isbn),
        ("abstract", publication.abstract),
        ("language", "dutch"),
    ]
    entries = [
        f"  {name} = {{{bibtex_escape(value)}}}" for name, value in fields if _one_line(value)
    ]
    # The url field is read verbatim: escaping would change the address; a link made by
    # ``lms.links`` is percent-encoded, so it holds no brace.
    entries.append(f"  url = {{{_one_line(url).replace('{', '%7B').replace('}', '%7D')}}}")
    body = ",\n".join(entries)
    return f"@{kind}{{{bibtex_key(publication)},\n{body}\n}}\n"
