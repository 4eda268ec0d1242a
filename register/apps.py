from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegisterConfig(AppConfig):
    name = "register"
    verbose_name = _("Register")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from mentoring.signals import kinds_lacking

        from . import receivers

        kinds_lacking.connect(receivers.kinds_lacking, dispatch_uid="register-kinds-lacking")
