from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "lms.dashboard"
    label = "dashboard"
    verbose_name = _("Startpagina")

    def ready(self):
        from . import home

        home.register()  # the line per role on the home page (cms.home)
