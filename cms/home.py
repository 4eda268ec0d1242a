"""What the home page and the footer show of the apps above ``cms``.

The home page is every visitor's door: the editions that start soon with free places, the next
Vakconferentie, the newest publications, the public register, the certificate check and a line
per role. All of that belongs to apps that ``cms``, the lowest app, may not import. So ``cms``
only keeps this registry and the apps fill it in their ``AppConfig.ready``: each adds a home
section (a template of its own and a function that gives its context) or a footer link (a
label and a URL name). The home page renders what is registered, in order; an app that is not
installed simply shows nothing.

A section's context takes no request: the home page is the same for every visitor and is kept
whole in the page cache (``cms.page_cache``), in the ``pages`` scope, which a change to an
edition or an enrolment, and every publish or unpublish of a page, purges.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse


@dataclass(frozen=True)
class HomeSection:
    name: str
    order: int
    template: str
    context: Callable[[], dict] = field(default=dict)


@dataclass(frozen=True)
class FooterLink:
    name: str
    order: int
    label: str
    url_name: str


_sections: dict[str, HomeSection] = {}
_footer_links: dict[str, FooterLink] = {}


def home_section_add(
    *, name: str, order: int, template: str, context: Callable[[], dict] = dict
) -> None:
    """Show ``template`` on the home page at ``order`` (lower comes first), with the context
    ``context()`` gives. Adding the same name again replaces the section."""
    _sections[name] = HomeSection(name=name, order=order, template=template, context=context)


def footer_link_add(*, name: str, order: int, label: str, url_name: str) -> None:
    """Link every page's footer to the URL named ``url_name``."""
    _footer_links[name] = FooterLink(name=name, order=order, label=label, url_name=url_name)


def home_sections() -> list[dict]:
    """The sections of the home page in order, each as its template and its context."""
    return [
        {"name": s.name, "template": s.template, "context": s.context()}
        for s in sorted(_sections.values(), key=lambda s: (s.order, s.name))
    ]


def footer_links() -> list[dict]:
    return [
        {"label": link.label, "href": reverse(link.url_name)}
        for link in sorted(_footer_links.values(), key=lambda link: (link.order, link.name))
    ]
