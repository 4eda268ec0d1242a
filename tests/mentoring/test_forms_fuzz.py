"""Every form of buddy trajectories, coaching sessions, the practice log and matching, fuzzed:
hostile input never gives a 500 and is never saved (see ``tests.fuzzing.submit``)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import example, given
from hypothesis import strategies as st
from hypothesis.extra.django import from_form

from lms.accounts.models import OutboundEmail, Role, User
from mentoring import services
from mentoring.forms import PracticeMonthForm, ProfileForm
from mentoring.kinds import Approach
from mentoring.models import (
    CoachingSession,
    Goal,
    MatchingRun,
    PracticeMonth,
    PractitionerProfile,
    Trajectory,
)
from tests.factories import person
from tests.fuzzing import (
    MISSING,
    any_nul,
    any_nul_in_all,
    client_for,
    decimal_text,
    example_scope,
    field,
    form_data,
    fuzz_settings,
    ids,
    is_blank,
    iso_day,
    last,
    mutated,
    submit,
)
from tests.mentoring.factories import CoachingSessionFactory, TrajectoryFactory, practitioner

pytestmark = pytest.mark.django_db

SESSION_TABLES = [CoachingSession, CoachingSession.goals.through, OutboundEmail]


@pytest.fixture
def goal(trajectory):
    return Goal.objects.create(trajectory=trajectory, description="Netwerk in kaart brengen")


def _session_data(trajectory, goal, *, amend=False, planned=False):
    today = timezone.localdate()
    if planned:
        days = iso_day(today, today + dt.timedelta(days=60))
    else:
        days = iso_day(trajectory.starts_on - dt.timedelta(days=5), today)
    fields = {
        "day": field(days),
        "start_time": field(
            st.tuples(st.integers(0, 23), st.integers(0, 59)).map(
                lambda t: f"{t[0]:02d}:{t[1]:02d}"
            )
        ),
        "duration_minutes": field(st.integers(0, 600).map(str)),
        "mode": field(st.sampled_from(CoachingSession.Mode.values)),
        "summary": field(st.sampled_from(["", "Netwerkanalyse besproken."])),
    }
    if not planned:
        fields["approaches"] = field(st.lists(st.sampled_from(Approach.values), max_size=3))
        fields["goals"] = field(
            st.lists(ids(goal.pk), max_size=2).map(lambda v: [str(x) for x in v])
        )
        fields["private_note"] = field(st.sampled_from(["", "Vermoeid."]))
    if amend:
        fields["reason"] = field(st.sampled_from(["De duur klopte niet.", " "]))
    return form_data(**fields)


_SESSION_TEXTS = ("day", "start_time", "duration_minutes", "mode", "summary", "private_note")


def _session_invalid(data, *, amend=False):
    texts = _SESSION_TEXTS + (("reason",) if amend else ())
    if any_nul(data, *texts) or any_nul_in_all(data, "approaches", "goals"):
        return True
    if any(is_blank(data, name) for name in ("day", "start_time", "duration_minutes", "mode")):
        return True
    return amend and is_blank(data, "reason")


@fuzz_settings(30)
@given(data=st.data())
def test_senior_logs_a_session_with_any_input(trajectory, goal, data):
    form = data.draw(_session_data(trajectory, goal))
    with example_scope():
        outcome = submit(
            client_for(trajectory.senior),
            reverse("mentoring:session_log", args=[trajectory.pk]),
            form,
            watch=SESSION_TABLES,
            invalid=_session_invalid(form),
        )
        for row in outcome.changes.get(CoachingSession, []):
            assert 15 <= row["duration_minutes"] <= 480
            assert row["starts_at"] <= timezone.now()


@fuzz_settings(20)
@given(data=st.data())
def test_senior_plans_a_session_with_any_input(trajectory, goal, data):
    form = data.draw(_session_data(trajectory, goal, planned=True))
    with example_scope():
        submit(
            client_for(trajectory.senior),
            reverse("mentoring:session_plan", args=[trajectory.pk]),
            form,
            watch=SESSION_TABLES,
            invalid=_session_invalid(form),
        )


@fuzz_settings(15)
@given(planned=field(ids()))
@example(planned="abc")
@example(planned=str(2**70))
def test_logging_a_planned_session_takes_any_planned_id(trajectory, planned):
    query = {} if planned == MISSING else {"gepland": planned}
    url = reverse("mentoring:session_log", args=[trajectory.pk])
    with example_scope():
        submit(client_for(trajectory.senior), url, query, watch=[], method="get")


@fuzz_settings(25)
@given(data=st.data())
def test_senior_amends_a_confirmed_session_with_any_input(confirmed, goal, data):
    session, trajectory = confirmed, confirmed.trajectory
    form = data.draw(_session_data(trajectory, goal, amend=True))
    with example_scope():
        submit(
            client_for(trajectory.senior),
            reverse("mentoring:session_amend", args=[session.pk]),
            form,
            watch=SESSION_TABLES,
            invalid=_session_invalid(form, amend=True),
        )


@pytest.fixture
def confirmed(trajectory):
    return CoachingSessionFactory(trajectory=trajectory, confirmed=True)


@pytest.fixture
def awaiting(trajectory):
    """A session the senior logged and the junior has yet to confirm."""
    return CoachingSessionFactory(trajectory=trajectory)


@fuzz_settings(15)
@given(data=form_data(reason=field(st.sampled_from(["Het duurde een uur.", ""]))))
@example(data={"reason": "Klopt niet\x00"})
def test_junior_disputes_a_session_with_any_reason(awaiting, data):
    session, trajectory = awaiting, awaiting.trajectory
    with example_scope():
        submit(
            client_for(trajectory.junior),
            reverse("mentoring:session_dispute", args=[session.pk]),
            data,
            watch=[CoachingSession],
            invalid=any_nul(data, "reason") or is_blank(data, "reason"),
            refused_when_200=False,
        )


@fuzz_settings(15)
@given(data=form_data(next=field(st.sampled_from(["/coaching/junior/", ""]))))
@example(data={"next": "mentoring:senior"})
@example(data={"next": "https://evil.example/"})
@example(data={"next": "0"})
def test_junior_confirms_a_session_with_any_next(awaiting, data):
    session, trajectory = awaiting, awaiting.trajectory
    with example_scope():
        outcome = submit(
            client_for(trajectory.junior),
            reverse("mentoring:session_confirm", args=[session.pk]),
            data,
            watch=[CoachingSession],
            refused_when_200=False,
        )
        if outcome.status == 302:
            location = outcome.response["Location"]
            assert location.startswith("/") and not location.startswith("//"), location


# --- Goals and trajectories ---------------------------------------------------------------------


@fuzz_settings(30)
@given(data=st.data())
@example(data=None)
def test_pair_adds_and_updates_goals_with_any_input(trajectory, goal, data):
    if data is None:  # the explicit example: progress notes with a NUL character
        form = {"goal": str(goal.pk), "status": "achieved", "progress_notes": "Klaar\x00"}
    else:
        form = data.draw(
            form_data(
                goal=field(ids(goal.pk)),
                status=field(st.sampled_from(Goal.Status.values)),
                progress_notes=field(st.sampled_from(["", "Eerste gesprek gevoerd."])),
                description=field(st.sampled_from(["Een plan van aanpak schrijven", " "])),
                target_date=field(iso_day(dt.date(2020, 1, 1), dt.date(2030, 1, 1))),
            )
        )
    updating = bool(last(form, "goal", ""))
    if updating:
        invalid = any_nul(form, "goal", "status", "progress_notes") or (
            last(form, "status", "open") not in Goal.Status.values
        )
    else:
        invalid = any_nul(form, "description", "target_date") or is_blank(form, "description")
    with example_scope():
        submit(
            client_for(trajectory.senior),
            reverse("mentoring:goal_save", args=[trajectory.pk]),
            form,
            watch=[Goal],
            invalid=invalid,
            refused_when_200=False,
        )


@pytest.fixture
def proposed(organisation, register_office):
    return TrajectoryFactory(
        organisation=organisation,
        status=Trajectory.Status.PROPOSED,
        senior_accepted_at=None,
        junior_accepted_at=None,
        proposed_by=register_office,
    )


@fuzz_settings(15)
@given(
    data=form_data(
        action=field(st.sampled_from(["accept", "decline"])),
        reason=field(st.sampled_from(["", "Geen tijd dit jaar."])),
    )
)
@example(data={"action": "decline", "reason": "Nee\x00"})
def test_junior_accepts_or_declines_a_proposal_with_any_input(proposed, data):
    declining = last(data, "action", "") == "decline"
    with example_scope():
        submit(
            client_for(proposed.junior),
            reverse("mentoring:trajectory_accept", args=[proposed.pk]),
            data,
            watch=[Trajectory],
            invalid=declining and any_nul(data, "reason"),
            refused_when_200=False,
        )


@fuzz_settings(15)
@given(
    data=form_data(
        action=field(st.sampled_from(["complete", "end"])),
        reason=field(st.sampled_from(["", "De junior is vertrokken."])),
    )
)
@example(data={"action": "end", "reason": "Vertrokken\x00"})
def test_office_ends_a_trajectory_with_any_input(trajectory, register_office, data):
    early = last(data, "action", "") != "complete"
    with example_scope():
        submit(
            client_for(register_office),
            reverse("mentoring:trajectory_end", args=[trajectory.pk]),
            data,
            watch=[Trajectory],
            invalid=early and (any_nul(data, "reason") or is_blank(data, "reason")),
            refused_when_200=False,
        )


@pytest.fixture
def free_pair(organisation):
    return (
        person(Role.SENIOR, profile__organisation=organisation),
        person(Role.JUNIOR, profile__organisation=organisation),
    )


@fuzz_settings(25)
@given(data=st.data())
@example(data=None)
def test_office_and_manager_propose_trajectories_with_any_input(
    free_pair, register_office, manager, data
):
    senior, junior = free_pair
    today = timezone.localdate()
    if data is None:  # the explicit example: a start on the last day the calendar knows
        form = {"senior": senior.pk, "junior": junior.pk, "starts_on": "9999-12-31"}
        actor = register_office
    else:
        form = data.draw(
            form_data(
                senior=field(ids(senior.pk, junior.pk)),
                junior=field(ids(junior.pk, senior.pk)),
                starts_on=field(iso_day(today - dt.timedelta(days=400), today)),
                planned_end_on=field(iso_day(today, today + dt.timedelta(days=800))),
                agreed_hours=field(decimal_text(-5, 600)),
                goals=field(st.sampled_from(["", "Netwerk\nBegroting"])),
            )
        )
        actor = data.draw(st.sampled_from([register_office, manager]))
    with example_scope():
        submit(
            client_for(actor),
            reverse("mentoring:trajectory_new"),
            form,
            watch=[Trajectory, Goal, OutboundEmail],
            invalid=any_nul(form, "senior", "junior", "starts_on", "planned_end_on", "goals"),
        )


# --- Practice log, profile, office ---------------------------------------------------------------


def _month_text():
    today = timezone.localdate()
    return st.one_of(
        st.dates(today - dt.timedelta(days=1500), today + dt.timedelta(days=90)).map(
            lambda d: d.strftime("%Y-%m")
        ),
        st.dates().map(lambda d: d.strftime("%m-%Y")),
    )


def _hours():
    return st.one_of(decimal_text(-10, 320), st.just(""))


@fuzz_settings(30)
@given(
    data=mutated(
        from_form(
            PracticeMonthForm,
            month=_month_text(),
            **{
                PracticeMonthForm.hours_name(name): _hours() for name in PracticeMonth.MINUTE_FIELDS
            },
        )
    )
)
def test_practitioner_logs_a_practice_month_with_any_input(junior, data):
    with example_scope():
        outcome = submit(
            client_for(junior),
            reverse("mentoring:practice_months"),
            data,
            watch=[PracticeMonth],
            invalid=any_nul(
                data,
                "month",
                *(PracticeMonthForm.hours_name(n) for n in PracticeMonth.MINUTE_FIELDS),
            ),
        )
        for row in outcome.changes.get(PracticeMonth, []):
            assert 0 < row["minutes_total"] <= 300 * 60
            # Only a month that has ended, with forms and settings adding up to the total.
            assert row["month"] < timezone.localdate().replace(day=1)
            assert (
                row["minutes_total"]
                == sum(row[f] for f in PracticeMonth.FORM_FIELDS)
                == sum(row[f] for f in PracticeMonth.SETTING_FIELDS)
            )


@fuzz_settings(20)
@given(data=mutated(from_form(ProfileForm)), as_office=st.booleans())
def test_profile_is_edited_by_its_owner_or_the_office_with_any_input(
    senior, register_office, data, as_office
):
    services.practitioner_profile_get_or_create(user=senior)  # the page makes it on first visit
    url = (
        reverse("mentoring:profile_of", args=[senior.pk])
        if as_office
        else reverse("mentoring:profile")
    )
    with example_scope():
        submit(
            client_for(register_office if as_office else senior),
            url,
            data,
            watch=[PractitionerProfile],
            invalid=any_nul(data, "capacity")
            or any_nul_in_all(data, "available_weekdays", "languages", "experience"),
        )


@fuzz_settings(20)
@given(
    data=form_data(
        organisation=field(st.sampled_from(["", "1"])),
        status=field(st.sampled_from(Trajectory.Status.values)),
        q=field(st.sampled_from(["", "persoon", "Utrecht"])),
    ),
    export=st.booleans(),
)
@example(data={"q": "a\x00b", "organisation": "\x00"}, export=False)
def test_office_filters_trajectories_with_any_query(trajectory, register_office, data, export):
    url = reverse("mentoring:office_export" if export else "mentoring:office")
    with example_scope():
        submit(client_for(register_office), url, data, watch=[], method="get")


@fuzz_settings(15)
@given(data=st.data())
def test_office_starts_matching_with_any_pool(organisation, register_office, data):
    form = data.draw(form_data(organisation=field(ids(organisation.pk))))
    with example_scope():
        submit(
            client_for(register_office),
            reverse("mentoring:matching_start"),
            form,
            watch=[MatchingRun],
            invalid=any_nul(form, "organisation"),
            refused_when_200=False,
        )


@pytest.fixture
def matching_run(organisation, register_office):
    practitioner(Role.JUNIOR, organisation=organisation)
    practitioner(Role.SENIOR, organisation=organisation, capacity=2)
    run = services.matching_run_start(actor=register_office, organisation=organisation)
    return services.matching_run_execute(run_id=run.pk)


@fuzz_settings(25)
@given(data=st.data())
def test_office_decides_on_matching_suggestions_with_any_input(matching_run, register_office, data):
    people = list(
        User.objects.filter(profile__organisation=matching_run.organisation_id).values_list(
            "pk", flat=True
        )
    )
    form = data.draw(
        form_data(
            junior=field(ids(*people)),
            senior=field(ids(*people)),
            action=field(st.sampled_from(["accept", "reject"])),
        )
    )
    with example_scope():
        submit(
            client_for(register_office),
            reverse("mentoring:matching_decide", args=[matching_run.pk]),
            form,
            watch=[Trajectory, MatchingRun, OutboundEmail],
            invalid=any_nul(form, "junior", "senior"),
            refused_when_200=False,
        )
