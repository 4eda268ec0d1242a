"""The public register: no login."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from .. import selectors

PUBLIC_PAGE_SIZE = 25


def _query(request) -> str:
    query = request.GET.get("q", "")[:100].strip()
    if "\x00" in query:  # no name, number or city holds one, and PostgreSQL refuses it
        return ""
    return query


def public(request):
    """The public register: the registrations that stand, found by name, part of the number or
    city; name, number and validity, nothing else. An exact number that no longer stands is
    answered with "niet meer ingeschreven" and nothing about the person."""
    query = _query(request)
    page_obj = None
    ended = None
    if query:
        page_obj = Paginator(selectors.public_register(query=query), PUBLIC_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        exact = selectors.public_registration(number=query)
        if exact is not None and not exact.in_force:
            ended = exact.number
    return render(
        request,
        "register/public.html",
        {
            "query": query,
            "page_obj": page_obj,
            "entries": list(page_obj.object_list) if page_obj else [],
            "ended": ended,
            "querystring_base": f"{urlencode({'q': query})}&",
        },
    )


def public_entry(request, number: str):
    """One registration's public page: name, number and valid until. A registration that no
    longer stands answers 404 (nothing to index) with only "niet meer ingeschreven": its
    number is in the URL, so this is a lookup of the exact number and tells no more than the
    search does."""
    registration = selectors.public_registration(number=number[:20])
    if registration is None:
        raise Http404
    return render(
        request,
        "register/public_entry.html",
        {"registration": registration},
        status=200 if registration.in_force else 404,
    )
