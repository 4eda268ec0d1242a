"""Hostile input for the fuzz tests of every form, and the one check each fuzzed request makes.

The check: the site never answers 500, and a request it refuses (a 4xx, a form shown again, an
error message) leaves the watched tables exactly as they were. Rows it does write hold no NUL
character (PostgreSQL refuses those in text) and pass the model's own ``full_clean()``.

pytest-django rolls the database back per test function, not per Hypothesis example, so each
example runs in a savepoint of its own (``example_scope``) with a fresh client and an empty
cache: one example's enrolment or lockout does not change what the next one sees.
"""

from __future__ import annotations

import datetime as dt
import html
import os
from collections.abc import Callable, Iterable, Mapping
from contextlib import contextmanager
from decimal import Decimal

from django.contrib.messages import constants, get_messages
from django.core.cache import cache
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from tests.clients import Client

NUL = "\x00"

#: Omit the field from the request altogether.
MISSING = "<missing>"


def fuzz_settings(examples: int = 20):
    """Hypothesis settings shared by the fuzz tests: ``examples`` random examples (times
    ``FUZZ_SCALE`` from the environment, for a deeper run than ``make test`` can afford) on top
    of each test's explicit ones, and no deadline."""
    scale = float(os.environ.get("FUZZ_SCALE", "1"))
    return settings(
        max_examples=max(1, round(examples * scale)),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# --- Strategies -------------------------------------------------------------------------------

# Every character a browser can send in UTF-8 (surrogates cannot be encoded).
_characters = st.characters(exclude_categories=("Cs",))


def text(max_size: int = 30) -> st.SearchStrategy[str]:
    return st.text(alphabet=_characters, max_size=max_size)


NASTY_STRINGS = [
    "",
    " ",
    "\t\r\n",
    NUL,
    "a\x00b",
    "%00",
    "\x07\x1b[31m\x7f",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ request }}{% debug %}",
    "' OR 1=1 --",
    "'; DROP TABLE courses_enrolment; --",
    "\u202egnp.exe",
    "\ufeffBOM",
    "𝕳𝖊𝖑𝖑𝖔 👩🏽‍🏫",
    "²",
    "١٢٣",
    "Ⅻ",
    "０１",
    "-1",
    "0",
    "-0",
    "1e309",
    "1E+999999999",
    "NaN",
    "-Infinity",
    "2147483648",
    "-2147483649",
    "9223372036854775808",
    "99999999999999999999999999999999",
    "9" * 5000,
    "0x1F",
    "1_000",
    "1.234,5",
    "1,5",
    "0,05",
    "12:61",
    "25:00",
    "31-02-2024",
    "2024-02-30",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "2024-13",
    "null",
    "None",
    "[]",
    "{}",
    "true",
    "on",
    "../../etc/passwd",
    "javascript:alert(1)",
    "//evil.example/",
    "https://evil.example/",
    "\\\\evil.example",
    "mailto:a@b",
    "a@b",
    "a@b\x00.nl",
    "persoon@example.org\n",
    "x" * 300,
]

nasty = st.sampled_from(NASTY_STRINGS)
with_nul = st.tuples(text(8), text(8)).map(lambda parts: NUL.join(parts))
long_text = st.builds(lambda piece, n: (piece or "x") * n, text(6), st.integers(300, 2500))
numbers_as_text = st.one_of(
    st.integers(-(2**70), 2**70).map(str),
    st.decimals(allow_nan=True, allow_infinity=True, places=None).map(str),
    st.floats().map(repr),
    st.decimals(min_value=-1000, max_value=1000, places=3).map(lambda d: str(d).replace(".", ",")),
)
dates_as_text = st.one_of(
    st.dates().map(dt.date.isoformat),
    st.dates().map(lambda d: d.strftime("%d-%m-%Y")),
    st.dates().map(lambda d: d.strftime("%Y-%m")),
    st.tuples(st.integers(-5, 10001), st.integers(-1, 14), st.integers(-1, 40)).map(
        lambda t: f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}"
    ),
)

# NUL twice: it is what PostgreSQL refuses outright, so it should come up often.
junk: st.SearchStrategy[str] = st.one_of(
    text(), nasty, with_nul, numbers_as_text, with_nul, dates_as_text, long_text
)

# Form field names a browser never sends, and the same field sent twice.
extra_fields = st.dictionaries(
    st.one_of(text(12).filter(bool), st.sampled_from(["id", "pk", "person", "status", "csrf"])),
    st.one_of(junk, st.lists(junk, min_size=2, max_size=3)),
    max_size=2,
)


def field(good: st.SearchStrategy | None = None) -> st.SearchStrategy:
    """A value for one field: a plausible one, junk, several values at once, or nothing."""
    options = [junk, st.lists(junk, min_size=2, max_size=3), st.just(MISSING)]
    if good is not None:
        options.insert(0, good)
    return st.one_of(options)


