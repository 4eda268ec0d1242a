"""The site shell: what the main menu and the footer show, the same on every page of a host.

Every page of the site, logged in or not, renders it, so it is kept in the cache under the
generation of a page-cache scope of its own, ``shell``. That scope starts anew when what the
shell shows can change: the navigation settings, a menu item or a site is saved or deleted,
a page is moved, or a page is published, unpublished or deleted that the shell can show (a child of a
site's root, listed in the footer, or a page a menu item links to). A course published deep in
the catalogue leaves it kept.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import MenuItem, NavigationSettings
from .page_cache import page_cache_generation, page_cache_purge

SHELL_SCOPE = "shell"
# How long a shell may be kept at most; a change shows at once through the generation.
SHELL_SECONDS = 3600
# A site's root page sits at depth 2 of Wagtail's tree; the footer lists its children.
FOOTER_DEPTH = 3


def site_shell(request) -> dict:
    """The menu items (label and address), the footer's pages (title and address), its text
    and its contact address, for the host of ``request``."""
    generation = page_cache_generation(SHELL_SCOPE, of_every_page=False)
    if generation is None:  # the cache is down: read it, keep nothing
        return _shell_from_database(request)
    key = f"shell:{generation}:{request.get_host()}"
    shell = cache.get(key)
    if shell is None:
        shell = _shell_from_database(request)
        cache.set(key, shell, timeout=SHELL_SECONDS)
    return shell


def _shell_from_database(request) -> dict:
    site = Site.find_for_request(request)
    if site is None:
        return {"menu": [], "footer_pages": [], "footer_text": "", "contact_email": ""}
    nav = NavigationSettings.for_site(site)
    pages = site.root_page.get_children().live().public().in_menu().specific(defer=True)
    return {
        "menu": [
            {"label": item.label, "href": item.href}
            for item in nav.menu_items.select_related("link_page").all()
        ],
        "footer_pages": [{"url": page.url, "title": page.title} for page in pages],
        "footer_text": nav.footer_text,
        "contact_email": nav.contact_email,
    }


def _purge(sender, **kwargs) -> None:
    page_cache_purge(SHELL_SCOPE)


def _purge_for_page(sender, instance, **kwargs) -> None:
    if instance.depth <= FOOTER_DEPTH or MenuItem.objects.filter(link_page=instance).exists():
        page_cache_purge(SHELL_SCOPE)


def connect_shell_purges() -> None:
    for model in (NavigationSettings, MenuItem, Site):
        label = model._meta.label_lower
        post_save.connect(_purge, sender=model, dispatch_uid=f"shell-s-{label}")
        post_delete.connect(_purge, sender=model, dispatch_uid=f"shell-d-{label}")
    post_page_move.connect(_purge, dispatch_uid="shell-move")
    post_delete.connect(_purge_for_page, sender=Page, dispatch_uid="shell-page-delete")
    for signal in (page_published, page_unpublished):
        signal.connect(_purge_for_page, dispatch_uid=f"shell-{id(signal)}")
