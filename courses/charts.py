"""The provider's chart: how full each edition is, from the seats that
``edition_seats_annotate`` counts. It draws what the selector counted and adds up nothing."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from lms.charts import Chart, Series, bar_chart

from .models import Edition

# The editions drawn: those that start last (the page's order); the table below the chart on
# the page lists them all.
EDITIONS_DRAWN = 15


def fill_rate(*, taken: int, capacity: int) -> Decimal:
    """The share of the seats taken, in whole percent, rounded half up."""
    if not capacity:
        return Decimal(0)
    return (Decimal(100) * taken / capacity).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def fill_rate_chart(editions: Sequence[Edition]) -> Chart:
    """Per edition (annotated with ``seats_taken``) the seats taken out of its capacity."""
    shown = list(editions[:EDITIONS_DRAWN])
    labels = [f"{e.course.title} ({e.code})" for e in shown]
    rates = [fill_rate(taken=e.seats_taken, capacity=e.capacity) for e in shown]
    svg = None
    if shown:
        svg = bar_chart(
            chart_id="provider-fill-chart",
            title=_("Bezetting per uitvoering"),
            description=_(
                "Staafdiagram per uitvoering: het deel van de plaatsen dat bezet is, in "
                "procenten. Elk percentage staat aan het eind van zijn staaf; de aantallen "
                "staan in de tabel naast de grafiek."
            ),
            labels=labels,
            series=[Series(_("Bezet"), rates, "solid")],
            x_max=Decimal(100),
            unit="%",
            label_width=220,
        )
    note = ""
    if len(editions) > EDITIONS_DRAWN:
        note = _(
            "De %(n)s uitvoeringen die het laatst beginnen; alle uitvoeringen staan in de "
            "tabel hieronder."
        ) % {"n": EDITIONS_DRAWN}
    return Chart(
        id="provider-fill",
        heading=_("Bezetting per uitvoering"),
        caption=_("Ingeschreven deelnemers en plaatsen per uitvoering"),
        headers=[_("Uitvoering"), _("Ingeschreven"), _("Plaatsen"), _("Bezetting")],
        rows=[
            [
                f"{label}, {formats.date_format(e.start_date, 'd-m-Y')}",
                formats.number_format(e.seats_taken, 0),
                formats.number_format(e.capacity, 0),
                f"{formats.number_format(rate, 0)}%",
            ]
            for label, e, rate in zip(labels, shown, rates, strict=True)
        ],
        svg=svg,
        empty=_("Er zijn nog geen uitvoeringen, dus nog geen bezetting om te tonen."),
        note=note,
    )
