"""Importing a provider's old static site into clean draft courses."""

import shutil
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from courses.legacy_import import (
    decode_html,
    parse_dates,
    parse_hours,
    parse_price,
)
from courses.models import CoursePage

pytestmark = pytest.mark.django_db

# The legacy site is project data, kept beside the repository in shared/.
DATA = Path(settings.BASE_DIR).parent / "shared" / "data" / "legacy-catalogue"


@pytest.fixture
def legacy_site(tmp_path):
    folder = tmp_path / "oude-site"
    shutil.copytree(DATA, folder)
    return folder


def run(folder, provider, *extra) -> str:
    out = StringIO()
    call_command("import_catalogue", str(folder), "--provider", provider.title, *extra, stdout=out)
    return out.getvalue()


def test_import_makes_clean_drafts_and_reports_what_it_skipped(legacy_site, provider_a):
    output = run(legacy_site, provider_a)

    courses = {c.code: c for c in CoursePage.objects.child_of(provider_a).specific()}
    assert set(courses) == {"KW-2026-014", "KW-2026-031", "KW-2026-040", "KW-2027-002"}
    assert not any(c.live for c in courses.values())

    scan = courses["KW-2026-014"]
    assert scan.title == "Buurtanalyse en wijkscan"
    assert scan.kind == "post-hbo"
    assert scan.study_load_hours == 48
    assert scan.points_requested == Decimal("40")
    assert scan.price == Decimal("1250.00")
    assert not scan.accreditation_decisions.exists()  # requested points are never accredited ones
    edition = scan.editions.get()
    assert edition.capacity == 16
    assert [m.date.isoformat() for m in edition.meetings.all()] == [
        "2026-03-12",
        "2026-03-26",
        "2026-04-09",
        "2026-04-23",
    ]
    assert edition.meetings.first().place == "Utrecht"
    assert str(edition.meetings.first().start_time) == "09:30:00"

    assert courses["KW-2026-031"].kind == "consultatie"
    assert courses["KW-2026-031"].study_load_hours == 60
    assert courses["KW-2026-031"].editions.get().capacity == 10
    assert courses["KW-2027-002"].editions.get().end_date.isoformat() == "2027-03-25"
    assert not courses["KW-2026-040"].editions.exists()  # "najaar 2026, data volgen"
    # Windows-1252 is read as such.
    assert "coöperatieve" in courses["KW-2026-040"].summary
    assert "beïnvloeding" in courses["KW-2027-002"].title

    for course in courses.values():
        html = str(course.body).lower()
        for forbidden in (
            "<script",
            "onmouseover",
            "onclick",
            "javascript:",
            "<iframe",
            "style=",
            "<form",
            "<font",
        ):
            assert forbidden not in html, (course.code, forbidden)
    assert "Nog 3 plaatsen vrij" not in str(courses["KW-2026-031"].body)
    assert "rol als makelaar" in str(courses["KW-2026-031"].body)

    assert "cursus-kapot.html" in output and "geen titel gevonden" in output
    assert "cursus-bestaat-niet.html" in output and "bestand bestaat niet" in output
    assert "Geïmporteerd: 4, bijgewerkt: 0, overgeslagen: 2" in output


def test_running_twice_updates_and_never_duplicates(legacy_site, provider_a):
    run(legacy_site, provider_a)
    page = legacy_site / "cursus-innovatie.html"
    page.write_bytes(page.read_bytes().replace(b"695,-", b"725,-"))
    output = run(legacy_site, provider_a)
    assert "Geïmporteerd: 0, bijgewerkt: 4, overgeslagen: 2" in output
    assert CoursePage.objects.child_of(provider_a).count() == 4
    course = CoursePage.objects.get(code="KW-2026-040")
    assert course.price == Decimal("725.00")
    assert CoursePage.objects.get(code="KW-2026-014").editions.count() == 1


def test_dry_run_writes_nothing(legacy_site, provider_a):
    output = run(legacy_site, provider_a, "--dry-run")
    assert "Geïmporteerd: 4" in output and "proefrun" in output
    assert not CoursePage.objects.exists()


def test_a_page_that_fails_leaves_nothing_behind(legacy_site, provider_a):
    # The end lies before the start: the edition is refused, and with it the whole page.
    page = legacy_site / "cursus-belangenbehartiging.html"
    page.write_bytes(
        page.read_bytes().replace(b"15/01/2027 t/m 25/03/2027", b"25/03/2027 t/m 15/01/2027")
    )
    output = run(legacy_site, provider_a)
    assert "KW-2027-002" in output and "overgeslagen" in output
    assert not CoursePage.objects.filter(code="KW-2027-002").exists()
    assert CoursePage.objects.count() == 3


def test_unknown_provider_is_an_error(legacy_site, catalogue):
    with pytest.raises(CommandError):
        call_command("import_catalogue", str(legacy_site), "--provider", "Bestaat niet")


def test_dutch_values_are_read_as_written():
    assert parse_price("€ 1.250,- (excl. BTW)") == Decimal("1250.00")
    assert parse_price("EUR 980") == Decimal("980.00")
    assert parse_price("€ 1.475,00") == Decimal("1475.00")
    assert (
        parse_hours("8 bijeenkomsten van 3 uur, totaal 24 contacturen en 36 uur zelfstudie") == 60
    )
    assert [d.isoformat() for d in parse_dates("12 maart 2026 en 3-9-2026, 15/01/2027")] == [
        "2026-03-12",
        "2026-09-03",
        "2027-01-15",
    ]
    assert decode_html("Thema’s".encode("cp1252") + b" in de wijk, co\xf6peratief").startswith(
        "Thema’s"
    )
