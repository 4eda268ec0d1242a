"""A deploy check of the platform's own: production signs credentials with a key it must have."""

from django.core.checks import Error, Tags, register

from lms import openbadges


@register(Tags.security, deploy=True)
def signing_key_present(app_configs, **kwargs):
    """``manage.py check --deploy`` fails when credentials could not be signed, so that the
    JWKS, the status lists and every certificate do not wait for their first request to fail."""
    problem = openbadges.signing_key_problem()
    if problem is None:
        return []
    return [
        Error(
            f"Open Badges credentials cannot be signed: {problem}",
            hint="Set OPENBADGES_PRIVATE_KEY to an RSA private key in PEM (PKCS#8), see "
            ".env.example.",
            id="credentials.E001",
        )
    ]
