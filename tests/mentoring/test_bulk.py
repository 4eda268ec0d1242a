"""Bulk actions: several practice months attested, all suggestions of a matching round
proposed. Each is one transaction: what the one-item rule refuses is skipped and named, and
an error of any other kind leaves nothing written."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from lms.accounts.models import OutboundEmail, Role, User
from lms.accounts.services import conflict_declare
from mentoring import services
from mentoring.models import MatchingRun, PracticeMonth, PractitionerProfile, Trajectory
from mentoring.services import matching_runs, practice
from tests.factories import person
from tests.mentoring.factories import PracticeMonthFactory, practitioner

pytestmark = pytest.mark.django_db


def last_month():
    return (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)


@pytest.fixture
def months(manager, organisation):
    """Two months of the manager's people waiting, one already attested, one of a stranger."""
    workers = [
        person(Role.JUNIOR, profile__organisation=organisation, profile__line_manager=manager)
        for _ in range(3)
    ]
    stranger = person(Role.JUNIOR, profile__organisation=organisation)
    waiting = [PracticeMonthFactory(person=w, month=last_month()) for w in workers[:2]]
    attested = PracticeMonthFactory(person=workers[2], month=last_month())
    services.practice_month_attest(actor=manager, practice_month=attested)
    foreign = PracticeMonthFactory(person=stranger, month=last_month())
    return {"waiting": waiting, "attested": attested, "foreign": foreign}


def statuses(records):
    return [PracticeMonth.objects.get(pk=r.pk).status for r in records]


def test_several_months_are_attested_and_the_others_skipped_with_why(manager, months):
    chosen = [*months["waiting"], months["attested"], months["foreign"]]
    outcome = services.practice_months_attest(actor=manager, practice_months=chosen)
    assert [r.pk for r in outcome.done] == [r.pk for r in months["waiting"]]
    assert statuses(months["waiting"]) == ["attested", "attested"]
    assert statuses([months["foreign"]]) == ["submitted"]
    reasons = [s.reason for s in outcome.skipped]
    assert len(reasons) == 2
    assert "al geattesteerd" in reasons[0]
    assert "leidinggevende of het registerbureau" in reasons[1]
    assert str(months["foreign"].person) in outcome.skipped[1].label


