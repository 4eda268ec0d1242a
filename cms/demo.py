"""The site's home page, menus and the pages about the charter, written for this platform."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site as DjangoSite
from django.db import transaction
from wagtail.models import Page, Site

from .models import ContentPage, HomePage, MenuItem, NavigationSettings

HOME_INTRO = (
    "<p>Het leerplatform voor opbouwwerkers: vind geaccrediteerde cursussen, word begeleid door "
    "een ervaren collega en werk stap voor stap naar inschrijving in het register.</p>"
)

PAGES = [
    {
        "slug": "statuut",
        "title": "Statuut opbouwwerk",
        "intro": "Waar het opbouwwerk voor staat, in het kort.",
        "body": [
            ("heading", {"text": "Samenlevingsopbouw als kerntaak", "level": "h2"}),
            (
                "paragraph",
                "<p>Opbouwwerkers werken aan het samenleven van mensen in buurten, "
                "wijken en groepen, en aan de verhouding tussen bewoners en de instanties om hen "
                "heen. Waar belangen botsen, kiezen zij voor de zwakste partij en het minst gehoorde "
                "verlangen.</p>",
            ),
            ("heading", {"text": "Drie werkwijzen", "level": "h2"}),
            (
                "paragraph",
                "<p>Het werk loopt van analyse via ontwerp naar uitvoering, langs drie "
                "werkwijzen: <b>bevordering van zelfredzaamheid</b>, <b>strategisch advies</b> en "
                "<b>sociaal-organisatorisch advies</b>. Het krijgt vorm als project, campagne of "
                "ontwikkeltraject, gericht op een gebied (territoriaal) of een groep "
                "(categoriaal).</p>",
            ),
            (
                "quote",
                {
                    "text": "Een opbouwwerker dient geen eigen belang en geen verborgen "
                    "agenda van anderen.",
                    "source": "Samenvatting van het statuut",
                },
            ),
        ],
    },
    {
        "slug": "beroepscode",
        "title": "Beroepscode in het kort",
        "intro": "De normen waar opbouwwerkers zich aan houden.",
        "body": [
            (
                "paragraph",
                "<p>Opbouwwerkers zijn onafhankelijk in hun oordeel, open over hun "
                "opdracht en zorgvuldig met wat mensen hun toevertrouwen. Zij werken niet waar hun "
                "eigen belangen verstrengeld raken met die van de mensen voor wie zij werken.</p>",
            ),
            (
                "paragraph",
                "<p>Op dit platform betekent dat: niemand beoordeelt, keurt of "
                "bevestigt iets waar hij of zij zelf belang bij heeft.</p>",
            ),
        ],
    },
    {
        "slug": "begeleiding",
        "title": "Begeleiding",
        "intro": "In een buddytraject begeleidt een senior opbouwwerker een junior collega.",
        "body": [
            (
                "paragraph",
                "<p>Een buddytraject duurt meestal een jaar. De senior legt elk "
                "coachingsgesprek vast, de junior bevestigt het. Alleen bevestigde uren tellen mee "
                "voor het register.</p>",
            ),
        ],
    },
    {
        "slug": "register",
        "title": "Register",
        "intro": "Het register van opbouwwerkers toont wie aan de beroepsnormen voldoet.",
        "body": [
            (
                "paragraph",
                "<p>Ingeschreven worden opbouwwerkers die door voldoende duur, "
                "spreiding en kwaliteit van hun praktijk als vakbekwaam gelden. Het College van "
                "Toezicht beoordeelt elke aanvraag in een ballotage. Een inschrijving geldt vijf "
                "jaar.</p>",
            ),
        ],
    },
]

MENU = [
    ("Cursussen", "cursussen"),
    ("Begeleiding", "begeleiding"),
    ("Register", "register"),
    ("Statuut", "statuut"),
]


def site_address_apply() -> None:
    """Wagtail's default Site and Django's (allauth's) serve the host and port of ``SITE_URL``,
    so the address is set in one place (``make run PORT=...`` sets ``SITE_URL``)."""
    bits = urlsplit(settings.SITE_URL)
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        site.hostname = bits.hostname or "localhost"
        site.port = bits.port or (443 if bits.scheme == "https" else 80)
        site.save()  # save(), not update(): Wagtail forgets its cached site roots on save
    django_site = DjangoSite.objects.filter(pk=settings.SITE_ID).first()
    if django_site is not None and django_site.domain != bits.netloc:
        django_site.domain = bits.netloc
        django_site.save()
        DjangoSite.objects.clear_cache()


@transaction.atomic
def seed() -> HomePage:
    root = Page.get_first_root_node()
    if root is None:  # an emptied database: Wagtail's migration made the root once
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(
            title="Welkom bij het opbouwwerk leerplatform", slug="home-nl", intro=HOME_INTRO
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="Opbouwwerk leerplatform",
            )
        else:
            old_root = site.root_page
            site.root_page = home
            site.site_name = "Opbouwwerk leerplatform"
            site.save()
            if old_root.pk != home.pk and not isinstance(old_root.specific, HomePage):
                old_root.delete()
    for spec in PAGES:
        if home.get_children().filter(slug=spec["slug"]).exists():
            continue
        page = ContentPage(
            title=spec["title"],
            slug=spec["slug"],
            intro=spec["intro"],
            body=spec["body"],
            show_in_menus=True,
        )
        home.add_child(instance=page)
        page.save_revision().publish()
    site = Site.objects.get(root_page=home)
    nav = NavigationSettings.for_site(site)
    if not nav.menu_items.exists():
        for order, (label, slug) in enumerate(MENU):
            MenuItem.objects.create(
                settings=nav, label=label, link_url=f"/{slug}/", sort_order=order
            )
        nav.footer_text = (
            "Opbouwwerk leerplatform: bijscholing, begeleiding en het register van opbouwwerkers."
        )
        nav.contact_email = "registerbureau@example.org"
        nav.save()
    return home
