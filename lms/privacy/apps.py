from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Export and erasure of a person's data (AVG). Last in the import order: it reads every
    app's models and calls their services; no app imports it."""

    name = "lms.privacy"
    label = "privacy"
    verbose_name = _("Privacy")
    default_auto_field = "django.db.models.BigAutoField"
