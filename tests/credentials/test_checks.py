"""The deploy check of the signing key, as CI runs it, and the JWKS without a key."""

import os
import subprocess
import sys

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from django.conf import settings
from django.core.checks import run_checks


def _pem(key) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@pytest.fixture
def signing_key(settings):
    """Settings as production has them: no dev key file, the key only from the environment."""
    settings.OPENBADGES_DEV_KEY_FILE = None
    return settings


def _deploy_errors() -> list[str]:
    return [m.id for m in run_checks(include_deployment_checks=True) if m.id.startswith("cred")]


@pytest.mark.parametrize(
    "pem",
    [
        "",
        "geen sleutel",
        _pem(ec.generate_private_key(ec.SECP256R1())),
    ],
    ids=["missing", "not a PEM", "not RSA"],
)
def test_the_deploy_check_fails_without_a_usable_key(signing_key, pem):
    signing_key.OPENBADGES_PRIVATE_KEY = pem
    assert _deploy_errors() == ["credentials.E001"]


def test_the_deploy_check_passes_with_an_rsa_key(signing_key):
    signing_key.OPENBADGES_PRIVATE_KEY = _pem(
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )
    assert _deploy_errors() == []


def test_the_check_is_a_deploy_check_only(signing_key):
    signing_key.OPENBADGES_PRIVATE_KEY = ""
    assert not [m for m in run_checks() if m.id == "credentials.E001"]


def _check_deploy(key: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "SECRET_KEY": "x" * 64 + "-deploy-check-test-only",
        "ALLOWED_HOSTS": "leren.example.org",
        "OPENBADGES_PRIVATE_KEY": key,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_manage_py_check_deploy_with_production_settings_both_ways():
    without = _check_deploy("")
    assert without.returncode != 0
    assert "credentials.E001" in without.stderr
    key = _pem(rsa.generate_private_key(public_exponent=65537, key_size=2048))
    with_key = _check_deploy(key)
    assert with_key.returncode == 0, with_key.stderr


@pytest.mark.django_db
def test_jwks_without_a_key_answers_unavailable_not_an_error(client, signing_key):
    signing_key.OPENBADGES_PRIVATE_KEY = ""
    client.raise_request_exception = True
    response = client.get("/.well-known/jwks.json")
    assert response.status_code == 503
    assert response.json() == {"keys": []}
    assert "no-cache" in response["Cache-Control"]
    signing_key.OPENBADGES_PRIVATE_KEY = _pem(
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )
    response = client.get("/.well-known/jwks.json")
    assert response.status_code == 200
    assert response.json()["keys"][0]["kid"] == settings.OPENBADGES_KEY_ID
