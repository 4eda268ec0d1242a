"""A person's data: all of it as JSON (AVG art. 15 and 20), and erasure (art. 17).

Erasure follows ``registry.REGISTRY`` row by row, in one transaction: either everything the
registry says happens, or nothing does. Files leave storage only after the commit, so a
rollback never leaves rows that point at deleted files.
"""

from __future__ import annotations

import json
import logging
import shutil
import zipfile
from importlib import import_module
from pathlib import PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import Storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Case, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Enrolment
from courses.services import enrolment_withdraw
from lms.accounts.models import User
from lms.accounts.selectors import is_register_office
from mentoring.models import Trajectory
from mentoring.services import trajectory_decline
from register.models import Registration
from register.selectors import registrations_with_status
from register.services import registration_status_change

from .models import ErasureRecord
from .registry import PSEUDONYM_NAME, REGISTRY, Entry, Erase, Link, Subject, field_label
from .selectors import (
    erasure_blockers,
    exported_fields,
    json_value,
    personal_data_rows,
    roles_of,
)

logger = logging.getLogger(__name__)

EXPORT_FORMAT = "opbouwwerk-persoonsgegevens/1"

# Deleting first means the later steps touch only rows that stay.
_ORDER = (Erase.DELETE, Erase.SCRUB, Erase.BLANK, Erase.UNLINK)

# The sessions that Django keeps in the database can be searched for their user.
_DATABASE_SESSIONS = (
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
)


def personal_data_export(*, user: User) -> dict[str, Any]:
    """Everything the platform holds about ``user``, per model under a stable key.

    Every model of the registry has its key, with no rows when there are none, so that a
    reader (or a program) sees what was looked at as well as what was found. Secrets
    (password hash, tokens, second-factor keys) are never part of it.
    """
    return _export(user, personal_data_rows(subject=Subject.of(user)))


def _export(user: User, found) -> dict[str, Any]:
    data = {}
    for item in found:
        rows = []
        for row, links in item.rows:
            values = {"rol": roles_of(links)}
            for field in exported_fields(item.entry, item.model, links, row):
                values[field.name] = json_value(row, field)
            rows.append(values)
        data[item.entry.key] = {
            "naam": item.entry.title_text,
            "bij_verwijderen": str(item.entry.reason),
            "velden": {f.name: field_label(f) for f in exported_fields(item.entry, item.model)},
            "rijen": rows,
        }
    return {
        "formaat": EXPORT_FORMAT,
        "gemaakt_op": timezone.localtime().isoformat(),
        "persoon": {"id": user.pk, "naam": user.get_full_name(), "email": user.email},
        "gegevens": data,
    }


def personal_data_archive(*, user: User, out: IO[bytes]) -> None:
    """The export as a ZIP written to ``out``: ``gegevens.json`` and, under ``bestanden/``,
    the files of the rows about the person (evidence, application documents), named by their
    entry and row. Files of rows the person only acted on belong to others and stay out; a
    file missing from storage is named in ``bestanden/ontbreekt.txt``."""
    found = personal_data_rows(subject=Subject.of(user))
    missing = []
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "gegevens.json",
            json.dumps(_export(user, found), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        )
        for item in found:
            for row, links in item.rows:
                for field in exported_fields(item.entry, item.model, links, row):
                    stored = (
                        getattr(row, field.name) if isinstance(field, models.FileField) else None
                    )
                    if not stored:
                        continue
                    name = f"bestanden/{item.entry.key}/{row.pk}-{PurePosixPath(stored.name).name}"
                    try:
                        with stored.open("rb") as source, archive.open(name, "w") as target:
                            shutil.copyfileobj(source, target)
                    except OSError:
                        missing.append(stored.name)
        if missing:
            archive.writestr("bestanden/ontbreekt.txt", "\n".join(missing) + "\n")


@transaction.atomic
def personal_data_erase(*, user: User, actor: User) -> ErasureRecord:
    """Erase ``user``'s personal data at their own request (or the register office's).

    Refused with the Dutch reasons of ``erasure_blockers`` while something still needs
    someone else (a ballotage, an active trajectory, a session to confirm). Otherwise it ends
    what the person may end themselves, applies the registry, turns the account into a
    pseudonym and writes an ``ErasureRecord``.
    """
    own_request = actor.pk == user.pk
    if not own_request and not is_register_office(actor):
        raise PermissionDenied(
            _("Alleen de persoon zelf of het registerbureau laat gegevens verwijderen.")
        )
    user = User.objects.select_for_update().get(pk=user.pk)
    if ErasureRecord.objects.filter(user=user).exists():
        raise ValidationError(_("De gegevens van dit account zijn al verwijderd."))
    blockers = erasure_blockers(user=user)
    if blockers:
        raise ValidationError(blockers)

    subject = Subject.of(user)
    _open_matters_end(user=user, office=None if own_request else actor)
    files: list[tuple[Storage, str]] = []
    summary: dict[str, dict[str, int]] = {}
    for entry in REGISTRY:
        for action in _ORDER:
            for link in entry.links:
                if link.erase is action:
                    count = _apply(entry=entry, link=link, subject=subject, files=files)
                    if count:
                        counts = summary.setdefault(entry.key, {})
                        counts[action.value] = counts.get(action.value, 0) + count
    ended = _sessions_end(subject=subject)
    if ended:
        summary["sessions.session"] = {Erase.DELETE.value: ended}
    _user_pseudonymise(user=user, subject=subject)
    record = ErasureRecord.objects.create(
        user=user,
        pseudonym=subject.pseudonym,
        actor=actor,
        on_own_request=own_request,
        summary=summary,
    )
    transaction.on_commit(lambda: _files_delete(files))
    return record


