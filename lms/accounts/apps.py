from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "lms.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    default_auto_field = "django.db.models.BigAutoField"


class PlatformAdminConfig(admin_apps.AdminConfig):
    """``django.contrib.admin``, with ``lms.accounts.entrances.PlatformAdminSite`` as
    ``admin.site`` (named in INSTALLED_APPS instead of ``django.contrib.admin``)."""

    default = False
    default_site = "lms.accounts.entrances.PlatformAdminSite"
