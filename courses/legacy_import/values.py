"""Reading the values of an old course page the way Dutch sites write them.

Each function takes the text that stood after a label ("Kosten: € 640,-") and returns the value,
or nothing when the text does not say it; none of them raises on odd input.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from ..models import CourseKind

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
    "febr": 2,
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
_MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))

# Dates an old catalogue can mean: none before the platform's field kept records on the web,
# none more than a few years ahead. A year outside (1, 9999, a typing error) is no date.
EARLIEST_YEAR = 1990
YEARS_AHEAD = 5
# More seats than any room holds is a typing error, not a capacity.
MAX_CAPACITY = 1000

NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})(?!\d)")
WORD_DATE = re.compile(rf"(?<!\d)(\d{{1,2}})\s+({_MONTH_WORDS})\b\.?(?:\s*(\d{{4}})(?!\d))?")
NUMBER = r"\d{1,3}(?:\.\d{3})+|\d+"
CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")


def looks_like_date(text: str) -> bool:
    lowered = text.lower()
    return bool(NUMERIC_DATE.search(lowered) or WORD_DATE.search(lowered))


def parse_code(text: str) -> str:
    """The course code is the first word after its label; what follows it is comment."""
    match = CODE.search(text)
    return match.group(0).rstrip(".,/-")[:40] if match else ""


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
    """``48 uur (SBU)``, ``80 SBU``; with ``totaal`` the hours after it are added up."""
    lowered = text.lower()
    if "totaal" in lowered:
        tail = lowered.split("totaal", 1)[1]
        amounts = re.findall(r"(\d+)\s*(?:contact)?(?:uur|uren|sbu)", tail)
        if amounts:
            return sum(int(a) for a in amounts)
    match = re.search(r"(\d+)\s*(?:uur|uren|sbu|klokuur)", lowered) or re.search(r"(\d+)", lowered)
    return int(match.group(1)) if match else None


def parse_points(text: str) -> Decimal | None:
    match = re.search(r"(\d+(?:,\d+)?)\s*punt", text.lower()) or re.search(r"(\d+(?:,\d+)?)", text)
    return Decimal(match.group(1).replace(",", ".")) if match else None


def parse_price(text: str) -> Decimal | None:
    """``€ 640,-``, ``EUR 2.150``, ``€ 1.250,50``, ``gratis``: dots group thousands, a comma
    starts cents. An amount after the euro sign wins over other numbers ("2 dagen, € 300")."""
    lowered = text.replace("\xa0", " ").lower()
    if re.search(r"\b(gratis|kosteloos|kostenloos)\b", lowered):
        return Decimal("0.00")
    amount = rf"({NUMBER})(?:,(\d{{1,2}}|-{{1,2}}|—))?"
    match = re.search(rf"(?:€|&euro;|\beur\b|\beuro\b)\s*{amount}", lowered) or re.search(
        amount, lowered
    )
    if not match:
        return None
    euros = match.group(1).replace(".", "")
    cents = match.group(2) if match.group(2) and match.group(2).isdigit() else "0"
    try:
        return Decimal(f"{euros}.{cents.ljust(2, '0')}")
    except InvalidOperation:
        return None


def parse_capacity(text: str) -> int | None:
    """``max. 18``, ``maximaal 12 deelnemers``, ``6 tot 10 deelnemers``: the largest number."""
    numbers = [int(n) for n in re.findall(r"\d{1,6}", text)]
    largest = max(numbers, default=None)
    return largest if largest is not None and 0 < largest <= MAX_CAPACITY else None


def _date_spans(text: str, *, today: dt.date) -> list[tuple[int, int, dt.date]]:
    lowered = text.lower()
    matches: list[tuple[int, int, int, int, int | None]] = []
    for match in NUMERIC_DATE.finditer(lowered):
        day, month, year = match.groups()
        matches.append((match.start(), match.end(), int(day), int(month), int(year)))
    for match in WORD_DATE.finditer(lowered):
        day, month, year = match.groups()
        matches.append(
            (match.start(), match.end(), int(day), MONTHS[month], int(year) if year else None)
        )
    found: list[tuple[int, int, dt.date]] = []
    anchor = today
    for start, end, day, month, year in sorted(matches):
        date = _date(year, month, day) if year else _next_date(anchor, month, day)
        if date is not None and EARLIEST_YEAR <= date.year <= today.year + YEARS_AHEAD:
            found.append((start, end, date))
            anchor = date
    return found


def parse_dates(text: str, *, today: dt.date) -> list[dt.date]:
    """Every date in ``text``, in the order written: ``5 oktober 2026``, ``05-10-2026``,
    ``5/10/2026``, ``ma 5 okt.``.

    Old pages often leave out the year ("ma 5 okt. · ma 19 okt."). Such a date is taken to be the
    first such day on or after the date written before it in the same text, and the first one on
    or after ``today`` (the day of the import): a list of meetings stays in order across New
    Year, and a course announced without a year is read as the coming one.
    """
    return [date for _start, _end, date in _date_spans(text, today=today)]


def parse_date_range(text: str, *, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """``05-10-2026 t/m 14-12-2026``, ``3 nov. tot en met 15 dec.``: a first and a last day,
    as opposed to a list of meeting days."""
    spans = _date_spans(text, today=today)
    if len(spans) != 2:
        return None
    between = text[spans[0][1] : spans[1][0]].strip().lower()
    if re.fullmatch(r"t/m|t\.m\.|tot en met|tot|[-–]", between):
        return spans[0][2], spans[1][2]
    return None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _next_date(anchor: dt.date, month: int, day: int) -> dt.date | None:
    for year in range(anchor.year, anchor.year + 5):  # 29 February waits for a leap year
        date = _date(year, month, day)
        if date is not None and date >= anchor:
            return date
    return None


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
