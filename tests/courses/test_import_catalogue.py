"""Importing a provider's old static site into clean draft courses."""

import datetime as dt
import shutil
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import CommandError, call_command
from wagtail.models import Collection, Revision

from courses.legacy_import import (
    decode_html,
    parse_capacity,
    parse_date_range,
    parse_dates,
    parse_hours,
    parse_price,
    read_course_pages,
)
from courses.models import CoursePage, Edition, Meeting, ProviderPage

pytestmark = pytest.mark.django_db

# The sample old site of "Kenniscentrum Wijkwerk", one page per layout (see its README).
DATA = Path(__file__).resolve().parent.parent / "data" / "legacy-catalogue"
# The day the tests import on: "ma 5 okt." on een-regel.html is then 5 October 2027.
IMPORT_DAY = "2026-12-07 10:00:00+01:00"

# code: (page, kind, study load, price, capacity, (first day, last day), meeting days)
EXPECTED = {
    "KW-2027-101": (
        "tabel.html", "post-hbo", 30, "640.00", 16, ("2027-10-05", "2027-11-02"),
        ["2027-10-05", "2027-10-19", "2027-11-02"],
    ),
    "KW-2027-102": (
        "definitielijst.html", "consultatie", 80, "2150.00", 12, ("2027-04-05", "2027-06-14"), [],
    ),
    "KW-2027-103": (
        "vetgedrukt.html", "innovatie", 40, "1250.50", 18, ("2027-10-05", "2027-11-09"),
        ["2027-10-05", "2027-11-09"],
    ),
    "KW-2027-104": ("labels.html", "post-hbo", 24, "0.00", 14, ("2027-01-12", "2027-01-12"), []),
    "KW-2027-105": ("lijst.html", "post-hbo", 48, "895.00", 15, ("2027-11-03", "2027-12-15"), []),
    "KW-2027-106": (
        "een-regel.html", "consultatie", 20, "480.00", 10, ("2027-10-05", "2027-11-02"),
        ["2027-10-05", "2027-10-19", "2027-11-02"],
    ),
    "KW-2027-107": (
        "koppen.html", "post-hbo", 60, "1100.00", 20, ("2027-01-14", "2027-02-11"),
        ["2027-01-14", "2027-01-28", "2027-02-11"],
    ),
    "KW-2027-201": (
        "aanbod-voorjaar.html", "post-hbo", 16, "350.00", 12, ("2027-03-02", "2027-03-02"), [],
    ),
    "KW-2027-202": (
        "aanbod-voorjaar.html", "innovatie", 12, "275.00", 16, ("2027-03-16", "2027-03-16"), [],
    ),
    "KW-2027-203": (
        "aanbod-voorjaar.html", "consultatie", 8, "0.00", 8, ("2027-04-06", "2027-04-06"), [],
    ),
    "KW-2027-110": (
        "scripts.html", "innovatie", 28, "560.00", 14, ("2027-02-01", "2027-03-29"), [],
    ),
    "KW-2027-111": ("kapot.html", "post-hbo", 36, "720.00", None, None, []),
}  # fmt: skip
FORBIDDEN = (
    "<script",
    "onload",
    "onclick",
    "onmouseover",
    "onerror",
    "javascript:",
    "data:",
    "<iframe",
    "<svg",
    "<object",
    "<embed",
    "<form",
    "<input",
    "style=",
    "<font",
    "alert(",
)


@pytest.fixture(autouse=True)
def import_day():
    with time_machine.travel(IMPORT_DAY, tick=False):
        yield


@pytest.fixture
def legacy_site(tmp_path):
    folder = tmp_path / "oude-site"
    shutil.copytree(DATA, folder)
    return folder


def run(folder, provider, *extra) -> str:
    out = StringIO()
    name = provider if isinstance(provider, str) else provider.title
    call_command("import_catalogue", str(folder), "--provider", name, *extra, stdout=out)
    return out.getvalue()


def state() -> tuple:
    return (
        ProviderPage.objects.count(),
        CoursePage.objects.count(),
        Edition.objects.count(),
        Meeting.objects.count(),
        Revision.objects.count(),
        Collection.objects.count(),
    )


