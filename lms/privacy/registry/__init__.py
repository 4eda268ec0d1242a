"""For every model that holds data about a person: how it is exported and how it is erased.

One table, in two parts (``platform``: the platform's own models; ``libraries``: allauth, axes,
Wagtail, the Django admin), so that nothing about a person can be forgotten: ``tests/privacy``
fails when a model with a key to the user model is missing here, or when one of its keys is.

The user row itself is never deleted. Confirmed coaching hours, attested practice hours,
completions and points, ballotage votes and decisions, and registrations must never be lost
(DESIGN.md, "Data that must never be lost or faked"), and they point at the person with
protected keys. So erasure keeps those rows and turns the person into a pseudonym; everything
else about them is deleted, emptied or has their name replaced.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from .labels import FIELD_LABELS, field_label
from .libraries import LIBRARIES
from .platform import PLATFORM
from .rules import (
    NOBODY,
    PSEUDONYM_DOMAIN,
    PSEUDONYM_NAME,
    Entry,
    Erase,
    Link,
    Shown,
    Subject,
    only,
    shown_in_row,
    when,
)

REGISTRY: tuple[Entry, ...] = (*PLATFORM, *LIBRARIES)


def entry_for(model: type[models.Model]) -> Entry | None:
    label = model._meta.label_lower
    return next((e for e in REGISTRY if e.key == label), None)


def user_links() -> list[tuple[type[models.Model], models.Field]]:
    """Every key to the user model that any installed model declares itself."""
    user_model = get_user_model()
    found = []
    for model in apps.get_models():
        for field in [*model._meta.local_fields, *model._meta.local_many_to_many]:
            if field.is_relation and field.related_model is user_model:
                found.append((model, field))
    return found


__all__ = [
    "FIELD_LABELS",
    "NOBODY",
    "LIBRARIES",
    "PLATFORM",
    "PSEUDONYM_DOMAIN",
    "PSEUDONYM_NAME",
    "REGISTRY",
    "Entry",
    "Erase",
    "Link",
    "Shown",
    "Subject",
    "entry_for",
    "field_label",
    "only",
    "shown_in_row",
    "user_links",
    "when",
]
