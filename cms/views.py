from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from wagtail.models import Page

from .search import search_terms

RESULTS_PER_PAGE = 10


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    terms = search_terms(query)
    results = Page.objects.none()
    paginator = Paginator(results, RESULTS_PER_PAGE)
    if terms:
        pages = Page.objects.live().public().specific().search(terms)
        paginator = Paginator(pages, RESULTS_PER_PAGE)
    try:
        results = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage):
        results = paginator.page(1)
    return render(
        request,
        "cms/search.html",
        {
            "query": query,
            "results": results,
            "paginator": paginator,
            "querystring_base": f"q={query}&" if query else "",
        },
    )