def test_an_unexpected_error_leaves_no_month_attested(manager, months, monkeypatch):
    one_month = practice.practice_month_attest
    calls = []

    def breaks_on_the_second(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise RuntimeError("de schijf is vol")
        return one_month(**kwargs)

    monkeypatch.setattr(practice, "practice_month_attest", breaks_on_the_second)
    with pytest.raises(RuntimeError):
        services.practice_months_attest(actor=manager, practice_months=months["waiting"])
    assert len(calls) == 2
    assert statuses(months["waiting"]) == ["submitted", "submitted"]


def test_the_attest_page_takes_a_selection_and_says_what_it_did(client, manager, months):
    client.force_login(manager)
    url = reverse("mentoring:practice_attest")
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    boxes = soup.find_all("input", attrs={"name": "months"})
    assert {int(b["value"]) for b in boxes} == {m.pk for m in months["waiting"]}
    for box in boxes:
        assert soup.find("label", attrs={"for": box["id"]})
    response = client.post(
        reverse("mentoring:practice_attest_selected"),
        {"months": [m.pk for m in months["waiting"]] + [months["attested"].pk]},
        follow=True,
    )
    text = BeautifulSoup(response.content, "html.parser").find(class_="messages").text
    assert "2 maanden geattesteerd." in text
    assert "1 overgeslagen" in text and "al geattesteerd" in text
    assert statuses(months["waiting"]) == ["attested", "attested"]


@pytest.mark.parametrize(
    ("data", "words"),
    [({}, "Kies eerst"), ({"months": ["999999"]}, "bestaat niet"), ({"months": ["x"]}, "")],
)
def test_a_bad_selection_changes_nothing(client, manager, months, data, words):
    client.force_login(manager)
    response = client.post(reverse("mentoring:practice_attest_selected"), data, follow=True)
    assert response.status_code == 200
    assert words in BeautifulSoup(response.content, "html.parser").find(class_="messages").text
    assert statuses(months["waiting"]) == ["submitted", "submitted"]


def test_a_junior_attests_nothing_in_bulk_and_learns_no_names(client, months):
    worker = months["waiting"][0].person
    client.force_login(worker)
    response = client.post(
        reverse("mentoring:practice_attest_selected"),
        {"months": [m.pk for m in months["waiting"]]},
        follow=True,
    )
    assert statuses(months["waiting"]) == ["submitted", "submitted"]
    text = BeautifulSoup(response.content, "html.parser").find(class_="messages").text
    assert "bestaat niet" in text
    assert str(months["waiting"][1].person) not in text


@pytest.fixture
def run(register_office, organisation):
    """A finished round with four suggestions, each senior with room for one junior."""
    for _ in range(4):
        practitioner(Role.SENIOR, organisation=organisation, capacity=1)
        practitioner(Role.JUNIOR, organisation=organisation)
    started = services.matching_run_start(actor=register_office, organisation=organisation)
    done = services.matching_run_execute(run_id=started.pk)
    assert len(done.result["pairs"]) == 4
    return done


def pair_people(run, i):
    pair = run.result["pairs"][i]
    return User.objects.get(pk=pair["junior"]["id"]), User.objects.get(pk=pair["senior"]["id"])


def test_all_suggestions_are_proposed_but_those_that_cannot_be(register_office, run):
    decided_junior, decided_senior = pair_people(run, 0)
    services.matching_pair_accept(
        actor=register_office, run=run, junior=decided_junior, senior=decided_senior
    )
    conflicted_junior, conflicted_senior = pair_people(run, 1)
    conflict_declare(
        actor=register_office, person=conflicted_senior, other=conflicted_junior, reason="Buren"
    )
    full_junior, full_senior = pair_people(run, 2)
    PractitionerProfile.objects.filter(user=full_senior).update(capacity=0)
    free_junior, free_senior = pair_people(run, 3)

    outcome = services.matching_run_accept_all(actor=register_office, run=run)
    assert [(t.junior, t.senior) for t in outcome.done] == [(free_junior, free_senior)]
    reasons = [s.reason for s in outcome.skipped]
    assert len(reasons) == 3
    assert "al besloten" in reasons[0]
    assert "belangenverstrengeling" in reasons[1]
    assert "geen vrije plaats" in reasons[2]
    assert Trajectory.objects.filter(status=Trajectory.Status.PROPOSED).count() == 2
    run.refresh_from_db()
    assert set(run.decisions) == {str(decided_junior.pk), str(free_junior.pk)}
    # The skipped pairs stay open for a decision of their own.
    assert not Trajectory.objects.filter(junior__in=[conflicted_junior, full_junior]).exists()


def test_an_unexpected_error_proposes_no_pair_at_all(register_office, run, monkeypatch):
    propose = matching_runs.trajectory_propose
    calls = []

    def breaks_on_the_third(**kwargs):
        calls.append(kwargs)
        if len(calls) == 3:
            raise RuntimeError("de database viel weg")
        return propose(**kwargs)

    monkeypatch.setattr(matching_runs, "trajectory_propose", breaks_on_the_third)
    with pytest.raises(RuntimeError):
        services.matching_run_accept_all(actor=register_office, run=run)
    assert len(calls) == 3
    assert not Trajectory.objects.exists()
    assert not OutboundEmail.objects.filter(key__startswith="trajectory-proposed:").exists()
    assert MatchingRun.objects.get(pk=run.pk).decisions == {}


def test_only_the_office_proposes_all(manager, run):
    with pytest.raises(PermissionDenied):
        services.matching_run_accept_all(actor=manager, run=run)
    assert not Trajectory.objects.exists()


def test_the_round_page_proposes_all_and_says_what_it_skipped(client, register_office, run):
    junior, senior = pair_people(run, 0)
    conflict_declare(actor=register_office, person=senior, other=junior, reason="Familie")
    client.force_login(register_office)
    url = reverse("mentoring:matching_run", args=[run.pk])
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    assert soup.find("button", string="Alle suggesties voorstellen")
    response = client.post(reverse("mentoring:matching_accept_all", args=[run.pk]), follow=True)
    soup = BeautifulSoup(response.content, "html.parser")
    text = soup.find(class_="messages").text
    assert "3 koppelingen voorgesteld" in text
    assert "1 overgeslagen" in text and "belangenverstrengeling" in text
    assert Trajectory.objects.count() == 3
    # Only the skipped pair is left to decide on; the button says so.
    assert "Nog 1 suggestie zonder besluit" in soup.text
