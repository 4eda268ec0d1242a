"""Which stored anonymous pages a change to a course's rows makes stale.

The course's own page and every page that lists courses (the catalogue, the providers, the
home page) show dates, free seats and accreditation; the other courses' pages do not.
"""

from django.utils import timezone
from django.utils.translation import get_language

from cms.page_cache import PAGES_SCOPE, page_cache_generation

from .models import Edition, course_cache_scope


def _course_id(row) -> int | None:
    if hasattr(row, "course_id"):
        return row.course_id
    # The edition is read again only when whoever saved the row has not loaded it.
    edition = row.edition if row._meta.get_field("edition").is_cached(row) else None
    if edition is not None:
        return edition.course_id
    return Edition.objects.filter(pk=row.edition_id).values_list("course_id", flat=True).first()


def stale_scopes(row) -> tuple[str, ...]:
    """The scopes to purge for a saved or deleted edition, meeting, enrolment or accreditation;
    none (so every page) when its course can no longer be found."""
    course_id = _course_id(row)
    if course_id is None:
        return ()
    return course_cache_scope(course_id), PAGES_SCOPE


def editions_fragment_key(course, request) -> str | None:
    """What the cached list of a course's editions (on its page) depends on, or None when the
    list must be built for this visitor alone.

    Only an anonymous visitor's list is kept: it shows no enrolment of theirs and no form with
    a CSRF token, so it is the same for everyone who reads the page in the same language on the
    same day (whether one may still enrol turns on the date). The generations of the course's
    page cache scope make a change to its editions, meetings, seats or accreditation, or any
    publish, reach the list at once, as they reach the whole page. When the cache cannot give
    the generations, nothing is kept.
    """
    if request.user.is_authenticated or getattr(request, "is_preview", False):
        return None
    generation = page_cache_generation(course.page_cache_scope)
    if generation is None:
        return None
    return ":".join(
        (
            str(course.pk),
            request.path,
            get_language(),
            timezone.localdate().isoformat(),
            generation,
        )
    )
