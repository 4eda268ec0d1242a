from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from wagtail.models import Page

from . import pdf
from .search import search_page_ids, search_terms
from .selectors import code_version_by_label

RESULTS_PER_PAGE = 10


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    terms = search_terms(query)
    # Ranked matches of whole words first, then titles holding the words inside a compound.
    ids = search_page_ids(Page.objects.live().public(), terms) if terms else []
    paginator = Paginator(ids, RESULTS_PER_PAGE)
    try:
        results = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        results = paginator.page(1)
    shown = Page.objects.filter(pk__in=results.object_list).specific().in_bulk()
    results.object_list = [shown[pk] for pk in results.object_list if pk in shown]
    return render(
        request,
        "cms/search.html",
        {
            "query": query,
            "results": results,
            "paginator": paginator,
            "querystring_base": f"{urlencode({'q': query})}&" if query else "",
        },
    )


def code_version_pdf(request, label: str):
    """A version of the beroepscode as a PDF, for everyone: the code is public."""
    version = code_version_by_label(label=label)
    if version is None:
        raise Http404
    response = HttpResponse(pdf.code_version_pdf(version=version), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="beroepscode-{version.label}.pdf"'
    return response
