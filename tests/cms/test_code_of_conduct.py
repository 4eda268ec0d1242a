"""The beroepscode: versions recorded on publication, the version in force by date, the public
page with its history, the PDF of each version, and search."""

import datetime as dt
import io

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import CodeOfConductPage, CodeVersion
from cms.selectors import code_version_current
from cms.services import code_version_problems, code_version_record
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _page() -> CodeOfConductPage:
    return CodeOfConductPage.objects.get()


def _pdf_text(content: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)


def test_the_demo_publishes_two_versions_with_their_articles(site):
    versions = list(CodeVersion.objects.order_by("in_force_from"))
    assert [v.label for v in versions] == ["2024.1", "2026.1"]
    old, new = versions
    assert [a["title"] for a in new.articles][-1] == "Klachten"
    assert "Klachten" not in [a["title"] for a in old.articles]
    assert new.page == _page() and new.revision is not None
    assert "klachten" in new.change_note


def test_publishing_a_new_label_freezes_the_articles_as_published(site):
    page = _page()
    page.version_label = "2027.1"
    page.in_force_from = timezone.localdate() + dt.timedelta(days=30)
    page.change_note = "Artikel 8 nieuw."
    page.articles = [
        *[("article", b.value) for b in page.articles],
        ("article", {"number": 8, "title": "Samenwerking", "text": "<p>Samen.</p>"}),
    ]
    revision = page.save_revision()
    revision.publish()
    version = CodeVersion.objects.get(label="2027.1")
    assert version.revision == revision
    assert version.articles[-1] == {"number": 8, "title": "Samenwerking", "text": "<p>Samen.</p>"}
    # Editing the page afterwards does not change what was published.
    page.refresh_from_db()
    page.title = "Beroepscode (bijgewerkt)"
    page.save_revision().publish()
    version.refresh_from_db()
    assert version.articles[-1]["title"] == "Samenwerking"
    assert CodeVersion.objects.count() == 3


def test_a_publication_under_a_published_label_records_nothing(site):
    page = _page()
    before = CodeVersion.objects.get(label="2026.1")
    page.articles = [("article", {"number": 1, "title": "Anders", "text": "<p>Anders.</p>"})]
    assert code_version_record(page=page, revision=page.save_revision()) is None
    after = CodeVersion.objects.get(label="2026.1")
    assert after.articles == before.articles and after.published_at == before.published_at
    assert CodeVersion.objects.count() == 2


def test_the_admin_check_refuses_changes_under_a_published_label_in_dutch(site):
    today = timezone.localdate()
    published = CodeVersion.objects.get(label="2026.1")
    # The same articles and date: nothing to refuse, nothing to record.
    assert not code_version_problems(
        label="2026.1",
        in_force_from=published.in_force_from,
        articles=published.articles,
        today=today,
    )
    changed = [{**published.articles[0], "title": "Anders"}, *published.articles[1:]]
    (problem,) = code_version_problems(
        label="2026.1", in_force_from=published.in_force_from, articles=changed, today=today
    )
    assert "is al gepubliceerd en verandert niet meer" in problem
    # A new version does not start in the past, nor before the latest one.
    problems = code_version_problems(
        label="2027.1",
        in_force_from=dt.date(2025, 6, 1),
        articles=published.articles,
        today=today,
    )
    assert any("op zijn vroegst vandaag" in p for p in problems)
    assert any("een nieuwe versie gaat later in" in p for p in problems)
    assert code_version_problems(
        label="2027.1", in_force_from=today + dt.timedelta(days=1), articles=[], today=today
    ) == ["Een beroepscode heeft ten minste één artikel."]


def test_the_service_refuses_a_new_version_in_the_past(site):
    page = _page()
    page.version_label = "2027.1"
    page.in_force_from = dt.date(2025, 1, 1)
    with pytest.raises(ValidationError, match="op zijn vroegst vandaag"):
        code_version_record(page=page, revision=page.save_revision())
    assert not CodeVersion.objects.filter(label="2027.1").exists()


@pytest.mark.dates
def test_the_version_in_force_follows_the_date(site):
    assert code_version_current(on=dt.date(2023, 12, 31)) is None
    assert code_version_current(on=dt.date(2024, 1, 1)).label == "2024.1"
    assert code_version_current(on=dt.date(2025, 12, 31)).label == "2024.1"
    assert code_version_current(on=dt.date(2026, 1, 1)).label == "2026.1"
    # A version published ahead of its day is not in force before it.
    later = timezone.localdate() + dt.timedelta(days=10)
    CodeVersion.objects.create(label="2099.1", in_force_from=later, articles=[])
    assert code_version_current(on=timezone.localdate()).label == "2026.1"
    assert code_version_current(on=later).label == "2099.1"


