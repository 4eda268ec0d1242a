"""Keeping the search index in step with who may read a lesson (``LessonPage.search_fields``)."""

from wagtail.search import index

from .models import LessonPage


def course_lessons_reindex(sender, instance, **kwargs) -> None:
    """A published course may have opened or closed its lessons: index them again.

    Connected to ``page_published`` in ``CoursesConfig.ready``.
    """
    for lesson in LessonPage.objects.child_of(instance):
        index.insert_or_update_object(lesson)


def lesson_reindex(sender, instance, **kwargs) -> None:
    """A lesson moved to another course follows that course's rule. On ``post_page_move``."""
    index.insert_or_update_object(LessonPage.objects.get(pk=instance.pk))
