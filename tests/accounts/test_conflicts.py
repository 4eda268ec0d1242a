"""Who records which conflict of interest, and from when it binds (DOMAIN.md, "Conflicts hold
from the moment they are recorded")."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from lms.accounts.models import ConflictOfInterest, Role
from lms.accounts.selectors import conflict_binds, conflicts_binding, people_in_conflict_with
from lms.accounts.services import conflict_check, conflict_decide, conflict_declare
from lms.accounts.signals import conflict_bound
from tests.factories import person

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

Status = ConflictOfInterest.Status


@pytest.fixture
def bound():
    """The conflicts that ``conflict_bound`` announced, with who made them bind."""
    seen = []

    def listen(sender, *, conflict, actor, **kwargs):
        seen.append((conflict.pk, actor.pk))

    conflict_bound.connect(listen, dispatch_uid="test-conflict-bound")
    yield seen
    conflict_bound.disconnect(dispatch_uid="test-conflict-bound")


def test_who_would_act_binds_at_once(junior, senior, manager, board_member, bound):
    """A senior, a manager or a College member stepping back from someone binds at once."""
    for actor, other in ((senior, junior), (manager, junior), (board_member, junior)):
        conflict = conflict_declare(actor=actor, person=actor, other=other, reason="Familie.")
        assert conflict.status == Status.BINDING
        assert conflict.binds_from == conflict.declared_at
        assert conflict_binds(actor, other) and conflict_binds(other, actor)
        assert (conflict.pk, actor.pk) in bound
        conflict.delete()


def test_keeping_a_judge_away_is_a_request(junior, board_member, register_office, bound):
    """Naming a College member, the office or one's line manager asks the office first."""
    line_manager = person(Role.MANAGER)
    junior.profile.line_manager = line_manager
    junior.profile.save()
    for judge in (board_member, register_office, line_manager):
        conflict = conflict_declare(actor=junior, person=junior, other=judge, reason="Ruzie.")
        assert (conflict.status, conflict.binds_from) == (Status.REQUESTED, None)
        assert not conflict_binds(junior, judge)
    assert bound == []


def test_only_one_s_own_conflict_or_the_office(junior, senior, board_member, register_office):
    with pytest.raises(PermissionDenied):
        conflict_declare(actor=board_member, person=junior, other=senior, reason="Buren.")
    conflict = conflict_declare(actor=register_office, person=junior, other=senior, reason="x")
    assert (conflict.status, conflict.declared_by) == (Status.BINDING, register_office)


def test_the_office_confirms_a_request_which_binds_from_then(
    junior, board_member, register_office, bound
):
    conflict = conflict_declare(actor=junior, person=junior, other=board_member, reason="Oom.")
    with pytest.raises(PermissionDenied):
        conflict_decide(actor=junior, conflict=conflict, confirm=True)
    before = timezone.now()
    conflict = conflict_decide(actor=register_office, conflict=conflict, confirm=True, note="Ja.")
    assert conflict.status == Status.BINDING
    assert before <= conflict.binds_from == conflict.decided_at
    assert conflict.declared_at < conflict.binds_from
    assert conflict.decided_by == register_office
    assert bound == [(conflict.pk, register_office.pk)]
    with pytest.raises(ValidationError, match="al besloten"):
        conflict_decide(actor=register_office, conflict=conflict, confirm=False, note="Toch niet.")


