"""Parts that apps above ``courses`` add to a lesson page, such as an e-learning package.

``courses`` imports nothing above it (README, "Imports run one way"), so an app that brings
something to a lesson registers a ``LessonPart`` in its ``AppConfig.ready``. The lesson page
asks each part what to show, and whether the part, rather than the participant's "afgerond"
button, decides when the lesson is done.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class LessonPart:
    # The template included on the lesson page, with the part's context as ``part``.
    template: str
    # (request, lesson, enrolment or None) -> the part's context, or None: nothing on this lesson.
    context: Callable[[HttpRequest, object, object], dict | None]
    # lesson -> whether the part decides when the lesson is done.
    completes: Callable[[object], bool]


_parts: list[LessonPart] = []


def register(part: LessonPart) -> None:
    if part not in _parts:
        _parts.append(part)


def shown_on(*, request: HttpRequest, lesson, enrolment) -> list[tuple[str, dict]]:
    """(template, context) of every part that has something on ``lesson``."""
    shown = []
    for part in _parts:
        context = part.context(request, lesson, enrolment)
        if context is not None:
            shown.append((part.template, context))
    return shown


def completed_by_part(lesson) -> bool:
    """Whether a part (not the participant's button) decides when ``lesson`` is done."""
    return any(part.completes(lesson) for part in _parts)
