"""What a visitor types into a search box, made safe for every search backend."""

import re

MAX_QUERY_LENGTH = 200
# SQLite's FTS5 and PostgreSQL's tsquery each give meaning to some punctuation; a visitor means
# words, so everything but letters, digits, spaces and hyphens becomes a space.
_NOT_A_WORD = re.compile(r"[^\w\s-]+", re.UNICODE)


def search_terms(text: str) -> str:
    """The words of ``text``, at most ``MAX_QUERY_LENGTH`` characters, or "" when none."""
    words = _NOT_A_WORD.sub(" ", text[:MAX_QUERY_LENGTH]).split()
    return " ".join(w.strip("-") for w in words if w.strip("-"))


def search_filter(pages, text: str):
    """``pages`` (a queryset of live, public pages of one type) narrowed to those whose
    indexed text matches the words of ``text``, in the language of the search backend (Dutch
    stemming on PostgreSQL, FTS5 on SQLite); all of them for no text, none for text without
    words. The result stays a queryset, so filters and ordering can follow."""
    terms = search_terms(text)
    if text and not terms:
        return pages.none()
    if not terms:
        return pages
    matches = pages.model.objects.live().public().search(terms, order_by_relevance=False)
    return pages.filter(pk__in=[page.pk for page in matches])
