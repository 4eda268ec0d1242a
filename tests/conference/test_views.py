"""The Vakconferentie's pages: the conference page and search, registering, Mijn
Vakconferentie, the badge, the desk, proposals; query counts of the list pages."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail_factories import DocumentFactory

from conference.badge import check_in_url
from conference.models import ProgrammeDocument, Proposal, Registration
from conference.services import proposal_submit, registration_create
from lms.accounts.models import Role
from publications.models import PublicationKind, PublicationPage
from publications.services import library_ensure
from tests.factories import person

from .factories import make_conference, workshops_of

pytestmark = pytest.mark.django_db


def _register(conference, user, picks=(0, 0)):
    rounds = workshops_of(conference)
    return registration_create(
        conference=conference,
        person=user,
        choices={ws[p].round_id: ws[p].pk for ws, p in zip(rounds, picks, strict=False)},
        payer="zelf",
    )


def _count(client, user, url) -> int:
    client.force_login(user)
    client.get(url)  # warm the per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_page_shows_the_programme_and_search_finds_it(client, conference):
    page = client.get(conference.url).content.decode()
    assert "Workshop 1.1" in page and "Zaal 11" in page and "Jaarbeurs Utrecht" in page
    assert "195,00" in page
    found = client.get("/zoeken/", {"q": "vakconferentie"}).content.decode()
    assert conference.title in found


def test_registering_through_the_form(client, conference, practitioners):
    (user,) = practitioners(1)
    client.force_login(user)
    rounds = workshops_of(conference)
    url = reverse("conference:register", args=[conference.pk])
    data = {f"round_{ws[0].round_id}": ws[0].pk for ws in rounds}
    response = client.post(url, {**data, "payer": "werkgever", "employer_name": "Welzijn"})
    assert response.status_code == 200
    assert "Geef het inkoopordernummer van je werkgever." in response.content.decode()
    assert not Registration.objects.exists()
    response = client.post(
        url, {**data, "payer": "werkgever", "employer_name": "Welzijn", "purchase_order": "PO-1"}
    )
    assert response.status_code == 302
    mine = client.get(reverse("conference:mine", args=[conference.pk])).content.decode()
    assert "Workshop 1.1" in mine and "PO-1" in mine


def test_mine_shows_the_place_on_the_waiting_list(client, conference, practitioners):
    people = practitioners(4)
    for user in people:
        _register(conference, user)
    client.force_login(people[3])
    page = client.get(reverse("conference:mine", args=[conference.pk])).content.decode()
    assert "wachtlijst, plaats 2" in page


def test_badge_is_a_pdf_with_the_desk_link(client, conference, practitioners, settings):
    (user,) = practitioners(1)
    registration = _register(conference, user)
    client.force_login(user)
    response = client.get(reverse("conference:badge", args=[registration.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    url = check_in_url(registration)
    assert url.startswith(settings.SITE_URL) and registration.token in url
    assert len(registration.token) >= 40


@pytest.mark.dates
def test_the_desk_confirms_a_scanned_badge(client, conference_today, practitioners, desk):
    (user,) = practitioners(1)
    registration = _register(conference_today, user)
    client.force_login(desk)
    url = reverse("conference:check_in_token", args=[registration.token])
    assert "Bevestig inchecken" in client.get(url).content.decode()
    client.post(url)
    registration.refresh_from_db()
    assert registration.checked_in_by == desk
    client.force_login(user)
    assert client.get(url).status_code == 403
    assert client.get(reverse("conference:check_in_token", args=["raden"])).status_code == 403


def test_desk_search_costs_the_same_for_few_and_many(client, conference, practitioners, desk):
    url = reverse("conference:desk", args=[conference.pk])
    for user in practitioners(3):
        _register(conference, user)
    few = _count(client, desk, url)
    for user in practitioners(15):
        _register(conference, user)
    assert _count(client, desk, url) == few
    found = client.get(url, {"q": "zzz-niemand"}).content.decode()
    assert "Geen deelnemers gevonden." in found


def _proposals(conference, n):
    for _ in range(n):
        proposal_submit(
            conference=conference,
            person=person(Role.JUNIOR),
            title="Voorstel",
            summary="Samenvatting",
            approach="strategisch",
            work_form="project",
            speakers="Iemand",
        )


def test_proposals_list_costs_the_same_for_few_and_many(client, conference, committee):
    url = reverse("conference:proposals", args=[conference.pk])
    _proposals(conference, 2)
    few = _count(client, committee, url)
    _proposals(conference, 12)
    assert _count(client, committee, url) == few


def test_a_proposal_of_the_own_organisation_is_neither_listed_nor_opened(
    client, conference, organisation
):
    member = person(Role.PROGRAMME_COMMITTEE, profile__organisation=organisation)
    colleague = person(Role.JUNIOR, profile__organisation=organisation)
    proposal = proposal_submit(
        conference=conference,
        person=colleague,
        title="Eigen huis",
        summary="Samenvatting",
        approach="strategisch",
        work_form="project",
        speakers="Iemand",
    )
    client.force_login(member)
    listing = client.get(reverse("conference:proposals", args=[conference.pk])).content.decode()
    assert "Eigen huis" not in listing
    detail = reverse("conference:proposal_detail", args=[proposal.pk])
    assert client.get(detail).status_code == 403
    client.post(detail, {"review": "1", "score": "5"})
    assert not proposal.reviews.exists()
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.SUBMITTED


def test_changing_a_workshop_on_mine(client, conference, practitioners):
    (user,) = practitioners(1)
    registration = _register(conference, user)
    round_one = workshops_of(conference)[0]
    client.force_login(user)
    response = client.post(
        reverse("conference:choice_change", args=[registration.pk]),
        {"round": round_one[1].round_id, f"r{round_one[1].round_id}-workshop": round_one[1].pk},
    )
    assert response.status_code == 302
    chosen = registration.choices.get(round_id=round_one[1].round_id)
    assert chosen.workshop == round_one[1]


def test_slides_of_a_workshop_are_shown_on_the_page_afterwards(client, conference):
    workshop = workshops_of(conference)[0][0]
    document = DocumentFactory(title="Sheets wijkanalyse")
    ProgrammeDocument.objects.create(
        conference=conference, document=document, workshop=workshop, label="Sheets"
    )
    page = client.get(conference.url).content.decode()
    assert document.url in page and "Sheets" in page


def test_a_report_in_the_library_is_linked_from_its_programme_item(client, conference, site):
    library = library_ensure(home=site)
    report = PublicationPage(
        title="Verslag: wijkanalyse met bewoners",
        kind=PublicationKind.REPORT,
        authors="Bakker, S.",
        year=conference.date.year,
    )
    library.add_child(instance=report)
    report.save_revision().publish()
    workshop = workshops_of(conference)[0][0]
    ProgrammeDocument.objects.create(conference=conference, publication=report, workshop=workshop)

    page = BeautifulSoup(client.get(conference.url).content, "html.parser")
    link = page.find("a", string="Verslag: wijkanalyse met bewoners")
    assert link is not None and link["href"] == report.url


def test_a_programme_document_needs_a_document_or_a_publication(conference):
    with pytest.raises(ValidationError):
        ProgrammeDocument(conference=conference, label="Sheets").clean()


def test_the_admin_editor_offers_only_this_conferences_rounds(client, conference, site, organiser):
    other = make_conference(home=site, provider=organiser, accredited=False)
    admin = get_user_model().objects.create_superuser("beheer@example.org", "x")
    client.force_login(admin)
    page = BeautifulSoup(client.get(f"/admin/pages/{conference.pk}/edit/").content, "html.parser")
    offered = {o["value"] for o in page.select("select[name='workshops-0-round'] option")}
    assert offered == {"", *(str(pk) for pk in conference.rounds.values_list("pk", flat=True))}
    assert str(other.rounds.first().pk) not in offered
