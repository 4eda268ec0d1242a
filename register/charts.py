"""The register's charts: a practitioner's progress per requirement by month, and the office's
registrations and applications by month. They draw what the selectors computed and add up
nothing themselves."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _

from cms.templatetags.numbers import uren
from lms.charts import Chart, Series, line_chart

from .selectors.evaluation import Evaluation, RequirementResult
from .selectors.reports import Report


def _shown(result: RequirementResult, value) -> str:
    return formats.number_format(value, 0) if result.is_count else uren(value)


def _unit(result: RequirementResult) -> str:
    return {"minutes": _("uur"), "points": _("punten")}.get(result.unit, "")


def progress_charts(points: list[Evaluation]) -> list[Chart]:
    """Per requirement what counted at the end of each month and what was required: the
    numbers of ``progress_by_month``, whose last point is the status page's own."""
    if not points:
        return []
    labels = [formats.date_format(p.on, "M") for p in points]
    charts = []
    for index, current in enumerate(points[-1].requirements):
        results = [p.get(current.name) for p in points]
        achieved = [r.achieved_shown for r in results]
        required = [r.required_shown for r in results]
        svg = line_chart(
            chart_id=f"progress-{current.name}",
            title=_("%(requirement)s per maand") % {"requirement": current.label},
            description=_(
                "Lijngrafiek van wat meetelt aan het eind van elke maand (doorgetrokken lijn, "
                "ronde punten) en wat vereist is (gestreepte lijn, vierkante punten). De "
                "getallen staan in de tabel naast de grafiek."
            ),
            labels=labels,
            series=[
                Series(_("Behaald"), achieved, "solid"),
                Series(_("Vereist"), required, "dashed"),
            ],
            unit=_unit(current),
            height=240,
        )
        charts.append(
            Chart(
                id=f"progress-{index}",
                heading=current.label,
                caption=_("%(requirement)s per maand") % {"requirement": current.label},
                headers=[_("Stand op"), _("Behaald"), _("Vereist")],
                rows=[
                    [
                        formats.date_format(p.on, "d-m-Y"),
                        _shown(r, r.achieved_shown),
                        _shown(r, r.required_shown),
                    ]
                    for p, r in zip(points, results, strict=True)
                ],
                svg=svg,
                note=_(
                    "Doorgetrokken lijn met ronde punten: behaald. "
                    "Gestreepte lijn met vierkante punten: vereist."
                ),
            )
        )
    return charts


def activity_chart(report: Report) -> Chart:
    """The office's report of registrations and applications per month, drawn."""
    labels = [str(row[0]) for row in report.rows]
    columns = report.headers[1:]
    empty = not any(value for row in report.rows for value in row[1:])
    svg = None
    if not empty:
        svg = line_chart(
            chart_id="report-activity-chart",
            title=report.title,
            description=_(
                "Lijngrafiek per maand van nieuwe registraties (doorgetrokken lijn, ronde "
                "punten), ingediende aanvragen (gestreepte lijn, vierkante punten) en "
                "ballotagebesluiten (gestippelde lijn, driehoeken). De getallen staan in de "
                "tabel naast de grafiek."
            ),
            labels=report.chart_labels or labels,
            series=[
                Series(name, [row[i + 1] for row in report.rows], style)
                for i, (name, style) in enumerate(
                    zip(columns, ("solid", "dashed", "dotted"), strict=True)
                )
            ],
        )
    return Chart(
        id=f"report-{report.slug}",
        heading=report.title,
        caption=report.description,
        headers=report.headers,
        rows=[[row[0], *(formats.number_format(v, 0) for v in row[1:])] for row in report.rows],
        svg=svg,
        empty=_("Er zijn in deze maanden geen registraties, aanvragen of besluiten."),
        note=_(
            "Doorgetrokken lijn met ronde punten: nieuwe registraties. Gestreepte lijn met "
            "vierkante punten: ingediende aanvragen. Gestippelde lijn met driehoeken: "
            "ballotagebesluiten."
        ),
    )
