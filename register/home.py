"""What the register adds to the home page and the footer (``cms.home``)."""

from django.utils.translation import gettext_lazy as _

from cms.home import footer_link_add, home_section_add


def register() -> None:
    """Called once, from ``RegisterConfig.ready``."""
    home_section_add(name="register_lookup", order=40, template="register/home/lookup.html")
    footer_link_add(
        name="public_register",
        order=10,
        label=_("Openbaar register"),
        url_name="register:public",
    )
