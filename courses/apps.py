from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Cursussen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published, post_page_move

        from cms.page_cache import page_cache_purge_on_change

        from . import home
        from .models import (
            AccreditationDecision,
            AccreditationRequest,
            CoursePage,
            Edition,
            Enrolment,
            LessonPage,
            Meeting,
            course_follows_its_provider,
        )
        from .page_cache import stale_scopes
        from .search import course_lessons_reindex, lesson_reindex

        post_page_move.connect(
            course_follows_its_provider, sender=CoursePage, dispatch_uid="course-provider"
        )
        # Whether a lesson's text is searchable follows its course (LessonPage.search_fields).
        page_published.connect(
            course_lessons_reindex, sender=CoursePage, dispatch_uid="course-lessons-reindex"
        )
        post_page_move.connect(lesson_reindex, sender=LessonPage, dispatch_uid="lesson-reindex")

        # The catalogue and the course pages show dates, free seats and accreditation.
        page_cache_purge_on_change(
            Edition,
            Meeting,
            Enrolment,
            AccreditationRequest,
            AccreditationDecision,
            scopes=stale_scopes,
        )
        # The home page's editions and certificate check, the footer's link (cms.home).
        home.register()
