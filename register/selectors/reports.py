"""The register office's reports: each a table that the page shows and the CSV downloads, from
one definition, so that the two never differ."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time

from dateutil.relativedelta import relativedelta
from django.db.models import Count
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from ..models import BallotageDecision, RegisterApplication, Registration
from .evaluation import LABELS, REQUIREMENTS, evaluate_all
from .policy import policy_in_force
from .registrations import awaiting_renewal, registrations_with_status


@dataclass
class Report:
    slug: str
    title: str
    description: str
    headers: list[str]
    rows: list[list]
    # Short labels of the rows for a chart's axis, where the report is drawn as one.
    chart_labels: list[str] = field(default_factory=list)


def registrations_by_status(on: date) -> Report:
    counts = Counter(registrations_with_status().values_list("current_status", flat=True))
    return Report(
        "registraties-per-status",
        str(_("Registraties per status")),
        str(_("Alle registraties, naar hun huidige status.")),
        [str(_("Status")), str(_("Aantal"))],
        [[str(label), counts.get(value, 0)] for value, label in Registration.Status.choices],
    )


EXPIRY_HORIZONS = (3, 6, 12)


def registrations_expiring(on: date) -> Report:
    """Active registrations that end within 3, 6 and 12 months and are not renewed yet, with
    the people concerned."""
    active = (
        awaiting_renewal(
            registrations_with_status().filter(
                current_status=Registration.Status.ACTIVE,
                valid_until__gte=on,
                valid_until__lte=on + relativedelta(months=max(EXPIRY_HORIZONS)),
            )
        )
        .select_related("person")
        .order_by("valid_until", "number")
    )
    rows = []
    for registration in active:
        months = next(
            m for m in EXPIRY_HORIZONS if registration.valid_until <= on + relativedelta(months=m)
        )
        rows.append(
            [
                registration.number,
                str(registration.person),
                formats.date_format(registration.valid_until, "d-m-Y"),
                str(_("binnen %(n)s maanden") % {"n": months}),
            ]
        )
    return Report(
        "verlopen-binnenkort",
        str(_("Registraties die binnenkort verlopen")),
        str(
            _(
                "Actieve registraties die binnen 3, 6 of 12 maanden aflopen en nog niet verlengd zijn."
            )
        ),
        [str(_("Registernummer")), str(_("Naam")), str(_("Geldig tot en met")), str(_("Verloopt"))],
        rows,
    )


def applications_per_step(on: date) -> Report:
    counts = {
        (row["kind"], row["state"]): row["n"]
        for row in RegisterApplication.objects.values("kind", "state")
        .annotate(n=Count("pk"))
        .order_by()
    }
    rows = [
        [str(kind_label), str(state_label), counts.get((kind, state), 0)]
        for kind, kind_label in RegisterApplication.Kind.choices
        for state, state_label in RegisterApplication.State.choices
    ]
    return Report(
        "aanvragen-per-stap",
        str(_("Aanvragen per stap")),
        str(_("Inschrijvingen en herregistraties, naar waar ze staan.")),
        [str(_("Soort")), str(_("Stap")), str(_("Aantal"))],
        rows,
    )


def requirements_met(on: date) -> Report:
    """How many practitioners meet each requirement today, under the policy in force."""
    policy = policy_in_force(on=on)
    met: Counter = Counter()
    people = eligible = 0
    for _email, evaluation in evaluate_all(on=on, policy=policy):
        people += 1
        eligible += evaluation.eligible
        for requirement in evaluation.requirements:
            met[requirement.name] += requirement.met
    rows = [[str(LABELS[name]), met[name], people] for name in REQUIREMENTS]
    rows.append([str(_("Aan alle eisen")), eligible, people])
    return Report(
        "eisen-voldaan",
        str(_("Opbouwwerkers die aan een eis voldoen")),
        str(
            _("Op %(d)s, volgens registerbeleid versie %(v)s.")
            % {"d": formats.date_format(on, "d-m-Y"), "v": policy.version}
        ),
        [str(_("Eis")), str(_("Voldoen")), str(_("Opbouwwerkers"))],
        rows,
    )


ACTIVITY_MONTHS = 12
ACTIVITY_REPORT = "activiteit-per-maand"


def _per_month(moments, first: date) -> Counter:
    """How many of ``moments`` fall in each month, by the platform's own calendar."""
    counts: Counter = Counter()
    for moment in moments:
        day = timezone.localtime(moment).date()
        if day >= first:
            counts[day.replace(day=1)] += 1
    return counts


def activity_per_month(on: date) -> Report:
    """Per month of the last twelve (this one so far included): registrations entered,
    applications submitted (first applications and renewals) and ballotage decisions taken.
    Three queries, however many rows."""
    first = on.replace(day=1) - relativedelta(months=ACTIVITY_MONTHS - 1)
    since = timezone.make_aware(datetime.combine(first, time.min)) - relativedelta(days=1)
    registrations = _per_month(
        Registration.objects.filter(created_at__gte=since).values_list("created_at", flat=True),
        first,
    )
    submitted = _per_month(
        RegisterApplication.objects.filter(submitted_at__gte=since).values_list(
            "submitted_at", flat=True
        ),
        first,
    )
    decided = _per_month(
        BallotageDecision.objects.filter(decided_at__gte=since).values_list(
            "decided_at", flat=True
        ),
        first,
    )
    months = [first + relativedelta(months=n) for n in range(ACTIVITY_MONTHS)]
    return Report(
        ACTIVITY_REPORT,
        str(_("Registraties en aanvragen per maand")),
        str(
            _(
                "Per maand: nieuwe registraties, ingediende aanvragen (inschrijvingen en "
                "herregistraties) en ballotagebesluiten. De lopende maand tot en met %(d)s."
            )
            % {"d": formats.date_format(on, "d-m-Y")}
        ),
        [
            str(_("Maand")),
            str(_("Nieuwe registraties")),
            str(_("Ingediende aanvragen")),
            str(_("Ballotagebesluiten")),
        ],
        [
            [
                formats.date_format(month, "F Y"),
                registrations[month],
                submitted[month],
                decided[month],
            ]
            for month in months
        ],
        chart_labels=[formats.date_format(month, "M") for month in months],
    )


REPORTS: dict[str, Callable[[date], Report]] = {
    "registraties-per-status": registrations_by_status,
    "verlopen-binnenkort": registrations_expiring,
    "aanvragen-per-stap": applications_per_step,
    "eisen-voldaan": requirements_met,
    ACTIVITY_REPORT: activity_per_month,
}
