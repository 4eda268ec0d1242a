import datetime as dt
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from lms import openbadges
from lms.accounts.models import OutboundEmail, Role
from lms.accounts.services import conflict_declare
from mentoring.models import Trajectory
from register.models import (
    BallotageDecision,
    RegisterApplication,
    Registration,
    ReviewerAssignment,
)
from register.selectors import (
    register_summary,
    registrations_with_status,
    reviewers_offered,
    votes_visible_to,
)
from register.selectors.reports import registrations_expiring
from register.services import (
    ballotage_decide,
    ballotage_vote,
    objection_submit,
    register_application_check,
    register_application_submit,
    registration_create,
    registration_reminders_send,
    registration_status_change,
    registrations_expire,
    reviewer_recuse,
    reviewers_assign,
)
from tests.cms.factories import code_in_force
from tests.credentials.published import is_revoked
from tests.factories import person

from .factories import make_eligible

pytestmark = pytest.mark.django_db

REFLECTIONS = {
    "zelfredzaamheid": "Bewonersgroep zelf laten organiseren.",
    "strategisch": "Advies aan de gemeente over wijkbudget.",
    "sociaal_organisatorisch": "Samenwerking tussen drie instellingen opgezet.",
}


@pytest.fixture
def applicant(provider, attester, organisation):
    junior = person(Role.JUNIOR, profile__organisation=organisation)
    make_eligible(who=junior, today=timezone.localdate(), provider=provider, attester=attester)
    return junior


@pytest.fixture
def college(db):
    return [person(Role.BOARD_MEMBER) for _ in range(4)]


@pytest.fixture
def submitted(applicant):
    return register_application_submit(
        code_version=code_in_force(), actor=applicant, reflections=REFLECTIONS
    )


@pytest.fixture
def in_ballotage(submitted, register_office):
    register_application_check(actor=register_office, application=submitted, complete=True)
    submitted.refresh_from_db()
    return submitted


def _assign(application, office, reviewers):
    return reviewers_assign(actor=office, application=application, reviewers=reviewers)


def test_applying_copies_evaluation_policy_and_ledger(submitted, applicant):
    assert submitted.state == RegisterApplication.State.SUBMITTED
    assert submitted.policy.version == 1
    assert submitted.evaluation["eligible"] is True
    assert submitted.ledger_csv.startswith("person,source,source_id,date")
    assert applicant.email in submitted.ledger_csv


def test_applying_twice_or_unmet_is_refused(submitted, applicant):
    with pytest.raises(ValidationError, match="al een aanvraag"):
        register_application_submit(
            code_version=code_in_force(), actor=applicant, reflections=REFLECTIONS
        )
    newcomer = person(Role.JUNIOR)
    with pytest.raises(ValidationError, match="nog niet aan alle eisen"):
        register_application_submit(
            code_version=code_in_force(), actor=newcomer, reflections=REFLECTIONS
        )
    assert RegisterApplication.objects.count() == 1


def test_a_document_that_is_not_pdf_jpeg_or_png_is_refused(applicant):
    from django.core.files.uploadedfile import SimpleUploadedFile

    disguised = SimpleUploadedFile("portfolio.pdf", b"MZ\x90\x00 executable", "application/pdf")
    with pytest.raises(ValidationError, match="PDF-, JPEG- of PNG"):
        register_application_submit(
            code_version=code_in_force(),
            actor=applicant,
            reflections=REFLECTIONS,
            documents=[("Portfolio", disguised)],
        )
    assert not RegisterApplication.objects.exists()


def test_a_reflection_per_approach_is_required(applicant):
    with pytest.raises(ValidationError, match="reflectie"):
        register_application_submit(
            code_version=code_in_force(), actor=applicant, reflections={"strategisch": "x"}
        )
    assert not RegisterApplication.objects.exists()


def test_the_office_returns_with_remarks_and_the_applicant_may_apply_again(
    submitted, register_office, applicant
):
    with pytest.raises(ValidationError):
        register_application_check(actor=register_office, application=submitted, complete=False)
    with pytest.raises(PermissionDenied):
        register_application_check(actor=applicant, application=submitted, complete=True)
    register_application_check(
        actor=register_office, application=submitted, complete=False, remarks="Cv ontbreekt."
    )
    submitted.refresh_from_db()
    assert submitted.state == RegisterApplication.State.RETURNED
    assert OutboundEmail.objects.filter(to=applicant.email, body__contains="Cv ontbreekt").exists()
    again = register_application_submit(
        code_version=code_in_force(), actor=applicant, reflections=REFLECTIONS
    )
    assert again.pk != submitted.pk


