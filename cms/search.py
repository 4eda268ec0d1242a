"""What a visitor types into a search box, made safe for every search backend, and how a word
is found inside a Dutch compound.

The search backend matches whole words (stemmed on PostgreSQL): "participatie" does not find
"Bewonersparticipatie organiseren", although Dutch writes its compounds as one word. So a page
whose title holds each word of the query somewhere inside it is found as well, after the pages
the backend ranks: a case-insensitive infix match (``icontains``; ILIKE on PostgreSQL, LIKE on
SQLite), the same on both databases. Titles are short and few, so no trigram index is needed;
words shorter than ``MIN_INFIX_LENGTH`` ("in", "de") would match nearly every title and are
left to the backend alone.
"""

import re
from functools import reduce
from operator import and_

from django.db.models import Q

MAX_QUERY_LENGTH = 200
# SQLite's FTS5 and PostgreSQL's tsquery each give meaning to some punctuation; a visitor means
# words, so everything but letters, digits, spaces and hyphens becomes a space.
_NOT_A_WORD = re.compile(r"[^\w\s-]+", re.UNICODE)


def search_terms(text: str) -> str:
    """The words of ``text``, at most ``MAX_QUERY_LENGTH`` characters, or "" when none."""
    words = _NOT_A_WORD.sub(" ", text[:MAX_QUERY_LENGTH]).split()
    return " ".join(w.strip("-") for w in words if w.strip("-"))


MIN_INFIX_LENGTH = 4


def infix_q(terms: str) -> Q | None:
    """Titles that hold every word of ``terms`` (from ``search_terms``) inside them, as
    ``Q``; None when no word is long enough to look for inside a compound."""
    words = [word for word in terms.split() if len(word) >= MIN_INFIX_LENGTH]
    if not words:
        return None
    return reduce(and_, (Q(title__icontains=word) for word in words))


def search_page_ids(pages, terms: str) -> list[int]:
    """The ids of ``pages`` that match ``terms``: first those the search backend finds, by
    relevance, then those whose title holds the words inside a compound, by title. Two
    queries."""
    ranked = [page.pk for page in pages.search(terms)]
    condition = infix_q(terms)
    if condition is None:
        return ranked
    inside = pages.filter(condition).exclude(pk__in=ranked).order_by("title", "pk")
    return ranked + list(inside.values_list("pk", flat=True))


def search_filter(pages, text: str):
    """``pages`` (a queryset of live, public pages of one type) narrowed to those whose
    indexed text matches the words of ``text``, in the language of the search backend (Dutch
    stemming on PostgreSQL, FTS5 on SQLite), or whose title holds them inside a compound; all of them for no text, none for text without
    words. The result stays a queryset, so filters and ordering can follow."""
    terms = search_terms(text)
    if text and not terms:
        return pages.none()
    if not terms:
        return pages
    matches = pages.model.objects.live().public().search(terms, order_by_relevance=False)
    found = Q(pk__in=[page.pk for page in matches])
    condition = infix_q(terms)
    return pages.filter(found | condition if condition is not None else found)
