"""Demo Vakconferentie: this year's conference, organised by the Landelijk Platform Opbouwwerk
and accredited by the College, with two workshop rounds, one full workshop with a
waiting list, registrations (the demo junior among them), proposals under review, and the
accounts of the programme committee and the desk.

Dates follow the other demos: relative to the day the demo is seeded, so it works on any day.
The conference is held on that day itself, with registration and proposals open until the end
of it, so that every screen can be tried at once: registering, the badge and its QR code,
the desk's check-in that completes the accredited day, and the programme committee's review.
Made only by ``manage.py seed_demo``; a second run changes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from cms.models import HomePage
from courses.models import AccreditationDecision, ProviderPage
from courses.services import (
    accreditation_decide,
    accreditation_request_submit,
    catalogue_ensure,
    provider_create,
)
from lms.accounts.models import Organisation, Region, Role, User
from lms.accounts.services import user_create

from .models import ConferencePage, ConferenceSpeaker, PlenaryPart, Workshop, WorkshopRound
from .services import (
    proposal_review,
    proposal_submit,
    registration_create,
)

DEMO_PASSWORD = "demo-wachtwoord"
ORGANISER = "Landelijk Platform Opbouwwerk"

# email, first name, last name, role
DEMO_PEOPLE = [
    ("programmacommissie@example.org", "Petra", "Kuiper", Role.PROGRAMME_COMMITTEE),
    ("balie@example.org", "Bas", "Lammers", Role.CHECKIN_DESK),
    ("deelnemer1@example.org", "Daan", "Vos", Role.JUNIOR),
    ("deelnemer2@example.org", "Eva", "Meijer", Role.JUNIOR),
    ("deelnemer3@example.org", "Fatima", "Yilmaz", Role.JUNIOR),
    ("deelnemer4@example.org", "Gert", "Bos", Role.JUNIOR),  # not registered yet
    # A committee member at the participants' organisation: offered none of their proposals.
    ("programmacommissie2@example.org", "Quinten", "de Graaf", Role.PROGRAMME_COMMITTEE),
]

# round, title, room, places, approach, form
WORKSHOPS = [
    (0, "Wijkanalyse met bewoners", "Zaal Domtoren", 2, "zelfredzaamheid", "project"),
    (0, "Campagnes die beklijven", "Zaal Vredenburg", 25, "strategisch", "campagne"),
    (
        0,
        "Samenwerken met wijkteams",
        "Zaal Oudegracht",
        30,
        "sociaal_organisatorisch",
        "ontwikkeltraject",
    ),
    (1, "Bewonersbudgetten in de praktijk", "Zaal Domtoren", 25, "zelfredzaamheid", "project"),
    (
        1,
        "Strategisch advies aan de gemeente",
        "Zaal Vredenburg",
        25,
        "strategisch",
        "ontwikkeltraject",
    ),
]

PROPOSALS = [
    (
        "deelnemer1@example.org",
        "Buurtkracht meten zonder cijferfetisjisme",
        "Hoe laat je de opbrengst van opbouwwerk zien zonder alleen te tellen?",
        "strategisch",
        "ontwikkeltraject",
    ),
    (
        "deelnemer2@example.org",
        "Jongeren aan het roer van het buurthuis",
        "Ervaringen met een buurthuis dat door jongeren zelf wordt bestuurd.",
        "zelfredzaamheid",
        "project",
    ),
    (
        "deelnemer3@example.org",
        "Campagne tegen energiearmoede",
        "Een wijkcampagne van voordeurgesprek tot gemeenteraad.",
        "sociaal_organisatorisch",
        "campagne",
    ),
]


def _person(email, first, last, role, organisation=None) -> User:
    found = User.objects.filter(email=email).first()
    if found is not None:
        return found
    return user_create(
        email=email,
        password=DEMO_PASSWORD,
        first_name=first,
        last_name=last,
        roles=[role],
        organisation=organisation,
        region=Region.UTRECHT,
        verified=True,
    )


def _organiser(home: HomePage) -> ProviderPage:
    provider = ProviderPage.objects.filter(title=ORGANISER).first()
    if provider is not None:
        return provider
    organisation, _created = Organisation.objects.get_or_create(
        name=ORGANISER, defaults={"kind": Organisation.Kind.TRAINING, "city": "Utrecht"}
    )
    return provider_create(
        title=ORGANISER,
        organisation=organisation,
        catalogue=catalogue_ensure(home=home),
        intro="<p>Organiseert elk jaar in november de Vakconferentie Opbouwwerk.</p>",
        address="Utrecht",
    )


@transaction.atomic
def seed(people: dict[str, User]) -> ConferencePage | None:
    home = HomePage.objects.first()
    if home is None:
        return None
    today = timezone.localdate()
    day = today
    slug = f"vakconferentie-{day.year}"
    existing = ConferencePage.objects.filter(slug=slug).first()
    if existing is not None:
        return existing
    organisation = Organisation.objects.filter(name="Stichting Opbouw Utrecht").first()
    # The first committee member and the desk work for no organisation of the participants;
    # the second committee member works where the participants work.
    demo = {
        email: _person(
            email,
            first,
            last,
            role,
            None
            if email in ("programmacommissie@example.org", "balie@example.org")
            else organisation,
        )
        for email, first, last, role in DEMO_PEOPLE
    }
    admin = people.get("admin@example.org") or User.objects.filter(is_superuser=True).first()
    college = (
        people.get("college@example.org")
        or User.objects.filter(email="college@example.org").first()
    )
    provider = _organiser(home)

    conference = ConferencePage(
        title=f"Vakconferentie Opbouwwerk {day.year}",
        slug=slug,
        date=day,
        start_time=dt.time(9, 30),
        end_time=dt.time(17, 0),
        venue="Jaarbeurs Utrecht",
        theme="Samen sterk in de wijk: opbouwwerk in onzekere tijden",
        intro=(
            "<p>De jaarlijkse vakconferentie en ontmoetingsdag van het opbouwwerk: plenaire "
            "sprekers, workshops in twee rondes en de jaarvergadering. Aanwezigheid telt mee "
            "voor het register.</p>"
        ),
        price=Decimal("195.00"),
        capacity=300,
        registration_closes=day,
        proposals_close=day,
        organiser=provider,
    )
    home.add_child(instance=conference)
    senior = people.get("senior@example.org")
    keynote = ConferenceSpeaker.objects.create(
        conference=conference,
        name="Prof. dr. Hanna de Wit",
        bio="Lector samenlevingsopbouw, schreef over opbouwwerk en democratie.",
        sort_order=1,
    )
    host = ConferenceSpeaker.objects.create(
        conference=conference,
        name=senior.get_full_name() if senior else "Sander Bakker",
        bio="Senior opbouwwerker in Tiel, begeleidt jonge collega's.",
        user=senior,
        sort_order=2,
    )
    opening = PlenaryPart.objects.create(
        conference=conference,
        title="Opening en keynote: opbouwwerk in onzekere tijden",
        start_time=dt.time(9, 30),
        end_time=dt.time(10, 45),
        sort_order=1,
    )
    opening.speakers.add(keynote)
    opening.save()
    PlenaryPart.objects.create(
        conference=conference,
        title="Jaarvergadering van de beroepsgroep",
        start_time=dt.time(15, 45),
        end_time=dt.time(17, 0),
        sort_order=2,
    )
    rounds = [
        WorkshopRound.objects.create(
            conference=conference,
            title=title,
            start_time=start,
            end_time=end,
            sort_order=index,
        )
        for index, (title, start, end) in enumerate(
            (
                ("Ronde 1", dt.time(11, 0), dt.time(12, 30)),
                ("Ronde 2", dt.time(13, 30), dt.time(15, 0)),
            )
        )
    ]
    workshops = []
    for index, (round_index, title, room, places, approach, form) in enumerate(WORKSHOPS):
        workshop = Workshop.objects.create(
            conference=conference,
            round=rounds[round_index],
            title=title,
            summary=f"{title}: ervaringen en methoden uit de praktijk.",
            room=room,
            capacity=places,
            approach=approach,
            work_form=form,
            sort_order=index,
        )
        if index == 0:
            workshop.speakers.add(host)
            workshop.save()
        workshops.append(workshop)
    # Publishing makes the organiser's course for the day (``conference_published``).
    conference.save_revision(user=admin).publish(user=admin)
    conference.refresh_from_db()
    course = conference.course
    if admin and college:
        request = accreditation_request_submit(
            course=course, user=admin, note="De Vakconferentie, zoals elk jaar."
        )
        accreditation_decide(
            request=request,
            reviewer=college,
            outcome=AccreditationDecision.Outcome.GRANTED,
            points_granted=Decimal("6"),
            valid_from=today - dt.timedelta(days=30),
            valid_until=day + dt.timedelta(days=365),
            motivation="Actuele vakinhoudelijke thema's; telt als consultatie.",
        )

    full, other_first, *_rest = workshops
    second_round = workshops[3]
    registrants = [
        (people.get("junior@example.org"), other_first, second_round),
        (senior, full, second_round),
        (demo["deelnemer1@example.org"], full, workshops[4]),
        (demo["deelnemer2@example.org"], full, workshops[4]),  # waiting list
        (demo["deelnemer3@example.org"], full, second_round),  # waiting list
    ]
    for who, first_choice, second_choice in registrants:
        if who is None:
            continue
        registration_create(
            conference=conference,
            person=who,
            choices={rounds[0].pk: first_choice.pk, rounds[1].pk: second_choice.pk},
            payer="zelf" if who != senior else "werkgever",
            employer_name="" if who != senior else "Welzijn Rivierenland",
            purchase_order="" if who != senior else f"PO-{day.year}-0042",
        )

    committee = demo["programmacommissie@example.org"]
    for index, (email, title, summary, approach, form) in enumerate(PROPOSALS):
        proposal = proposal_submit(
            conference=conference,
            person=demo[email],
            title=title,
            summary=summary,
            approach=approach,
            work_form=form,
            speakers=f"{demo[email].get_full_name()}, opbouwwerker",
        )
        if index == 0:
            proposal_review(
                proposal=proposal,
                reviewer=committee,
                score=4,
                comment="Sterk onderwerp; graag met een voorbeeld uit de praktijk.",
            )
    return conference
