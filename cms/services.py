"""Writes of the site shell: recording a published version of the beroepscode."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from .models.code_versions import CodeVersion


def _article_problems(articles: Sequence[dict]) -> list[str]:
    if not articles:
        return [_("Een beroepscode heeft ten minste één artikel.")]
    numbers = [a.get("number") for a in articles]
    if len(set(numbers)) != len(numbers):
        return [_("Elk artikel heeft een eigen nummer.")]
    return []


def code_version_problems(
    *, label: str, in_force_from: date | None, articles: Sequence[dict], today: date
) -> list[str]:
    """Why publishing these articles as version ``label`` is refused (empty: it may be).

    A published version never changes: publishing it again with the same articles and date
    records nothing, publishing it with other ones is refused. A new version comes into force
    after the latest one and not in the past, so nobody's acceptance is overtaken backwards.
    """
    existing = CodeVersion.objects.filter(label=label).first()
    if existing is not None:
        if existing.articles != list(articles) or existing.in_force_from != in_force_from:
            return [
                _(
                    "Versie %(v)s van de beroepscode is al gepubliceerd en verandert niet meer. "
                    "Geef je wijziging een nieuw versienummer."
                )
                % {"v": label}
            ]
        return []
    problems = _article_problems(articles)
    if in_force_from is None:
        return [*problems, _("Vul in vanaf welke dag deze versie geldt.")]
    if in_force_from < today:
        problems.append(
            _("Een nieuwe versie geldt op zijn vroegst vandaag (%(d)s).")
            % {"d": formats.date_format(today, "d-m-Y")}
        )
    latest = CodeVersion.objects.order_by("-in_force_from").first()
    if latest is not None and in_force_from <= latest.in_force_from:
        problems.append(
            _("Versie %(v)s geldt al vanaf %(d)s; een nieuwe versie gaat later in.")
            % {"v": latest.label, "d": formats.date_format(latest.in_force_from, "d-m-Y")}
        )
    return problems


@transaction.atomic
def code_version_record(*, page, revision=None, today: date | None = None) -> CodeVersion | None:
    """Freeze the published beroepscode page as a new version, when its label is new.

    Called on every publication of the page, however it is published (the admin, a scheduled
    publication, the demo). A label already recorded records nothing: the admin refuses
    changes under a published label before they are published (``CodeOfConductPageForm``).
    """
    today = today or timezone.localdate()
    # One publication at a time (there is one beroepscode page): the check against the latest
    # version and the insert are one step.
    list(Page.objects.select_for_update().filter(pk=page.pk).values_list("pk", flat=True))
    if CodeVersion.objects.filter(label=page.version_label).exists():
        return None
    articles = page.frozen_articles()
    problems = code_version_problems(
        label=page.version_label,
        in_force_from=page.in_force_from,
        articles=articles,
        today=today,
    )
    if problems:
        raise ValidationError(problems)
    version = CodeVersion(
        label=page.version_label,
        in_force_from=page.in_force_from,
        change_note=page.change_note,
        articles=articles,
        page=page,
        revision=revision,
    )
    version.full_clean(exclude=["page", "revision"])
    try:
        with transaction.atomic():
            version.save()
    except IntegrityError as exc:
        raise ValidationError(
            _("Er is tegelijk een andere versie gepubliceerd; probeer het opnieuw.")
        ) from exc
    return version
