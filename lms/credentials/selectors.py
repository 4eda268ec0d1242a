"""The published status lists and what a credential says about its place in one."""

from __future__ import annotations

import base64
import gzip
from collections.abc import Iterable

from django.urls import reverse

from lms import openbadges
from lms.links import absolute_url

from .models import StatusEntry, StatusList

ENTRY_TYPE = "BitstringStatusListEntry"
LIST_TYPE = "BitstringStatusListCredential"


def status_list_url(status_list_id: int) -> str:
    return absolute_url(reverse("credentials:status_list", args=[status_list_id]))


def encoded_list(revoked: Iterable[int], size: int) -> str:
    """The bitstring (index 0 the first byte's leftmost bit), GZIP-compressed and
    base64url-encoded without padding, with the multibase prefix ``u``."""
    bits = bytearray(size // 8)
    for index in revoked:
        bits[index // 8] |= 0x80 >> (index % 8)
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode().rstrip("=")


def credential_status(entry: StatusEntry) -> dict:
    """The ``credentialStatus`` of a credential with this place."""
    url = status_list_url(entry.status_list_id)
    return {
        "id": f"{url}#{entry.index}",
        "type": ENTRY_TYPE,
        "statusPurpose": StatusList.Purpose.REVOCATION.value,
        "statusListIndex": str(entry.index),
        "statusListCredential": url,
    }


def status_list_credential(status_list: StatusList) -> dict:
    """The list as a verifiable credential, to be signed like every other (``openbadges``)."""
    url = status_list_url(status_list.pk)
    revoked = status_list.entries.filter(revoked_at__isnull=False).values_list("index", flat=True)
    return {
        "@context": [openbadges.CONTEXT[0]],
        "id": url,
        "type": ["VerifiableCredential", LIST_TYPE],
        "issuer": openbadges.issuer_profile(),
        "validFrom": openbadges.iso_moment(status_list.created_at),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": status_list.purpose,
            "encodedList": encoded_list(revoked, status_list.size),
        },
    }
