"""Declaring a conflict of interest on its page: a practitioner names the other person, the
register office records any pair; both sides see it, the reason stays with who declared it."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from lms.accounts.models import ConflictOfInterest, Role
from register.selectors import reviewers_offered
from tests.factories import person
from tests.queries import queries_for

pytestmark = pytest.mark.django_db

URL = reverse("mentoring:conflicts")


def _page(response):
    return BeautifulSoup(response.content, "html.parser")


def _rows(response):
    return [
        [cell.get_text(" ", strip=True) for cell in tr.find_all("td")]
        for tr in _page(response).find("table").find("tbody").find_all("tr")
    ]


def test_a_practitioner_declares_a_conflict_and_both_see_it(client, junior, senior):
    client.force_login(junior)
    response = client.post(
        URL, {"email": f"  {senior.email.upper()} ", "reason": "Hij is mijn zwager."}, follow=True
    )
    assert f"Vastgelegd: {junior} en {senior}" in response.content.decode()
    conflict = ConflictOfInterest.objects.get()
    assert (conflict.person, conflict.other, conflict.declared_by) == (junior, senior, junior)
    assert _rows(response) == [
        [str(senior), "jij", conflict.declared_at.strftime("%d-%m-%Y"), "Hij is mijn zwager."]
    ]

    client.force_login(senior)
    ((who, declared_by, _on, reason),) = _rows(client.get(URL))
    assert (who, declared_by) == (str(junior), str(junior))
    assert "zwager" not in reason
    assert reason == "alleen zichtbaar voor wie het meldde en het registerbureau"


def test_a_declared_board_member_is_not_offered_as_reviewer(client, junior, register_office):
    from register.models import RegisterApplication, RegisterPolicy

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
    assert {m.pk for m in reviewers_offered(application=application)} == {
        members[1].pk,
        members[2].pk,
    }


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"email": "niemand@example.org", "reason": "x"},
            "email",
            "Er is geen account met dit e-mailadres.",
        ),
        ({"email": "geen-adres", "reason": "x"}, "email", "Voer een geldig e-mailadres in."),
        (
            {"email": "{own}", "reason": "x"},
            None,
            "Een belangenverstrengeling gaat over twee verschillende mensen.",
        ),
        ({"email": "{senior}", "reason": ""}, "reason", "Dit is een verplicht veld."),
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
    client.post(
        URL, {"person_email": junior.email, "email": senior.email, "reason": "Zelfde bestuur."}
    )
    conflict = ConflictOfInterest.objects.get()
    assert (conflict.person, conflict.other, conflict.declared_by) == (
        junior,
        senior,
        register_office,
    )
    assert _rows(client.get(URL))[0][0] == f"{junior} en {senior}"
    client.force_login(bystander)
    assert _rows(client.get(URL)) == [["Nog niets vastgelegd."]]
    # A practitioner's form names only the other person.
    assert not _page(client.get(URL)).find("input", attrs={"name": "person_email"})


def test_the_office_list_costs_the_same_for_5_and_30(
    client, register_office, django_assert_num_queries
):
    def declare(n):
        for _ in range(n):
            a, b = person(Role.JUNIOR), person(Role.SENIOR)
            ConflictOfInterest.objects.create(person=a, other=b, reason="Buren.", declared_by=a)

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
