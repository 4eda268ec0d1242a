"""The register office reaches trajectories and matching from the Wagtail admin menu.

The matching weights are a site setting (``MatchingWeights``), edited under Settings.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from lms.accounts.selectors import is_register_office


class OfficeMenuItem(MenuItem):
    def is_shown(self, request):
        return is_register_office(request.user)


@hooks.register("register_admin_menu_item")
def register_trajectories_menu_item():
    return OfficeMenuItem(
        _("Buddytrajecten en koppelen"), reverse("mentoring:office"), icon_name="group", order=900
    )
