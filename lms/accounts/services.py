"""Writes about people: accounts, roles, organisations and the e-mail they are sent."""

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerUnreachable

from .models import (
    ADMIN_ROLES,
    ConflictOfInterest,
    Organisation,
    OutboundEmail,
    Profile,
    Role,
    User,
)
from .selectors import is_register_office

logger = logging.getLogger(__name__)


def user_create(
    *,
    email: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    roles: Iterable[Role] = (),
    organisation: Organisation | None = None,
    region: str = "",
    verified: bool = False,
) -> User:
    """Make a person with a profile and their roles; ``verified`` marks the address confirmed."""
    from allauth.account.models import EmailAddress

    with transaction.atomic():
        user = User(email=email.strip().lower(), first_name=first_name, last_name=last_name)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean()
        user.save()
        profile_for(user=user, organisation=organisation, region=region)
        role_set(user=user, roles=roles)
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=verified)
    return user


def profile_for(
    *, user: User, organisation: Organisation | None = None, region: str = ""
) -> Profile:
    profile, created = Profile.objects.get_or_create(
        user=user, defaults={"organisation": organisation, "region": region}
    )
    return profile


def roles_ensure() -> None:
    """Every role's group exists, and the roles that work in the Wagtail admin may open it.

    Migration 0002 does this for a new database; this repeats it for one that was emptied.
    """
    from django.contrib.auth.models import Permission

    access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    for role in Role:
        group, _ = Group.objects.get_or_create(name=role.value)
        if access is not None and role in ADMIN_ROLES:
            group.permissions.add(access)


def role_set(*, user: User, roles: Iterable[Role]) -> None:
    """Give ``user`` exactly these platform roles, leaving other groups alone."""
    wanted = {Role(r) for r in roles}
    groups = {g.name: g for g in Group.objects.filter(name__in=Role.values)}
    for role in Role:
        if role not in groups:
            groups[role] = Group.objects.get_or_create(name=role.value)[0]
    current = set(user.groups.filter(name__in=Role.values).values_list("name", flat=True))
    user.groups.remove(*[groups[name] for name in current - wanted])
    user.groups.add(*[groups[name] for name in wanted - current])
    user.__dict__.pop("roles", None)


def email_send(
    *,
    key: str,
    to: str,
    subject: str,
    template: str | None = None,
    context: dict | None = None,
    body: str | None = None,
    language: str = "nl",
) -> OutboundEmail | None:
    """Write an e-mail and have a worker send it once the surrounding transaction commits.

    ``key`` names the event ("waitlist-promoted:42"); a second call with the same key writes
    nothing and returns None, which makes periodic reminders safe to run twice.
    """
    if body is None:
        with translation.override(language):
            body = render_to_string(template, context or {})
    with transaction.atomic():
        mail, created = OutboundEmail.objects.get_or_create(
            key=key, defaults={"to": to, "subject": str(subject)[:250], "body": body}
        )
        if not created:
            return None
        mail_id = mail.pk
        transaction.on_commit(lambda: _deliver_soon(mail_id))
    return mail


def outbox_prune(*, older_than: timedelta) -> int:
    """Empty the subject and text of e-mails sent longer than ``older_than`` ago; returns how
    many. They name other people (a junior's name in a senior's reminder), who may since have
    had their data erased. The row stays: its key is what keeps a periodic reminder from going
    out a second time."""
    cutoff = timezone.now() - older_than
    return (
        OutboundEmail.objects.filter(sent_at__lt=cutoff)
        .exclude(subject="", body="")
        .update(subject="", body="")
    )


def _deliver_soon(mail_id: int) -> None:
    from .tasks import deliver_email

    try:
        deliver_email.delay(mail_id)
    except BrokerUnreachable:
        # The change and its e-mail are committed by now, so the person's action succeeded;
        # deliver-pending-email (lms/celery.py) queues the message once the broker is back.
        logger.warning("broker unreachable: e-mail %s waits in the outbox", mail_id)


def users_lock(*users: User) -> None:
    """Serialise writes that concern these people (capacity, overlapping sessions, conflicts):
    their rows are locked in the order of their ids, so two writers never wait on each other."""
    ids = sorted({u.pk for u in users})
    list(User.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk"))


@transaction.atomic
def conflict_declare(*, actor: User, person: User, other: User, reason: str) -> ConflictOfInterest:
    """Either person, or the register office, declares an entanglement between two people."""
    if actor.pk not in (person.pk, other.pk) and not is_register_office(actor):
        raise PermissionDenied(_("Alleen de betrokkenen of het registerbureau melden dit."))
    if person.pk == other.pk:
        raise ValidationError(_("Een belangenverstrengeling gaat over twee verschillende mensen."))
    # Both people's rows are locked, so that two declarations of the same pair at one moment
    # (from either side) wait for each other and the second finds the first.
    users_lock(person, other)
    existing = ConflictOfInterest.objects.filter(
        Q(person=person, other=other) | Q(person=other, other=person)
    ).first()
    if existing:
        return existing
    conflict = ConflictOfInterest(person=person, other=other, reason=reason, declared_by=actor)
    conflict.full_clean()
    conflict.save()
    return conflict
