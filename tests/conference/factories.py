"""A Vakconferentie as the platform makes one: a page with rounds and workshops, its course
under the organising provider, accredited by the College."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from conference.models import ConferencePage, Workshop, WorkshopRound
from conference.services import conference_course_ensure
from courses.models import AccreditationDecision, AccreditationRequest
from courses.services import accreditation_decide
from lms.accounts.models import Role
from tests.factories import person


def make_conference(
    *,
    home,
    provider,
    days_ahead: int = 30,
    closes_in: int | None = None,
    capacities=((2, 5), (3, 5)),
    accredited: bool = True,
    proposals_close_in: int | None = 10,
    price: Decimal = Decimal("195.00"),
) -> ConferencePage:
    """A published conference ``days_ahead`` from today with one round per entry of
    ``capacities``, each with a workshop of each capacity given."""
    today = timezone.localdate()
    day = today + dt.timedelta(days=days_ahead)
    closes = day - dt.timedelta(days=10) if closes_in is None else today + dt.timedelta(closes_in)
    conference = ConferencePage(
        title=f"Vakconferentie Opbouwwerk {day.year}",
        slug=f"vakconferentie-{day:%Y%m%d}-{ConferencePage.objects.count()}",
        date=day,
        venue="Jaarbeurs Utrecht",
        theme="Samen sterk in de wijk",
        intro="<p>De jaarlijkse vakconferentie.</p>",
        price=price,
        capacity=100,
        registration_closes=min(closes, day),
        proposals_close=(
            None
            if proposals_close_in is None
            else min(today + dt.timedelta(days=proposals_close_in), day)
        ),
    )
    home.add_child(instance=conference)
    for index, sizes in enumerate(capacities, start=1):
        round_ = WorkshopRound.objects.create(
            conference=conference,
            title=f"Ronde {index}",
            start_time=dt.time(10 + 2 * index, 0),
            end_time=dt.time(11 + 2 * index, 0),
            sort_order=index,
        )
        for number, size in enumerate(sizes, start=1):
            Workshop.objects.create(
                conference=conference,
                round=round_,
                title=f"Workshop {index}.{number}",
                room=f"Zaal {index}{number}",
                capacity=size,
                sort_order=number,
            )
    conference.save_revision().publish()
    conference_course_ensure(conference=conference, provider=provider)
    conference.refresh_from_db()
    if accredited:
        board = person(Role.BOARD_MEMBER)
        request = AccreditationRequest.objects.create(
            course=conference.course, submitted_by=board, note="Vakconferentie"
        )
        accreditation_decide(
            request=request,
            reviewer=board,
            outcome=AccreditationDecision.Outcome.GRANTED,
            motivation="Actuele vakinhoudelijke thema's.",
            points_granted=Decimal("6"),
            valid_from=today - dt.timedelta(days=365),
            valid_until=today + dt.timedelta(days=365 * 2),
        )
    return conference


def workshops_of(conference):
    """The workshops per round, in order: [[w1.1, w1.2], [w2.1, w2.2]]."""
    return [
        list(round_.workshops.order_by("sort_order"))
        for round_ in conference.rounds.order_by("sort_order")
    ]
