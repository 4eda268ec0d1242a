"""A publication's citation as RIS and BibTeX: correct fields, escaped, downloaded as a file."""

import pytest
from django.conf import settings

from publications.citations import bibtex, bibtex_escape, ris
from publications.models import PublicationKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(publish):
    return publish(
        "Buurt & beleid: 100% {participatie}",
        kind=PublicationKind.ARTICLE,
        authors="de Wit, M.; Özdemir, S.",
        year=2024,
        journal="MO/Samenlevingsopbouw",
        volume="41",
        issue="3",
        pages="12-19",
        abstract="Eerste regel.\nTweede regel\r\nER  - derde",
    )


def test_ris_has_one_tag_per_line_and_ends_with_er(article):
    text = ris(article, url="https://example.org/p/")
    lines = text.split("\r\n")
    assert lines[0] == "TY  - JOUR"
    assert "TI  - Buurt & beleid: 100% {participatie}" in lines
    assert lines.count("AU  - de Wit, M.") == 1 and "AU  - Özdemir, S." in lines
    assert {"PY  - 2024", "T2  - MO/Samenlevingsopbouw", "VL  - 41", "IS  - 3"} <= set(lines)
    assert {"SP  - 12", "EP  - 19", "UR  - https://example.org/p/"} <= set(lines)
    # A line break in the abstract cannot start a tag of its own, nor close the record early.
    assert "AB  - Eerste regel. Tweede regel ER - derde" in lines
    assert lines[-2:] == ["ER  - ", ""]
    assert sum(line.startswith("ER  -") for line in lines) == 1


def test_bibtex_escapes_what_latex_reads(article):
    text = bibtex(article, url="https://example.org/p/")
    assert text.startswith(f"@article{{dewit2024p{article.pk},\n")
    assert r"title = {Buurt \& beleid: 100\% \{participatie\}}" in text
    assert "author = {de Wit, M. and Özdemir, S.}" in text
    assert "journal = {MO/Samenlevingsopbouw}" in text
    assert "pages = {12--19}" in text
    assert "url = {https://example.org/p/}" in text
    assert text.rstrip().endswith("}")
    # Braces balance once escaped ones are left out: no value closes its entry early.
    bare = text.replace(r"\{", "").replace(r"\}", "")
    assert bare.count("{") == bare.count("}")


def test_bibtex_escape_of_every_special_character():
    assert bibtex_escape("a\\b{c}d&e%f$g#h_i^j~k") == (
        r"a\textbackslash{}b\{c\}d\&e\%f\$g\#h\_i\^{}j\~{}k"
    )


def test_book_gives_its_number_of_pages_and_place(publish):
    book = publish("Professioneel opbouwwerk", pages="167", place="Den Haag", year=1994)
    assert "SP  - 167\r\n" in ris(book, url="u") and "EP  -" not in ris(book, url="u")
    assert "CY  - Den Haag" in ris(book, url="u")
    text = bibtex(book, url="u")
    assert text.startswith("@book{") and "pagetotal = {167}" in text
    assert "address = {Den Haag}" in text


def test_downloads_have_their_content_type_and_filename(client, article):
    response = client.get(f"/publicaties/{article.pk}/citatie.ris")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-research-info-systems; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="buurt-beleid-100-participatie.ris"'
    )
    assert response.content.decode().startswith("TY  - JOUR")
    response = client.get(f"/publicaties/{article.pk}/citatie.bib")
    assert response["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert response["Content-Disposition"].endswith('.bib"')
    assert f"url = {{{settings.SITE_URL.rstrip('/')}{article.url}}}" in (response.content.decode())


def test_an_unpublished_publication_has_no_citation(client, article):
    article.unpublish()
    assert client.get(f"/publicaties/{article.pk}/citatie.ris").status_code == 404
    assert client.get(f"/publicaties/{article.pk}/citatie.bib").status_code == 404
