"""The College's advice on manuscripts: submitting, two reviewers without a conflict, their
advice, the office's decision, and who reads what."""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from lms.accounts.models import OutboundEmail, Role
from lms.accounts.services import conflict_declare
from lms.privacy.selectors import erasure_blockers
from publications.models import Advice, Manuscript, ManuscriptReview
from publications.selectors import manuscript_reviewers_offered
from publications.services import (
    manuscript_advise,
    manuscript_decide,
    manuscript_reviewers_assign,
    manuscript_submit,
)
from tests.factories import OrganisationFactory, person
from tests.mentoring.factories import TrajectoryFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def pdf_upload(name="manuscript.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def college(db):
    return [person(Role.BOARD_MEMBER, last_name=f"Lid{i}") for i in range(4)]


@pytest.fixture
def manuscript(junior):
    return manuscript_submit(
        author=junior,
        title="Buurtkracht in cijfers",
        summary="Wat bewonersinitiatieven opleveren.",
        kind="artikel",
        file=pdf_upload(),
    )


def test_submit_accepts_pdf_and_docx_and_tells_the_office(junior, register_office):
    manuscript = manuscript_submit(
        author=junior, title="T", summary="S", kind="boek", file=pdf_upload()
    )
    assert manuscript.status == Manuscript.Status.SUBMITTED
    assert OutboundEmail.objects.filter(to=register_office.email).exists()
    docx = SimpleUploadedFile("stuk.docx", docx_bytes())
    assert manuscript_submit(author=junior, title="T2", summary="S", kind="boek", file=docx)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("stuk.pdf", b"MZ\x90\x00 not a pdf"),
        ("stuk.docx", b"PK\x03\x04 broken zip"),
        ("stuk.docx", b""),
    ],
)
def test_submit_refuses_other_files_in_dutch(junior, name, content):
    with pytest.raises(ValidationError, match="PDF- of DOCX"):
        manuscript_submit(
            author=junior,
            title="T",
            summary="S",
            kind="boek",
            file=SimpleUploadedFile(name, content),
        )
    assert not Manuscript.objects.exists()


def test_submit_refuses_a_file_over_20_mb(junior):
    big = SimpleUploadedFile("groot.pdf", PDF + b"0" * (20 * 1024 * 1024))
    with pytest.raises(ValidationError, match="20 MB"):
        manuscript_submit(author=junior, title="T", summary="S", kind="boek", file=big)


def test_the_form_shows_a_dutch_error_and_writes_nothing(client, junior):
    client.force_login(junior)
    response = client.post(
        "/mijn/manuscripten/",
        {"title": "T", "summary": "S", "kind": "boek", "file": SimpleUploadedFile("x.pdf", b"no")},
    )
    assert response.status_code == 200
    assert "Een manuscript moet een PDF- of DOCX-bestand zijn." in response.content.decode()
    assert not Manuscript.objects.exists()


def test_assignment_leaves_out_conflicted_and_organisation_members(
    manuscript, junior, college, register_office, organisation
):
    colleague = college[0]
    colleague.profile.organisation = organisation
    colleague.profile.save()
    conflict_declare(actor=register_office, person=junior, other=college[1], reason="Familie.")
    offered = manuscript_reviewers_offered(manuscript=manuscript)
    assert {m.pk for m in offered} == {college[2].pk, college[3].pk}

    for refused in (colleague, college[1]):
        with pytest.raises(ValidationError, match="kan dit manuscript niet beoordelen"):
            manuscript_reviewers_assign(
                actor=register_office, manuscript=manuscript, reviewers=[refused, college[2]]
            )
    assert not ManuscriptReview.objects.exists()

    made = manuscript_reviewers_assign(actor=register_office, manuscript=manuscript)
    assert {r.reviewer_id for r in made} == {college[2].pk, college[3].pk}
    manuscript.refresh_from_db()
    assert manuscript.status == Manuscript.Status.IN_REVIEW
    assert OutboundEmail.objects.filter(to=college[2].email).exists()


def test_assignment_needs_two_members_without_a_conflict(
    manuscript, junior, college, register_office, organisation
):
    for member in college[:3]:
        member.profile.organisation = organisation
        member.profile.save()
    with pytest.raises(ValidationError, match="2 leden"):
        manuscript_reviewers_assign(actor=register_office, manuscript=manuscript)
    with pytest.raises(PermissionDenied):
        manuscript_reviewers_assign(actor=college[3], manuscript=manuscript)


@pytest.fixture
def assigned(manuscript, college, register_office):
    return manuscript_reviewers_assign(
        actor=register_office, manuscript=manuscript, reviewers=college[:2]
    )