def test_the_public_page_shows_the_current_articles_and_the_history(client, site):
    response = client.get(_page().url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    headings = [h.get_text(strip=True) for h in soup.select("main h2")]
    assert "Artikel 7. Klachten" in headings
    rows = [
        [c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
        for tr in soup.select("tbody tr")
    ]
    assert rows[0][:2] == ["2026.1 (geldt nu)", "01-01-2026"]
    assert rows[1][:2] == ["2024.1", "01-01-2024"]
    links = [a["href"] for a in soup.select("main a")]
    assert reverse("code_version_pdf", args=["2024.1"]) in links
    assert reverse("code_version_pdf", args=["2026.1"]) in links


def test_each_version_downloads_as_a_pdf_with_its_own_text(client, site):
    current = client.get(reverse("code_version_pdf", args=["2026.1"]))
    assert current["Content-Type"] == "application/pdf"
    text = _pdf_text(current.content)
    assert "versie 2026.1" in text and "01-01-2026" in text and "Klachten" in text
    older = _pdf_text(client.get(reverse("code_version_pdf", args=["2024.1"])).content)
    assert "versie 2024.1" in older and "Klachten" not in older
    assert client.get(reverse("code_version_pdf", args=["1999.9"])).status_code == 404


def test_search_finds_the_beroepscode(client, site):
    response = client.get(reverse("search"), {"q": "beroepscode"})
    titles = [
        a.get_text(strip=True)
        for a in BeautifulSoup(response.content, "html.parser").select("ol.results a")
    ]
    assert "Beroepscode opbouwwerk" in titles


def _admin_form(page: CodeOfConductPage, *, label: str, in_force_from: dt.date, articles) -> dict:
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": page.intro,
            "version_label": label,
            "in_force_from": in_force_from.isoformat(),
            "change_note": "Nieuw artikel.",
            "articles": streamfield(
                [
                    ("article", {"number": n, "title": t, "text": rich_text(f"<p>{t}.</p>")})
                    for n, t in articles
                ]
            ),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )


def test_the_admin_refuses_to_publish_changes_under_a_published_label(client, site):
    page = _page()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    # The same articles again (a new title for the page): published, nothing recorded.
    published = CodeVersion.objects.get(label="2026.1")
    same = _admin_form(page, label="2026.1", in_force_from=dt.date(2026, 1, 1), articles=[])
    same |= nested_form_data(
        {
            "title": "De beroepscode",
            "articles": streamfield(
                [
                    (
                        "article",
                        {"number": a["number"], "title": a["title"], "text": rich_text(a["text"])},
                    )
                    for a in published.articles
                ]
            ),
        }
    )
    response = client.post(url, same)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert CodeVersion.objects.count() == 2
    response = client.post(
        url,
        _admin_form(
            page, label="2026.1", in_force_from=dt.date(2026, 1, 1), articles=[(1, "Anders")]
        ),
    )
    assert response.status_code == 200
    assert "Versie 2026.1 van de beroepscode is al gepubliceerd" in response.content.decode()
    assert CodeVersion.objects.count() == 2
    assert CodeVersion.objects.get(label="2026.1").articles[0]["title"] == "Doel"
    # Under a new label, from tomorrow, it is published and recorded.
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client.post(
        url, _admin_form(page, label="2027.1", in_force_from=tomorrow, articles=[(1, "Anders")])
    )
    assert response.status_code == 302
    version = CodeVersion.objects.get(label="2027.1")
    assert version.in_force_from == tomorrow
    assert version.articles == [{"number": 1, "title": "Anders", "text": "<p>Anders.</p>"}]


def test_the_page_costs_the_same_with_few_and_many_versions(client, site):
    url = _page().url
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    start = timezone.localdate()
    for i in range(20):
        CodeVersion.objects.create(
            label=f"2030.{i + 1}", in_force_from=start + dt.timedelta(days=i + 1), articles=[]
        )
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.content.decode().count("(PDF)</a>") == 23
    assert len(many.captured_queries) == len(few.captured_queries)
