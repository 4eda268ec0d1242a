from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register


def _same_site(first: str, second: str) -> bool:
    """Whether two host names are one site for the browser's cookies: the same, or one below
    the other. (The public-suffix list would tell exactly; this errs on the safe side.)"""
    return first == second or first.endswith("." + second) or second.endswith("." + first)


@register(Tags.security, deploy=True)
def content_origin_apart(app_configs, **kwargs):
    """A package's scripts are kept from the site's cookies only when its files come from
    another site (elearning.content)."""
    site = urlsplit(settings.SITE_URL).hostname or ""
    content = urlsplit(settings.ELEARNING_CONTENT_URL).hostname or ""
    if _same_site(site, content):
        return [
            Error(
                "ELEARNING_CONTENT_URL must be on another site than SITE_URL "
                f"({content!r} and {site!r}): e-learning packages would share the site's "
                "cookies.",
                hint="Serve packages from a domain of their own, e.g. leren-inhoud.example.",
                id="elearning.E001",
            )
        ]
    return []
