"""The register's items in the to-do list: the office's completeness check, a returned
application for the applicant, and the votes of the College."""

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.accounts.models import NoticeKind, Role
from lms.dashboard.selectors import inbox_for
from register.selectors import awaiting_for
from register.services import (
    ballotage_vote,
    register_application_check,
    register_application_submit,
    reviewer_recuse,
    reviewers_assign,
)
from tests.cms.factories import code_in_force
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
def submitted(applicant):
    return register_application_submit(
        code_version=code_in_force(), actor=applicant, reflections=REFLECTIONS
    )


def test_a_submitted_application_waits_for_the_office_until_checked(
    submitted, register_office, applicant
):
    [item] = awaiting_for(user=register_office)
    assert (item.kind, item.role) == (NoticeKind.APPLICATION, Role.REGISTER_OFFICE)
    assert item.url == reverse("register:office_application", args=[submitted.pk])
    assert awaiting_for(user=applicant) == []
    register_application_check(
        actor=register_office, application=submitted, complete=False, remarks="Bewijs ontbreekt."
    )
    assert awaiting_for(user=register_office) == []
    # Returned: now the applicant is asked to complete it and apply again.
    [item] = awaiting_for(user=applicant)
    assert (item.kind, item.url) == (NoticeKind.APPLICATION, reverse("register:apply"))
    register_application_submit(
        code_version=code_in_force(), actor=applicant, reflections=REFLECTIONS
    )
    assert awaiting_for(user=applicant) == []


def test_a_vote_waits_for_each_reviewer_until_cast_or_stepped_back(submitted, register_office):
    register_application_check(actor=register_office, application=submitted, complete=True)
    submitted.refresh_from_db()
    college = [person(Role.BOARD_MEMBER) for _ in range(3)]
    assignments = reviewers_assign(actor=register_office, application=submitted, reviewers=college)
    for member, assignment in zip(college, assignments, strict=True):
        [item] = inbox_for(user=member)
        assert (item.kind, item.role) == (NoticeKind.BALLOTAGE, Role.BOARD_MEMBER)
        assert item.url == reverse("register:review", args=[assignment.pk])
    ballotage_vote(
        actor=college[0], assignment=assignments[0], value="positive", motivation="Sterk."
    )
    reviewer_recuse(actor=college[1], assignment=assignments[1], reason="Oud-collega.")
    assert inbox_for(user=college[0]) == []
    assert inbox_for(user=college[1]) == []
    assert len(inbox_for(user=college[2])) == 1