def test_a_rejection_needs_a_note_and_binds_nothing(junior, board_member, register_office):
    conflict = conflict_declare(actor=junior, person=junior, other=board_member, reason="Oom.")
    with pytest.raises(ValidationError, match="waarom"):
        conflict_decide(actor=register_office, conflict=conflict, confirm=False, note=" ")
    conflict = conflict_decide(
        actor=register_office, conflict=conflict, confirm=False, note="Geen familie."
    )
    assert (conflict.status, conflict.binds_from) == (Status.REJECTED, None)
    assert not conflict_binds(junior, board_member)
    # Asking again changes nothing; the member stepping back binds.
    assert conflict_declare(actor=junior, person=junior, other=board_member, reason="x").pk == (
        conflict.pk
    )
    stepped_back = conflict_declare(
        actor=board_member, person=board_member, other=junior, reason="Ik ken haar."
    )
    assert stepped_back.pk == conflict.pk
    assert (stepped_back.status, stepped_back.person, stepped_back.decided_by) == (
        Status.BINDING,
        board_member,
        None,
    )
    assert ConflictOfInterest.objects.count() == 1


def test_the_office_recording_a_requested_pair_answers_the_request(
    junior, board_member, register_office
):
    request = conflict_declare(actor=junior, person=junior, other=board_member, reason="Oom.")
    recorded = conflict_declare(
        actor=register_office, person=board_member, other=junior, reason="Bevestigd door beiden."
    )
    assert recorded.pk == request.pk
    assert (recorded.status, recorded.decided_by) == (Status.BINDING, register_office)
    assert recorded.decision_note == "Bevestigd door beiden."


def test_an_office_member_does_not_decide_their_own_conflict(junior, register_office):
    conflict = conflict_declare(actor=junior, person=junior, other=register_office, reason="x")
    with pytest.raises(PermissionDenied):
        conflict_decide(actor=register_office, conflict=conflict, confirm=True)
    colleague = person(Role.REGISTER_OFFICE)
    assert conflict_decide(actor=colleague, conflict=conflict, confirm=True).status == (
        Status.BINDING
    )


def test_an_unknown_address_is_a_request_without_effect(junior):
    conflict = conflict_declare(
        actor=junior, person=junior, other_email=" Niemand@Example.org ", reason="Buren."
    )
    again = conflict_declare(
        actor=junior, person=junior, other_email="niemand@example.org", reason="Nog eens."
    )
    assert again.pk == conflict.pk
    assert (conflict.other, conflict.other_email, conflict.status) == (
        None,
        "niemand@example.org",
        Status.REQUESTED,
    )
    with pytest.raises(ValidationError):
        conflict_declare(actor=junior, person=junior, other_email="geen adres", reason="x")


def test_a_conflict_holds_from_binds_from_on(junior, senior):
    conflict = conflict_declare(actor=senior, person=senior, other=junior, reason="Buren.")
    earlier = conflict.binds_from - timedelta(seconds=1)
    assert not conflict_binds(junior, senior, on=earlier)
    assert not conflicts_binding(on=earlier).exists()
    assert conflict.binds_at(conflict.binds_from) and not conflict.binds_at(earlier)
    assert list(people_in_conflict_with(user=junior)) == [senior]


def test_conflict_check_refuses_while_a_conflict_binds(junior, senior):
    with transaction.atomic():
        conflict_check(a=junior, b=senior, refusal="Niet toegestaan.")
    conflict_declare(actor=senior, person=senior, other=junior, reason="Buren.")
    with pytest.raises(ValidationError, match="Niet toegestaan."), transaction.atomic():
        conflict_check(a=junior, b=senior, refusal="Niet toegestaan.")


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "binding"},
        {"status": "requested", "binds_from": "now"},
        {"status": "rejected"},
        {"status": "requested", "decided_by": "office", "decided_at": "now"},
        {"status": "binding", "binds_from": "now", "decided_by": "office"},
        {"status": "binding", "binds_from": "now", "other": None, "other_email": "x@example.org"},
    ],
)
def test_the_database_keeps_the_states_apart(junior, senior, register_office, fields):
    values = {"person": junior, "other": senior, "reason": "x", "declared_by": junior}
    for name, value in fields.items():
        values[name] = {"now": timezone.now(), "office": register_office}.get(value, value)
    with pytest.raises(IntegrityError), transaction.atomic():
        ConflictOfInterest.objects.create(**values)