def test_conflicted_reviewers_are_not_offered_and_are_refused(
    in_ballotage, register_office, applicant, college, organisation, provider_editor_a
):
    mentor = Trajectory.objects.get(junior=applicant).senior
    mentor_on_board = mentor
    from lms.accounts.services import role_set

    role_set(user=mentor_on_board, roles=[Role.SENIOR, Role.BOARD_MEMBER])
    colleague = person(Role.BOARD_MEMBER, profile__organisation=organisation)
    role_set(user=provider_editor_a, roles=[Role.PROVIDER_EDITOR, Role.BOARD_MEMBER])
    declared = college[3]
    conflict_declare(actor=declared, person=declared, other=applicant, reason="Buurman.")

    offered = {m.pk for m in reviewers_offered(application=in_ballotage)}
    assert offered == {college[0].pk, college[1].pk, college[2].pk}
    for conflicted, reason in (
        (mentor_on_board, "senior"),
        (colleague, "organisatie"),
        (provider_editor_a, "aanbieder"),
        (declared, "belangenverstrengeling"),
    ):
        with pytest.raises(ValidationError, match=reason):
            _assign(in_ballotage, register_office, [college[0], college[1], conflicted])
    assert not ReviewerAssignment.objects.exists()
    with pytest.raises(ValidationError, match="minstens 3"):
        _assign(in_ballotage, register_office, college[:2])


def test_votes_stay_hidden_until_all_have_voted_and_the_majority_decides(
    in_ballotage, register_office, college, applicant
):
    a1, a2, a3 = _assign(in_ballotage, register_office, college[:3])
    ballotage_vote(actor=college[0], assignment=a1, value="positive", motivation="Sterk dossier.")
    assert votes_visible_to(user=college[1], assignment=a2) == []
    assert len(votes_visible_to(user=college[0], assignment=a1)) == 1
    with pytest.raises(ValidationError, match="al gestemd"):
        ballotage_vote(actor=college[0], assignment=a1, value="negative", motivation="Toch niet.")
    with pytest.raises(PermissionDenied):
        ballotage_vote(actor=college[0], assignment=a2, value="negative", motivation="x")
    with pytest.raises(ValidationError, match="Nog niet alle"):
        ballotage_decide(actor=register_office, application=in_ballotage)
    ballotage_vote(actor=college[1], assignment=a2, value="abstain", motivation="Twijfel.")
    ballotage_vote(actor=college[2], assignment=a3, value="positive", motivation="Goed.")
    assert len(votes_visible_to(user=college[1], assignment=a2)) == 3
    decision = ballotage_decide(actor=register_office, application=in_ballotage)
    assert decision.outcome == BallotageDecision.Outcome.POSITIVE
    assert (decision.positive_votes, decision.negative_votes, decision.abstentions) == (2, 0, 1)
    assert decision.policy.version == 1
    assert OutboundEmail.objects.filter(key=f"register-decision:{decision.pk}").exists()
    with pytest.raises(ValidationError, match="al besloten"):
        ballotage_vote(actor=college[2], assignment=a3, value="negative", motivation="Later.")


def test_a_reviewer_who_declares_a_conflict_is_removed(in_ballotage, register_office, college):
    a1, a2, a3 = _assign(in_ballotage, register_office, college[:3])
    reviewer_recuse(actor=college[2], assignment=a3, reason="Oud-collega.")
    for a, who in ((a1, college[0]), (a2, college[1])):
        ballotage_vote(actor=who, assignment=a, value="positive", motivation="Goed.")
    with pytest.raises(ValidationError, match="minstens 3"):
        ballotage_decide(actor=register_office, application=in_ballotage)
    assert college[2].pk not in {m.pk for m in reviewers_offered(application=in_ballotage)}
    (a4,) = _assign(in_ballotage, register_office, [college[3]])
    ballotage_vote(actor=college[3], assignment=a4, value="negative", motivation="Dun.")
    decision = ballotage_decide(actor=register_office, application=in_ballotage)
    assert decision.outcome == BallotageDecision.Outcome.POSITIVE


