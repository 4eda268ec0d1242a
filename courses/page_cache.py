"""Which stored anonymous pages a change to a course's rows makes stale.

The course's own page and every page that lists courses (the catalogue, the providers, the
home page) show dates, free seats and accreditation; the other courses' pages do not.
"""

from cms.page_cache import PAGES_SCOPE

from .models import Edition, course_cache_scope


def _course_id(row) -> int | None:
    if hasattr(row, "course_id"):
        return row.course_id
    edition = row._state.fields_cache.get("edition")  # already loaded by whoever saved it
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
