import pytest

from cms import demo as cms_demo
from lms.accounts import demo as accounts_demo
from lms.accounts.models import Role
from publications import demo
from publications.models import Manuscript, PublicationPage
from publications.selectors import publication_claimable_by
from tests.factories import person

pytestmark = pytest.mark.django_db


def test_demo_has_the_charters_books_a_claimable_article_and_a_manuscript_under_review():
    people = accounts_demo.seed()
    cms_demo.seed()
    person(Role.BOARD_MEMBER)  # the register's demo adds more College members
    demo.seed(people)
    demo.seed(people)
    books = {
        (p.title, p.year, p.place, p.pages)
        for p in PublicationPage.objects.live().filter(kind__in=["boek", "rapport"])
    }
    assert books == {
        ("professioneel opbouwwerk", 1994, "Den Haag", "167"),
        ("handboek opbouwwerk, methoden, technieken en terreinen", 1998, "Den Haag", "427"),
        ("handboek samenlevingsopbouw in vlaanderen", 1999, "Brugge", "616"),
        ("community development around the world", 1997, "Toronto", "482"),
        ("opbouwwerk 2000, beeld & perspectief", 2000, "Den Haag", "192"),
    }
    assert PublicationPage.objects.count() == len(demo.CHARTER_BOOKS) + len(demo.ARTICLES)
    senior = people["senior@example.org"]
    claimable = [
        p
        for p in PublicationPage.objects.live()
        if publication_claimable_by(user=senior, publication=p)
    ]
    assert [p.title for p in claimable] == ["Bewoners aan zet in de wijkbegroting"]
    manuscript = Manuscript.objects.get()
    assert manuscript.status == Manuscript.Status.IN_REVIEW
    assert manuscript.reviews.count() == 2