def test_positive_decision_registers_with_a_signed_credential(
    client, in_ballotage, register_office, college, applicant
):
    for a, who in zip(_assign(in_ballotage, register_office, college[:3]), college, strict=False):
        ballotage_vote(actor=who, assignment=a, value="positive", motivation="Goed.")
    decision = ballotage_decide(actor=register_office, application=in_ballotage)
    with pytest.raises(PermissionDenied):
        registration_create(actor=applicant, decision=decision)
    registration = registration_create(actor=register_office, decision=decision)
    assert registration.number.startswith(f"OW-{registration.valid_from.year}-")
    assert registration.valid_until == registration.valid_from.replace(
        year=registration.valid_from.year + 5
    ) - timedelta(days=1)
    assert registrations_with_status().get(pk=registration.pk).current_status == "active"
    claims = openbadges.credential_verify(registration.credential)
    assert claims["sub"] == f"mailto:{applicant.email}"
    assert claims["jti"].endswith(registration.number)
    with pytest.raises(ValidationError, match="al ingeschreven"):
        registration_create(actor=register_office, decision=decision)
    # Striking the registration off revokes its credential in the public status list.
    status = claims["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry"
    registration_status_change(
        actor=register_office, registration=registration, status="suspended", reason="Onderzoek."
    )
    assert not is_revoked(client, status)
    registration_status_change(
        actor=register_office, registration=registration, status="struck_off", reason="Besluit."
    )
    assert is_revoked(client, status)


def test_negative_decision_does_not_register_and_an_objection_starts_a_new_round(
    in_ballotage, register_office, college, applicant
):
    first = _assign(in_ballotage, register_office, college[:3])
    for a, who in zip(first, college, strict=False):
        ballotage_vote(actor=who, assignment=a, value="negative", motivation="Onvoldoende.")
    decision = ballotage_decide(actor=register_office, application=in_ballotage)
    assert decision.outcome == "negative"
    with pytest.raises(ValidationError, match="positief besluit"):
        registration_create(actor=register_office, decision=decision)
    assert not Registration.objects.exists()
    objection_submit(actor=applicant, decision=decision, reason="Mijn reflecties zijn gemist.")
    in_ballotage.refresh_from_db()
    assert (in_ballotage.state, in_ballotage.round) == ("in_ballotage", 2)
    newcomer = person(Role.BOARD_MEMBER)
    with pytest.raises(ValidationError, match="al beoordeeld"):
        _assign(in_ballotage, register_office, [college[0], college[3], newcomer])
    offered = {m.pk for m in reviewers_offered(application=in_ballotage)}
    assert offered == {college[3].pk, newcomer.pk}


def test_a_reviewer_reads_the_votes_of_their_own_round_only(
    client, in_ballotage, register_office, college, applicant
):
    first = _assign(in_ballotage, register_office, college[:3])
    for a, who in zip(first, college, strict=False):
        ballotage_vote(actor=who, assignment=a, value="negative", motivation="Eerste ronde.")
    decision = ballotage_decide(actor=register_office, application=in_ballotage)
    objection_submit(actor=applicant, decision=decision, reason="Mijn reflecties zijn gemist.")
    in_ballotage.refresh_from_db()
    second = _assign(
        in_ballotage,
        register_office,
        [college[3], person(Role.BOARD_MEMBER), person(Role.BOARD_MEMBER)],
    )
    for a in second:
        ballotage_vote(actor=a.reviewer, assignment=a, value="positive", motivation="Tweede ronde.")

    assert {v.assignment_id for v in votes_visible_to(user=college[0], assignment=first[0])} == {
        a.pk for a in first
    }
    assert {v.assignment_id for v in votes_visible_to(user=college[3], assignment=second[0])} == {
        a.pk for a in second
    }
    client.force_login(college[0])
    page = client.get(reverse("register:review", args=[first[0].pk])).content.decode()
    assert page.count("Eerste ronde.") == 3
    assert "Tweede ronde." not in page


def test_objection_after_six_weeks_is_refused(in_ballotage, register_office, college, applicant):
    for a, who in zip(_assign(in_ballotage, register_office, college[:3]), college, strict=False):
        ballotage_vote(actor=who, assignment=a, value="negative", motivation="Onvoldoende.")
    decision = ballotage_decide(actor=register_office, application=in_ballotage)
    BallotageDecision.objects.filter(pk=decision.pk).update(
        decided_at=timezone.now() - timedelta(weeks=6, days=1)
    )
    with pytest.raises(ValidationError, match="bezwaartermijn"):
        objection_submit(actor=applicant, decision=decision, reason="Te laat.")


def test_the_objection_period_ends_on_a_dutch_day_not_an_hour(
    in_ballotage, register_office, college, applicant
):
    """Decided at 10:00 on 1 March: an objection at 15:00 on 12 April (six weeks on) is on
    time, one on 13 April is not, at any hour of the machine's clock."""
    from zoneinfo import ZoneInfo

    import time_machine

    amsterdam = ZoneInfo("Europe/Amsterdam")
    for a, who in zip(_assign(in_ballotage, register_office, college[:3]), college, strict=False):
        ballotage_vote(actor=who, assignment=a, value="negative", motivation="Onvoldoende.")
    decision = ballotage_decide(actor=register_office, application=in_ballotage)
    BallotageDecision.objects.filter(pk=decision.pk).update(
        decided_at=dt.datetime(2027, 3, 1, 10, 0, tzinfo=amsterdam)
    )
    decision.refresh_from_db()
    with (
        time_machine.travel(dt.datetime(2027, 4, 13, 0, 30, tzinfo=amsterdam), tick=False),
        pytest.raises(ValidationError, match="verstreken op 12-04-2027"),
    ):
        objection_submit(actor=applicant, decision=decision, reason="Te laat.")
    with time_machine.travel(dt.datetime(2027, 4, 12, 15, 0, tzinfo=amsterdam), tick=False):
        objection_submit(actor=applicant, decision=decision, reason="Op tijd.")
    assert decision.objection.reason == "Op tijd."


@pytest.fixture
def registration(in_ballotage, register_office, college):
    for a, who in zip(_assign(in_ballotage, register_office, college[:3]), college, strict=False):
        ballotage_vote(actor=who, assignment=a, value="positive", motivation="Goed.")
    decision = ballotage_decide(actor=register_office, application=in_ballotage)
    return registration_create(actor=register_office, decision=decision)


def test_reminders_go_out_once_per_step_and_registrations_lapse(registration):
    end = registration.valid_until
    assert registration_reminders_send(today=end - dt.timedelta(days=200)) == 0
    assert registration_reminders_send(today=end - dt.timedelta(days=180)) == 1
    assert registration_reminders_send(today=end - dt.timedelta(days=170)) == 0
    assert registration_reminders_send(today=end - dt.timedelta(weeks=12)) == 1
    assert registration_reminders_send(today=end - dt.timedelta(days=10)) == 0
    assert OutboundEmail.objects.filter(key__startswith="register-expiry:").count() == 2
    assert registrations_expire(today=end) == 0
    assert registrations_expire(today=end + dt.timedelta(days=1)) == 1
    assert registrations_expire(today=end + dt.timedelta(days=2)) == 0
    assert registrations_with_status().get(pk=registration.pk).current_status == "expired"
    assert registration.status_changes.count() == 2


def test_the_office_suspends_with_a_reason(registration, register_office, applicant):
    with pytest.raises(PermissionDenied):
        registration_status_change(
            actor=applicant, registration=registration, status="suspended", reason="x"
        )
    with pytest.raises(ValidationError):
        registration_status_change(
            actor=register_office, registration=registration, status="suspended"
        )
    registration_status_change(
        actor=register_office, registration=registration, status="suspended", reason="Klacht."
    )
    assert registrations_with_status().get(pk=registration.pk).current_status == "suspended"


def test_registering_twice_is_refused_by_the_database(registration):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            person=registration.person,
            number="OW-X",
            decision=registration.decision,
            valid_from=registration.valid_from,
            valid_until=registration.valid_until,
            created_by=registration.created_by,
        )