def form_data(**fields: st.SearchStrategy) -> st.SearchStrategy[dict]:
    """The data of a post: each named field from its strategy, plus unexpected extra fields."""

    def combine(parts):
        chosen, extra = parts
        data = {k: v for k, v in extra.items() if k not in fields}
        data.update({k: v for k, v in chosen.items() if v is not MISSING})
        return data

    return st.tuples(st.fixed_dictionaries(fields), extra_fields).map(combine)


KEEP = "<keep>"


def post_value(value):
    """A Python value as a browser would post it."""
    if isinstance(value, list | tuple | set | frozenset):
        return [post_value(v) for v in value]
    if isinstance(value, bool):
        return "on" if value else ""
    if value is None:
        return ""
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value.pk)
    return str(value)


@st.composite
def mutated(draw, good: st.SearchStrategy[Mapping]) -> dict:
    """A plausible post (for instance from ``from_form``) with some of its fields replaced by
    junk, sent several times or left out, and extra fields added. Shrinks toward the plausible
    post."""
    data = dict(draw(extra_fields))
    plausible = draw(good)
    plausible = getattr(plausible, "data", plausible)  # from_form draws bound forms
    for name, value in plausible.items():
        how = draw(st.sampled_from([KEEP, KEEP, "junk", "many", MISSING]))
        if how == KEEP:
            data[name] = post_value(value)
        elif how == "junk":
            data[name] = draw(junk)
        elif how == "many":
            sent = post_value(value)
            data[name] = [*(sent if isinstance(sent, list) else [sent]), draw(junk)]
        else:
            data.pop(name, None)
    return data


def iso_day(start: dt.date, end: dt.date) -> st.SearchStrategy[str]:
    return st.dates(min_value=start, max_value=end).map(dt.date.isoformat)


def decimal_text(low: int, high: int, places: int = 1) -> st.SearchStrategy[str]:
    return st.decimals(min_value=low, max_value=high, places=places).map(
        lambda d: str(d).replace(".", ",")
    )


def ids(*known: int) -> st.SearchStrategy:
    """A primary key: one that exists, a stranger, or no number at all."""
    return st.one_of(
        st.sampled_from(known) if known else st.nothing(),
        st.integers(-(2**64), 2**64),
        junk,
    )


# --- Uploads ----------------------------------------------------------------------------------

_signatures = st.sampled_from([b"%PDF-1.7\n", b"\xff\xd8\xff\xe0", b"\x89PNG\r\n\x1a\n"])
_file_names = st.one_of(
    st.sampled_from(
        [
            "bewijs.pdf",
            "foto.JPG",
            "scan.png",
            "virus.exe",
            "pagina.html",
            "geen-extensie",
            ".pdf",
            "...",
            "../../../etc/passwd",
            "a" * 250 + ".pdf",
            "naam met spaties.pdf",
            "👩🏽‍🏫.png",
            "x.p\x00df",
            "x.\u202efdp",
            "ta\tb.pdf",
        ]
    ),
    st.text(alphabet=_characters, min_size=1, max_size=40),
)
_content_types = st.sampled_from(
    ["application/pdf", "image/png", "image/jpeg", "text/html", "application/octet-stream", ""]
)


@st.composite
def uploads(draw) -> tuple[str, bytes, str]:
    """A file as a browser may send it: real-looking, random bytes, empty, or the wrong type."""
    kind = draw(st.sampled_from(["signed", "random", "empty", "html", "csvish"]))
    if kind == "signed":
        body = draw(_signatures) + draw(st.binary(max_size=200))
    elif kind == "random":
        body = draw(st.binary(min_size=1, max_size=400))
    elif kind == "empty":
        body = b""
    elif kind == "html":
        body = b"<html><script>alert(1)</script></html>"
    else:
        body = draw(text(60)).encode()
    return draw(_file_names), body, draw(_content_types)


def as_upload(spec: tuple[str, bytes, str]) -> SimpleUploadedFile:
    name, body, content_type = spec
    content_type = content_type or "application/octet-stream"
    try:
        return SimpleUploadedFile(name, body, content_type=content_type)
    except SuspiciousFileOperation:  # a name the test client itself refuses ("/", "..")
        return SimpleUploadedFile("upload", body, content_type=content_type)


