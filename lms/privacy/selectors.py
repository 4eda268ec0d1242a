"""Reads: everything the registry says is about a person, and what stands in erasure's way.

``personal_data_rows`` is the one place that finds a person's rows; the JSON export
(``services.personal_data_export``) and the readable page both render what it finds, so the
two can never disagree. One query per model, whatever the number of rows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from functools import reduce
from operator import or_
from typing import Any

from django.db import models
from django.db.models import BooleanField, Case, F, Q, Value, When
from django.db.models.fields.files import FieldFile
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from courses.models import Edition, Enrolment
from lms.accounts.models import User
from mentoring.models import CoachingSession, Trajectory
from publications.models import Manuscript, ManuscriptReview
from register.models import RegisterApplication, ReviewerAssignment

from .registry import REGISTRY, Entry, Link, Subject, field_label, shown_in_row


@dataclass
class Found:
    """The rows of one registry entry, each with the links through which it was found."""

    entry: Entry
    model: type[models.Model]
    rows: list[tuple[models.Model, tuple[Link, ...]]]


def _is_date(field: models.Field) -> bool:
    return isinstance(field, models.DateField)  # DateTimeField is one too


def _forward_keys(model: type[models.Model]) -> list[str]:
    return [
        f.name
        for f in model._meta.concrete_fields
        if f.is_relation
        and f.related_model is not model
        and not getattr(f.remote_field, "parent_link", False)
    ]


def personal_data_rows(*, subject: Subject) -> list[Found]:
    """Every registry entry with the rows that are about, or were touched by, ``subject``."""
    found = []
    for entry in REGISTRY:
        model = entry.model_class()
        conditions = [link.q(subject) for link in entry.links]
        via = {
            f"_privacy_via_{i}": Case(
                When(condition, then=Value(True)), default=Value(False), output_field=BooleanField()
            )
            for i, condition in enumerate(conditions)
        }
        shows = {
            shown_in_row(name): Case(
                When(shown.where, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
            for name, shown in entry.readers.items()
            if shown.where is not None
        }
        rows = model._default_manager.filter(reduce(or_, conditions)).annotate(**via, **shows)
        if any(link.about for link in entry.links):
            rows = rows.select_related(*_forward_keys(model), *entry.related).prefetch_related(
                *(f.name for f in model._meta.many_to_many)
            )
        else:
            # Only when the person acted: the dates are what the export shows.
            dates = [f.name for f in model._meta.concrete_fields if _is_date(f)]
            rows = rows.only("pk", *dates)
        found.append(
            Found(
                entry=entry,
                model=model,
                rows=[
                    (
                        row,
                        tuple(
                            link
                            for i, link in enumerate(entry.links)
                            if getattr(row, f"_privacy_via_{i}")
                        ),
                    )
                    for row in rows.order_by("pk")
                ],
            )
        )
    return found


def exported_fields(
    entry: Entry,
    model: type[models.Model],
    links: tuple[Link, ...] | None = None,
    row: models.Model | None = None,
) -> list[models.Field]:
    """The fields shown of ``row``, found through ``links`` (every field that anyone may read
    when ``links`` is None): of a row about the person, those the registry's ``readers`` let
    them read; of a row they only acted on, its dates."""
    every = [
        f
        for f in (*model._meta.concrete_fields, *model._meta.many_to_many)
        if f.name not in entry.secret and not getattr(f.remote_field, "parent_link", False)
    ]
    if links is None:
        return every
    if not any(link.about for link in links):
        return [f for f in every if f.primary_key or _is_date(f)]
    return [f for f in every if entry.readable(f.name, links, row)]


def roles_of(links: tuple[Link, ...]) -> list[str]:
    return list(dict.fromkeys(str(link.role) for link in links if link.role))


def json_value(row: models.Model, field: models.Field) -> Any:
    """A field's value as plain JSON; a key shows what it points at, as the site names it."""
    if field.many_to_many:
        return [str(related) for related in getattr(row, field.name).all()]
    if field.is_relation:
        if field.related_model is type(row):
            return getattr(row, field.attname)
        related = getattr(row, field.name)
        return None if related is None else str(related)
    return _plain(field.value_from_object(row))


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return (timezone.localtime(value) if timezone.is_aware(value) else value).isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return str(value)


