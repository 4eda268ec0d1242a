"""What the courses app adds to the home page and the footer (``cms.home``)."""

from django.utils.translation import gettext_lazy as _

from cms.home import footer_link_add, home_section_add

from .models import CataloguePage
from .selectors import editions_starting_soon


def editions_section() -> dict:
    """The next editions with a free seat, and the catalogue for all the others. The page
    cache keeps this fresh: a change to an edition or an enrolment purges the listing pages,
    the home page among them (``courses.page_cache``)."""
    return {
        "editions": editions_starting_soon(),
        "catalogue": CataloguePage.objects.live().public().first(),
    }


def register() -> None:
    """Called once, from ``CoursesConfig.ready``."""
    home_section_add(
        name="editions", order=10, template="courses/home/editions.html", context=editions_section
    )
    home_section_add(
        name="certificate_check", order=50, template="courses/home/certificate_check.html"
    )
    footer_link_add(
        name="certificate_check",
        order=20,
        label=_("Certificaat controleren"),
        url_name="courses:verify_lookup",
    )
