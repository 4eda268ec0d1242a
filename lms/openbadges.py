"""Open Badges 3.0 credentials, signed as VC-JWTs with the platform's RSA key.

Certificates (courses) and registrations (the register) are both issued through
``credential_sign``; anyone can check them offline with the JWKS published at
``/.well-known/jwks.json``. The JWT's registered claims mirror the credential, as the
Open Badges 3.0 JSON Web Token proof format describes: ``iss`` is the issuer's id, ``jti`` the
credential's id, ``sub`` the subject's id, ``nbf``/``exp`` its validity.
"""

from __future__ import annotations

import threading
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import jwt
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

from lms.links import absolute_url

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
CREDENTIAL_TYPE = ["VerifiableCredential", "OpenBadgeCredential"]
ALGORITHM = "RS256"

_key_lock = threading.Lock()


def _load_or_make_dev_key(path: Path) -> bytes:
    """A key for dev and tests, made once and kept so that the JWKS stays the same."""
    with _key_lock:
        if path.exists():
            return path.read_bytes()
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pem)
        path.chmod(0o600)
        return pem


class SigningKeyUnavailable(ImproperlyConfigured):
    """No usable signing key: OPENBADGES_PRIVATE_KEY is missing or not an RSA key in PEM."""


@lru_cache(maxsize=1)
def _private_key():
    pem = settings.OPENBADGES_PRIVATE_KEY
    if not pem:
        dev_file = getattr(settings, "OPENBADGES_DEV_KEY_FILE", None)
        if not dev_file:
            raise SigningKeyUnavailable(
                "OPENBADGES_PRIVATE_KEY is not set: credentials cannot be signed."
            )
        pem = _load_or_make_dev_key(Path(dev_file)).decode()
    try:
        key = serialization.load_pem_private_key(pem.replace("\\n", "\n").encode(), password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm) as error:
        raise SigningKeyUnavailable(
            "OPENBADGES_PRIVATE_KEY is not an unencrypted private key in PEM."
        ) from error
    if not isinstance(key, rsa.RSAPrivateKey):
        raise SigningKeyUnavailable(f"OPENBADGES_PRIVATE_KEY is not an RSA key ({ALGORITHM}).")
    return key


@receiver(setting_changed)
def _forget_key_on_new_settings(*, setting: str, **kwargs) -> None:
    """Tests that change the key settings get the key those settings name."""
    if setting.startswith("OPENBADGES_"):
        _private_key.cache_clear()


def signing_key_problem() -> str | None:
    """Why credentials cannot be signed, or None when they can."""
    try:
        _private_key()
    except SigningKeyUnavailable as error:
        return str(error)
    return None


def jwks() -> dict:
    """The public half of the signing key as a JSON Web Key Set."""
    public = _private_key().public_key()
    jwk = jwt.algorithms.RSAAlgorithm.to_jwk(public, as_dict=True)
    jwk.update({"kid": settings.OPENBADGES_KEY_ID, "alg": ALGORITHM, "use": "sig"})
    return {"keys": [jwk]}


def iso_moment(moment: datetime) -> str:
    return moment.astimezone().isoformat(timespec="seconds")


def issuer_profile() -> dict:
    return {
        "id": absolute_url("/"),
        "type": ["Profile"],
        "name": settings.WAGTAIL_SITE_NAME,
        "url": absolute_url("/"),
    }


def credential_build(
    *,
    credential_id: str,
    subject_id: str,
    subject_name: str,
    achievement: dict,
    valid_from: datetime,
    valid_until: datetime | None = None,
    credits_earned: float | None = None,
    status: dict | None = None,
    name: str | None = None,
) -> dict:
    """An ``OpenBadgeCredential`` for one earner; ``achievement`` is an Achievement object and
    ``status`` its place in a status list (``lms.credentials.selectors.credential_status``)."""
    subject = {
        "id": subject_id,
        "type": ["AchievementSubject"],
        "achievement": achievement,
        "identifier": [
            {
                "type": "IdentityObject",
                "identityHash": subject_name,
                "identityType": "name",
                "hashed": False,
            }
        ],
    }
    if credits_earned is not None:
        subject["creditsEarned"] = float(credits_earned)
    credential = {
        "@context": CONTEXT,
        "id": credential_id,
        "type": CREDENTIAL_TYPE,
        "name": name or achievement["name"],
        "issuer": issuer_profile(),
        "validFrom": iso_moment(valid_from),
        "credentialSubject": subject,
    }
    if valid_until is not None:
        credential["validUntil"] = iso_moment(valid_until)
    if status:
        credential["credentialStatus"] = status
    return credential


def credential_sign(credential: dict) -> str:
    """The credential as a compact JWS (VC-JWT) signed with RS256."""
    claims = dict(credential)
    claims["iss"] = credential["issuer"]["id"]
    claims["jti"] = credential["id"]
    claims["sub"] = credential["credentialSubject"]["id"]
    claims["nbf"] = int(datetime.fromisoformat(credential["validFrom"]).timestamp())
    if "validUntil" in credential:
        claims["exp"] = int(datetime.fromisoformat(credential["validUntil"]).timestamp())
    return jwt.encode(
        claims,
        _private_key(),
        algorithm=ALGORITHM,
        headers={"kid": settings.OPENBADGES_KEY_ID, "typ": "JWT"},
    )


def credential_verify(token: str, key_set: dict | None = None) -> dict:
    """Check signature and validity against a JWKS (ours by default); returns the claims."""
    key_set = key_set or jwks()
    header = jwt.get_unverified_header(token)
    matching = [k for k in key_set["keys"] if k.get("kid") == header.get("kid")]
    if not matching:
        raise jwt.InvalidTokenError("unknown key id")
    public = jwt.algorithms.RSAAlgorithm.from_jwk(matching[0])
    return jwt.decode(token, public, algorithms=[ALGORITHM], options={"verify_aud": False})
