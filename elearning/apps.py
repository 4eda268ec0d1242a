from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElearningConfig(AppConfig):
    """E-learning packages (SCORM 1.2, SCORM 2004 and H5P) played inside a course's lessons."""

    name = "elearning"
    verbose_name = _("E-learning")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from courses import lesson_parts

        from . import checks  # noqa: F401  (registers the deploy check)
        from .selectors import current_package, player_for

        lesson_parts.register(
            lesson_parts.LessonPart(
                template="elearning/_lesson_part.html",
                context=lambda request, lesson, enrolment: player_for(
                    user=request.user, lesson=lesson, enrolment=enrolment
                ),
                completes=lambda lesson: current_package(lesson) is not None,
            )
        )
