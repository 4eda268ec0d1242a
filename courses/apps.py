from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Cursussen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.page_cache import page_cache_purge_on_change

        from .models import AccreditationDecision, AccreditationRequest, Edition, Enrolment, Meeting
        from .page_cache import stale_scopes

        # The catalogue and the course pages show dates, free seats and accreditation.
        page_cache_purge_on_change(
            Edition,
            Meeting,
            Enrolment,
            AccreditationRequest,
            AccreditationDecision,
            scopes=stale_scopes,
        )