def display_value(row: models.Model, field: models.Field) -> str:
    """A field's value as a Dutch reader expects it: labels, 30-11-2026, 1.234,5, ja/nee."""
    if field.many_to_many or (field.is_relation and field.related_model is not type(row)):
        value = json_value(row, field)
        if isinstance(value, list):
            return ", ".join(value) or "—"
        return value or "—"
    if field.choices:
        return str(getattr(row, f"get_{field.name}_display")()) or "—"
    value = field.value_from_object(row)
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return formats.date_format(local, "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal):
        return formats.number_format(value, use_l10n=True)
    if isinstance(value, FieldFile):
        return value.name or "—"
    if isinstance(value, dict | list):
        return json.dumps(_plain(value), ensure_ascii=False, indent=1) if value else "—"
    return str(value)


@dataclass
class Row:
    roles: list[str]
    items: list[tuple[str, str]]


@dataclass
class Section:
    key: str
    title: str
    reason: str
    rows: list[Row]


def personal_data_sections(*, user: User) -> list[Section]:
    """The export as the readable page shows it: one section per model that has rows."""
    sections = []
    for found in personal_data_rows(subject=Subject.of(user)):
        if not found.rows:
            continue
        rows = [
            Row(
                roles=roles_of(links),
                items=[
                    (field_label(field), display_value(row, field))
                    for field in exported_fields(found.entry, found.model, links, row)
                ],
            )
            for row, links in found.rows
        ]
        sections.append(
            Section(
                key=found.entry.key,
                title=found.entry.title_text,
                reason=str(found.entry.reason),
                rows=rows,
            )
        )
    return sections


def erasure_blockers(*, user: User) -> list[str]:
    """What must be settled first, in Dutch; empty when erasure may go ahead.

    Erasure settles on its own what the person may end themselves (a future enrolment, a
    proposed trajectory, a running registration). It does not decide for others: the College
    finishes a ballotage, the register office ends an active trajectory, and only the junior
    confirms a coaching session.
    """
    today = timezone.localdate()
    reasons = []
    if user.is_superuser:
        reasons.append(
            _("Je bent technisch beheerder. Laat een andere beheerder eerst die rechten intrekken.")
        )
    if RegisterApplication.objects.filter(
        person=user, state__in=RegisterApplication.OPEN_STATES
    ).exists():
        reasons.append(
            _(
                "Je aanvraag voor het register is in behandeling of in ballotage. Wacht het "
                "besluit af of neem contact op met het registerbureau."
            )
        )
    if ReviewerAssignment.objects.filter(
        reviewer=user,
        application__state=RegisterApplication.State.IN_BALLOTAGE,
        round=F("application__round"),
        recusal__isnull=True,
        vote__isnull=True,
    ).exists():
        reasons.append(
            _(
                "Je beoordeelt een registeraanvraag die in ballotage is. Breng eerst je stem uit "
                "of trek je terug."
            )
        )
    if (
        ManuscriptReview.objects.filter(reviewer=user, advised_at__isnull=True)
        .exclude(manuscript__status=Manuscript.Status.DECIDED)
        .exists()
    ):
        reasons.append(
            _(
                "Het College heeft je gevraagd te adviseren over een manuscript. Geef eerst je "
                "advies of vraag het registerbureau een ander lid te vragen."
            )
        )
    if Trajectory.objects.filter(
        Q(senior=user) | Q(junior=user), status=Trajectory.Status.ACTIVE
    ).exists():
        reasons.append(
            _(
                "Je buddytraject loopt nog. Vraag het registerbureau het traject te beëindigen; "
                "daarna kun je je gegevens laten verwijderen."
            )
        )
    if CoachingSession.objects.filter(
        trajectory__junior=user, status=CoachingSession.Status.AWAITING
    ).exists():
        reasons.append(
            _(
                "Er wachten coachingsgesprekken op je bevestiging. Bevestig of betwist ze eerst: "
                "alleen jij kunt dat."
            )
        )
    if (
        Enrolment.objects.filter(
            person=user,
            status__in=Enrolment.ACTIVE,
            edition__start_date__lte=today,
            edition__end_date__gte=today,
        )
        .exclude(edition__status=Edition.Status.CANCELLED)
        .exists()
    ):
        reasons.append(
            _(
                "Je volgt nu een cursus. Na de laatste dag van die uitvoering kun je je gegevens "
                "laten verwijderen."
            )
        )
    return reasons
