"""Every form of the register, fuzzed: the application with its reflections and document, the
office's completeness check and reviewer assignment, the ballotage vote, the declaration of a
conflict, the objection and a new policy version in the Wagtail admin. Hostile input never
gives a 500 and is never saved (see ``tests.fuzzing.submit``)."""

import datetime as dt

import pytest
from django.forms import modelform_factory
from django.urls import reverse
from django.utils import timezone
from hypothesis import example, given
from hypothesis import strategies as st
from hypothesis.extra.django import from_form

from lms.accounts.models import ConflictOfInterest, OutboundEmail, Role
from lms.accounts.services import conflict_declare
from mentoring.kinds import Approach
from register.forms import RegisterPolicyForm
from register.models import (
    POLICY_NUMBER_FIELDS,
    ApplicationCheck,
    ApplicationDocument,
    BallotageDecision,
    BallotageVote,
    Objection,
    RegisterApplication,
    RegisterPolicy,
    Registration,
    ReviewerAssignment,
    ReviewerRecusal,
)
from register.services import (
    ballotage_decide,
    ballotage_vote,
    register_application_check,
    register_application_submit,
    reviewers_assign,
)
from tests.cms.factories import code_in_force
from tests.factories import person
from tests.fuzzing import (
    MISSING,
    any_nul,
    arrives,
    client_for,
    example_scope,
    field,
    file_field,
    form_data,
    fuzz_settings,
    ids,
    is_blank,
    is_evidence,
    last,
    mutated,
    private_files_in,
    submit,
)

from .factories import make_eligible

pytestmark = pytest.mark.django_db

REFLECTIONS = {
    "zelfredzaamheid": "Bewoners organiseren zelf een buurtmaaltijd.",
    "strategisch": "Advies aan de gemeente over het wijkbudget.",
    "sociaal_organisatorisch": "Drie instellingen werken nu samen.",
}
REFLECTION_FIELDS = [f"reflection_{code}" for code in Approach.values]


@pytest.fixture(autouse=True)
def _private_files_in_tmp(tmp_path, monkeypatch):
    private_files_in(tmp_path / "private", monkeypatch)


def _eligible(provider, attester, organisation=None):
    who = person(Role.JUNIOR, profile__organisation=organisation)
    make_eligible(who=who, today=timezone.localdate(), provider=provider, attester=attester)
    return who


@pytest.fixture
def applicant(provider, attester, organisation):
    return _eligible(provider, attester, organisation)


@pytest.fixture
def college(db):
    return [person(Role.BOARD_MEMBER) for _ in range(4)]


@fuzz_settings(25)
@given(
    data=form_data(
        **{
            f"reflection_{code}": field(st.sampled_from([REFLECTIONS.get(code, "Tekst."), " "]))
            for code in Approach.values
        },
        document_title=field(st.sampled_from(["", "Verklaring werkgever"])),
        accept_code=field(st.sampled_from(["on", ""])),
    ),
    document=file_field(),
)
@example(
    data={
        **{f"reflection_{c}": t for c, t in REFLECTIONS.items()},
        "document_title": "V\x00",
        "accept_code": "on",
    },
    document=("verklaring.pdf", b"%PDF-1.4\n", "application/pdf"),
)
@example(
    data={**{f"reflection_{c}": t + "\x00" for c, t in REFLECTIONS.items()}, "accept_code": "on"},
    document=MISSING,
)
def test_practitioner_applies_with_any_reflections_and_document(applicant, data, document):
    data = {**data, "code_version": code_in_force().label}
    files = {}
    if isinstance(document, tuple):
        files = {"document": document}
    elif document != MISSING:
        data = {**data, "document": document}
    invalid = (
        any_nul(data, *REFLECTION_FIELDS, "document_title")
        or any(is_blank(data, name) for name in REFLECTION_FIELDS)
        or is_blank(data, "accept_code")
        or bool(files and arrives(files["document"]) and not is_evidence(files["document"]))
    )
    with example_scope():
        outcome = submit(
            client_for(applicant),
            reverse("register:apply"),
            data,
            files=files,
            watch=[RegisterApplication, ApplicationDocument],
            invalid=invalid,
            clean_exclude={RegisterApplication: ["evaluation", "reflections"]},
        )
        for row in outcome.changes.get(ApplicationDocument, []):
            assert len(row["title"]) <= 200


@pytest.fixture
def applications(provider, attester, register_office):
    """One application waiting for the completeness check, one in ballotage."""
    waiting = register_application_submit(
        code_version=code_in_force(), actor=_eligible(provider, attester), reflections=REFLECTIONS
    )
    balloted = register_application_submit(
        code_version=code_in_force(), actor=_eligible(provider, attester), reflections=REFLECTIONS
    )
    register_application_check(actor=register_office, application=balloted, complete=True)
    return waiting, balloted


OFFICE_TABLES = [
    ApplicationCheck,
    ReviewerAssignment,
    RegisterApplication,
    BallotageDecision,
    Registration,
    OutboundEmail,
]


@fuzz_settings(30)
@given(data=st.data())
@example(data=None)
def test_register_office_checks_assigns_and_decides_with_any_input(
    applications, college, register_office, data
):
    board = [str(member.pk) for member in college]
    if data is None:  # the explicit example: a digit that is not a decimal digit
        application = applications[1]
        form = {"action": "assign", "reviewers": ["²", *board]}
    else:
        application = data.draw(st.sampled_from(applications))
        form = data.draw(
            form_data(
                action=field(
                    st.sampled_from(["complete", "return", "assign", "decide", "register"])
                ),
                remarks=field(st.sampled_from(["", "Het document ontbreekt."])),
                reviewers=field(
                    st.lists(
                        st.one_of(st.sampled_from(board), ids().map(str)), min_size=1, max_size=5
                    )
                ),
            )
        )
    action = last(form, "action", "")
    with example_scope():
        submit(
            client_for(register_office),
            reverse("register:office_application", args=[application.pk]),
            form,
            watch=OFFICE_TABLES,
            invalid=(action in ("complete", "return") and any_nul(form, "remarks"))
            or (action == "return" and is_blank(form, "remarks"))
            or action not in ("complete", "return", "assign", "decide", "register"),
            clean_exclude={RegisterApplication: ["evaluation", "reflections"]},
        )


