"""Revocation published as a W3C Bitstring Status List: a bit per credential, no names."""

import pytest

from lms.credentials.models import MIN_ENTRIES, StatusEntry, StatusList
from lms.credentials.selectors import credential_status, encoded_list
from lms.credentials.services import FILL_LIMIT, status_entry_for, status_entry_revoke

from .published import bits_of, is_revoked, published_list

pytestmark = pytest.mark.django_db


def test_a_credential_gets_one_random_place_and_keeps_it():
    first = status_entry_for(credential_key="certificaat:AAA")
    again = status_entry_for(credential_key="certificaat:AAA")
    others = [status_entry_for(credential_key=f"certificaat:{i}") for i in range(40)]
    assert again.pk == first.pk
    indexes = [e.index for e in [first, *others]]
    assert len(set(indexes)) == len(indexes)
    assert all(0 <= i < MIN_ENTRIES for i in indexes)
    # Random, not handed out in order: consecutive places would tell who came when.
    assert sorted(indexes) != list(range(min(indexes), min(indexes) + len(indexes)))
    assert StatusList.objects.get().size >= MIN_ENTRIES


def test_a_half_full_list_is_followed_by_a_new_one(monkeypatch):
    first = status_entry_for(credential_key="registratie:OW-1")
    monkeypatch.setattr("lms.credentials.services.FILL_LIMIT", 1 / MIN_ENTRIES)
    second = status_entry_for(credential_key="registratie:OW-2")
    assert second.status_list_id != first.status_list_id
    assert FILL_LIMIT == 0.5


def test_the_published_list_sets_exactly_the_revoked_bits(client):
    kept = status_entry_for(credential_key="certificaat:KEPT")
    gone = status_entry_revoke(credential_key="certificaat:GONE")
    status = credential_status(gone)
    assert status["type"] == "BitstringStatusListEntry"
    assert status["statusPurpose"] == "revocation"
    assert status["statusListIndex"] == str(gone.index)
    assert status["id"] == f"{status['statusListCredential']}#{gone.index}"
    listed = published_list(client, status)
    assert listed["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert listed["credentialSubject"]["type"] == "BitstringStatusList"
    assert listed["credentialSubject"]["statusPurpose"] == "revocation"
    bits = bits_of(listed)
    assert len(bits) * 8 >= MIN_ENTRIES
    assert is_revoked(client, status)
    assert not is_revoked(client, credential_status(kept))
    assert sum(bin(byte).count("1") for byte in bits) == 1


def test_the_bitstring_reads_from_the_left():
    encoded = encoded_list([0, 9], 16)
    assert encoded.startswith("u") and "=" not in encoded
    import base64
    import gzip

    raw = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert raw == bytes([0b1000_0000, 0b0100_0000])


def test_revoking_twice_keeps_the_first_moment():
    first = status_entry_revoke(credential_key="certificaat:X")
    again = status_entry_revoke(credential_key="certificaat:X")
    assert again.revoked_at == first.revoked_at
    assert StatusEntry.objects.count() == 1


def test_an_unknown_list_is_not_found(client):
    assert client.get("/statuslijsten/999/").status_code == 404
