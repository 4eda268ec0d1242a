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
