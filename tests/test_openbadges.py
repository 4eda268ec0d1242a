"""Credentials validate against the official Open Badges 3.0 schema and verify offline."""

import json
from datetime import timedelta

import jwt
import pytest
from django.conf import settings
from django.utils import timezone
from jsonschema import Draft201909Validator

from lms import openbadges
from tests.needs import data_file


def _schema() -> dict:
    """The official Open Badges 3.0 schema, kept in tests/data/openbadges/ (see its README)."""
    return json.loads(
        data_file("openbadges", "ob_v3p0_achievementcredential_schema.json").read_text()
    )


def _credential(**overrides):
    now = timezone.now()
    args = {
        "credential_id": "https://leren.example.org/certificaat/abc123/",
        "subject_id": "urn:uuid:6f0e7c1e-0000-4000-8000-000000000001",
        "subject_name": "Jamila de Vries",
        "achievement": {
            "id": "https://leren.example.org/cursussen/kenniscentrum/buurtanalyse/",
            "type": ["Achievement"],
            "name": "Buurtanalyse in de praktijk",
            "description": "Post-HBO-cursus over het analyseren van een wijk.",
            "criteria": {"narrative": "Alle bijeenkomsten bijgewoond en reflectie goedgekeurd."},
            "creator": {
                "id": "https://leren.example.org/aanbieders/kenniscentrum/",
                "type": ["Profile"],
                "name": "Kenniscentrum Wijkwerk",
            },
            "creditsAvailable": 12.0,
        },
        "valid_from": now,
        "valid_until": now + timedelta(days=365 * 5),
        "credits_earned": 12,
        "status": {
            "id": "https://leren.example.org/statuslijsten/1/#94567",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": "94567",
            "statusListCredential": "https://leren.example.org/statuslijsten/1/",
        },
    }
    args.update(overrides)
    return openbadges.credential_build(**args)


def test_credential_validates_against_the_official_schema():
    validator = Draft201909Validator(_schema(), format_checker=Draft201909Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(_credential()), key=lambda e: e.path)
    assert errors == []


def test_signed_credential_verifies_offline_with_the_published_jwks(client):
    credential = _credential()
    token = openbadges.credential_sign(credential)
    header = jwt.get_unverified_header(token)
    assert header == {"alg": "RS256", "typ": "JWT", "kid": settings.OPENBADGES_KEY_ID}
    published = client.get("/.well-known/jwks.json").json()
    [key] = [k for k in published["keys"] if k["kid"] == header["kid"]]
    claims = jwt.decode(token, jwt.algorithms.RSAAlgorithm.from_jwk(key), algorithms=["RS256"])
    assert claims["iss"] == credential["issuer"]["id"]
    assert claims["jti"] == credential["id"]
    assert claims["sub"] == credential["credentialSubject"]["id"]
    assert claims["credentialSubject"]["creditsEarned"] == 12.0
    assert claims["type"] == ["VerifiableCredential", "OpenBadgeCredential"]


def test_a_tampered_credential_is_refused():
    token = openbadges.credential_sign(_credential())
    head, payload, signature = token.split(".")
    forged = jwt.utils.base64url_encode(
        json.dumps(
            {
                **jwt.decode(token, options={"verify_signature": False}),
                "credentialSubject": {"creditsEarned": 999},
            }
        ).encode()
    ).decode()
    with pytest.raises(jwt.InvalidSignatureError):
        openbadges.credential_verify(f"{head}.{forged}.{signature}")


def test_an_expired_credential_is_refused():
    past = timezone.now() - timedelta(days=400)
    token = openbadges.credential_sign(
        _credential(valid_from=past, valid_until=past + timedelta(days=30))
    )
    with pytest.raises(jwt.ExpiredSignatureError):
        openbadges.credential_verify(token)
