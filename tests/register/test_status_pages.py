"""The register's pages as a person reads them: every number opens its rows, in Dutch, with why
a row does not count; the dossier in Dutch; the office's reports; and every screen follows a
change of the policy in force."""

import csv
import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from dateutil.relativedelta import relativedelta
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from lms.accounts.models import Role
from register.models import (
    RegisterApplication,
)
from register.services import register_application_submit, register_policy_create
from tests.cms.factories import code_in_force
from tests.courses.factories import EditionFactory
from tests.factories import person
from tests.mentoring.factories import TrajectoryFactory

from .factories import (
    attested_month,
    completion,
    confirmed_session,
    edition,
    make_eligible,
    months_back,
    registered,
)

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

INTERNAL_KEYS = (
    "completion",
    "outside_activity",
    "outside_activity_counted",
    "sociaal_organisatorisch",
    "post-hbo",
    "practice_month",
    "counts",
)


@pytest.fixture
def today():
    return timezone.localdate()


def _soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _rows(soup):
    return [
        [cell.get_text(" ", strip=True) for cell in tr.find_all("td")]
        for tr in soup.select("tbody tr")
    ]


def test_the_rows_behind_the_points_name_their_course_and_why_not(
    client, provider, attester, today
):
    junior = person(Role.JUNIOR)
    first = edition(provider=provider)
    again = EditionFactory(
        course=first.course,
        start_date=today - dt.timedelta(days=60),
        end_date=today - dt.timedelta(days=40),
    )
    completion(who=junior, on_edition=first, on=today - dt.timedelta(days=300), points="44")
    completion(who=junior, on_edition=again, on=today - dt.timedelta(days=35), points="44")
    completion(
        who=junior,
        on_edition=edition(provider=provider),
        on=today - relativedelta(years=6),
        points="20",
    )
    client.force_login(junior)
    soup = _soup(client.get(reverse("register:my_status_entries", args=["points"])))
    text = soup.get_text(" ")
    assert "Behaald: 44,0 van 120,0." in text
    rows = _rows(soup)
    course = first.course.title
    assert rows[0][2].startswith(course) and again.start_date.strftime("%d-%m-%Y") in rows[0][2]
    assert rows[0][5] == "ja"
    assert rows[1][5] == "nee: telt niet opnieuw mee: dezelfde cursus telt één keer"
    assert rows[2][5] == "nee: valt buiten de periode die telt"
    assert rows[1][3:5] == ["", "44,0"]
    # The parts of the total have Dutch names; no internal key is on the page.
    assert "punten uit afgeronde cursussen: 44,0" in text
    for key in INTERNAL_KEYS:
        assert not re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", text), key


def test_the_rows_behind_the_coaching_hours_name_date_and_senior(client, today):
    junior = person(Role.JUNIOR)
    trajectory = TrajectoryFactory(
        junior=junior,
        starts_on=today - dt.timedelta(days=400),
        planned_end_on=today + dt.timedelta(days=100),
    )
    day = today - dt.timedelta(days=10)
    confirmed_session(trajectory=trajectory, on=day, minutes=90)
    confirmed_session(trajectory=trajectory, on=day - dt.timedelta(days=1), status="awaiting")
    client.force_login(junior)
    soup = _soup(client.get(reverse("register:my_status_entries", args=["coaching_hours"])))
    rows = _rows(soup)
    assert rows[0][2] == f"gesprek van {day:%d-%m-%Y} met {trajectory.senior}"
    assert rows[0][3] == "1,5" and rows[0][5] == "ja"
    assert rows[1][5] == "nee: nog niet bevestigd"


def test_the_rows_are_paged(client, today):
    junior = person(Role.JUNIOR)
    trajectory = TrajectoryFactory(
        junior=junior,
        starts_on=today - dt.timedelta(days=400),
        planned_end_on=today + dt.timedelta(days=100),
    )
    for n in range(60):
        confirmed_session(trajectory=trajectory, on=today - dt.timedelta(days=1 + n), minutes=20)
    client.force_login(junior)
    url = reverse("register:my_status_entries", args=["coaching_hours"])
    first = _soup(client.get(url))
    assert len(_rows(first)) == 50
    assert "Behaald: 20,0 van 40,0." in first.get_text(" ")
    second = _soup(client.get(url + first.find("a", attrs={"rel": "next"})["href"]))
    assert len(_rows(second)) == 10


def test_an_unknown_requirement_is_not_found(client, junior):
    client.force_login(junior)
    assert client.get("/register/mijn-status/geheim/").status_code == 404


def test_a_registered_person_sees_and_applies_for_renewal(
    client, provider, attester, register_office, today
):
    practitioner = person(Role.SENIOR)
    registration = registered(practitioner, register_office, since=today - relativedelta(years=2))
    for month in months_back(today, 16):
        attested_month(who=practitioner, month=month, attester=attester)
    completion(who=practitioner, on_edition=edition(provider=provider), on=today, points="80")
    client.force_login(practitioner)
    soup = _soup(client.get(reverse("register:my_status")))
    text = soup.get_text(" ")
    assert "Eisen voor herregistratie" in text
    assert "Eisen voor inschrijving" not in text
    assert f"geldig tot en met {registration.valid_until:%d-%m-%Y}" in text
    assert soup.find("a", string="Herregistratie aanvragen")
    # The requirements table (the charts' tables below it list months).
    labels = [th.get_text(strip=True) for th in soup.find("table").select("tbody th[scope=row]")]
    assert labels == ["Punten uit geaccrediteerde scholing", "Geattesteerde praktijkuren"]
    charts = soup.find("section", attrs={"aria-labelledby": "progress-heading"})
    assert [h.get_text(strip=True) for h in charts.find_all("h3")] == labels

    application = register_application_submit(
        code_version=code_in_force(),
        actor=practitioner,
        reflections=dict.fromkeys(
            ("zelfredzaamheid", "strategisch", "sociaal_organisatorisch"), "Tekst."
        ),
    )
    assert application.kind == RegisterApplication.Kind.RENEWAL
    assert application.evaluation["kind"] == "renewal"


