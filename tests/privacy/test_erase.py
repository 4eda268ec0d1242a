"""Erasure removes or pseudonymises everything about the person, keeps what the register must
keep, deletes private files after the commit, leaves other people's data alone and refuses,
changing nothing, while someone else still has to act."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from axes.models import AccessAttempt
from django.contrib.admin.models import LogEntry
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import storages

from courses.models import (
    Attendance,
    CalendarFeed,
    Completion,
    Enrolment,
    LessonProgress,
    OutsideActivity,
    Reflection,
)
from lms.accounts.models import ConflictOfInterest, OutboundEmail, Profile, Role, User
from lms.privacy.models import ErasureRecord
from lms.privacy.registry import PSEUDONYM_NAME
from lms.privacy.services import personal_data_erase, personal_data_export
from mentoring.models import (
    CoachingSession,
    Goal,
    MatchingRun,
    PracticeMonth,
    PractitionerProfile,
    Trajectory,
)
from register.models import (
    ApplicationDocument,
    BallotageDecision,
    BallotageVote,
    RegisterApplication,
    Registration,
)
from register.selectors import registrations_with_status
from tests.factories import person

pytestmark = pytest.mark.django_db

PRIVATE = storages["private"]


def _erase(dossier, django_capture_on_commit_callbacks, actor=None):
    with django_capture_on_commit_callbacks(execute=True):
        return personal_data_erase(user=dossier.junior, actor=actor or dossier.junior)


def test_the_account_becomes_a_pseudonym_that_cannot_sign_in(
    dossier, django_capture_on_commit_callbacks, password
):
    record = _erase(dossier, django_capture_on_commit_callbacks)
    user = User.objects.get(pk=dossier.junior.pk)
    assert user.get_full_name() == PSEUDONYM_NAME
    assert user.email == f"verwijderd-{user.pk}@verwijderd.invalid"
    assert not user.has_usable_password()
    assert (user.is_active, user.is_staff, user.is_superuser) == (False, False, False)
    assert not user.groups.exists()
    assert not user.check_password(password)
    assert record.pseudonym == f"verwijderd-{user.pk}"
    assert record.on_own_request
    assert record.summary["courses.reflection"] == {"delete": 1}
    # The record holds no personal data.
    assert dossier.email not in json.dumps(record.summary) + record.pseudonym
    assert not User.objects.filter(email__iexact=dossier.email).exists()


def test_what_the_register_must_keep_stays_under_the_pseudonym(
    dossier, django_capture_on_commit_callbacks
):
    junior = dossier.junior
    counts = {
        "completions": Completion.objects.filter(person=junior).count(),
        "attested": PracticeMonth.objects.filter(person=junior, status="attested").count(),
        "confirmed": CoachingSession.objects.filter(
            trajectory__junior=junior, status="confirmed"
        ).count(),
        "votes": BallotageVote.objects.filter(assignment__application__person=junior).count(),
    }
    _erase(dossier, django_capture_on_commit_callbacks)
    assert Completion.objects.filter(person=junior).count() == counts["completions"] == 2
    assert Attendance.objects.filter(enrolment__person=junior).count() == 1
    assert (
        PracticeMonth.objects.filter(person=junior, status="attested").count()
        == counts["attested"]
        == 36
    )
    assert not PracticeMonth.objects.filter(pk=dossier.submitted_month.pk).exists()
    sessions = CoachingSession.objects.filter(trajectory__junior=junior)
    assert sessions.filter(status="confirmed").count() == counts["confirmed"] == 10
    # Hours, dates and who confirmed stay; what was said does not.
    assert set(sessions.values_list("confirmed_by", flat=True)) == {junior.pk}
    assert set(sessions.values_list("summary", flat=True)) == {""}
    assert set(sessions.values_list("private_note", flat=True)) == {""}
    assert Trajectory.objects.filter(pk=dossier.trajectory.pk, junior=junior).exists()
    assert not Goal.objects.filter(pk=dossier.goal.pk).exists()
    # The ballotage and the register entry.
    assert BallotageVote.objects.filter(assignment__application__person=junior).count() == 3
    assert BallotageDecision.objects.filter(pk=dossier.decision.pk, outcome="positive").exists()
    application = RegisterApplication.objects.get(pk=dossier.application.pk)
    assert application.reflections == {}
    assert application.evaluation["eligible"] is True
    assert dossier.email not in application.ledger_csv
    assert f"verwijderd-{junior.pk}@verwijderd.invalid" in application.ledger_csv
    assert not ApplicationDocument.objects.filter(application=application).exists()
    registration = registrations_with_status().get(pk=dossier.registration.pk)
    assert registration.number == dossier.registration.number
    assert registration.current_status == Registration.Status.STRUCK_OFF
    assert registration.credential == ""
    assert registration.status_changes.last().changed_by is None


def test_everything_else_about_the_person_is_gone(dossier, django_capture_on_commit_callbacks):
    junior = dossier.junior
    _erase(dossier, django_capture_on_commit_callbacks)
    profile = Profile.objects.get(user=junior)
    assert (profile.organisation, profile.region, profile.line_manager) == (None, "", None)
    assert not PractitionerProfile.objects.filter(user=junior).exists()
    assert not Reflection.objects.filter(pk=dossier.reflection.pk).exists()
    assert not LessonProgress.objects.filter(enrolment__person=junior).exists()
    assert not CalendarFeed.objects.filter(person=junior).exists()
    assert not ConflictOfInterest.objects.filter(person=junior).exists()
    assert not EmailAddress.objects.filter(user=junior).exists()
    assert not Authenticator.objects.filter(user=junior).exists()
    assert not AccessAttempt.objects.filter(username__iexact=dossier.email).exists()
    assert not OutboundEmail.objects.filter(to__iexact=dossier.email).exists()
    accepted = OutsideActivity.objects.get(pk=dossier.accepted.pk)
    assert (accepted.points, accepted.evidence.name) == (dossier.accepted.points, "")
    assert not OutsideActivity.objects.filter(pk=dossier.pending.pk).exists()
    # The person's name in the office's matching result and in the admin log.
    run = MatchingRun.objects.get(pk=dossier.run.pk)
    assert run.result["unmatched"][0]["junior"] == {
        "id": junior.pk,
        "name": PSEUDONYM_NAME,
        "email": f"verwijderd-{junior.pk}@verwijderd.invalid",
    }
    log = LogEntry.objects.get(pk=dossier.log.pk)
    assert dossier.name not in log.object_repr + log.change_message
    # Nothing in the export of the pseudonym names the person any more.
    text = json.dumps(personal_data_export(user=User.objects.get(pk=junior.pk)))
    assert dossier.email not in text
    assert dossier.name not in text


def test_a_future_enrolment_is_withdrawn_and_the_waitlist_moves_up(
    dossier, django_capture_on_commit_callbacks
):
    _erase(dossier, django_capture_on_commit_callbacks)
    dossier.future_enrolment.refresh_from_db()
    dossier.waiting_enrolment.refresh_from_db()
    assert dossier.future_enrolment.status == Enrolment.Status.WITHDRAWN
    assert dossier.waiting_enrolment.status == Enrolment.Status.ENROLLED


def test_private_files_leave_storage_after_the_commit(dossier, django_capture_on_commit_callbacks):
    paths = [
        dossier.reflection.file.name,
        dossier.accepted.evidence.name,
        dossier.pending.evidence.name,
        *ApplicationDocument.objects.filter(application=dossier.application).values_list(
            "file", flat=True
        ),
    ]
    assert len(paths) == 4
    assert all(PRIVATE.exists(path) for path in paths)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        personal_data_erase(user=dossier.junior, actor=dossier.junior)
    # Until the transaction commits, the files are still there.
    assert all(PRIVATE.exists(path) for path in paths)
    for callback in callbacks:
        callback()
    assert not any(PRIVATE.exists(path) for path in paths)


def test_other_peoples_data_is_untouched(dossier, colleague, django_capture_on_commit_callbacks):
    senior = dossier.trajectory.senior
    before = personal_data_export(user=colleague.user)
    _erase(dossier, django_capture_on_commit_callbacks)
    after = personal_data_export(user=colleague.user)
    assert after["gegevens"] == before["gegevens"]
    assert PRIVATE.exists(colleague.activity.evidence.name)
    senior.refresh_from_db()
    assert senior.is_active and senior.get_full_name()
    assert EmailAddress.objects.filter(user=senior).exists()
    for member in dossier.college:
        assert BallotageVote.objects.filter(assignment__reviewer=member).count() == 1


def test_the_person_is_logged_out_everywhere(dossier, client, django_capture_on_commit_callbacks):
    client.force_login(dossier.junior)
    assert Session.objects.count() == 1
    _erase(dossier, django_capture_on_commit_callbacks)
    assert Session.objects.count() == 0


def test_the_register_office_may_erase_on_request_and_nobody_else(
    dossier, django_capture_on_commit_callbacks
):
    with pytest.raises(PermissionDenied):
        personal_data_erase(user=dossier.junior, actor=dossier.editor)
    record = _erase(dossier, django_capture_on_commit_callbacks, actor=dossier.office)
    assert (record.actor, record.on_own_request) == (dossier.office, False)
    change = dossier.registration.status_changes.order_by("changed_at", "pk").last()
    assert change.changed_by == dossier.office
    with pytest.raises(ValidationError, match="al verwijderd"):
        personal_data_erase(user=dossier.junior, actor=dossier.office)


def test_an_application_in_ballotage_refuses_erasure_and_changes_nothing(
    dossier, django_capture_on_commit_callbacks
):
    RegisterApplication.objects.filter(pk=dossier.application.pk).update(state="in_ballotage")
    before = personal_data_export(user=dossier.junior)
    with pytest.raises(ValidationError, match="aanvraag voor het register"):
        _erase(dossier, django_capture_on_commit_callbacks)
    after = personal_data_export(user=dossier.junior)
    before.pop("gemaakt_op"), after.pop("gemaakt_op")
    assert after == before
    assert not ErasureRecord.objects.exists()


def test_an_active_trajectory_and_unconfirmed_sessions_refuse_erasure(
    dossier, django_capture_on_commit_callbacks
):
    Trajectory.objects.filter(pk=dossier.trajectory.pk).update(status="active")
    CoachingSession.objects.filter(pk=dossier.trajectory.sessions.first().pk).update(
        status="awaiting", confirmed_by=None, confirmed_at=None
    )
    with pytest.raises(ValidationError) as refused:
        _erase(dossier, django_capture_on_commit_callbacks)
    messages = " ".join(refused.value.messages)
    assert "buddytraject loopt nog" in messages
    assert "wachten coachingsgesprekken" in messages
    assert User.objects.get(pk=dossier.junior.pk).is_active


def test_a_superuser_is_refused(db, django_capture_on_commit_callbacks):
    admin = person(Role.REGISTER_OFFICE)
    User.objects.filter(pk=admin.pk).update(is_superuser=True)
    admin.refresh_from_db()
    with pytest.raises(ValidationError, match="technisch beheerder"):
        personal_data_erase(user=admin, actor=admin)


def test_a_failure_half_way_leaves_everything_as_it_was(
    dossier, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("lms.privacy.services._user_pseudonymise", broken)
    with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True):
        personal_data_erase(user=dossier.junior, actor=dossier.junior)
    assert Reflection.objects.filter(pk=dossier.reflection.pk).exists()
    assert PRIVATE.exists(dossier.reflection.file.name)
    dossier.future_enrolment.refresh_from_db()
    assert dossier.future_enrolment.status == Enrolment.Status.ENROLLED
    assert registrations_with_status().get(pk=dossier.registration.pk).current_status == "active"
    assert User.objects.get(pk=dossier.junior.pk).email == dossier.email
    assert not ErasureRecord.objects.exists()
