from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferenceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "conference"
    verbose_name = _("Vakconferentie")
