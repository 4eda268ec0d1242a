"""What the conference app adds to the home page (``cms.home``)."""

from cms.home import home_section_add

from .selectors import conferences_upcoming


def conference_section() -> dict:
    """The next Vakconferentie. A conference is a page: publishing it, or unpublishing it,
    purges every stored page; its day passing is bounded by ``PAGE_CACHE_SECONDS``."""
    return {"conference": conferences_upcoming().public().first()}


def register() -> None:
    """Called once, from ``ConferenceConfig.ready``."""
    home_section_add(
        name="conference",
        order=20,
        template="conference/home/conference.html",
        context=conference_section,
    )
