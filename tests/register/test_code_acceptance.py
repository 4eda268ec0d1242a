"""Applying and renewing accept the beroepscode in force: recorded with the application,
refused without it (nothing written), and named in the dossier the College and office read."""

import datetime as dt
import io

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from cms.models import CodeVersion
from lms.accounts.models import Role
from register.models import CodeAcceptance, RegisterApplication
from register.services import register_application_submit
from tests.cms.factories import code_in_force, code_version
from tests.factories import person

from .factories import make_eligible

pytestmark = pytest.mark.django_db

REFLECTIONS = {
    "zelfredzaamheid": "Bewoners zelf.",
    "strategisch": "Advies gemeente.",
    "sociaal_organisatorisch": "Samenwerking.",
}


@pytest.fixture
def applicant(provider, attester):
    who = person(Role.JUNIOR)
    make_eligible(who=who, today=timezone.localdate(), provider=provider, attester=attester)
    return who


def _form(version: CodeVersion | None, *, tick=True) -> dict:
    data = {f"reflection_{k}": v for k, v in REFLECTIONS.items()}
    if version is not None:
        data["code_version"] = version.label
    if tick:
        data["accept_code"] = "on"
    return data


def _nothing_written():
    assert not RegisterApplication.objects.exists()
    assert not CodeAcceptance.objects.exists()


def test_applying_records_the_acceptance_of_the_version_in_force(applicant):
    version = code_in_force()
    application = register_application_submit(
        actor=applicant, reflections=REFLECTIONS, code_version=version
    )
    acceptance = CodeAcceptance.objects.get()
    assert (acceptance.person, acceptance.version, acceptance.application) == (
        applicant,
        version,
        application,
    )


def test_applying_without_accepting_is_refused_and_writes_nothing(applicant):
    with pytest.raises(ValidationError, match="Aanvaard de beroepscode versie 2026.1"):
        register_application_submit(actor=applicant, reflections=REFLECTIONS, code_version=None)
    _nothing_written()


def test_accepting_a_version_no_longer_in_force_is_refused(applicant):
    old = CodeVersion.objects.get(label="2024.1")
    with pytest.raises(ValidationError, match="Sinds 01-01-2026 geldt versie 2026.1"):
        register_application_submit(actor=applicant, reflections=REFLECTIONS, code_version=old)
    _nothing_written()


def test_the_page_asks_for_the_tick_and_refuses_without_it(client, applicant):
    client.force_login(applicant)
    page = BeautifulSoup(client.get(reverse("register:apply")).content, "html.parser")
    box = page.find("input", attrs={"name": "accept_code", "type": "checkbox"})
    assert page.find("label", attrs={"for": box["id"]}).get_text(strip=True) == (
        "Ik aanvaard de beroepscode versie 2026.1"
    )
    assert page.find("a", href=reverse("code_version_pdf", args=["2026.1"]))
    response = client.post(reverse("register:apply"), _form(code_in_force(), tick=False))
    assert response.status_code == 200
    assert "Vink aan dat je de beroepscode versie 2026.1 aanvaardt." in response.content.decode()
    _nothing_written()


def test_a_version_shown_before_a_new_one_came_in_force_is_refused_on_the_page(client, applicant):
    client.force_login(applicant)
    stale = CodeVersion.objects.get(label="2024.1")
    response = client.post(reverse("register:apply"), _form(stale), follow=True)
    assert "geldt versie 2026.1 van de beroepscode" in response.content.decode()
    _nothing_written()
    # The form asks again, for the version in force, unticked.
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("input", attrs={"name": "code_version"})["value"] == "2026.1"
    assert not page.find("input", attrs={"name": "accept_code"}).has_attr("checked")
    assert page.find("textarea", attrs={"name": "reflection_strategisch"}).get_text().strip()


def test_without_a_version_in_force_applying_says_so(client, applicant):
    CodeVersion.objects.all().delete()
    client.force_login(applicant)
    response = client.get(reverse("register:apply"))
    assert response.status_code == 200
    assert "Er geldt nog geen beroepscode" in response.content.decode()
    response = client.post(reverse("register:apply"), _form(None), follow=True)
    assert response.status_code == 200
    assert "Er geldt nog geen beroepscode" in response.content.decode()
    _nothing_written()
    with pytest.raises(ValidationError, match="Er geldt nog geen beroepscode"):
        register_application_submit(actor=applicant, reflections=REFLECTIONS, code_version=None)


@pytest.mark.dates
def test_the_dossier_names_the_version_and_the_day_it_was_accepted(
    client, applicant, register_office
):
    client.force_login(applicant)
    client.post(reverse("register:apply"), _form(code_in_force()))
    application = RegisterApplication.objects.get()
    acceptance = CodeAcceptance.objects.get(application=application)
    day = timezone.localdate(acceptance.accepted_at).strftime("%d-%m-%Y")
    line = f"Beroepscode versie 2026.1 aanvaard op {day}"
    client.force_login(register_office)
    office = client.get(reverse("register:office_application", args=[application.pk]))
    assert line in BeautifulSoup(office.content, "html.parser").get_text()
    pdf = client.get(reverse("register:dossier", args=[application.pk]))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert line in " ".join(text.split())


def test_an_acceptance_belongs_to_one_application(applicant):
    application = register_application_submit(
        actor=applicant, reflections=REFLECTIONS, code_version=code_in_force()
    )
    other = code_version(label="2000.1", in_force_from=dt.date(2000, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        CodeAcceptance.objects.create(person=applicant, version=other, application=application)


@pytest.mark.dates
def test_the_status_page_tells_when_a_newer_version_came_in_force(client, applicant):
    register_application_submit(
        actor=applicant, reflections=REFLECTIONS, code_version=code_in_force()
    )
    client.force_login(applicant)
    assert "jij aanvaardde versie" not in client.get(reverse("register:my_status")).content.decode()
    today = timezone.localdate()
    code_version(label="2099.1", in_force_from=today)
    page = BeautifulSoup(client.get(reverse("register:my_status")).content, "html.parser")
    line = " ".join(page.select_one("p.notice").get_text(" ", strip=True).split())
    assert line.startswith(
        f"Sinds {today:%d-%m-%Y} geldt versie 2099.1 van de beroepscode; jij aanvaardde versie "
        "2026.1."
    )