@pytest.fixture
def assignments(applications, college, register_office):
    return reviewers_assign(actor=register_office, application=applications[1], reviewers=college)


REVIEW_TABLES = [BallotageVote, ReviewerRecusal, ReviewerAssignment, ConflictOfInterest]


@fuzz_settings(30)
@given(
    data=form_data(
        action=field(st.sampled_from(["vote", "recuse"])),
        value=field(st.sampled_from(BallotageVote.Value.values)),
        motivation=field(st.sampled_from(["Ruim voldoende onderbouwd.", " "])),
        reason=field(st.sampled_from(["Oud-collega van de aanvrager.", ""])),
    )
)
@example(data={"action": "vote", "value": "positive", "motivation": "Goed\x00"})
@example(data={"action": "recuse", "reason": "Collega\x00"})
def test_board_member_votes_or_declares_a_conflict_with_any_input(assignments, data):
    assignment = assignments[0]
    action = last(data, "action", "")
    if action == "vote":
        invalid = (
            any_nul(data, "value", "motivation")
            or is_blank(data, "motivation")
            or last(data, "value", "") not in BallotageVote.Value.values
        )
    elif action == "recuse":
        invalid = any_nul(data, "reason") or is_blank(data, "reason")
    else:
        invalid = True
    with example_scope():
        submit(
            client_for(assignment.reviewer),
            reverse("register:review", args=[assignment.pk]),
            data,
            watch=REVIEW_TABLES,
            invalid=invalid,
        )


@pytest.fixture
def rejected(applications, college, register_office):
    application = applications[1]
    made = reviewers_assign(actor=register_office, application=application, reviewers=college)
    for assignment in made:
        ballotage_vote(
            actor=assignment.reviewer,
            assignment=assignment,
            value="negative",
            motivation="Te weinig onderbouwd.",
        )
    return ballotage_decide(actor=register_office, application=application)


@fuzz_settings(15)
@given(data=form_data(reason=field(st.sampled_from(["De praktijkuren zijn onderschat.", ""]))))
@example(data={"reason": "Bezwaar\x00"})
def test_applicant_objects_to_a_decision_with_any_reason(rejected, data):
    with example_scope():
        submit(
            client_for(rejected.application.person),
            reverse("register:objection", args=[rejected.pk]),
            data,
            watch=[Objection, RegisterApplication, ReviewerAssignment],
            invalid=any_nul(data, "reason") or is_blank(data, "reason"),
            clean_exclude={RegisterApplication: ["evaluation", "reflections"]},
        )


_PolicyForm = modelform_factory(
    RegisterPolicy,
    form=RegisterPolicyForm,
    fields=["effective_from", *POLICY_NUMBER_FIELDS, "note"],
)


@fuzz_settings(20)
@given(
    data=mutated(
        from_form(
            _PolicyForm,
            effective_from=st.dates(dt.date(2020, 1, 1), dt.date(2035, 1, 1)),
            note=st.sampled_from(["", "Nieuwe eisen van het College."]),
            **{name: st.integers(-1, 120) for name in POLICY_NUMBER_FIELDS},
        )
    )
)
def test_register_office_adds_a_policy_version_with_any_input(policy, register_office, data):
    with example_scope():
        submit(
            client_for(register_office),
            reverse("register_policy:add"),
            data,
            watch=[RegisterPolicy],
            invalid=any_nul(data, "effective_from", "note", *POLICY_NUMBER_FIELDS),
        )


@fuzz_settings(20)
@given(
    data=form_data(
        email=field(
            st.sampled_from(["lid@example.org", "niemand@example.org", " LID@example.org"])
        ),
        reason=field(st.sampled_from(["Zij is mijn tante.", " "])),
    )
)
@example(data={"email": "lid@example.org", "reason": "Tante\x00"})
@example(data={"email": "lid\x00@example.org", "reason": "Tante"})
def test_anyone_declares_a_conflict_with_any_input(junior, data):
    with example_scope():
        person(Role.BOARD_MEMBER, email="lid@example.org")
        submit(
            client_for(junior),
            reverse("conflicts"),
            data,
            watch=[ConflictOfInterest, ReviewerRecusal],
            invalid=any_nul(data, "email", "reason") or is_blank(data, "reason"),
        )


@fuzz_settings(20)
@given(
    data=form_data(
        action=field(st.sampled_from(["confirm", "reject"])),
        note=field(st.sampled_from(["Aangetoond met een verklaring.", ""])),
    )
)
@example(data={"action": "reject", "note": "Geen\x00"})
def test_the_office_answers_a_request_with_any_input(junior, board_member, register_office, data):
    action = last(data, "action", "")
    invalid = (
        any_nul(data, "note")
        or action not in ("confirm", "reject")
        or (action == "reject" and is_blank(data, "note"))
    )
    with example_scope():
        conflict = conflict_declare(
            actor=junior, person=junior, other=board_member, reason="Tante."
        )
        submit(
            client_for(register_office),
            reverse("conflict", args=[conflict.pk]),
            data,
            watch=[ConflictOfInterest],
            invalid=invalid,
        )
