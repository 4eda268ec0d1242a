"""The conflicts of interest page: a person declares their own conflict by the other's address,
the register office records any pair and answers requests; the page tells nobody who has an
account, and the office reads per pair what the two did for each other."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from lms.accounts.models import ConflictOfInterest, Role
from lms.accounts.services import conflict_declare
from tests.factories import person
from tests.mentoring.factories import CoachingSessionFactory, TrajectoryFactory
from tests.queries import queries_for

pytestmark = [pytest.mark.django_db, pytest.mark.dates]

URL = reverse("conflicts")


def _page(response):
    return BeautifulSoup(response.content, "html.parser")


def _rows(response):
    return [
        [cell.get_text(" ", strip=True) for cell in tr.find_all("td")]
        for tr in _page(response).find("table").find("tbody").find_all("tr")
    ]


def _messages(response):
    return [li.get_text(" ", strip=True) for li in _page(response).select("ul.messages li")]


def test_a_practitioner_declares_a_conflict_and_both_see_it(client, junior, senior):
    client.force_login(junior)
    response = client.post(
        URL, {"email": f"  {senior.email.upper()} ", "reason": "Hij is mijn zwager."}, follow=True
    )
    conflict = ConflictOfInterest.objects.get()
    assert (conflict.person, conflict.other, conflict.declared_by) == (junior, senior, junior)
    assert conflict.status == ConflictOfInterest.Status.BINDING
    assert conflict.binds_from == conflict.declared_at
    # The declarer reads the address they typed and "gemeld", not the name or the state.
    assert _rows(response) == [
        [
            senior.email,
            "jij",
            f"{timezone.localdate(conflict.declared_at):%d-%m-%Y}",
            "gemeld",
            "Hij is mijn zwager.",
        ]
    ]
    assert str(senior) not in response.content.decode()

    client.force_login(senior)
    ((who, declared_by, _on, state, reason),) = _rows(client.get(URL))
    assert (who, declared_by) == (str(junior), str(junior))
    assert state == f"geldt sinds {timezone.localtime(conflict.binds_from):%d-%m-%Y}"
    assert "zwager" not in reason
    assert reason == "alleen zichtbaar voor wie het meldde en het registerbureau"


def test_a_known_and_an_unknown_address_get_the_same_answer(client, junior, senior):
    """Declaring tells nobody whether an address has an account, nor whose it is."""
    client.force_login(junior)
    answers = []
    for email in (senior.email, "niemand-bekend@example.org"):
        response = client.post(URL, {"email": email, "reason": "Buren."}, follow=True)
        assert response.status_code == 200
        answers.append(_messages(response))
    assert answers[0] == answers[1]
    assert len(answers[0]) == 1
    page = response.content.decode()
    assert "Er is geen account" not in page
    assert str(senior) not in page
    rows = _rows(response)
    assert {row[0] for row in rows} == {senior.email, "niemand-bekend@example.org"}
    assert {row[3] for row in rows} == {"gemeld"}
    unknown = ConflictOfInterest.objects.get(other__isnull=True)
    assert (unknown.person, unknown.other_email, unknown.status) == (
        junior,
        "niemand-bekend@example.org",
        ConflictOfInterest.Status.REQUESTED,
    )


def test_an_unknown_address_is_kept_for_the_office_which_rejects_it(
    client, junior, register_office
):
    client.force_login(junior)
    client.post(URL, {"email": "Typfout@Example.org", "reason": "Oud-collega."})
    client.post(URL, {"email": "typfout@example.org", "reason": "Nog eens."})
    conflict = ConflictOfInterest.objects.get()
    client.force_login(register_office)
    ((between, *_rest),) = _rows(client.get(URL))
    assert between == f"{junior} en typfout@example.org (geen account)"
    pair = reverse("conflict", args=[conflict.pk])
    response = client.post(pair, {"action": "confirm", "note": ""})
    assert "hoort geen account" in response.content.decode()
    client.post(pair, {"action": "reject", "note": "Dit adres kennen we niet."})
    conflict.refresh_from_db()
    assert conflict.status == ConflictOfInterest.Status.REJECTED

    client.force_login(junior)
    ((_with, _by, _on, state, _reason),) = _rows(client.get(URL))
    assert state == "afgewezen door het registerbureau: Dit adres kennen we niet."


def test_naming_a_board_member_is_a_request_the_office_confirms(client, junior, register_office):
    from register.models import RegisterApplication, RegisterPolicy
    from register.selectors import reviewers_offered

    members = [person(Role.BOARD_MEMBER) for _ in range(3)]
    application = RegisterApplication.objects.create(
        person=junior,
        policy=RegisterPolicy.objects.get(version=1),
        evaluated_on="2026-11-01",
        evaluation={},
        ledger_csv="",
        state=RegisterApplication.State.IN_BALLOTAGE,
    )
    client.force_login(junior)
    client.post(URL, {"email": members[0].email, "reason": "Oud-leidinggevende."})
    conflict = ConflictOfInterest.objects.get()
    assert conflict.status == ConflictOfInterest.Status.REQUESTED
    # A request strikes nobody: the member is still offered as a reviewer.
    assert {m.pk for m in reviewers_offered(application=application)} == {m.pk for m in members}

    client.force_login(members[0])
    ((who, _by, _on, state, _reason),) = _rows(client.get(URL))
    assert (who, state) == (str(junior), "verzoek, wacht op het registerbureau")

    client.force_login(register_office)
    pair = reverse("conflict", args=[conflict.pk])
    assert _page(client.get(pair)).find("button", attrs={"value": "confirm"})
    response = client.post(pair, {"action": "reject", "note": ""})
    assert "Geef aan waarom je het verzoek afwijst." in response.content.decode()
    client.post(pair, {"action": "confirm", "note": "Klopt, was haar leidinggevende."})
    conflict.refresh_from_db()
    assert conflict.status == ConflictOfInterest.Status.BINDING
    assert conflict.decided_by == register_office
    assert {m.pk for m in reviewers_offered(application=application)} == {
        members[1].pk,
        members[2].pk,
    }
    client.force_login(junior)
    ((_with, _by, _on, state, _reason),) = _rows(client.get(URL))
    assert state.endswith("(bevestigd door het registerbureau)")


def test_declaring_is_rate_limited_in_dutch_and_nothing_more_is_written(client, junior):
    client.force_login(junior)
    for n in range(10):
        client.post(URL, {"email": f"iemand{n}@example.org", "reason": "Buren."})
    response = client.post(URL, {"email": "nog-een@example.org", "reason": "Buren."})
    assert response.status_code == 429
    assert "al veel meldingen gedaan" in response.content.decode()
    assert ConflictOfInterest.objects.count() == 10


def test_the_office_is_not_rate_limited(client, register_office):
    client.force_login(register_office)
    for _ in range(12):
        a, b = person(Role.JUNIOR), person(Role.SENIOR)
        response = client.post(URL, {"person_email": a.email, "email": b.email, "reason": "x"})
        assert response.status_code == 302
    assert ConflictOfInterest.objects.count() == 12


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "geen-adres", "reason": "x"}, "email", "Voer een geldig e-mailadres in."),
        (
            {"email": "{own}", "reason": "x"},
            None,
            "Een belangenverstrengeling gaat over twee verschillende mensen.",
        ),
        ({"email": "{senior}", "reason": ""}, "reason", "Dit is een verplicht veld."),
        ({"email": "{senior}", "reason": "   "}, "reason", "Dit is een verplicht veld."),
        ({"email": "{senior}", "reason": "x" * 2001}, "reason", "niet meer dan 2000 tekens"),
    ],
)
def test_bad_input_is_refused_in_dutch_and_nothing_is_written(
    client, junior, senior, data, field, message
):
    data = {k: v.format(own=junior.email, senior=senior.email) for k, v in data.items()}
    client.force_login(junior)
    response = client.post(URL, data)
    assert response.status_code == 200
    errors = _page(response).select("ul.errorlist li")
    assert any(message in e.get_text() for e in errors), [e.get_text() for e in errors]
    if field:
        form = response.context["form"]
        assert message in " ".join(form.errors[field])
    assert not ConflictOfInterest.objects.exists()


def test_declaring_twice_keeps_one_row(client, junior, senior):
    client.force_login(junior)
    client.post(URL, {"email": senior.email, "reason": "Zwager."})
    client.force_login(senior)
    client.post(URL, {"email": junior.email, "reason": "Zwager, van de andere kant."})
    assert ConflictOfInterest.objects.count() == 1


def test_the_office_records_any_pair_and_others_do_not_see_it(
    client, register_office, junior, senior
):
    bystander = person(Role.JUNIOR)
    client.force_login(register_office)
    page = _page(client.get(URL))
    assert page.find("input", attrs={"name": "person_email"})
    response = client.post(
        URL, {"person_email": "onbekend@example.org", "email": senior.email, "reason": "x"}
    )
    assert "Er is geen account met dit e-mailadres." in response.content.decode()
    client.post(
        URL, {"person_email": junior.email, "email": senior.email, "reason": "Zelfde bestuur."}
    )
    conflict = ConflictOfInterest.objects.get()
    assert (conflict.person, conflict.other, conflict.declared_by, conflict.status) == (
        junior,
        senior,
        register_office,
        ConflictOfInterest.Status.BINDING,
    )
    assert _rows(client.get(URL))[0][0] == f"{junior} en {senior}"
    client.force_login(bystander)
    assert _rows(client.get(URL)) == [["Nog niets vastgelegd."]]
    # A practitioner's form names only the other person.
    assert not _page(client.get(URL)).find("input", attrs={"name": "person_email"})
    # The page of a pair is the office's.
    assert client.get(reverse("conflict", args=[conflict.pk])).status_code == 403


def test_the_office_reads_what_the_pair_did_for_each_other(client, register_office):
    trajectory = TrajectoryFactory()
    CoachingSessionFactory(trajectory=trajectory, confirmed=True)
    conflict = conflict_declare(
        actor=register_office,
        person=trajectory.senior,
        other=trajectory.junior,
        reason="Familie.",
    )
    client.force_login(register_office)
    rows = _rows(client.get(reverse("conflict", args=[conflict.pk])))
    assert len(rows) == 1
    on, actor, subject, what, under_conflict = rows[0]
    assert (actor, subject, under_conflict) == (
        str(trajectory.junior),
        str(trajectory.senior),
        "nee",
    )
    assert what.startswith("bevestigde het coachingsgesprek van")


def test_the_office_list_costs_the_same_for_5_and_30(
    client, register_office, django_assert_num_queries
):
    def declare(n):
        for _ in range(n):
            a, b = person(Role.JUNIOR), person(Role.SENIOR)
            conflict_declare(actor=a, person=a, other=b, reason="Buren.")

    declare(5)
    client.force_login(register_office)
    few = queries_for(client, URL)
    declare(25)
    with django_assert_num_queries(few):
        rows = _rows(client.get(URL))
    assert len(rows) == 30


def test_the_page_speaks_english_too(client, junior):
    client.cookies["django_language"] = "en"
    client.force_login(junior)
    page = _page(client.get(URL))
    assert page.find("h1").get_text() == "Conflict of interest"
    assert (
        page.find("label", attrs={"for": "id_email"})
        .get_text()
        .startswith("E-mail address of the other person")
    )


def test_the_page_of_a_pair_costs_the_same_for_2_and_12_acts(
    client, register_office, django_assert_num_queries
):
    trajectory = TrajectoryFactory()
    CoachingSessionFactory.create_batch(2, trajectory=trajectory, confirmed=True)
    conflict = conflict_declare(
        actor=register_office, person=trajectory.senior, other=trajectory.junior, reason="x"
    )
    url = reverse("conflict", args=[conflict.pk])
    client.force_login(register_office)
    few = queries_for(client, url)
    CoachingSessionFactory.create_batch(10, trajectory=trajectory, confirmed=True)
    with django_assert_num_queries(few):
        rows = _rows(client.get(url))
    assert len(rows) == 12