def test_renewal_uses_the_renewal_requirements(registration, applicant, provider):
    # The registration is fresh: no points or hours since it started, so renewal is refused.
    with pytest.raises(ValidationError, match="herregistratie"):
        register_application_submit(
            code_version=code_in_force(), actor=applicant, reflections=REFLECTIONS
        )
    assert RegisterApplication.objects.filter(person=applicant).count() == 1


def test_renewal_is_met_by_the_points_and_hours_of_the_period(
    registration, applicant, provider, attester, policy
):
    from register.selectors import evaluate_renewal

    from .factories import attested_month, completion, edition, months_back

    def renewal(on):
        evaluation = evaluate_renewal(
            person=applicant, registration=registration, on=on, policy=policy
        )
        return evaluation, {
            r.name: (r.required_shown, r.achieved_shown, r.met) for r in evaluation.requirements
        }

    on = registration.valid_from + timedelta(days=4 * 365)
    before, _parts = renewal(on)
    # What counted for the first registration lies before the period.
    assert not before.eligible
    for n in range(3):
        completion(
            who=applicant,
            on_edition=edition(provider=provider),
            on=on - timedelta(days=30 + n),
            points="26",
        )
    for month in months_back(on, 15):
        attested_month(who=applicant, month=month, attester=attester, version=2)
    almost, parts = renewal(on)
    assert parts["points"] == (policy.renewal_points, Decimal("78"), False)
    assert parts["practice_hours"] == (Decimal("1500.0"), Decimal("1500.0"), True)
    assert not almost.eligible
    completion(
        who=applicant, on_edition=edition(provider=provider), on=on - timedelta(days=3), points="2"
    )
    assert renewal(on)[0].eligible
    # Renewing accepts the beroepscode in force, as applying did.
    renewing = register_application_submit(
        code_version=code_in_force(), actor=applicant, reflections=REFLECTIONS, on=on
    )
    assert renewing.kind == RegisterApplication.Kind.RENEWAL
    assert renewing.code_acceptance.version == code_in_force()
    assert applicant.code_acceptances.count() == 2


