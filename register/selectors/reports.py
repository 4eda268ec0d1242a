"""The register office's reports: each a table that the page shows and the CSV downloads, from
one definition, so that the two never differ."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import Count
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from ..models import RegisterApplication, Registration
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


REPORTS: dict[str, Callable[[date], Report]] = {
    "registraties-per-status": registrations_by_status,
    "verlopen-binnenkort": registrations_expiring,
    "aanvragen-per-stap": applications_per_step,
    "eisen-voldaan": requirements_met,
}