def test_the_dossier_is_dutch(client, provider, attester, today):
    junior = person(Role.JUNIOR)
    make_eligible(who=junior, today=today, provider=provider, attester=attester)
    application = register_application_submit(
        code_version=code_in_force(),
        actor=junior,
        reflections=dict.fromkeys(
            ("zelfredzaamheid", "strategisch", "sociaal_organisatorisch"), "Tekst."
        ),
    )
    client.force_login(junior)
    response = client.get(reverse("register:dossier", args=[application.pk]))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Geattesteerde praktijkuren" in text and "3.600,0" in text
    assert "Werkwijzen met genoeg uren" in text and "Sociaal-organisatorisch advies" in text
    assert "praktijkmaand" in text and "gesprek van" in text
    assert f"{timezone.localdate(application.submitted_at):%d-%m-%Y}" in text
    for raw in ("practice_month", "counts", "3000.0", "sociaal_organisatorisch", today.isoformat()):
        assert raw not in text, raw


def test_the_office_reports_follow_the_register(client, register_office, provider, attester, today):
    eligible = person(Role.JUNIOR)
    make_eligible(who=eligible, today=today, provider=provider, attester=attester)
    person(Role.JUNIOR)
    ending = person(Role.SENIOR)
    registered(
        ending, register_office, since=today - relativedelta(years=5) + relativedelta(months=2)
    )
    client.force_login(register_office)
    soup = _soup(client.get(reverse("register:reports")))
    text = soup.get_text(" ")
    assert "Registraties die binnenkort verlopen" in text and ending.get_full_name() in text
    response = client.get(reverse("register:report_csv", args=["eisen-voldaan"]))
    assert response["Content-Disposition"].startswith('attachment; filename="eisen-voldaan-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Eis", "Voldoen", "Opbouwwerkers"]
    everyone = {r[0]: (int(r[1]), int(r[2])) for r in rows[1:]}
    practitioners = everyone["Aan alle eisen"][1]
    assert everyone["Aan alle eisen"] == (1, practitioners)
    assert everyone["Bevestigde coachingsuren als junior"][0] == 1
    expiring = list(
        csv.reader(
            io.StringIO(
                client.get(
                    reverse("register:report_csv", args=["verlopen-binnenkort"])
                ).content.decode("utf-8-sig")
            )
        )
    )
    assert expiring[1][:2] == [
        f"OW-{(today - relativedelta(years=5) + relativedelta(months=2)).year}-{ending.pk:05d}",
        ending.get_full_name(),
    ]
    assert expiring[1][3] == "binnen 3 maanden"
    assert client.get("/register/registerbureau/rapportages/onbekend.csv").status_code == 404


def test_every_screen_follows_a_new_policy(
    client, provider, attester, register_office, today, tmp_path
):
    """The office raises the bar to 150 points and 50 coaching hours: the start page, the
    status page, the page behind a number, the report and the office's table all follow."""
    junior = person(Role.JUNIOR)
    make_eligible(who=junior, today=today, provider=provider, attester=attester)
    client.force_login(junior)
    assert "voldaan" in client.get(reverse("register:my_status")).content.decode()
    register_policy_create(
        actor=register_office,
        effective_from=today - dt.timedelta(days=1),
        points=Decimal("150"),
        coaching_hours=Decimal("50"),
    )
    for url in (reverse("dashboard:home"), reverse("register:my_status")):
        table = {
            row.find("th").get_text(strip=True): [
                c.get_text(" ", strip=True) for c in row.select("td.num")
            ]
            for row in _soup(client.get(url)).select("tbody tr")
            if row.find("th")
        }
        assert table["Punten uit geaccrediteerde scholing"][1].startswith("150,0"), url
        assert table["Bevestigde coachingsuren als junior"][1].startswith("50,0"), url
    page = _soup(client.get(reverse("register:my_status_entries", args=["coaching_hours"])))
    assert "Behaald: 40,0 van 50,0." in page.get_text(" ")
    assert "versie 2" in client.get(reverse("register:my_status")).content.decode()

    out = tmp_path / "report.csv"
    call_command("eligibility_report", on=today.isoformat(), out=str(out))
    with open(out, newline="") as handle:
        mine = {r["requirement"]: r for r in csv.DictReader(handle) if r["person"] == junior.email}
    assert (mine["points"]["required"], mine["points"]["met"]) == ("150.0", "false")
    assert (mine["coaching_hours"]["required"], mine["coaching_hours"]["met"]) == ("50.0", "false")

    client.force_login(register_office)
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("register:report_csv", args=["eisen-voldaan"])).content.decode()
            )
        )
    )
    assert {r[0]: r[1] for r in rows[1:]}["Aan alle eisen"] == "0"