def test_each_layout_yields_its_courses_once_as_drafts(legacy_site, provider_a):
    output = run(legacy_site, provider_a)

    courses = list(CoursePage.objects.child_of(provider_a).specific())
    assert sorted(c.code for c in courses) == sorted(EXPECTED)  # each course once
    for course in courses:
        page, kind, hours, price, capacity, span, meeting_days = EXPECTED[course.code]
        assert (course.code, course.kind) == (course.code, kind)
        assert (course.code, course.study_load_hours) == (course.code, hours)
        assert (course.code, course.price) == (course.code, Decimal(price))
        assert not course.live and not course.revisions.filter(approved_go_live_at__isnull=False)
        if span is None:
            assert not course.editions.exists()
            continue
        edition = course.editions.get()
        assert (course.code, edition.capacity) == (course.code, capacity)
        assert (edition.start_date.isoformat(), edition.end_date.isoformat()) == span
        assert [m.date.isoformat() for m in edition.meetings.all()] == meeting_days
    assert not CoursePage.objects.live().exists()

    by_code = {c.code: c for c in courses}
    assert by_code["KW-2027-101"].title == "Werken met bewonersinitiatieven"
    assert by_code["KW-2027-101"].points_requested == Decimal("24")
    assert by_code["KW-2027-102"].points_requested == Decimal("70")
    meeting = by_code["KW-2027-106"].editions.get().meetings.first()
    assert (str(meeting.start_time), str(meeting.end_time), meeting.place) == (
        "13:30:00",
        "16:30:00",
        "Arnhem",
    )
    # Windows-1252 is read as such.
    assert by_code["KW-2027-103"].title == "Coöperatief organiseren met bewoners"
    assert "zo’n initiatief" in by_code["KW-2027-103"].summary
    # The facts are taken out of the description; the text around them stays.
    koppen = str(by_code["KW-2027-107"].body)
    assert "Omgevingswet moeten plannen" in koppen and "Voor wie" in koppen
    assert "KW-2027-107" not in koppen and "Amersfoort" not in koppen
    assert "Contact leggen met groepen jongeren" in str(by_code["KW-2027-105"].body)
    assert "Zwolle" not in str(by_code["KW-2027-105"].body)
    assert by_code["KW-2027-202"].summary.startswith("Nieuwe vormen van vrijwillige inzet")

    assert "Geïmporteerd: 12, bijgewerkt: 0, ongewijzigd: 0, overgeslagen: 3" in output
    assert "vervallen.html" in output and "bestand bestaat niet" in output
    assert "../buiten-de-site.html" in output and "verwijst buiten de map" in output


def test_nothing_executable_is_kept(legacy_site, provider_a):
    run(legacy_site, provider_a)
    for course in CoursePage.objects.specific():
        html = str(course.body).lower()
        for forbidden in FORBIDDEN:
            assert forbidden not in html, (course.code, forbidden)
    body = str(CoursePage.objects.get(code="KW-2027-110").body)
    assert "Nog 2 plaatsen vrij" not in body
    assert '<a href="https://www.wijkwerk.example/begroting">meer op onze site</a>' in body
    assert "het reglement" in body  # the text of a javascript: link stays, the link goes


def test_a_page_without_a_code_is_reported_with_what_was_found_on_it(legacy_site, provider_a):
    output = run(legacy_site, provider_a)
    line = next(line for line in output.splitlines() if line.startswith("zonder-code.html"))
    assert "overgeslagen" in line and "geen cursuscode gevonden" in line
    assert "Buurtbemiddeling voor beginners" in line
    assert "wel gevonden: Soort, Studiebelasting, Kosten" in line
    assert "niet herkend: Cursusnr." in line
    assert not CoursePage.objects.filter(title="Buurtbemiddeling voor beginners").exists()


def test_a_second_run_changes_nothing_and_a_third_only_what_changed(legacy_site, provider_a):
    run(legacy_site, provider_a)
    before = state()
    output = run(legacy_site, provider_a)
    assert state() == before
    assert "Geïmporteerd: 0, bijgewerkt: 0, ongewijzigd: 12, overgeslagen: 3" in output

    page = legacy_site / "lijst.html"
    page.write_text(page.read_text().replace("€ 895,-", "€ 925,-"))
    output = run(legacy_site, provider_a)
    assert "Geïmporteerd: 0, bijgewerkt: 1, ongewijzigd: 11" in output
    course = CoursePage.objects.get(code="KW-2027-105")
    assert course.get_latest_revision_as_object().price == Decimal("925.00")
    assert Revision.objects.count() == before[4] + 1
    assert CoursePage.objects.count() == before[1]


def test_a_code_met_twice_is_imported_once(legacy_site, provider_a):
    shutil.copy(legacy_site / "lijst.html", legacy_site / "lijst-oud.html")
    index = legacy_site / "index.html"
    index.write_text(index.read_text().replace("</body>", '<a href="lijst-oud.html">x</a></body>'))
    output = run(legacy_site, provider_a)
    assert CoursePage.objects.filter(code="KW-2027-105").count() == 1
    line = next(line for line in output.splitlines() if line.startswith("lijst-oud.html"))
    assert "overgeslagen" in line and "lijst.html" in line


