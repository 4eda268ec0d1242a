"""Messages between the senior and the junior of a buddy trajectory."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from lms.accounts.models import NoticeKind, User
from lms.accounts.selectors import language_of
from lms.accounts.services import email_send
from lms.links import absolute_url

from ..models import MESSAGE_MAX_LENGTH, Trajectory, TrajectoryMessage


def _refuse_outsider(actor: User, trajectory: Trajectory) -> None:
    # The register office and the manager read a trajectory's facts, never its conversation.
    if actor.pk not in (trajectory.senior_id, trajectory.junior_id):
        raise PermissionDenied(
            _("Alleen de senior en de junior van dit traject lezen en schrijven berichten.")
        )


@transaction.atomic
def message_send(*, actor: User, trajectory: Trajectory, body: str) -> TrajectoryMessage:
    """The senior or the junior writes to the other; the other gets an e-mail that there is
    a new message (not what it says: an e-mail leaves the platform, the message does not)."""
    _refuse_outsider(actor, trajectory)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Schrijf eerst een bericht.")})
    if "\x00" in body:
        raise ValidationError({"body": _("Het bericht bevat een ongeldig teken.")})
    if len(body) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            {
                "body": _("Een bericht is hoogstens %(n)s tekens lang; dit bericht telt er %(m)s.")
                % {
                    "n": number_format(MESSAGE_MAX_LENGTH, use_l10n=True, force_grouping=True),
                    "m": number_format(len(body), use_l10n=True, force_grouping=True),
                }
            }
        )
    # Locked, so that a message and the trajectory's ending cannot pass each other.
    trajectory = (
        Trajectory.objects.select_for_update(of=("self",))
        .select_related("senior__profile", "junior__profile")
        .get(pk=trajectory.pk)
    )
    # Writing is for a trajectory that is proposed (the two may get to know each other before
    # they agree) or running. Once it is completed, ended or declined the buddy relationship
    # is over: the thread stays readable as part of the trajectory's history, but it does not
    # become a channel that outlives the coaching, nor one the register office cannot close.
    if not trajectory.is_open:
        raise ValidationError(
            _(
                "Dit traject is afgesloten: je kunt de berichten nog lezen, maar niet meer schrijven."
            )
        )
    message = TrajectoryMessage(trajectory=trajectory, author=actor, body=body)
    message.full_clean()
    message.save()
    recipient = trajectory.junior if actor.pk == trajectory.senior_id else trajectory.senior
    url = absolute_url(reverse("mentoring:trajectory_sessions", args=[trajectory.pk]))
    language = language_of(recipient)
    with override(language):
        email_send(
            key=f"trajectory-message:{message.pk}",
            to=recipient.email,
            subject=_("Nieuw bericht van %(author)s") % {"author": actor},
            body=_(
                "%(author)s heeft je een bericht gestuurd in jullie buddytraject. Om jullie "
                "gesprek privé te houden staat het bericht niet in deze e-mail. Lees het "
                "op: %(url)s"
            )
            % {"author": actor, "url": f"{url}#berichten"},
            language=language,
            kind=NoticeKind.TRAJECTORY,
        )
    return message


@transaction.atomic
def messages_mark_read(*, reader: User, trajectory: Trajectory) -> int:
    """The messages the other person wrote count as read once the reader has seen the thread;
    how many that were."""
    _refuse_outsider(reader, trajectory)
    return (
        TrajectoryMessage.objects.filter(trajectory=trajectory, read_at__isnull=True)
        .exclude(author=reader)
        .update(read_at=timezone.now())
    )
