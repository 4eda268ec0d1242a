import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lms.accounts.models import Role
from register.services import (
    ballotage_decide,
    ballotage_vote,
    register_application_check,
    register_application_submit,
    registration_create,
    reviewers_assign,
)
from tests.cms.factories import code_in_force
from tests.factories import OrganisationFactory, person

from .factories import make_eligible

pytestmark = pytest.mark.django_db

REFLECTIONS = {
    "zelfredzaamheid": "Bewoners zelf.",
    "strategisch": "Advies gemeente.",
    "sociaal_organisatorisch": "Samenwerking.",
}


def _soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_my_status_shows_a_bar_per_requirement_with_links_to_entries(client, junior):
    client.force_login(junior)
    page = _soup(client.get(reverse("register:my_status")))
    assert len(page.find_all("h1")) == 1
    assert len(page.find_all("meter")) == 7
    links = [a["href"] for a in page.select("td.num a")]
    assert reverse("register:my_status_entries", args=["practice_hours"]) in links
    assert "niet te voorspellen" in page.get_text()
    assert not page.find_all("script", src=False) or all(
        s.get("src") for s in page.find_all("script")
    )
    entries = client.get(reverse("register:my_status_entries", args=["coaching_hours"]))
    assert entries.status_code == 200
    assert client.get(reverse("register:my_status_entries", args=["nonsense"])).status_code == 404


def test_my_status_needs_login(client):
    response = client.get(reverse("register:my_status"))
    assert response.status_code == 302


def test_apply_through_the_page_and_read_the_dossier_pdf(client, provider, attester, policy):
    junior = person(Role.JUNIOR)
    make_eligible(who=junior, today=timezone.localdate(), provider=provider, attester=attester)
    client.force_login(junior)
    data = {f"reflection_{k}": v for k, v in REFLECTIONS.items()}
    data |= {"accept_code": "on", "code_version": code_in_force().label}
    response = client.post(reverse("register:apply"), data, follow=True)
    assert response.redirect_chain[-1][0] == reverse("register:my_status")
    page = response.content.decode()
    assert "Je aanvraag is ingediend." in page
    application = junior.register_applications.get()
    assert reverse("register:dossier", args=[application.pk]) in page
    pdf = client.get(reverse("register:dossier", args=[application.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    again = client.post(reverse("register:apply"), data, follow=True)
    assert "al een aanvraag" in again.content.decode()


def test_unmet_application_is_refused_with_a_dutch_message(client, junior):
    client.force_login(junior)
    data = {f"reflection_{k}": v for k, v in REFLECTIONS.items()}
    data |= {"accept_code": "on", "code_version": code_in_force().label}
    response = client.post(reverse("register:apply"), data, follow=True)
    assert "nog niet aan alle eisen" in response.content.decode()


def _registered(n, *, provider, attester, office, college):
    org = OrganisationFactory(city="Zwolle")
    made = []
    for i in range(n):
        who = person(Role.JUNIOR, profile__organisation=org, last_name=f"Jansen{i}")
        make_eligible(who=who, today=timezone.localdate(), provider=provider, attester=attester)
        application = register_application_submit(
            code_version=code_in_force(), actor=who, reflections=REFLECTIONS
        )
        register_application_check(actor=office, application=application, complete=True)
        for a, reviewer in zip(
            reviewers_assign(actor=office, application=application, reviewers=college),
            college,
            strict=True,
        ):
            ballotage_vote(actor=reviewer, assignment=a, value="positive", motivation="Goed.")
        made.append(
            registration_create(
                actor=office, decision=ballotage_decide(actor=office, application=application)
            )
        )
    return made


def test_the_public_register_shows_only_name_number_status_and_validity(
    client, provider, attester, register_office, django_assert_num_queries
):
    college = [person(Role.BOARD_MEMBER) for _ in range(3)]
    (first,) = _registered(
        1, provider=provider, attester=attester, office=register_office, college=college
    )
    url = reverse("register:public")
    assert client.get(url).status_code == 200
    for query in (first.number, first.person.last_name, "Zwolle"):
        page = _soup(client.get(url, {"q": query}))
        cells = [td.get_text() for td in page.select("tbody td")]
        assert cells[1] == first.number
        assert cells[2] == "actief"
    text = page.get_text()
    assert first.person.email not in text
    assert "Welzijnsorganisatie" not in text
    # The query count does not grow with the number of registrations.
    with CaptureQueriesContext(connection) as ctx:
        client.get(url, {"q": "Zwolle"})
    few = len(ctx.captured_queries)
    assert few <= 8
    _registered(3, provider=provider, attester=attester, office=register_office, college=college)
    with django_assert_num_queries(few):
        page = _soup(client.get(url, {"q": "Zwolle"}))
    assert len(page.select("tbody tr")) == 4


def test_a_reviewer_sees_others_votes_only_after_all_voted(
    client, provider, attester, register_office
):
    college = [person(Role.BOARD_MEMBER) for _ in range(3)]
    who = person(Role.JUNIOR)
    make_eligible(who=who, today=timezone.localdate(), provider=provider, attester=attester)
    application = register_application_submit(
        code_version=code_in_force(), actor=who, reflections=REFLECTIONS
    )
    register_application_check(actor=register_office, application=application, complete=True)
    a1, a2, a3 = reviewers_assign(actor=register_office, application=application, reviewers=college)
    ballotage_vote(
        actor=college[0], assignment=a1, value="negative", motivation="Geheime motivering."
    )
    client.force_login(college[1])
    page = client.get(reverse("register:review", args=[a2.pk])).content.decode()
    assert "Geheime motivering" not in page
    response = client.post(
        reverse("register:review", args=[a2.pk]),
        {"action": "vote", "value": "positive", "motivation": "Prima."},
    )
    assert response.status_code == 302
    client.force_login(college[0])
    assert client.get(reverse("register:review", args=[a2.pk])).status_code == 403
