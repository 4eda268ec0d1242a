"""The home page's line per role: where each kind of visitor starts (``cms.home``).

The start page sits at the top of the import order, so it alone may point at every app."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cms.home import home_section_add

# (who, what they do here, link text, URL name)
ROLE_DOORS = (
    (
        _("Voor opbouwwerkers"),
        _("Volg cursussen, houd je punten bij en vraag je registratie aan."),
        _("Naar je startpagina"),
        "dashboard:home",
    ),
    (
        _("Voor seniors"),
        _("Begeleid een junior als buddy en leg jullie gesprekken vast."),
        _("Naar je buddytrajecten"),
        "mentoring:senior",
    ),
    (
        _("Voor aanbieders"),
        _("Zet je cursussen en uitvoeringen klaar en houd de aanwezigheid bij."),
        _("Naar je uitvoeringen"),
        "courses:provider_editions",
    ),
    (
        _("Voor het College"),
        _("Beoordeel aanvragen voor het register."),
        _("Naar je beoordelingen"),
        "register:reviews",
    ),
    (
        _("Voor werkgevers"),
        _("Zie hoe je opbouwwerkers leren en begeleid worden."),
        _("Naar je team"),
        "mentoring:manager",
    ),
)


def roles_section() -> dict:
    return {
        "doors": [
            {"who": who, "what": what, "link": link, "href": reverse(url_name)}
            for who, what, link, url_name in ROLE_DOORS
        ]
    }


def register() -> None:
    """Called once, from ``DashboardConfig.ready``."""
    home_section_add(
        name="roles", order=60, template="dashboard/home/roles.html", context=roles_section
    )
