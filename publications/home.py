"""What the publications app adds to the home page (``cms.home``)."""

from cms.home import home_section_add

from .models import LibraryPage
from .selectors import newest_publications

HOME_PUBLICATIONS = 3


def publications_section() -> dict:
    """The newest publications and the library. Publications are pages: publishing or
    unpublishing one purges every stored page, the home page among them."""
    return {
        "publications": newest_publications(limit=HOME_PUBLICATIONS),
        "library": LibraryPage.objects.live().public().first(),
    }


def register() -> None:
    """Called once, from ``PublicationsConfig.ready``."""
    home_section_add(
        name="publications",
        order=30,
        template="publications/home/publications.html",
        context=publications_section,
    )
