"""Menus are built here, from the page tree and the navigation settings, not in templates."""

from django import template
from django.urls import reverse

from cms.home import footer_links
from cms.shell import site_shell

register = template.Library()


@register.inclusion_tag("cms/menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    items = []
    if request is not None:
        path = request.path
        items = [
            {
                **item,
                "current": bool(item["href"])
                and item["href"] != "/"
                and path.startswith(item["href"]),
            }
            for item in site_shell(request)["menu"]
        ]
    search_path = reverse("search")
    return {
        "items": items,
        "search_current": bool(request) and request.path.startswith(search_path),
        "request": request,
    }


@register.inclusion_tag("cms/footer.html", takes_context=True)
def site_footer(context):
    request = context.get("request")
    shell = site_shell(request) if request is not None else {}
    return {
        "footer_text": shell.get("footer_text", ""),
        "contact_email": shell.get("contact_email", ""),
        "pages": shell.get("footer_pages", []),
        # The public register and the certificate check, added by their apps (cms.home).
        "links": footer_links(),
        "request": request,
    }
