from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Cursussen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import post_page_move

        from cms.page_cache import page_cache_purge_on_change

        from .models import (
            AccreditationDecision,
            AccreditationRequest,
            CoursePage,
            Edition,
            Enrolment,
            Meeting,
            course_follows_its_provider,
        )
        from .page_cache import stale_scopes

        post_page_move.connect(
            course_follows_its_provider, sender=CoursePage, dispatch_uid="course-provider"
        )

        # The catalogue and the course pages show dates, free seats and accreditation.
        page_cache_purge_on_change(
            Edition,
            Meeting,
            Enrolment,
            AccreditationRequest,
            AccreditationDecision,
            scopes=stale_scopes,
        )
