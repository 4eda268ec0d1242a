"""The site's home page, menus and the pages about the charter, written for this platform."""

from datetime import date
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site as DjangoSite
from django.db import transaction
from wagtail.models import Page, Site

from .models import CodeOfConductPage, ContentPage, HomePage, MenuItem, NavigationSettings
from .services import code_version_record

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

CODE_SLUG = "beroepscode"

# The beroepscode, in the platform's own words after the principles of the Statuut Opbouwwerk
# (seeds/statuut-opbouwwerk.txt): two versions, so that the page shows a history.
CODE_ARTICLES_2024 = [
    (
        1,
        "Doel",
        "<p>De opbouwwerker werkt aan samenlevingsopbouw: aan het samenleven van mensen in "
        "buurten, wijken en groepen, en aan hun verhouding tot de instanties om hen heen. Waar "
        "belangen botsen, kiest de opbouwwerker voor het zwakste belang en het minst gehoorde "
        "verlangen.</p>",
    ),
    (
        2,
        "Onafhankelijkheid",
        "<p>De opbouwwerker ondersteunt bewoners en groepen vanuit een eigen diagnose en visie. "
        "Wie het werk betaalt, bepaalt niet wat de opbouwwerker adviseert; is de financier zelf "
        "partij, dan zegt de opbouwwerker dat openlijk.</p>",
    ),
    (
        3,
        "Geen verborgen belangen",
        "<p>De opbouwwerker dient geen eigen belang en werkt niet mee aan verborgen agenda's "
        "van anderen. Waar de belangen van de opbouwwerker verstrengeld raken met die van de "
        "mensen voor wie hij of zij werkt, trekt de opbouwwerker zich terug en meldt dat.</p>",
    ),
    (
        4,
        "Vertrouwelijkheid",
        "<p>Wat bewoners en collega's de opbouwwerker in vertrouwen vertellen, blijft "
        "vertrouwelijk. De opbouwwerker deelt het alleen met hun toestemming, of waar de wet "
        "dat eist.</p>",
    ),
    (
        5,
        "Vakbekwaamheid",
        "<p>De opbouwwerker houdt zijn of haar vak bij: door cursussen, intervisie en "
        "begeleiding, en door ervaring te delen met jongere collega's.</p>",
    ),
    (
        6,
        "Het register",
        "<p>Wie in het register staat, geeft juiste en volledige gegevens over de eigen praktijk "
        "en scholing, en meldt het registerbureau wat de inschrijving raakt.</p>",
    ),
]
CODE_ARTICLES_2026 = [
    *CODE_ARTICLES_2024[:2],
    (
        3,
        "Geen verborgen belangen",
        "<p>De opbouwwerker dient geen eigen belang en werkt niet mee aan verborgen agenda's "
        "van anderen. Hij of zij neemt geen opdracht aan die hem of haar alleen aan één "
        "belanghebbende partij bindt, en vervult in het eigen werkgebied geen nevenfunctie met "
        "uitvoeringsmacht. Waar belangen verstrengeld raken, trekt de opbouwwerker zich terug en "
        "meldt dat.</p>",
    ),
    *CODE_ARTICLES_2024[3:],
    (
        7,
        "Klachten",
        "<p>Wie vindt dat een opbouwwerker in het register deze beroepscode niet naleeft, kan "
        "dat schriftelijk melden bij het registerbureau. Het College van Toezicht hoort beide "
        "kanten en beslist; het kan de inschrijving schorsen of doorhalen.</p>",
    ),
]
CODE_VERSIONS = [
    ("2024.1", date(2024, 1, 1), "Eerste versie op het platform.", CODE_ARTICLES_2024),
    (
        "2026.1",
        date(2026, 1, 1),
        "Artikel 3 noemt nu ook opdrachten die binden aan één partij en nevenfuncties met "
        "uitvoeringsmacht; artikel 7 over klachten is nieuw.",
        CODE_ARTICLES_2026,
    ),
]


def code_of_conduct_seed(home: HomePage) -> CodeOfConductPage | None:
    """The beroepscode page, published once per version in the order they came into force; each
    publication records its version on the day it came into force."""
    if CodeOfConductPage.objects.exists() or home.get_children().filter(slug=CODE_SLUG).exists():
        return None
    page = None
    for label, in_force_from, note, articles in CODE_VERSIONS:
        fields = {
            "version_label": label,
            "in_force_from": in_force_from,
            "change_note": note,
            "articles": [
                ("article", {"number": n, "title": title, "text": text})
                for n, title, text in articles
            ],
        }
        if page is None:
            page = CodeOfConductPage(
                title="Beroepscode opbouwwerk",
                slug=CODE_SLUG,
                intro="De normen waar opbouwwerkers in het register zich aan houden. Wie zich "
                "inschrijft of herregistreert, aanvaardt de versie die dan geldt.",
                show_in_menus=True,
                **fields,
            )
            home.add_child(instance=page)
        else:
            for name, value in fields.items():
                setattr(page, name, value)
        revision = page.save_revision()
        code_version_record(page=page, revision=revision, today=in_force_from)
        revision.publish()
        page.refresh_from_db()
    return page


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
    code_of_conduct_seed(home)
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
