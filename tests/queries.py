"""Counting the queries of a page, for the tests that hold a page's queries fixed."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url) -> int:
    """The queries of a second visit to ``url``: the first fills the caches that outlive a
    request (the site shell, site root paths)."""
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    return len(context)
