"""Giving a credential its place in a status list, and revoking it."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from .models import StatusEntry, StatusList

# A list takes new credentials until half its places are used: a random free place is then
# found in a try or two, and the list stays mostly zeros whoever is revoked.
FILL_LIMIT = 0.5


def _list_with_room() -> StatusList:
    """The newest revocation list, locked, or a new one when it is half full."""
    current = (
        StatusList.objects.select_for_update()
        .filter(purpose=StatusList.Purpose.REVOCATION)
        .order_by("-pk")
        .first()
    )
    if current is None or current.entries.count() >= current.size * FILL_LIMIT:
        current = StatusList.objects.create(purpose=StatusList.Purpose.REVOCATION)
        current = StatusList.objects.select_for_update().get(pk=current.pk)
    return current


@transaction.atomic
def status_entry_for(*, credential_key: str) -> StatusEntry:
    """The credential's place, given now at a random free index when it has none yet."""
    found = StatusEntry.objects.filter(credential_key=credential_key).first()
    if found is not None:
        return found
    status_list = _list_with_room()
    found = StatusEntry.objects.filter(credential_key=credential_key).first()
    if found is not None:  # given by a request that held the lock before us
        return found
    while True:
        index = secrets.randbelow(status_list.size)
        if not status_list.entries.filter(index=index).exists():
            break
    entry = StatusEntry(status_list=status_list, index=index, credential_key=credential_key)
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def status_entry_revoke(*, credential_key: str) -> StatusEntry:
    """Set the credential's bit: from now on the published list says it is revoked."""
    entry = StatusEntry.objects.select_for_update().get(
        pk=status_entry_for(credential_key=credential_key).pk
    )
    if entry.revoked_at is None:
        entry.revoked_at = timezone.now()
        entry.save(update_fields=["revoked_at"])
    return entry
