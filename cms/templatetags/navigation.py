"""Menus are built here, from the page tree and the navigation settings, not in templates."""

from django import template
from django.urls import reverse
from wagtail.models import Page, Site

from cms.home import footer_links
from cms.models import NavigationSettings

register = template.Library()


def _settings_for(request) -> NavigationSettings | None:
    # for_request keeps the settings on the request, so the menu and the footer share one query.
    if request is None or Site.find_for_request(request) is None:
        return None
    return NavigationSettings.for_request(request)


@register.inclusion_tag("cms/menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    nav = _settings_for(request)
    items = []
    if nav is not None:
        path = request.path
        for item in nav.menu_items.select_related("link_page").all():
            href = item.href
            items.append(
                {
                    "label": item.label,
                    "href": href,
                    "current": bool(href) and href != "/" and path.startswith(href),
                }
            )
    search_path = reverse("search")
    return {
        "items": items,
        "search_current": bool(request) and request.path.startswith(search_path),
        "request": request,
    }


@register.inclusion_tag("cms/footer.html", takes_context=True)
def site_footer(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    pages = Page.objects.none()
    if site is not None:
        pages = site.root_page.get_children().live().public().in_menu().specific(defer=True)
    return {
        "nav": _settings_for(request),
        "pages": pages,
        # The public register and the certificate check, added by their apps (cms.home).
        "links": footer_links(),
        "request": request,
    }
