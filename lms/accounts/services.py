"""Writes about people: accounts, roles, organisations and the e-mail they are sent."""

import logging
import smtplib
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerUnreachable

from .models import (
    ADMIN_ROLES,
    ALWAYS_SENT,
    CHOOSABLE_KINDS,
    ConflictOfInterest,
    EmailChoice,
    EmailPreference,
    NoticeKind,
    Organisation,
    OutboundEmail,
    Profile,
    Role,
    User,
)
from .selectors import (
    conflict_binds,
    conflict_may_judge,
    email_choice_for,
    is_register_office,
    language_of,
    person_by_email,
)
from .signals import conflict_bound

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
    kind: NoticeKind = NoticeKind.OTHER,
) -> OutboundEmail | None:
    """Write an e-mail and have a worker send it once the surrounding transaction commits.

    ``key`` names the event ("waitlist-promoted:42"); a second call with the same key writes
    nothing and returns None, which makes periodic reminders safe to run twice.

    ``kind`` says what it is about, and this is the one place that decides by the person's
    choice for that kind: sent at once, held for their daily digest (written, not sent), or
    not written at all (None). The kinds in ``ALWAYS_SENT`` go out whatever was chosen.
    """
    kind = NoticeKind(kind)
    choice = EmailChoice.AT_ONCE if kind in ALWAYS_SENT else email_choice_for(to=to, kind=kind)
    if choice == EmailChoice.OFF:
        return None
    held = choice == EmailChoice.DIGEST
    if body is None:
        with translation.override(language):
            body = render_to_string(template, context or {})
    # A subject is one header line; a title or a name with a line break in it stays one line.
    subject = " ".join(str(subject).split())[:250]
    with transaction.atomic():
        mail, created = OutboundEmail.objects.get_or_create(
            key=key,
            defaults={"to": to, "subject": subject, "body": body, "kind": kind, "held": held},
        )
        if not created:
            return None
        if held:
            return mail
        mail_id = mail.pk
        # Robust: once the change and its e-mail are committed, whatever becomes of handing it
        # over or sending it is the outbox's to retry or record, never the request's.
        transaction.on_commit(lambda: _deliver_soon(mail_id), robust=True)
    return mail


