"""Forms that post a ``next`` path go back only to a path on this site."""

import pytest
from django.test import RequestFactory

from lms.http import local_next


@pytest.mark.parametrize(
    ("posted", "expected"),
    [
        ("/cursussen/", "/cursussen/"),
        ("/coaching/junior/?tab=wachtend", "/coaching/junior/?tab=wachtend"),
        ("https://evil.example/", None),
        ("//evil.example/", None),
        ("/\\evil.example/", None),
        ("mentoring:junior", None),  # a view name, which redirect() would reverse
        ("javascript:alert(1)", None),
        ("", None),
    ],
)
def test_only_a_path_on_this_site_is_followed(posted, expected):
    request = RequestFactory().post("/", {"next": posted}, HTTP_HOST="testserver")
    assert local_next(request) == expected
