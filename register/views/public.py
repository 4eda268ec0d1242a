"""The public register: no login."""

from django.shortcuts import render

from .. import selectors


def public(request):
    """The public register: no login; name, number, status and validity, nothing else."""
    query = request.GET.get("q", "")[:100]
    if "\x00" in query:  # no name, number or city holds one, and PostgreSQL refuses it
        query = ""
    entries = list(selectors.public_register(query=query)[:200]) if query else []
    return render(request, "register/public.html", {"query": query, "entries": entries})