def test_the_daily_job_reminds_and_lapses(registration):
    from register.tasks import register_daily

    Registration.objects.filter(pk=registration.pk).update(
        valid_from=timezone.localdate() - timedelta(days=1830),
        valid_until=timezone.localdate() - timedelta(days=1),
    )
    assert register_daily.delay().get() == {"reminders": 0, "expired": 1}
    assert register_daily.delay().get() == {"reminders": 0, "expired": 0}


def test_a_reminder_says_what_renewal_still_needs_in_the_persons_language(registration):
    person = registration.person
    end = registration.valid_until
    assert registration_reminders_send(today=end - dt.timedelta(days=180)) == 1
    mail = OutboundEmail.objects.get(key__startswith="register-expiry:")
    assert end.strftime("%d-%m-%Y") in mail.subject
    # Nothing done since the registration began: every renewal requirement is still open, each
    # named with what was reached of what is needed.
    assert "Voor herregistratie is nog nodig:" in mail.body
    assert "- Punten uit geaccrediteerde scholing: 0,0 van " in mail.body
    assert reverse("register:my_status") in mail.body

    person.profile.preferred_language = "en"
    person.profile.save(update_fields=["preferred_language"])
    assert registration_reminders_send(today=end - dt.timedelta(weeks=12)) == 1
    english = OutboundEmail.objects.filter(key__startswith="register-expiry:").latest("pk")
    assert english.subject.startswith("Your registration")
    assert "Renewal still needs:" in english.body
    assert "- Points from accredited training: 0.0 of " in english.body


def test_an_early_renewal_leaves_the_running_registration_in_force_until_it_ends(
    registration, register_office, client
):
    """A renewal granted while the registration runs starts the day after it ends. Until then
    the running one is what the person works under: its numbers, no reminders, no second
    request, and the office's list of registrations ending soon leaves it out."""
    person = registration.person
    end = registration.valid_until
    renewal = RegisterApplication.objects.create(
        person=person,
        kind=RegisterApplication.Kind.RENEWAL,
        policy=registration.decision.policy,
        evaluated_on=end - dt.timedelta(days=200),
        evaluation={},
        ledger_csv="",
        state=RegisterApplication.State.DECIDED,
    )
    decision = BallotageDecision.objects.create(
        application=renewal,
        round=1,
        outcome="positive",
        policy=registration.decision.policy,
        positive_votes=3,
        negative_votes=0,
        abstentions=0,
        decided_by=register_office,
    )
    following = registration_create(actor=register_office, decision=decision)
    assert following.valid_from == end + dt.timedelta(days=1)

    on = end - dt.timedelta(weeks=12)
    status = register_summary(person=person, on=on)
    assert status.registration == registration
    assert status.evaluation.window_after < on
    assert status.renewed_by == following
    assert registration_reminders_send(today=on) == 0
    assert OutboundEmail.objects.filter(key__startswith="register-expiry:").count() == 0
    report = registrations_expiring(on)
    assert registration.number not in {row[0] for row in report.rows}
    with pytest.raises(ValidationError, match="herregistratie is al verleend"):
        register_application_submit(
            code_version=code_in_force(), actor=person, reflections={}, on=on
        )
    # Today the renewal is granted: the status page says so and offers no request.
    client.force_login(person)
    page = client.get(reverse("register:my_status")).content.decode()
    assert f"registratie {following.number} loopt van" in page
    assert "Herregistratie aanvragen" not in page

    # From its first day the new registration runs, and renewal is counted over it.
    status = register_summary(person=person, on=following.valid_from)
    assert status.registration == following and status.renewed_by is None