def _open_matters_end(*, user: User, office: User | None) -> None:
    """End, through their own services, what the person may end: enrolments for editions
    that have not started (the waitlist moves up), proposed trajectories, and a running
    registration (struck off on request; by the platform unless the office asked)."""
    today = timezone.localdate()
    future = Enrolment.objects.filter(
        person=user, status__in=Enrolment.ACTIVE, edition__start_date__gt=today
    )
    for enrolment in future:
        enrolment_withdraw(enrolment=enrolment, actor=user)
    proposed = Trajectory.objects.filter(
        models.Q(senior=user) | models.Q(junior=user), status=Trajectory.Status.PROPOSED
    )
    for trajectory in proposed:
        trajectory_decline(
            actor=user,
            trajectory=trajectory,
            reason=_("Vervallen: de persoonsgegevens van een deelnemer zijn verwijderd."),
        )
    running = registrations_with_status().filter(
        person=user,
        current_status__in=[Registration.Status.ACTIVE, Registration.Status.SUSPENDED],
    )
    for registration in running:
        registration_status_change(
            actor=office,
            registration=registration,
            status=Registration.Status.STRUCK_OFF,
            reason=_("Doorgehaald op eigen verzoek: de persoonsgegevens zijn verwijderd."),
        )


def _apply(*, entry: Entry, link: Link, subject: Subject, files: list) -> int:
    """Do what ``link`` says with the rows it finds; the number of rows it touched."""
    model = entry.model_class()
    rows = model._default_manager.filter(link.q(subject))
    if link.erase is Erase.DELETE:
        count = rows.count()
        if count:
            files.extend(_files_of(model, rows, entry.files))
            rows.delete()
        return count
    if link.erase is Erase.BLANK:
        files.extend(_files_of(model, rows, [f for f in link.fields if f in entry.files]))
        return rows.update(**{name: _blank(model, name, link.placeholder) for name in link.fields})
    if link.erase is Erase.UNLINK:
        return rows.update(**{link.path: None})
    if link.erase is Erase.SCRUB:
        count = 0
        for row in rows.only("pk", *link.fields):
            changes = {}
            for name in link.fields:
                before = getattr(row, name)
                after = _scrub(before, subject)
                if after != before:
                    changes[name] = after
            if changes:
                model._default_manager.filter(pk=row.pk).update(**changes)
                count += 1
        return count
    return 0


def _blank(model: type[models.Model], name: str, placeholder: str):
    """The empty value of a field; text that was written becomes ``placeholder`` if given."""
    field = model._meta.get_field(name)
    if placeholder:
        return Case(When(**{name: ""}, then=Value("")), default=Value(placeholder))
    if isinstance(field, models.JSONField):
        return field.get_default()
    if field.null:
        return None
    return ""


def _scrub(value: Any, subject: Subject) -> Any:
    """``value`` with the person's name and e-mail address replaced by the pseudonym.

    A person written as a dict with their id (as the matching results do) gets the
    pseudonym's name and address whatever the text said.
    """
    if isinstance(value, str):
        for name in subject.names:
            replacement = subject.pseudonym_email if "@" in name else PSEUDONYM_NAME
            value = value.replace(name, replacement)
        return value
    if isinstance(value, list):
        return [_scrub(v, subject) for v in value]
    if isinstance(value, dict):
        scrubbed = {k: _scrub(v, subject) for k, v in value.items()}
        if scrubbed.get("id") == subject.pk and ("email" in scrubbed or "name" in scrubbed):
            if "name" in scrubbed:
                scrubbed["name"] = PSEUDONYM_NAME
            if "email" in scrubbed:
                scrubbed["email"] = subject.pseudonym_email
        return scrubbed
    return value


def _files_of(model: type[models.Model], rows, names) -> list[tuple[Storage, str]]:
    found = []
    for name in names:
        storage = model._meta.get_field(name).storage
        found.extend((storage, path) for path in rows.values_list(name, flat=True) if path)
    return found


def _files_delete(files: list[tuple[Storage, str]]) -> None:
    for storage, path in files:
        try:
            storage.delete(path)
        except OSError:
            # The rows are gone already; a file left behind is logged for the operator.
            logger.exception("privacy: could not delete a private file after erasure")


def _sessions_end(*, subject: Subject) -> int:
    """Log the person out everywhere. The unusable password already invalidates every
    session; deleting them also removes what they hold."""
    if settings.SESSION_ENGINE not in _DATABASE_SESSIONS:
        return 0
    from django.contrib.sessions.models import Session

    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = [
        session.session_key
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(session.get_decoded().get("_auth_user_id")) == str(subject.pk)
    ]
    for key in keys:
        store(session_key=key).delete()
    return len(keys)


def _user_pseudonymise(*, user: User, subject: Subject) -> None:
    user.first_name = PSEUDONYM_NAME
    user.last_name = ""
    user.email = subject.pseudonym_email
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    user.save(
        update_fields=[
            "first_name",
            "last_name",
            "email",
            "password",
            "is_active",
            "is_staff",
            "is_superuser",
            "last_login",
        ]
    )
    user.groups.clear()
    user.user_permissions.clear()
    user.__dict__.pop("roles", None)
