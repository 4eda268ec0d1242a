"""The export holds the practitioner's data from every app, hides what is not theirs to read
and never carries secrets; one query per model whatever the number of rows."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from lms.privacy.registry import REGISTRY
from lms.privacy.services import personal_data_export
from tests.privacy.conftest import PDF

pytestmark = pytest.mark.django_db


def _rows(export, key):
    return export["gegevens"][key]["rijen"]


def test_every_registry_model_has_its_key_and_the_export_is_json(dossier):
    export = personal_data_export(user=dossier.junior)
    assert set(export["gegevens"]) == {entry.key for entry in REGISTRY}
    assert json.loads(json.dumps(export)) == export
    assert export["persoon"]["email"] == dossier.email


def test_the_export_holds_data_from_every_app(dossier):
    export = personal_data_export(user=dossier.junior)
    (me,) = _rows(export, "accounts.user")
    assert me["email"] == dossier.email
    assert me["groups"] == ["Junior opbouwwerker"]
    assert _rows(export, "accounts.profile")[0]["organisation"]
    # Learning: enrolments, completions with points, outside activities, reflections.
    assert len(_rows(export, "courses.completion")) == 2
    assert {r["points"] for r in _rows(export, "courses.completion")} == {"60.0"}
    titles = {r["title"] for r in _rows(export, "courses.outsideactivity")}
    assert titles == {"Studiedag participatie", "Congres wijkaanpak"}
    assert _rows(export, "courses.reflection")[0]["text"].startswith("In mijn wijk")
    assert len(_rows(export, "courses.attendance")) == 1
    # Coaching and practice.
    sessions = _rows(export, "mentoring.coachingsession")
    assert len(sessions) == 10
    assert sessions[0]["summary"] == "Besproken: de buurtmaaltijd."
    assert len(_rows(export, "mentoring.practicemonth")) == 37
    assert _rows(export, "mentoring.goal")[0]["description"] == "Netwerk in de wijk versterken"
    # The register: application, decision, votes, registration.
    (application,) = _rows(export, "register.registerapplication")
    assert application["reflections"]["strategisch"].startswith("Advies aan de gemeente")
    assert _rows(export, "register.ballotagedecision")[0]["outcome"] == "positive"
    assert len(_rows(export, "register.ballotagevote")) == 3
    assert _rows(export, "register.registration")[0]["number"] == dossier.registration.number
    # Sign-in and the traces others left about the account.
    assert _rows(export, "account.emailaddress")[0]["email"] == dossier.email
    assert len(_rows(export, "axes.accessattempt")) == 1
    assert [r["id"] for r in _rows(export, "mentoring.matchingrun")] == [dossier.run.pk]
    assert [r["id"] for r in _rows(export, "admin.logentry")] == [dossier.log.pk]


def test_the_export_leaves_out_secrets_and_what_others_keep_private(dossier):
    export = personal_data_export(user=dossier.junior)
    text = json.dumps(export)
    assert "password" not in _rows(export, "accounts.user")[0]
    assert dossier.junior.password not in text
    assert "JBSWY3DPEHPK3PXP" not in text
    assert "token" not in _rows(export, "courses.calendarfeed")[0]
    # The senior's own note about the junior, and who cast which vote.
    assert "Twijfelt over de baan." not in text
    assert all("private_note" not in r for r in _rows(export, "mentoring.coachingsession"))
    assert all("assignment" not in r for r in _rows(export, "register.ballotagevote"))
    for member in dossier.college:
        assert member.email not in text


def test_a_row_the_person_only_acted_on_shows_when_not_what(dossier):
    export = personal_data_export(user=dossier.editor)
    (mark,) = _rows(export, "courses.attendance")
    assert set(mark) == {"id", "rol", "marked_at"}
    assert mark["rol"] == ["vastgelegd door jou"]


def test_the_senior_reads_their_own_notes(dossier):
    export = personal_data_export(user=dossier.trajectory.senior)
    notes = {r["private_note"] for r in _rows(export, "mentoring.coachingsession")}
    assert notes == {"Twijfelt over de baan."}


def _archive(client, user):
    client.force_login(user)
    response = client.get(reverse("privacy:export_zip"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="mijn-gegevens-')
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_zip_holds_the_export_and_the_persons_own_files(client, dossier):
    archive = _archive(client, dossier.junior)
    export = json.loads(archive.read("gegevens.json"))
    expected = personal_data_export(user=dossier.junior)
    assert export["gegevens"] == json.loads(json.dumps(expected["gegevens"]))
    files = [name for name in archive.namelist() if name.startswith("bestanden/")]
    folders = sorted(name.split("/")[1] for name in files)
    # Two pieces of evidence, the application's portfolio and the reflection's file.
    assert folders == [
        "courses.outsideactivity",
        "courses.outsideactivity",
        "courses.reflection",
        "register.applicationdocument",
    ]
    assert all(archive.read(name) == PDF for name in files)
    assert f"bestanden/courses.outsideactivity/{dossier.accepted.pk}-" in " ".join(files)


def test_the_zip_of_who_only_acted_on_rows_holds_none_of_their_files(client, dossier):
    archive = _archive(client, dossier.office)
    assert not [name for name in archive.namelist() if name.startswith("bestanden/")]


def test_a_file_missing_from_storage_is_named_and_the_rest_still_comes(client, dossier):
    gone = dossier.pending.evidence.name
    dossier.pending.evidence.storage.delete(gone)
    archive = _archive(client, dossier.junior)
    assert archive.read("bestanden/ontbreekt.txt").decode() == f"{gone}\n"
    assert len([n for n in archive.namelist() if n.endswith(".pdf")]) == 3
