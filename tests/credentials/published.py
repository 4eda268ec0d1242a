"""Reading a published status list as a verifier would: fetch, verify, unzip, read one bit."""

import base64
import gzip
from urllib.parse import urlsplit

from lms.openbadges import credential_verify


def published_list(client, credential_status: dict) -> dict:
    """The status list credential the credential points at, its signature checked against
    the published JWKS."""
    response = client.get(urlsplit(credential_status["statusListCredential"]).path)
    assert response.status_code == 200, response.status_code
    key_set = client.get("/.well-known/jwks.json").json()
    return credential_verify(response.content.decode(), key_set)


def bits_of(status_list: dict) -> bytes:
    encoded = status_list["credentialSubject"]["encodedList"]
    assert encoded.startswith("u"), "multibase base64url"
    padded = encoded[1:] + "=" * (-len(encoded[1:]) % 4)
    return gzip.decompress(base64.urlsafe_b64decode(padded))


def is_revoked(client, credential_status: dict) -> bool:
    index = int(credential_status["statusListIndex"])
    bits = bits_of(published_list(client, credential_status))
    return bool(bits[index // 8] & (0x80 >> (index % 8)))