def email_preferences_save(*, user: User, choices: dict[str, str]) -> None:
    """Record how ``user`` hears of each kind in ``choices`` (kind -> ``EmailChoice``). A kind
    that is always sent, or an unknown kind or choice, is refused and nothing is saved."""
    errors = {}
    for kind, choice in choices.items():
        if kind not in CHOOSABLE_KINDS:
            errors[kind] = _("Dit bericht wordt altijd verstuurd; je kunt het niet uitzetten.")
        elif choice not in EmailChoice.values:
            errors[kind] = _("Kies meteen, in het dagelijkse overzicht of uit.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        for kind, choice in choices.items():
            EmailPreference.objects.update_or_create(
                user=user, kind=kind, defaults={"choice": choice}
            )


def email_digest_send() -> int:
    """Gather each person's held e-mails into one digest e-mail; returns how many were written.

    One digest per address per Dutch day (the outbox key): a second run the same day writes
    nothing, and what was held after the first run waits for the next day's digest. The rows
    are locked, so two runs at once do not both take the same e-mail along.
    """
    today = timezone.localdate()
    pending = OutboundEmail.objects.filter(held=True, digest__isnull=True)
    written = 0
    for to in pending.values_list("to", flat=True).distinct().order_by("to"):
        with transaction.atomic():
            held = list(pending.select_for_update().filter(to=to).order_by("created_at", "pk"))
            if not held:
                continue
            person = person_by_email(to)
            language = language_of(person) if person else "nl"
            with translation.override(language):
                subject = _("Je dagelijkse overzicht van het leerplatform")
                body = render_to_string("accounts/email/digest.txt", {"mails": held})
            digest = email_send(
                key=f"digest:{to}:{today.isoformat()}",
                to=to,
                subject=subject,
                body=body,
                kind=NoticeKind.DIGEST,
            )
            if digest is None:
                continue
            OutboundEmail.objects.filter(pk__in=[mail.pk for mail in held]).update(digest=digest)
            written += 1
    return written


# How often an e-mail is tried before it is given up on (the worker's retries and
# deliver-pending-email together).
EMAIL_MAX_ATTEMPTS = 10


def email_deliver(*, mail_id: int) -> bool:
    """Send one written e-mail; True when it went out now.

    The row lock and ``sent_at`` make a second run a no-op. An error that sending again cannot
    cure (``email_error_is_permanent``), or the last allowed attempt failing, marks the e-mail
    failed with the reason; any other error is raised, with the attempt counted, for the
    caller to retry.
    """
    with transaction.atomic():
        mail = OutboundEmail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None or mail.sent_at is not None or mail.failed_at is not None or mail.held:
            return False
        mail.attempts += 1
        try:
            EmailMessage(
                subject=settings.EMAIL_SUBJECT_PREFIX + mail.subject,
                body=mail.body,
                to=[mail.to],
            ).send()
        except Exception as error:
            if email_error_is_permanent(error) or mail.attempts >= EMAIL_MAX_ATTEMPTS:
                mail.failed_at = timezone.now()
                mail.failure = f"{type(error).__name__}: {error}"[:250]
                mail.save(update_fields=["attempts", "failed_at", "failure"])
                logger.warning("e-mail %s not delivered, given up: %s", mail.pk, mail.failure)
                return False
            mail.save(update_fields=["attempts"])
            retry = error
        else:
            mail.sent_at = timezone.now()
            mail.save(update_fields=["attempts", "sent_at"])
            return True
    raise retry


def email_error_is_permanent(error: Exception) -> bool:
    """Whether sending the same e-mail again would fail the same way: a message that cannot be
    written (a line break in a header, an address that is no address), or a mail server that
    refuses the recipient or the message for good (a 5xx answer). A 4xx answer, a server that
    cannot be reached or a refused login are the moment's or the configuration's, and pass."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _message in error.recipients.values())
    if isinstance(error, smtplib.SMTPDataError):
        return error.smtp_code >= 500
    return isinstance(error, ValueError)


def outbox_prune(*, older_than: timedelta) -> int:
    """Empty the subject and text of e-mails sent longer than ``older_than`` ago; returns how
    many. They name other people (a junior's name in a senior's reminder), who may since have
    had their data erased. The row stays: its key is what keeps a periodic reminder from going
    out a second time."""
    cutoff = timezone.now() - older_than
    return (
        OutboundEmail.objects.filter(Q(sent_at__lt=cutoff) | Q(digest__sent_at__lt=cutoff))
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


def conflict_check(*, a: User, b: User, refusal: str) -> None:
    """Refuse, with ``refusal``, an act between ``a`` and ``b`` while a conflict of interest
    binds them (DOMAIN.md, "Conflicts hold from the moment they are recorded").

    Both people's rows are locked first, as ``conflict_declare`` locks them: an act and a
    conflict that binds at the same moment wait for each other, and the one that comes
    second sees the first. Call it before any other lock of the act, so the order of locks is
    the same everywhere.
    """
    users_lock(a, b)
    if conflict_binds(a, b):
        raise ValidationError(refusal)


def _conflict_binds_now(conflict: ConflictOfInterest, *, actor: User, moment) -> None:
    """Make ``conflict`` hold from ``moment`` (now) and tell the apps above (the register
    withdraws the reviews it touches), in the caller's transaction."""
    conflict.status = ConflictOfInterest.Status.BINDING
    conflict.binds_from = moment
    conflict.full_clean()
    conflict.save()
    conflict_bound.send(sender=ConflictOfInterest, conflict=conflict, actor=actor)


@transaction.atomic
def conflict_declare(
    *,
    actor: User,
    person: User,
    reason: str,
    other: User | None = None,
    other_email: str = "",
) -> ConflictOfInterest:
    """Record a conflict of interest between ``person`` and ``other`` (DOMAIN.md, "Conflicts
    hold from the moment they are recorded").

    Anyone declares their own conflicts (``actor`` is ``person``); the register office records
    any pair, which binds at once. A declaration binds at once when it only keeps the declarer
    from acting; when ``other`` could judge the declarer (``conflict_may_judge``) it is a
    request that binds once the office confirms it (``conflict_decide``), so that nobody strikes
    their own reviewers or line manager at will.

    A declarer names the other person by ``other_email``, as typed. An address without an
    active account is kept as a request for the office, with that address and no effect; the
    answer is the same as for a known address, so declaring tells nobody who has an account.
    One row per pair, in either order: declaring again returns it, except that a declaration
    binding at once makes an open or rejected request for the pair binding.
    """
    office = is_register_office(actor)
    if actor.pk != person.pk and not office:
        raise PermissionDenied(_("Je meldt alleen je eigen belangenverstrengeling."))
    other_email = other_email.strip().lower()
    if other is None:
        if not other_email:
            raise ValidationError({"other_email": _("Noem het e-mailadres van de ander.")})
        other = person_by_email(other_email)
    reason = reason.strip()
    if other is not None and other.pk == person.pk:
        raise ValidationError(_("Een belangenverstrengeling gaat over twee verschillende mensen."))
    if not reason:
        raise ValidationError({"reason": _("Geef een toelichting.")})
    if other is None:
        # Kept for the office as a request with the typed address; it binds nobody.
        users_lock(person)
        conflict = ConflictOfInterest.objects.filter(
            person=person, other=None, other_email=other_email
        ).first()
        if conflict is None:
            conflict = ConflictOfInterest(
                person=person, other_email=other_email, reason=reason, declared_by=actor
            )
            conflict.full_clean()
            conflict.save()
        return conflict
    # Both people's rows are locked, so that two declarations of the same pair at one moment
    # (from either side) wait for each other and the second finds the first; every act that a
    # conflict forbids takes the same locks before it asks whether one binds.
    users_lock(person, other)
    # Read after the locks: an act that held them came before, and ``binds_from`` says so.
    now = timezone.now()
    binds_at_once = office or not conflict_may_judge(person=person, other=other)
    conflict = (
        ConflictOfInterest.objects.select_for_update()
        .filter(Q(person=person, other=other) | Q(person=other, other=person))
        .first()
    )
    if conflict is not None:
        if conflict.status == ConflictOfInterest.Status.BINDING or not binds_at_once:
            return conflict
        if office:
            # The office recording the pair answers the request for it.
            conflict.decided_by, conflict.decided_at = actor, now
            conflict.decision_note = reason
        else:
            # The one who would act steps back: their own declaration takes the request's
            # place, as if the request had never been made.
            conflict.person, conflict.other, conflict.other_email = person, other, other_email
            conflict.reason, conflict.declared_by = reason, actor
            conflict.declared_at = now
            conflict.decided_by = conflict.decided_at = None
            conflict.decision_note = ""
        _conflict_binds_now(conflict, actor=actor, moment=now)
        return conflict
    conflict = ConflictOfInterest(
        person=person,
        other=other,
        other_email=other_email,
        reason=reason,
        declared_by=actor,
        declared_at=now,
        status=ConflictOfInterest.Status.REQUESTED,
    )
    if not binds_at_once:
        conflict.full_clean()
        conflict.save()
        return conflict
    _conflict_binds_now(conflict, actor=actor, moment=now)
    return conflict


@transaction.atomic
def conflict_decide(
    *, actor: User, conflict: ConflictOfInterest, confirm: bool, note: str = ""
) -> ConflictOfInterest:
    """The register office confirms a requested conflict, which then binds from this moment,
    or rejects it with a note that the declarer reads."""
    if not is_register_office(actor):
        raise PermissionDenied(_("Alleen het registerbureau beslist over een verzoek."))
    if actor.pk in (conflict.person_id, conflict.other_id):
        raise PermissionDenied(
            _("Je beslist niet over een belangenverstrengeling waarbij je zelf betrokken bent.")
        )
    users_lock(*[u for u in (conflict.person, conflict.other) if u is not None])
    conflict = ConflictOfInterest.objects.select_for_update().get(pk=conflict.pk)
    if conflict.status != ConflictOfInterest.Status.REQUESTED:
        raise ValidationError(_("Over dit verzoek is al besloten."))
    note = note.strip()
    if confirm and conflict.other_id is None:
        raise ValidationError(
            _(
                "Bij dit e-mailadres hoort geen account. Wijs het verzoek af, of leg het paar "
                "vast zodra je weet om wie het gaat."
            )
        )
    if not confirm and not note:
        raise ValidationError({"note": _("Geef aan waarom je het verzoek afwijst.")})
    now = timezone.now()
    conflict.decided_by, conflict.decided_at, conflict.decision_note = actor, now, note
    if confirm:
        _conflict_binds_now(conflict, actor=actor, moment=now)
        return conflict
    conflict.status = ConflictOfInterest.Status.REJECTED
    conflict.full_clean()
    conflict.save()
    return conflict
