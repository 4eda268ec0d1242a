"""Reads of the site shell: which version of the beroepscode is in force."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from .models.code_versions import CodeVersion


def code_version_current(*, on: date) -> CodeVersion | None:
    """The version of the beroepscode in force on ``on`` (a Dutch date): the latest one whose
    first day has come. The one place that says so; applying, renewing and the public page
    all ask it."""
    return CodeVersion.objects.filter(in_force_from__lte=on).order_by("-in_force_from").first()


def code_versions() -> QuerySet[CodeVersion]:
    """Every published version, the newest first (one that is not yet in force included)."""
    return CodeVersion.objects.order_by("-in_force_from")


def code_version_by_label(*, label: str) -> CodeVersion | None:
    return CodeVersion.objects.filter(label=label).first()
