from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegisterConfig(AppConfig):
    name = "register"
    verbose_name = _("Register")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, as Django wants signal receivers: the models must be loaded first.
        from lms.accounts.signals import conflict_bound
        from mentoring.signals import kinds_lacking
        from publications.signals import reviewer_stakes

        from . import home, receivers

        conflict_bound.connect(
            receivers.withdraw_reviews_of_the_pair, dispatch_uid="register-withdraw-reviews"
        )
        kinds_lacking.connect(receivers.kinds_lacking, dispatch_uid="register-kinds-lacking")
        reviewer_stakes.connect(
            receivers.manuscript_reviewer_stakes, dispatch_uid="register-manuscript-stakes"
        )
        home.register()  # the register lookup on the home page, the footer link
