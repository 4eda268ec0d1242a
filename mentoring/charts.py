"""Coaching's charts: a senior's confirmed hours per trajectory and a manager's quarters.
They draw what the selectors counted and add up nothing themselves; minutes become hours
only in ``lms.durations``."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import formats
from django.utils.translation import gettext as _

from cms.templatetags.numbers import uren
from lms.charts import Chart, Series, bar_chart, line_chart
from lms.durations import hours_from_minutes

from .models import Trajectory
from .selectors import QuarterFigures


def senior_hours_chart(trajectories: Sequence[Trajectory]) -> Chart:
    """Per trajectory (annotated by ``trajectories_with_hours``) the confirmed coaching hours
    beside the agreed hours."""
    labels = [str(t.junior) for t in trajectories]
    confirmed = [hours_from_minutes(t.confirmed_minutes) for t in trajectories]
    agreed = [t.agreed_hours for t in trajectories]
    svg = None
    if trajectories:
        svg = bar_chart(
            chart_id="senior-hours-chart",
            title=_("Bevestigde coachingsuren per traject"),
            description=_(
                "Staafdiagram per junior: de bevestigde coachingsuren (gevulde staaf) naast de "
                "afgesproken uren (gearceerde staaf). Elk getal staat aan het eind van zijn "
                "staaf en in de tabel naast de grafiek."
            ),
            labels=labels,
            series=[
                Series(_("Bevestigd"), confirmed, "solid"),
                Series(_("Afgesproken"), agreed, "hatched"),
            ],
            unit=_("uur"),
        )
    return Chart(
        id="senior-hours",
        heading=_("Bevestigde coachingsuren per traject"),
        caption=_("Bevestigde en afgesproken coachingsuren per traject"),
        headers=[_("Junior"), _("Periode"), _("Bevestigd"), _("Afgesproken")],
        rows=[
            [
                label,
                _("%(start)s tot %(end)s")
                % {
                    "start": formats.date_format(t.starts_on, "d-m-Y"),
                    "end": formats.date_format(t.planned_end_on, "d-m-Y"),
                },
                uren(done),
                uren(total),
            ]
            for label, t, done, total in zip(labels, trajectories, confirmed, agreed, strict=True)
        ],
        svg=svg,
        empty=_("Je begeleidt nog geen juniors, dus er zijn nog geen uren te tonen."),
        note=_("Gevulde staaf: bevestigd. Gearceerde staaf: afgesproken."),
    )


def manager_quarter_charts(quarters: Sequence[QuarterFigures]) -> list[Chart]:
    """The organisation's confirmed coaching hours and attested practice hours per quarter."""
    labels = [q.short for q in quarters]
    charts = []
    for key, heading, caption, minutes_of in (
        (
            "coaching",
            _("Bevestigde coachingsuren per kwartaal"),
            _("Bevestigde coachingsuren van je organisatie per kwartaal"),
            lambda q: q.confirmed_minutes,
        ),
        (
            "practice",
            _("Geattesteerde praktijkuren per kwartaal"),
            _("Geattesteerde praktijkuren van je organisatie per kwartaal"),
            lambda q: q.attested_minutes,
        ),
    ):
        hours = [hours_from_minutes(minutes_of(q)) for q in quarters]
        svg = None
        if any(hours):
            svg = line_chart(
                chart_id=f"manager-{key}-chart",
                title=heading,
                description=_(
                    "Lijngrafiek van de uren van je organisatie per kwartaal; het laatste "
                    "kwartaal loopt nog. De getallen staan in de tabel naast de grafiek."
                ),
                labels=labels,
                series=[Series(_("Uren"), hours, "solid")],
                unit=_("uur"),
                height=240,
            )
        charts.append(
            Chart(
                id=f"manager-{key}",
                heading=heading,
                caption=caption,
                headers=[_("Kwartaal"), _("Uren")],
                rows=[[q.label, uren(h)] for q, h in zip(quarters, hours, strict=True)],
                svg=svg,
                empty=_("In deze kwartalen zijn er nog geen uren die meetellen."),
            )
        )
    return charts
