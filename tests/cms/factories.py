"""The beroepscode in force, for tests that apply or renew."""

import datetime as dt

from django.utils import timezone

from cms.models import CodeVersion
from cms.selectors import code_version_current

ARTICLES = [
    {"number": 1, "title": "Doel", "text": "<p>Werken aan samenlevingsopbouw.</p>"},
    {"number": 2, "title": "Onafhankelijkheid", "text": "<p>Een eigen diagnose en visie.</p>"},
]


def code_version(*, label="2020.1", in_force_from=dt.date(2020, 1, 1), **kwargs) -> CodeVersion:
    return CodeVersion.objects.create(
        label=label,
        in_force_from=in_force_from,
        articles=kwargs.pop("articles", ARTICLES),
        **kwargs,
    )


def code_in_force() -> CodeVersion:
    """The version in force today: the demo's when the site was seeded, else one from 2020."""
    return code_version_current(on=timezone.localdate()) or code_version()
