"""Settings that must refuse to start, or must hold, in production."""

import os
import subprocess
import sys

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings


def _run(env_overrides: dict, code: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=120,
    )


def _signing_key() -> str:
    """A throwaway RSA key, as production reads one from OPENBADGES_PRIVATE_KEY."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def test_production_without_secret_key_refuses_to_start_and_names_it():
    result = _run(
        {"DJANGO_SETTINGS_MODULE": "lms.settings.production"},
        "import django; django.setup()",
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_deploy_check_passes_with_the_environment_set():
    result = _run(
        {
            "DJANGO_SETTINGS_MODULE": "lms.settings.production",
            "SECRET_KEY": "a-long-random-production-secret-0123456789-abcdefghijklmnop",
            "ALLOWED_HOSTS": "leren.example.org",
            "OPENBADGES_PRIVATE_KEY": _signing_key(),
        },
        "import sys; from django.core.management import execute_from_command_line;"
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
    )
    assert result.returncode == 0, result.stdout + result.stderr


_AXES_CLIENT = (
    "import django; django.setup();"
    "from django.test import RequestFactory; from axes.helpers import get_client_ip_address;"
    "request = RequestFactory().post('/accounts/login/', REMOTE_ADDR='10.0.0.2',"
    " HTTP_X_FORWARDED_FOR='192.0.2.66, 203.0.113.10');"
    "print(get_client_ip_address(request))"
)


def test_the_login_throttle_believes_x_forwarded_for_only_as_far_as_trusted_proxies_go():
    answers = {}
    for count in ("", "1"):
        env = {"DJANGO_SETTINGS_MODULE": "lms.settings.test"}
        if count:
            env["TRUSTED_PROXY_COUNT"] = count
        result = _run(env, _AXES_CLIENT)
        assert result.returncode == 0, result.stderr
        answers[count] = result.stdout.strip()
    assert answers == {"": "10.0.0.2", "1": "203.0.113.10"}
