"""The export holds the practitioner's data from every app, hides what is not theirs to read
and never carries secrets; one query per model whatever the number of rows."""

import json

import pytest

from lms.privacy.registry import REGISTRY
from lms.privacy.services import personal_data_export

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
    (application,) = _rows(export, "mentoring.registerapplication")
    assert application["reflections"]["strategisch"].startswith("Advies aan de gemeente")
    assert _rows(export, "mentoring.ballotagedecision")[0]["outcome"] == "positive"
    assert len(_rows(export, "mentoring.ballotagevote")) == 3
    assert _rows(export, "mentoring.registration")[0]["number"] == dossier.registration.number
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
    assert all("assignment" not in r for r in _rows(export, "mentoring.ballotagevote"))
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
