"""The privacy pages under /mijn/privacy/: login required, the JSON download, the readable
page, and erasure confirmed with the e-mail address and the password."""

import io
import json
import zipfile
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import Reflection
from lms.accounts.models import Role, User
from lms.accounts.services import conflict_declare
from lms.privacy.models import ErasureRecord
from lms.privacy.registry import REGISTRY
from mentoring.models import Trajectory
from tests.factories import person
from tests.register.factories import completion, edition

pytestmark = pytest.mark.django_db

ERASE = reverse("privacy:erase")


@pytest.mark.parametrize(
    "name", ["privacy:overview", "privacy:export_json", "privacy:export_html", "privacy:erase"]
)
def test_anonymous_visitors_are_sent_to_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("account_login")


def test_the_start_page_links_to_the_privacy_page(client, junior):
    client.force_login(junior)
    assert reverse("privacy:overview") in client.get(reverse("dashboard:home")).content.decode()


def test_the_overview_explains_what_is_kept_and_why(client, junior):
    client.force_login(junior)
    page = client.get(reverse("privacy:overview")).content.decode()
    assert "Mijn gegevens en privacy" in page
    assert "Bevestigde coachingsuren gaan volgens de registerregels nooit verloren" in page
    assert reverse("privacy:export_json") in page
    assert reverse("privacy:erase") in page


def test_the_json_download_is_an_attachment_with_the_persons_data(client, dossier):
    client.force_login(dossier.junior)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("privacy:export_json"))
    # Hundreds of rows over dozens of models, still about one query per model.
    assert len(captured) <= len(REGISTRY) + 15, len(captured)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="mijn-gegevens-')
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["persoon"]["email"] == dossier.email
    assert len(data["gegevens"]["courses.completion"]["rijen"]) == 2


def test_the_readable_page_shows_the_same_data_in_dutch(client, dossier):
    client.force_login(dossier.junior)
    page = client.get(reverse("privacy:export_html")).content.decode()
    assert "<h1>Mijn gegevens</h1>" in page
    assert "Afrondingen" in page
    assert dossier.registration.number in page
    assert "Studiedag participatie" in page
    assert "Twijfelt over de baan." not in page  # the senior's own note


def test_the_export_costs_the_same_queries_for_few_and_many_rows(client, provider):
    """One query per model: a practitioner with one completion costs what one with five does,
    and the whole export stays within a query or two per model of the registry."""

    def queries_for(rows: int) -> int:
        someone = person(Role.JUNIOR)
        for _ in range(rows):
            completion(who=someone, on_edition=edition(provider=provider), on=timezone.localdate())
        client.force_login(someone)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("privacy:export_json")).status_code == 200
        return len(captured)

    queries_for(0)  # caches (content types, the site) fill on the first request
    few, many = queries_for(1), queries_for(5)
    assert few == many
    assert many <= 2 * len(REGISTRY) + 10


def test_a_wrong_confirmation_changes_nothing(client, dossier):
    client.force_login(dossier.junior)
    page = client.get(ERASE).content.decode()
    assert "Typ je e-mailadres ter bevestiging" in page
    response = client.post(ERASE, {"email": "iemand@example.org", "understood": "on"})
    assert response.status_code == 200
    assert "Dit is niet het e-mailadres van je account." in response.content.decode()
    response = client.post(ERASE, {"email": dossier.email})
    assert response.status_code == 200
    assert not ErasureRecord.objects.exists()
    assert User.objects.get(pk=dossier.junior.pk).is_active
    assert Reflection.objects.filter(pk=dossier.reflection.pk).exists()


def test_erasure_asks_for_the_password_then_erases_and_logs_out(
    client, dossier, password, django_capture_on_commit_callbacks
):
    client.force_login(dossier.junior)
    confirm = {"email": dossier.email.upper(), "understood": "on"}
    response = client.post(ERASE, confirm)
    assert response.status_code == 302
    reauthenticate = reverse("account_reauthenticate")
    assert urlsplit(response["Location"]).path == reauthenticate
    assert not ErasureRecord.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reauthenticate, {"password": password, "next": ERASE})
    assert response.status_code == 302
    assert response["Location"] == reverse("privacy:erased")
    assert ErasureRecord.objects.filter(user=dossier.junior).exists()
    assert not User.objects.get(pk=dossier.junior.pk).is_active
    page = client.get(response["Location"]).content.decode()
    assert "Je gegevens zijn verwijderd" in page
    # Logged out: the private pages send the visitor to the login page again.
    assert client.get(reverse("privacy:overview")).status_code == 302


def test_a_wrong_password_erases_nothing(client, dossier):
    client.force_login(dossier.junior)
    client.post(ERASE, {"email": dossier.email, "understood": "on"})
    response = client.post(
        reverse("account_reauthenticate"), {"password": "niet-mijn-wachtwoord", "next": ERASE}
    )
    assert response.status_code == 200
    assert not ErasureRecord.objects.exists()
    assert User.objects.get(pk=dossier.junior.pk).is_active


def test_what_must_be_settled_first_is_shown_instead_of_the_form(client, dossier):
    Trajectory.objects.filter(pk=dossier.trajectory.pk).update(status="active")
    client.force_login(dossier.junior)
    page = client.get(ERASE).content.decode()
    assert "Je buddytraject loopt nog." in page
    assert "Typ je e-mailadres" not in page
    response = client.post(ERASE, {"email": dossier.email, "understood": "on"})
    assert response.status_code == 200
    assert not ErasureRecord.objects.exists()


REASON = "Ruzie over de buurtkrant."


def _everything_given(client, user) -> list[str]:
    """The JSON download, the readable page and the ZIP's JSON, as ``user`` gets them."""
    client.force_login(user)
    given = [
        client.get(reverse(name)).content.decode()
        for name in ("privacy:export_json", "privacy:export_html")
    ]
    response = client.get(reverse("privacy:export_zip"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    given.append(archive.read("gegevens.json").decode())
    return given


def test_the_reason_of_a_conflict_is_for_whoever_declared_it(client):
    declarer, other = person(Role.SENIOR), person(Role.JUNIOR)
    conflict_declare(actor=declarer, person=declarer, other=other, reason=REASON)
    # The other person's export lists the conflict, as the conflicts page does, without why.
    for given in _everything_given(client, other):
        assert str(declarer) in given
        assert REASON not in given
    assert all(REASON in given for given in _everything_given(client, declarer))


def test_a_conflict_the_office_recorded_shows_neither_person_its_reason(client):
    office, first, second = person(Role.REGISTER_OFFICE), person(Role.JUNIOR), person(Role.SENIOR)
    conflict_declare(actor=office, person=first, other=second, reason=REASON)
    for someone in (first, second):
        assert not any(REASON in given for given in _everything_given(client, someone))
    # The office reads it on the conflicts page; its own export is about itself, and shows
    # only when it recorded and decided the conflict and from when it binds.
    client.force_login(office)
    assert REASON in client.get(reverse("conflicts")).content.decode()
    (row,) = json.loads(_everything_given(client, office)[0])["gegevens"][
        "accounts.conflictofinterest"
    ]["rijen"]
    assert set(row) == {"id", "rol", "declared_at", "decided_at", "binds_from"}
