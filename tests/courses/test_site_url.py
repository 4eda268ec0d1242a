"""Every absolute address the site hands out is on ``SITE_URL``, whatever host a request came
in on: certificates and their credentials, e-mails, calendar feeds, the API, and the Site
records ``seed_demo`` sets."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.contrib.sites.models import Site as DjangoSite
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import Site

from cms.demo import site_address_apply
from courses.certificates import certificate_context, credential_for, qr_data_uri
from courses.services import calendar_feed_reset, completion_create
from lms.accounts.models import OutboundEmail
from mentoring import services as mentoring_services
from tests.mentoring.factories import TrajectoryFactory

from .factories import AccreditationDecisionFactory, course_ran, enrol

pytestmark = pytest.mark.django_db

SITE = "http://example.test:18201"
# Requests arrive on another host than SITE_URL names, as behind a proxy or on a test server.
OTHER_HOST = {"HTTP_HOST": "127.0.0.1:8000"}
# Addresses of standards (JSON-LD contexts, schemas), not of this site.
STANDARDS = ("https://www.w3.org/", "https://purl.imsglobal.org/")


def _addresses(value) -> list[str]:
    """Every absolute address anywhere in a JSON-like value."""
    if isinstance(value, dict):
        return [a for v in value.values() for a in _addresses(v)]
    if isinstance(value, list):
        return [a for v in value for a in _addresses(v)]
    if isinstance(value, str) and "://" in value:
        return [value]
    return []


@pytest.fixture
def completion(edition, junior, editor_a):
    AccreditationDecisionFactory(course=edition.course, points_granted=Decimal("8"))
    enrolment = enrol(edition, junior)
    course_ran(edition)
    return completion_create(enrolment=enrolment, actor=editor_a, reason="Klaar")


@override_settings(SITE_URL=SITE)
def test_certificate_qr_code_and_credential_are_on_site_url(completion):
    context = certificate_context(completion)
    verify = SITE + reverse("courses:verify", args=[completion.verification_code])
    assert context["verify_url"] == verify
    assert context["qr"] == qr_data_uri(verify)

    credential = credential_for(completion)
    assert credential["issuer"]["id"] == SITE + "/"
    assert credential["id"] == verify
    assert credential["credentialStatus"]["statusListCredential"].startswith(SITE + "/")
    assert credential["credentialSubject"]["achievement"]["id"].startswith(SITE + "/")
    own = [a for a in _addresses(credential) if not a.startswith(STANDARDS)]
    assert own and all(a.startswith(SITE + "/") for a in own), own


@override_settings(SITE_URL=SITE)
def test_email_links_are_on_site_url(client, junior, django_capture_on_commit_callbacks):
    # allauth's password reset, which would take the request's host.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": junior.email}, **OTHER_HOST)
    links = re.findall(r"https?://\S+", mail.outbox[-1].body)
    assert any("/accounts/password/reset/key/" in link for link in links)
    assert all(link.startswith(SITE + "/") for link in links), links
    assert "example.test:18201" in mail.outbox[-1].body.replace(SITE, "")  # the footer
    # The platform's own e-mail: a logged session the junior is asked to confirm.
    trajectory = TrajectoryFactory(junior=junior)
    session = mentoring_services.coaching_session_log(
        actor=trajectory.senior,
        trajectory=trajectory,
        starts_at=timezone.now() - dt.timedelta(days=1),
        duration_minutes=60,
        mode="online",
    )
    body = OutboundEmail.objects.get(key=f"coaching-logged:{session.pk}").body
    assert SITE + reverse("mentoring:session_detail", args=[session.pk]) in body


@override_settings(SITE_URL=SITE)
def test_calendar_feeds_and_their_addresses_are_on_site_url(client, edition, junior):
    course_url = SITE + edition.course.url
    response = client.get(reverse("courses:edition_ical", args=[edition.pk]), **OTHER_HOST)
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert events
    for event in events:
        assert str(event["uid"]).endswith("@example.test")
        assert course_url in str(event["description"])
    assert course_url in {str(event["url"]) for event in events}

    enrol(edition, junior)
    feed = calendar_feed_reset(person=junior)
    path = reverse("courses:personal_calendar", args=[feed.token])
    client.force_login(junior)
    assert SITE + path in client.get(reverse("dashboard:home"), **OTHER_HOST).content.decode()
    events = Calendar.from_ical(client.get(path, **OTHER_HOST).content).walk("VEVENT")
    assert events and all(str(e["uid"]).endswith("@example.test") for e in events)

    trajectory = TrajectoryFactory(junior=junior)
    mentoring_services.coaching_session_plan(
        actor=trajectory.senior,
        trajectory=trajectory,
        starts_at=timezone.now() + dt.timedelta(days=3),
        duration_minutes=60,
        mode="online",
    )
    token = mentoring_services.practitioner_profile_get_or_create(user=junior).calendar_token
    path = reverse("mentoring:calendar", args=[token])
    assert SITE + path in client.get(reverse("mentoring:junior"), **OTHER_HOST).content.decode()
    [event] = Calendar.from_ical(client.get(path, **OTHER_HOST).content).walk("VEVENT")
    assert str(event["uid"]).endswith("@example.test")


@override_settings(SITE_URL=SITE)
def test_api_html_url_is_on_site_url(client, edition):
    course = edition.course
    listing = client.get("/api/v2/courses/", **OTHER_HOST).json()
    [item] = [i for i in listing["items"] if i["id"] == course.pk]
    assert item["meta"]["html_url"] == SITE + course.url
    detail = client.get(f"/api/v2/pages/{course.pk}/", **OTHER_HOST).json()
    assert detail["meta"]["html_url"] == SITE + course.url


def test_seed_demo_serves_the_sites_on_site_url(site, settings):
    settings.SITE_URL = SITE
    site_address_apply()
    default = Site.objects.get(is_default_site=True)
    assert (default.hostname, default.port) == ("example.test", 18201)
    assert DjangoSite.objects.get_current().domain == "example.test:18201"
    assert default.root_page.full_url == SITE + "/"