EVIDENCE_SIGNATURES = (b"%PDF-", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")


def arrives(spec: tuple[str, bytes, str]) -> bool:
    """Whether Django hands this upload to the view at all: its multipart parser drops a file
    whose name keeps no printable character (``MultiPartParser.sanitize_file_name``), and the
    view then sees no file."""
    name = html.unescape(as_upload(spec).name).rsplit("/")[-1].rsplit("\\")[-1]
    return "".join(c for c in name if c.isprintable()) not in {"", ".", ".."}


def is_evidence(spec: tuple[str, bytes, str]) -> bool:
    """A PDF, JPEG or PNG by its first bytes, the rule for evidence and register documents."""
    return spec[1].startswith(EVIDENCE_SIGNATURES)


def file_field() -> st.SearchStrategy:
    return st.one_of(uploads(), st.just(MISSING), junk)


# --- Running one example ----------------------------------------------------------------------


def private_files_in(folder, monkeypatch) -> None:
    """Send the uploads that fuzzed examples save to ``folder``. The models bind the private
    storage when they load, so it is the storage object itself that is pointed elsewhere."""
    from django.core.files.storage import storages

    storage = storages["private"]
    monkeypatch.setattr(storage, "base_location", str(folder), raising=False)
    monkeypatch.setattr(storage, "location", str(folder), raising=False)


@contextmanager
def example_scope():
    """Run one Hypothesis example in its own savepoint, rolled back at the end."""
    with transaction.atomic():
        cache.clear()
        yield
        transaction.set_rollback(True)
    cache.clear()


def client_for(user=None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def contains_nul(value) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, Mapping):
        return any(contains_nul(k) or contains_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(contains_nul(v) for v in value)
    return False


def _snapshot(model: type[models.Model]) -> dict:
    return {row["pk_"]: row for row in model.objects.annotate(pk_=models.F("pk")).values()}


def _comparable(value):
    return str(value) if isinstance(value, Decimal | dt.date | dt.time) else value


def _changed(before: dict, after: dict) -> list:
    changed = []
    for pk, row in after.items():
        old = before.get(pk)
        if old is None or {k: _comparable(v) for k, v in old.items()} != {
            k: _comparable(v) for k, v in row.items()
        }:
            changed.append(pk)
    return changed


def _messages(response) -> list:
    request = getattr(response, "wsgi_request", None)
    return list(get_messages(request)) if request is not None else []


def _short(value, limit: int = 600) -> str:
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} characters)"


class Outcome:
    def __init__(self, response, changes):
        self.response = response
        self.status = response.status_code
        self.changes = changes
        self.messages = _messages(response)
        self.errors = [m for m in self.messages if m.level >= constants.ERROR]
        self.successes = [m for m in self.messages if m.level == constants.SUCCESS]

    @property
    def refused(self) -> bool:
        """The site said no: an error status, an error message, or the form shown again."""
        if self.status >= 400 or self.errors:
            return True
        return self.status == 200 and not self.successes

    def wrote(self, model) -> bool:
        return bool(self.changes.get(model))


def submit(
    client: Client,
    url: str,
    data: Mapping | None = None,
    *,
    watch: Iterable[type[models.Model]],
    invalid: bool | Callable[[], bool] = False,
    files: Mapping[str, tuple[str, bytes, str]] | None = None,
    method: str = "post",
    refused_when_200: bool = True,
    clean_exclude: Mapping[type[models.Model], list[str]] | None = None,
) -> Outcome:
    """Send one fuzzed request and check it. ``invalid`` is what the test knows is bad input."""
    watch = list(watch)
    before = {model: _snapshot(model) for model in watch}
    payload = dict(data or {})
    for name, spec in (files or {}).items():
        payload[name] = as_upload(spec)
    send = client.post if method == "post" else client.get
    response = send(url, payload)
    detail = f"{method.upper()} {url} {_short(payload)}"
    assert response.status_code < 500, f"{response.status_code} for {detail}"
    changes = {}
    for model in watch:
        after = _snapshot(model)
        changed = _changed(before[model], after)
        gone = set(before[model]) - set(after)
        if changed or gone:
            changes[model] = [after[pk] for pk in changed] + [("deleted", pk) for pk in gone]
    outcome = Outcome(response, changes)
    if currently_in_test_context():  # statistics for --hypothesis-show-statistics
        event(f"answered {outcome.status}, {'wrote rows' if changes else 'wrote nothing'}")
    refused = outcome.refused if refused_when_200 else (outcome.status >= 400 or outcome.errors)
    if refused:
        assert not changes, f"refused ({outcome.status}) but wrote {_short(changes)}: {detail}"
    if invalid() if callable(invalid) else invalid:
        assert not changes, f"invalid input was written: {_short(changes)}: {detail}"
    for model, rows in changes.items():
        for row in rows:
            if isinstance(row, tuple):
                continue
            assert not contains_nul(row), f"{model.__name__} row with NUL: {_short(row)}: {detail}"
            instance = model.objects.get(pk=row["pk_"])
            exclude = (clean_exclude or {}).get(model)
            instance.full_clean(exclude=exclude)
    return outcome


def is_blank(data: Mapping, name: str) -> bool:
    """The field is missing or, as the view reads it (the last value), only whitespace."""
    value = data.get(name, MISSING)
    if isinstance(value, list):
        value = value[-1] if value else ""
    return value is MISSING or not str(value).strip()


def last(data: Mapping, name: str, default=""):
    value = data.get(name, default)
    if isinstance(value, list):
        return value[-1] if value else default
    return value


def any_nul(data: Mapping, *names: str) -> bool:
    """A NUL in what the view reads of these fields: the last value sent, as Django does."""
    return any(contains_nul(last(data, name)) for name in names)


def any_nul_in_all(data: Mapping, *names: str) -> bool:
    """A NUL in any value of these multiple-choice fields (every value is read)."""
    return any(contains_nul(data.get(name, "")) for name in names)
