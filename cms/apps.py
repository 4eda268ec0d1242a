from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.contrib.redirects.models import Redirect
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .models import CodeOfConductPage, MenuItem, NavigationSettings
        from .page_cache import page_cache_purge_on_change, purge_on_signal
        from .receivers import code_version_on_publish
        from .shell import connect_shell_purges

        # Every public page shows the menus, and a published or moved page changes the
        # catalogue and the menus built from the page tree.
        page_cache_purge_on_change(NavigationSettings, MenuItem, Redirect)
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(purge_on_signal, dispatch_uid=f"pagecache-{id(signal)}")
        connect_shell_purges()
        page_published.connect(
            code_version_on_publish, sender=CodeOfConductPage, dispatch_uid="cms-code-version"
        )
