from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferenceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "conference"
    verbose_name = _("Vakconferentie")

    def ready(self):
        from wagtail.signals import page_published

        from . import home
        from .models import ConferencePage
        from .services import conference_published

        page_published.connect(
            conference_published, sender=ConferencePage, dispatch_uid="conference-course"
        )
        home.register()  # the next Vakconferentie on the home page (cms.home)
