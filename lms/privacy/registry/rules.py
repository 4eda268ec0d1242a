"""The rules a registry entry is written in: what erasure does, whom it concerns, and how
a row is found."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.utils.functional import Promise

PSEUDONYM_NAME = "Verwijderde gebruiker"
PSEUDONYM_DOMAIN = "verwijderd.invalid"  # RFC 2606: .invalid never receives mail


class Erase(enum.StrEnum):
    """What erasure does with the rows a link finds; the strongest wins when several match."""

    DELETE = "delete"  # the rows go, with their files
    SCRUB = "scrub"  # the person's name and e-mail address in ``fields`` become the pseudonym
    BLANK = "blank"  # ``fields`` are emptied (files leave storage); the row stays
    UNLINK = "unlink"  # the key to the person is set to empty
    KEEP = "keep"  # the row stays as it is; the key now names the pseudonym
    PSEUDONYMISE = "pseudonymise"  # the user row itself


@dataclass(frozen=True)
class Subject:
    """The person whose data is exported or erased, as they were before erasure."""

    pk: int
    email: str
    names: tuple[str, ...]  # how the person appears in text: full name, e-mail address

    @classmethod
    def of(cls, user) -> Subject:
        # A first name alone is too short to replace safely inside other text.
        full = user.get_full_name().strip() if user.first_name and user.last_name else ""
        names = tuple(n for n in (full, user.email) if n)
        return cls(pk=user.pk, email=user.email, names=names)

    @property
    def pseudonym(self) -> str:
        return f"verwijderd-{self.pk}"

    @property
    def pseudonym_email(self) -> str:
        return f"{self.pseudonym}@{PSEUDONYM_DOMAIN}"


@dataclass(frozen=True)
class Link:
    """One way a row is about (or was touched by) the person.

    ``path`` is a lookup from the model to the user ("person", "trajectory__junior"); a link
    that finds rows by something other than a key (an e-mail address, a log line about the
    account) gives ``match`` instead and uses ``path`` only as its name.
    """

    path: str
    erase: Erase
    # True: the row is about the person and is exported as the site shows it to them (see
    # ``Entry.readers``). False: the person only acted on it (enrolled someone, attested a
    # month), and the export shows when, not the rest.
    about: bool = True
    fields: tuple[str, ...] = ()  # for BLANK and SCRUB
    placeholder: str = ""  # BLANK writes this instead of "" where the database needs text
    where: Q | None = None
    match: Callable[[Subject], Q] | None = None
    role: str | Promise = ""
    # Set where no page of the site shows the person the rows this link finds (their sign-in
    # records, the objection they sent): why the export gives them what ``Entry.readers``
    # allows all the same.
    off_site: str | Promise = ""

    def q(self, subject: Subject) -> Q:
        q = self.match(subject) if self.match else Q(**{self.path: subject.pk})
        return q & self.where if self.where is not None else q

    @property
    def field_name(self) -> str | None:
        """The model's own key to the user that this link follows, if it is a direct one."""
        if self.match or "__" in self.path:
            return None
        return self.path


@dataclass(frozen=True)
class Shown:
    """Who reads a field of a row about them, as the site's pages show it: only those found
    through one of the links in ``via`` (any link when None), only in rows matching ``where``
    (every row when None)."""

    via: tuple[str, ...] | None = None
    where: Q | None = None


def only(*paths: str) -> Shown:
    """Shown to whoever the row is about through one of these links (``"declared_by"``)."""
    return Shown(via=paths)


def when(where: Q) -> Shown:
    """Shown in the rows that match ``where`` (a certificate's code while it is not revoked)."""
    return Shown(where=where)


NOBODY = Shown(via=())  # no page shows it to anyone the row is about


@dataclass(frozen=True, eq=False)
class Entry:
    """One model: how a person's rows are found, what the export shows of them, and what
    erasure does with them.

    The export shows a person a row as the site's own pages show it to them: a field named
    in ``readers`` only to those it says (``{"reason": only("declared_by")}``: the one who
    declared it), any other field to everyone the row is about.
    ``tests/privacy/test_site_visibility.py`` reads the pages each person can open and holds
    the export to them, field by field.
    """

    model: str  # "app_label.ModelName"
    links: tuple[Link, ...]
    reason: str | Promise  # what erasure does with it and why, as the privacy page says it
    files: tuple[str, ...] = ()  # file fields whose files leave storage with the row
    secret: tuple[str, ...] = ()  # never exported: password hashes, tokens, second factors
    related: tuple[str, ...] = ()  # joined in the export so that no row costs a query
    title: str | Promise = ""  # where the model has no Dutch name of its own
    readers: Mapping[str, Shown] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """The stable key of this model in the export (``courses.enrolment``)."""
        return self.model.lower()

    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    @property
    def title_text(self) -> str:
        return str(self.title or self.model_class()._meta.verbose_name_plural)

    def readable(self, name: str, links: tuple[Link, ...], row: models.Model) -> bool:
        """Whether the person, about ``row`` through ``links``, may read field ``name``.

        ``row`` comes from ``selectors.personal_data_rows``, which marks on it whether it
        matches each ``where`` of ``readers``.
        """
        shown = self.readers.get(name)
        if shown is None:
            return True
        if shown.via is not None and not any(link.path in shown.via for link in links):
            return False
        return shown.where is None or getattr(row, shown_in_row(name))


def shown_in_row(name: str) -> str:
    """The annotation that says whether a row matches the ``where`` of field ``name``."""
    return f"_privacy_shows_{name}"


def about_the_account(subject: Subject) -> Q:
    """Log lines whose object is the person's own account (they carry its name as a label)."""
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(get_user_model())
    return Q(content_type=content_type, object_id=str(subject.pk))


def by_email(field: str) -> Callable[[Subject], Q]:
    return lambda subject: Q(**{f"{field}__iexact": subject.email})


def mentions_email(field: str) -> Callable[[Subject], Q]:
    # JSON text holds the address between quotes; quoting it avoids matching a longer address.
    return lambda subject: Q(**{f"{field}__icontains": f'"{subject.email}"'})
