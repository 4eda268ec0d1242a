from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElearningConfig(AppConfig):
    """E-learning packages (SCORM 1.2, SCORM 2004 and H5P) played inside a course's lessons."""

    name = "elearning"
    verbose_name = _("E-learning")
    default_auto_field = "django.db.models.BigAutoField"
