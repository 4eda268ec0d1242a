"""Certificates: the PDF, the public verification page, the Open Badges credential and its
place in the revocation status list."""

import json
from decimal import Decimal
from urllib.parse import urlsplit

import jsonschema
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from courses.services import completion_create, completion_revoke
from lms.openbadges import credential_verify
from tests.credentials.published import is_revoked, published_list
from tests.needs import data_file

from .factories import AccreditationDecisionFactory, course_ran, enrol

pytestmark = pytest.mark.django_db


@pytest.fixture
def completion(edition, junior, editor_a):
    AccreditationDecisionFactory(course=edition.course, points_granted=Decimal("16"))
    enrolment = enrol(edition, junior)
    course_ran(edition)
    return completion_create(enrolment=enrolment, actor=editor_a, reason="Klaar")


def test_owner_downloads_a_dutch_pdf_certificate(client, completion, junior):
    client.force_login(junior)
    response = client.get(reverse("courses:certificate_pdf", args=[completion.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_certificate_html_has_the_facts_and_a_qr_code(completion):
    from django.template.loader import render_to_string

    from courses.certificates import certificate_context

    html = render_to_string("courses/certificate_pdf.html", certificate_context(completion))
    assert completion.edition.course.title in html
    assert completion.verification_code in html
    assert "data:image/svg+xml;base64," in html
    assert "Geaccrediteerd" in html
    assert "16" in html


def test_someone_else_cannot_download_the_certificate(client, completion, senior):
    client.force_login(senior)
    assert client.get(reverse("courses:certificate_pdf", args=[completion.pk])).status_code == 404


def test_public_verification_page_shows_valid_then_revoked(client, completion, junior, editor_a):
    url = reverse("courses:verify", args=[completion.verification_code])
    page = client.get(url).content.decode()
    assert "Geldig" in page
    assert escape(junior.get_full_name()) in page
    assert junior.email not in page
    completion_revoke(completion=completion, actor=editor_a, reason="Onterecht afgerond.")
    page = client.get(url).content.decode()
    assert "Ingetrokken" in page
    assert "Onterecht afgerond." not in page
    assert escape(junior.get_full_name()) not in page
    assert junior.last_name not in page
    assert client.get(reverse("courses:verify", args=["ONBEKEND"])).status_code == 404


def test_open_badge_validates_against_the_schema_and_verifies_with_our_jwks(
    client, completion, junior
):
    client.force_login(junior)
    as_json = client.get(
        reverse("courses:certificate_credential", args=[completion.pk, "json"])
    ).json()
    token = client.get(
        reverse("courses:certificate_credential", args=[completion.pk, "jwt"])
    ).content.decode()
    schema = json.loads(
        data_file("openbadges", "ob_v3p0_achievementcredential_schema.json").read_text()
    )
    jsonschema.Draft201909Validator(schema).validate(as_json)
    key_set = client.get("/.well-known/jwks.json").json()
    claims = credential_verify(token, key_set)
    jsonschema.Draft201909Validator(schema).validate(
        {k: v for k, v in claims.items() if k not in {"iss", "jti", "sub", "nbf", "exp"}}
    )
    assert "OpenBadgeCredential" in claims["type"]
    subject = claims["credentialSubject"]
    assert subject["creditsEarned"] == 16.0
    assert subject["achievement"]["creator"]["name"] == completion.edition.course.provider.title
    status = claims["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry"
    assert status["statusPurpose"] == "revocation"
    assert as_json["credentialStatus"] == status


def test_a_credential_issued_in_the_morning_verifies_at_once(edition, junior, editor_a):
    import datetime as dt
    from zoneinfo import ZoneInfo

    import time_machine

    from courses.certificates import credential_jwt

    enrolment = enrol(edition, junior)
    course_ran(edition)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    morning = dt.datetime.combine(tomorrow, dt.time(8, 0), tzinfo=ZoneInfo("Europe/Amsterdam"))
    with time_machine.travel(morning, tick=False):
        completion = completion_create(enrolment=enrolment, actor=editor_a, reason="Klaar")
        claims = credential_verify(credential_jwt(completion))
    assert claims["nbf"] <= morning.timestamp()
    assert claims["sub"]


def test_revocation_sets_the_certificates_bit_and_the_list_names_nobody(
    client, completion, junior, editor_a
):
    client.force_login(junior)
    token = client.get(
        reverse("courses:certificate_credential", args=[completion.pk, "jwt"])
    ).content.decode()
    status = credential_verify(token)["credentialStatus"]
    assert not is_revoked(client, status)
    completion_revoke(completion=completion, actor=editor_a, reason="Onterecht.")
    assert is_revoked(client, status)
    published = client.get(urlsplit(status["statusListCredential"]).path).content.decode()
    for telling in (completion.verification_code, junior.email, junior.last_name):
        assert telling not in published
        assert telling not in json.dumps(published_list(client, status))


@pytest.mark.parametrize("fmt", ["pdf.exe", "html", "csv", 'json";x="', "JWT"])
def test_only_known_credential_formats_are_served(client, completion, junior, fmt):
    client.force_login(junior)
    url = reverse("courses:certificate_credential", args=[completion.pk, "jwt"])
    response = client.get(url.removesuffix("jwt") + fmt)
    assert response.status_code == 404
    assert "Content-Disposition" not in response