def test_advice_and_decision_reach_the_author_only(
    client, manuscript, assigned, college, junior, senior, register_office
):
    first, second = assigned
    with pytest.raises(PermissionDenied):
        manuscript_advise(actor=college[1], review=first, advice=Advice.POSITIVE)
    with pytest.raises(ValidationError, match="Licht"):
        manuscript_advise(actor=college[0], review=first, advice=Advice.NEGATIVE)
    manuscript_advise(actor=college[0], review=first, advice=Advice.POSITIVE)
    with pytest.raises(ValidationError, match="Wacht"):
        manuscript_decide(actor=register_office, manuscript=manuscript, decision=Advice.POSITIVE)
    manuscript_advise(
        actor=college[1],
        review=second,
        advice=Advice.POSITIVE_WITH_REMARKS,
        comments="Kort de inleiding in.",
    )
    with pytest.raises(ValidationError, match="al geadviseerd"):
        manuscript_advise(actor=college[1], review=second, advice=Advice.NEGATIVE, comments="x")

    client.force_login(junior)
    url = f"/mijn/manuscripten/{manuscript.pk}/"
    assert "Kort de inleiding in." not in client.get(url).content.decode()

    manuscript_decide(
        actor=register_office,
        manuscript=manuscript,
        decision=Advice.POSITIVE_WITH_REMARKS,
        note="Graag met de opmerkingen verwerkt.",
    )
    page = client.get(url).content.decode()
    assert "Kort de inleiding in." in page and "Positief met opmerkingen" in page
    assert "Graag met de opmerkingen verwerkt." in page
    # The author reads the advice, not who gave it.
    assert str(college[1]) not in page
    mail = OutboundEmail.objects.get(key=f"manuscript-decided:{manuscript.pk}")
    assert mail.to == junior.email and url in mail.body

    # Nobody else reads the author's page; the office reads its own, with the comments.
    for other in (senior, college[2]):
        client.force_login(other)
        assert client.get(url).status_code == 404
        assert client.get(f"/mijn/manuscripten/{manuscript.pk}/bestand/").status_code == 404
    client.force_login(register_office)
    office_page = client.get(f"/register/registerbureau/manuscripten/{manuscript.pk}/")
    assert "Kort de inleiding in." in office_page.content.decode()


def test_a_reviewer_reads_their_own_advice_not_the_others(client, assigned, college):
    first, second = assigned
    manuscript_advise(actor=college[0], review=first, advice=Advice.NEGATIVE, comments="Geheim A")
    client.force_login(college[1])
    page = client.get(f"/register/beoordelen/manuscripten/{second.pk}/").content.decode()
    assert "Geheim A" not in page
    assert client.get(f"/register/beoordelen/manuscripten/{first.pk}/").status_code == 403
    assert client.get(f"/mijn/manuscripten/{first.manuscript_id}/bestand/").status_code == 200


def test_a_conflict_that_binds_later_ends_the_request_for_advice(
    assigned, college, junior, register_office
):
    manuscript_advise(actor=college[1], review=assigned[1], advice=Advice.POSITIVE)
    conflict_declare(actor=register_office, person=junior, other=college[0], reason="Buren.")
    with pytest.raises(ValidationError, match="belangenverstrengeling"):
        manuscript_advise(actor=college[0], review=assigned[0], advice=Advice.POSITIVE)
    # The open request ended; the advice given before the conflict stays; the office is told
    # and may ask another member.
    manuscript = assigned[0].manuscript
    assert list(manuscript.reviews.values_list("reviewer_id", flat=True)) == [college[1].pk]
    assert OutboundEmail.objects.filter(
        to=register_office.email, key__startswith="manuscript-review-withdrawn:"
    ).exists()
    manuscript_reviewers_assign(
        actor=register_office, manuscript=manuscript, reviewers=[college[2]]
    )
    assert manuscript.reviews.count() == 2


def test_a_member_asked_to_advise_is_not_erased_before_advising(assigned, college, junior):
    assert any("manuscript" in reason for reason in erasure_blockers(user=college[0]))
    manuscript_advise(actor=college[0], review=assigned[0], advice=Advice.POSITIVE)
    assert not any("manuscript" in reason for reason in erasure_blockers(user=college[0]))
    # The author's own manuscript does not hold erasure up: it is deleted with the rest.
    assert not any("manuscript" in reason for reason in erasure_blockers(user=junior))


def test_the_authors_former_senior_does_not_advise(manuscript, junior, college, register_office):
    mentor = college[0]
    TrajectoryFactory(senior=mentor, junior=junior, organisation=OrganisationFactory())
    offered = manuscript_reviewers_offered(manuscript=manuscript)
    assert mentor.pk not in {m.pk for m in offered}
    with pytest.raises(ValidationError, match="senior van de auteur"):
        manuscript_reviewers_assign(
            actor=register_office, manuscript=manuscript, reviewers=[mentor, college[2]]
        )
    assert not ManuscriptReview.objects.exists()