def test_dry_run_writes_nothing(legacy_site, provider_a):
    before = state()
    output = run(legacy_site, provider_a, "--dry-run")
    assert "Geïmporteerd: 12" in output and "proefrun" in output
    assert state() == before

    output = run(legacy_site, "Stichting Buurtleren", "--create-provider", "--dry-run")
    assert "Aanbieder aangemaakt: Stichting Buurtleren" in output and "Geïmporteerd: 12" in output
    assert state() == before


def test_a_page_that_fails_leaves_nothing_behind(legacy_site, provider_a):
    # The end lies before the start: the edition is refused, and with it the whole course.
    page = legacy_site / "scripts.html"
    page.write_text(page.read_text().replace("1 februari 2027 t/m", "30 maart 2027 t/m"))
    output = run(legacy_site, provider_a)
    assert "KW-2027-110" in output
    assert not CoursePage.objects.filter(code="KW-2027-110").exists()
    assert CoursePage.objects.count() == len(EXPECTED) - 1


def test_an_unknown_provider_lists_the_ones_there_are(legacy_site, provider_a, provider_b):
    before = state()
    with pytest.raises(CommandError) as refused:
        run(legacy_site, "Bestaat niet")
    message = str(refused.value)
    assert "Onbekende aanbieder: Bestaat niet" in message
    assert "Hogeschool Buurtkracht, Kenniscentrum Wijkwerk" in message
    assert "--create-provider" in message
    assert state() == before


def test_create_provider_makes_it_with_its_collection_and_imports_into_it(legacy_site, catalogue):
    output = run(legacy_site, "Stichting Buurtleren", "--create-provider")
    provider = ProviderPage.objects.get(title="Stichting Buurtleren")
    assert "Aanbieder aangemaakt: Stichting Buurtleren" in output
    assert provider.collection is not None and provider.editors_group is not None
    assert provider.organisation.name == "Stichting Buurtleren"
    assert CoursePage.objects.child_of(provider).count() == len(EXPECTED)

    # Made once: the next run finds it, with or without the option.
    output = run(legacy_site, "stichting buurtleren", "--create-provider")
    assert "Aanbieder aangemaakt" not in output and "ongewijzigd: 12" in output
    assert ProviderPage.objects.filter(title="Stichting Buurtleren").count() == 1


def test_a_folder_without_index_is_refused(tmp_path, provider_a):
    with pytest.raises(CommandError, match="Geen index.html"):
        run(tmp_path, provider_a)


# --- Reading pages and values ------------------------------------------------------------------

TODAY = dt.date(2026, 12, 7)


def read(html: str):
    return read_course_pages(html, "pagina.html", today=TODAY)


def test_facts_in_list_items_separated_by_slashes_and_bars():
    [course] = read(
        "<h1>Wijkgericht werken</h1><ul><li>Code: WW-1 / Soort: post-HBO / Plaats: Ede</li>"
        "<li>Data: 5 oktober 2027 | Kosten: € 640,- | Studiebelasting: 30 uur</li></ul>"
    )
    assert (course.code, course.kind, course.place) == ("WW-1", "post-hbo", "Ede")
    assert (course.price, course.study_load_hours) == (Decimal("640.00"), 30)
    assert course.dates == [dt.date(2027, 10, 5)]


def test_several_courses_under_headings_of_one_page():
    first, second = read(
        "<h1>Aanbod</h1>"
        "<h2>Eerste cursus</h2><p>Code: A-1; Soort: innovatie</p><p>Over de eerste.</p>"
        "<h2>Tweede cursus</h2><p><b>Code:</b> A-2<br><b>Soort:</b> consultatie</p><p>Over de "
        "tweede.</p>"
    )
    assert (first.code, first.title, first.kind) == ("A-1", "Eerste cursus", "innovatie")
    assert (second.code, second.title, second.kind) == ("A-2", "Tweede cursus", "consultatie")
    assert "Over de eerste" in first.description and "tweede" not in first.description


def test_dutch_values_are_read_as_written():
    assert parse_price("€ 640,-") == Decimal("640.00")
    assert parse_price("EUR 2.150") == Decimal("2150.00")
    assert parse_price("€ 1.250,50") == Decimal("1250.50")
    assert parse_price("gratis") == Decimal("0.00")
    assert parse_price("2 dagen, € 300,- per persoon") == Decimal("300.00")
    assert parse_hours("30 uur") == 30 and parse_hours("80 SBU") == 80
    assert (
        parse_hours("8 bijeenkomsten van 3 uur, totaal 24 contacturen en 36 uur zelfstudie") == 60
    )
    assert parse_capacity("max. 18") == 18
    assert parse_capacity("maximaal 12 deelnemers") == 12
    assert decode_html("Thema’s".encode("cp1252") + b" in de wijk, co\xf6peratief").startswith(
        "Thema’s"
    )


