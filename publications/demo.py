"""Demo data: the library with the books the charter lists, a few articles (one by the demo
senior, who can claim it for the register) and a manuscript the College is advising on."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from cms.models import HomePage
from lms.accounts.models import Role, User
from lms.accounts.selectors import users_with_role

from .models import Manuscript, PublicationAuthor, PublicationKind, PublicationPage
from .selectors import REVIEWERS_PER_MANUSCRIPT, manuscript_reviewers_offered
from .services import library_ensure, manuscript_reviewers_assign, manuscript_submit

# The charter's "relevante vakpublicaties": titles, pages, places and years as it gives them
# (it names no publishers); the descriptions are ours.
CHARTER_BOOKS = [
    {
        "title": "professioneel opbouwwerk",
        "pages": "167",
        "place": "Den Haag",
        "year": 1994,
        "abstract": "Bundelt het beroepsprofiel en de beroepscode van het opbouwwerk, de "
        "kwalificaties die het vak vraagt en een beschouwing over kwaliteitszorg.",
        "approaches": ["zelfredzaamheid", "strategisch", "sociaal_organisatorisch"],
    },
    {
        "title": "handboek opbouwwerk, methoden, technieken en terreinen",
        "pages": "427",
        "place": "Den Haag",
        "year": 1998,
        "abstract": "Het studieboek voor wie het vak leert of uitoefent: methoden en "
        "technieken van het opbouwwerk en de terreinen waarop het werkt, herzien uitgegeven.",
        "approaches": ["zelfredzaamheid", "strategisch"],
        "work_forms": ["project", "campagne", "ontwikkeltraject"],
    },
    {
        "title": "handboek samenlevingsopbouw in vlaanderen",
        "pages": "616",
        "place": "Brugge",
        "year": 1999,
        "abstract": "Een reader over samenlevingsopbouw in Vlaanderen, waarvan de breedte van "
        "onderwerpen ook Nederlandse opbouwwerkers veel te bieden heeft.",
        "work_settings": ["territoriaal", "categoriaal"],
    },
    {
        "title": "community development around the world",
        "pages": "482",
        "place": "Toronto",
        "year": 1997,
        "abstract": "Vergelijkt theorie en praktijk van community development in zes landen op "
        "vier continenten, en laat zien wat overal geldt en wat plaatsgebonden is.",
    },
    {
        "title": "opbouwwerk 2000, beeld & perspectief",
        "pages": "192",
        "place": "Den Haag",
        "year": 2000,
        "kind": PublicationKind.REPORT,
        "abstract": "Landelijk onderzoek en diepte-interviews schetsen de praktijk van het "
        "opbouwwerk rond 2000, met maatschappelijke trends en aanbevelingen voor het vak.",
        "approaches": ["strategisch"],
    },
]

ARTICLES = [
    {
        "title": "Bewoners aan zet in de wijkbegroting",
        "kind": PublicationKind.ARTICLE,
        "authors": "De Boer, S.",
        "year": timezone.localdate().year,
        "journal": "MO/Samenlevingsopbouw",
        "volume": str(timezone.localdate().year),
        "issue": "4",
        "pages": "10-15",
        "abstract": "Hoe een opbouwwerker bewoners een eigen stem gaf in de begroting van hun "
        "wijk, en wat de gemeente daarvan leerde.",
        "approaches": ["zelfredzaamheid"],
        "work_forms": ["project"],
        "work_settings": ["territoriaal"],
        "author_email": "senior@example.org",
    },
    {
        "title": "Campagnes die blijven hangen",
        "kind": PublicationKind.ARTICLE,
        "authors": "Yilmaz, E.; Smit, R.",
        "year": 2025,
        "journal": "MO/Samenlevingsopbouw",
        "pages": "22-27",
        "abstract": "Lessen uit drie campagnes tegen eenzaamheid van ouderen.",
        "approaches": ["sociaal_organisatorisch"],
        "work_forms": ["campagne"],
        "work_settings": ["categoriaal"],
    },
    {
        "title": "Het opbouwwerk en de decentralisaties",
        "authors": "Hendriks, G.",
        "year": 2024,
        "kind": PublicationKind.COLUMN,
        "journal": "MO/Samenlevingsopbouw",
        "abstract": "Een column over strategisch advies aan gemeenten na de decentralisaties.",
        "approaches": ["strategisch"],
    },
]

# The smallest file a PDF reader opens: the demo manuscript.
DEMO_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _publication(library, spec: dict, people: dict[str, User]) -> PublicationPage:
    spec = dict(spec)
    author_email = spec.pop("author_email", None)
    found = PublicationPage.objects.filter(title=spec["title"]).first()
    if found is not None:
        return found
    spec.setdefault("kind", PublicationKind.BOOK)
    spec.setdefault("authors", "Landelijk Centrum Opbouwwerk")
    page = PublicationPage(**spec)
    library.add_child(instance=page)
    if author_email:
        author = people.get(author_email) or User.objects.get(email=author_email)
        page.author_accounts.add(PublicationAuthor(user=author))
    page.save_revision().publish()
    return page


@transaction.atomic
def seed(people: dict[str, User]) -> None:
    home = HomePage.objects.first()
    if home is None:
        return
    library = library_ensure(home=home)
    for spec in CHARTER_BOOKS + ARTICLES:
        _publication(library, spec, people)

    junior = people.get("junior@example.org") or User.objects.get(email="junior@example.org")
    if Manuscript.objects.filter(author=junior).exists():
        return
    manuscript = manuscript_submit(
        author=junior,
        title="Jongeren en de buurtraad",
        summary="Een artikel over hoe jongeren een plaats kregen in de buurtraad van hun wijk.",
        kind=PublicationKind.ARTICLE,
        file=ContentFile(DEMO_PDF, name="jongeren-en-de-buurtraad.pdf"),
    )
    office = users_with_role(role=Role.REGISTER_OFFICE).order_by("pk").first()
    offered = manuscript_reviewers_offered(manuscript=manuscript)
    if office is not None and len(offered) >= REVIEWERS_PER_MANUSCRIPT:
        college = people.get("college@example.org")
        chosen = [college] if college in offered else []
        chosen += [m for m in offered if m not in chosen][: REVIEWERS_PER_MANUSCRIPT - len(chosen)]
        manuscript_reviewers_assign(actor=office, manuscript=manuscript, reviewers=chosen)
