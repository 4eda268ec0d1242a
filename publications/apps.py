from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "publications"
    verbose_name = _("Vakpublicaties")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from lms.accounts.signals import conflict_bound

        from . import home
        from .receivers import withdraw_manuscript_reviews_of_the_pair

        conflict_bound.connect(
            withdraw_manuscript_reviews_of_the_pair, dispatch_uid="manuscript-reviews-withdraw"
        )
        home.register()  # the newest publications on the home page (cms.home)