def test_dates_are_read_in_the_usual_dutch_ways():
    dates = parse_dates("5 oktober 2026, 05-10-2026 en 5/10/2026; 12 okt. 2026", today=TODAY)
    assert [d.isoformat() for d in dates] == [
        "2026-10-05",
        "2026-10-05",
        "2026-10-05",
        "2026-10-12",
    ]
    assert parse_date_range("05-10-2026 t/m 14-12-2026", today=TODAY) == (
        dt.date(2026, 10, 5),
        dt.date(2026, 12, 14),
    )
    assert parse_date_range("5/10/2027 en 9/11/2027, 13.00 - 17.00 uur", today=TODAY) is None


def test_a_date_without_a_year_is_the_next_such_day():
    # From the import day on, and each one after the one before it, across New Year too.
    assert parse_dates("ma 5 okt.", today=TODAY) == [dt.date(2027, 10, 5)]
    assert parse_dates("ma 14 dec. · ma 11 jan.", today=TODAY) == [
        dt.date(2026, 12, 14),
        dt.date(2027, 1, 11),
    ]
    assert parse_dates("7 december", today=TODAY) == [TODAY]
    assert parse_dates("29 februari", today=TODAY) == [dt.date(2028, 2, 29)]


# --- Limits: what no real page needs is refused with a message --------------------------------

COURSE_PAGE = (
    "<html><head><title>{title}</title></head><body><h1>{title}</h1>"
    "<p>Code: {code}</p><p>Soort: post-hbo</p><p>Data: 1 februari 2027</p>{extra}</body></html>"
)


def _site(folder: Path, pages: dict[str, str]) -> Path:
    folder.mkdir()
    links = "".join(f'<a href="{name}">{name}</a>' for name in pages)
    (folder / "index.html").write_text(f"<html><body>{links}</body></html>")
    for name, html in pages.items():
        (folder / name).write_bytes(html.encode("utf-8") if isinstance(html, str) else html)
    return folder


def test_a_page_too_large_or_nested_too_deep_is_refused_and_the_rest_imported(tmp_path, provider_a):
    from courses.legacy_import.pages import MAX_DEPTH, MAX_PAGE_BYTES

    deep = MAX_DEPTH + 1
    site = _site(
        tmp_path / "site",
        {
            "groot.html": COURSE_PAGE.format(
                title="Groot", code="GR-1", extra="<p>" + "x" * MAX_PAGE_BYTES + "</p>"
            ),
            # A nesting that takes a tree builder minutes, measured in one pass and refused.
            "diep.html": COURSE_PAGE.format(
                title="Diep", code="DP-1", extra="<div>" * deep + "x" + "</div>" * deep
            ),
            # Unclosed paragraphs and list items are old HTML, not depth.
            "open.html": COURSE_PAGE.format(
                title="Open", code="OP-1", extra="<p>tekst" * 400 + "<ul>" + "<li>punt" * 400
            ),
        },
    )
    output = run(site, provider_a)
    assert "te groot: een pagina mag hoogstens 1000 kB zijn" in output
    assert f"elementen te diep genest: meer dan {MAX_DEPTH} niveaus" in output
    assert list(CoursePage.objects.values_list("code", flat=True)) == ["OP-1"]


def test_an_import_reads_at_most_so_many_pages(tmp_path, provider_a, monkeypatch):
    from courses.legacy_import import importing

    monkeypatch.setattr(importing, "MAX_PAGES", 3)
    site = _site(
        tmp_path / "site",
        {
            f"c{i}.html": COURSE_PAGE.format(title=f"Cursus {i}", code=f"C-{i}", extra="")
            for i in range(5)
        },
    )
    output = run(site, provider_a)
    # index.html and two course pages are read; three pages are reported as not read.
    assert "3 pagina's niet gelezen: een import leest hoogstens 3 pagina's" in output
    assert CoursePage.objects.count() == 2


def test_control_characters_impossible_dates_and_capacities_are_not_kept(tmp_path, provider_a):
    site = _site(
        tmp_path / "site",
        {
            "nul.html": COURSE_PAGE.format(
                title="Buurt\x00werk\x07 in de wijk",
                code="NU\x00L-1",
                extra="<p>Data: 1-1-0001, 31-12-9999</p><p>Deelnemers: max. 2147483648</p>",
            )
        },
    )
    run(site, provider_a)
    course = CoursePage.objects.get()
    assert course.title == "Buurtwerk in de wijk"
    assert course.code == "NUL-1"
    # Only the real date of the page is an edition; no year 1 or 9999, no absurd capacity.
    assert [e.start_date for e in Edition.objects.all()] == [dt.date(2027, 2, 1)]
    assert parse_dates("1-1-0001 en 31-12-9999 en 5-10-1989", today=TODAY) == []
    assert parse_capacity("max. 2147483648") is None
    assert parse_capacity("maximaal 12 deelnemers") == 12
