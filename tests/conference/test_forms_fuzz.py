"""Bad input on the Vakconferentie's forms: a Dutch refusal, never a 500, nothing half written."""

import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from conference.models import Proposal, ProposalPresenter, Registration, WorkshopChoice
from courses.models import Enrolment
from lms.accounts.models import Role
from tests.factories import person
from tests.fuzzing import (
    NUL,
    client_for,
    example_scope,
    field,
    form_data,
    fuzz_settings,
    ids,
    submit,
)

from .factories import workshops_of

pytestmark = pytest.mark.django_db


@fuzz_settings(15)
@given(data=st.data())
@example(data=None)
def test_registration_form_takes_any_input(conference, data):
    rounds = workshops_of(conference)
    user = person(Role.JUNIOR)
    known = [w.pk for ws in rounds for w in ws]
    if data is None:
        post = {f"round_{rounds[0][0].round_id}": str(2**70), "payer": f"werkgever{NUL}"}
    else:
        post = data.draw(
            form_data(
                **{f"round_{ws[0].round_id}": field(ids(*known)) for ws in rounds},
                payer=field(st.sampled_from(["zelf", "werkgever"])),
                employer_name=field(),
                purchase_order=field(),
            )
        )
    with example_scope():
        submit(
            client_for(user),
            reverse("conference:register", args=[conference.pk]),
            post,
            watch=[Registration, WorkshopChoice, Enrolment],
        )


@fuzz_settings(15)
@given(data=st.data())
@example(data=None)
def test_proposal_form_takes_any_input(conference, data):
    user = person(Role.JUNIOR)
    if data is None:
        post = {"title": f"a{NUL}", "summary": "x", "approach": "?", "work_form": "project"}
    else:
        post = data.draw(
            form_data(
                title=field(st.just("Buurtbudgetten")),
                summary=field(st.just("Wat werkt.")),
                approach=field(st.sampled_from(["strategisch", "zelfredzaamheid"])),
                work_form=field(st.sampled_from(["project", "campagne"])),
                speakers=field(st.just("Iemand")),
                co_presenters=field(st.sampled_from(["", user.email, "niemand@example.org"])),
            )
        )
    with example_scope():
        submit(
            client_for(user),
            reverse("conference:proposal_new", args=[conference.pk]),
            post,
            watch=[Proposal, ProposalPresenter],
        )


@fuzz_settings(15)
@given(data=form_data(q=field(st.sampled_from(["Jansen", "jan", ""]))))
@example(data={"q": f"Jansen{NUL}"})
@example(data={"q": "%_\\"})
def test_desk_search_takes_any_query(conference, desk, data):
    with example_scope():
        outcome = submit(
            client_for(desk),
            reverse("conference:desk", args=[conference.pk]),
            data,
            watch=[],
            method="get",
        )
        assert outcome.status == 200
