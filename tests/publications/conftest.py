import pytest

from publications.models import PublicationAuthor, PublicationKind, PublicationPage
from publications.services import library_ensure


@pytest.fixture
def library(site):
    return library_ensure(home=site)


@pytest.fixture
def publish(library):
    """Make and publish a publication in the library."""

    def make(title="Handboek opbouwwerk", *, author_accounts=(), **fields):
        fields.setdefault("kind", PublicationKind.BOOK)
        fields.setdefault("authors", "Jansen, P.; De Vries, A.")
        fields.setdefault("year", 1998)
        page = PublicationPage(title=title, **fields)
        library.add_child(instance=page)
        for user in author_accounts:
            page.author_accounts.add(PublicationAuthor(user=user))
        page.save_revision().publish()
        page.refresh_from_db()
        return page

    return make
