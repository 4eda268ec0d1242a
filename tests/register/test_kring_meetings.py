"""The Kring's meetings: the office plans them and uploads agendas and minutes, which only
Kring members and the office open; members propose topics."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lms.accounts.models import Role
from lms.privacy.services import personal_data_erase
from register import services
from register.models import KringDocument, KringMeeting, KringTopic
from tests.factories import OrganisationFactory, person
from tests.fuzzing import private_files_in
from tests.queries import queries_for

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% agenda\n"


@pytest.fixture(autouse=True)
def _private_files_in_tmp(tmp_path, monkeypatch):
    private_files_in(tmp_path / "private", monkeypatch)


@pytest.fixture
def office(db):
    return person(Role.REGISTER_OFFICE)


@pytest.fixture
def member(db):
    return person(Role.KRING_MEMBER, profile__organisation=OrganisationFactory())


@pytest.fixture
def meeting(office):
    return services.kring_meeting_create(
        actor=office, date=dt.date(2027, 2, 4), place="Utrecht", topic="Kwaliteitszorg in de wijk"
    )


@pytest.fixture
def agenda(office, meeting):
    return services.kring_document_upload(
        actor=office,
        meeting=meeting,
        kind=KringDocument.Kind.AGENDA,
        title="Agenda februari",
        file=SimpleUploadedFile("agenda.pdf", PDF, content_type="application/pdf"),
    )


def test_the_office_plans_a_meeting_in_the_site(client, office):
    client.force_login(office)
    response = client.post(
        reverse("register:kring_meetings"),
        {"date": "04-02-2027", "place": "Zwolle", "topic": "Intervisie"},
    )
    meeting = KringMeeting.objects.get()
    assert response.status_code == 302
    assert (meeting.date, meeting.place, meeting.topic) == (
        dt.date(2027, 2, 4),
        "Zwolle",
        "Intervisie",
    )


def test_a_meeting_with_a_bad_date_is_refused_in_dutch(client, office):
    client.force_login(office)
    response = client.post(
        reverse("register:kring_meetings"), {"date": "31-02-2027", "place": "Zwolle", "topic": "x"}
    )
    assert response.status_code == 200
    assert "Voer een geldige datum in" in response.content.decode()
    assert not KringMeeting.objects.exists()


def test_a_member_may_not_plan_a_meeting(client, member):
    client.force_login(member)
    response = client.post(
        reverse("register:kring_meetings"),
        {"date": "04-02-2027", "place": "Zwolle", "topic": "Intervisie"},
    )
    assert response.status_code == 403
    assert not KringMeeting.objects.exists()


def test_the_agenda_opens_for_members_and_the_office_only(client, agenda, member, office):
    url = reverse("register:kring_document", args=[agenda.pk])
    for allowed in (member, office):
        client.force_login(allowed)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"].startswith("attachment;")
    for role in (Role.MANAGER, Role.JUNIOR, Role.SENIOR, Role.BOARD_MEMBER):
        client.force_login(person(role, profile__organisation=OrganisationFactory()))
        assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302
    # The file lives on the private storage, outside the public media folder.
    assert agenda.file.storage is storages["private"]
    assert not agenda.file.path.startswith(str(settings.MEDIA_ROOT))


def test_the_office_uploads_minutes_and_a_bad_file_is_refused(client, office, meeting):
    client.force_login(office)
    url = reverse("register:kring_meeting", args=[meeting.pk])
    bad = client.post(
        url,
        {
            "action": "document",
            "kind": "notulen",
            "title": "Notulen",
            "file": SimpleUploadedFile("notulen.pdf", b"MZ not a pdf"),
        },
    )
    assert bad.status_code == 200
    assert "PDF-, JPEG- of PNG-bestand" in bad.content.decode()
    assert not KringDocument.objects.exists()
    good = client.post(
        url,
        {
            "action": "document",
            "kind": "notulen",
            "title": "Notulen",
            "file": SimpleUploadedFile("notulen.pdf", PDF),
        },
    )
    assert good.status_code == 302
    document = KringDocument.objects.get()
    assert (document.kind, document.uploaded_by) == ("notulen", office)
    assert document.file.name.startswith(f"kring/{meeting.pk}/")


def test_a_member_proposes_a_topic_that_other_members_read(client, member, meeting):
    client.force_login(member)
    url = reverse("register:kring_meeting", args=[meeting.pk])
    response = client.post(
        url,
        {"action": "topic", "title": "Inwerken van juniors", "explanation": "Hoe doen jullie dat?"},
    )
    assert response.status_code == 302
    topic = KringTopic.objects.get()
    assert (topic.proposed_by, topic.meeting) == (member, meeting)
    other = person(Role.KRING_MEMBER, profile__organisation=OrganisationFactory())
    client.force_login(other)
    page = client.get(url).content.decode()
    assert "Inwerken van juniors" in page and "Hoe doen jullie dat?" in page


def test_an_empty_topic_is_refused_and_nothing_is_written(client, member, meeting):
    client.force_login(member)
    response = client.post(
        reverse("register:kring_meeting", args=[meeting.pk]),
        {"action": "topic", "title": "", "explanation": ""},
    )
    assert response.status_code == 200
    assert "Dit is een verplicht veld" in response.content.decode()
    assert not KringTopic.objects.exists()


def test_the_office_may_not_propose_and_a_member_may_not_upload(client, office, member, meeting):
    url = reverse("register:kring_meeting", args=[meeting.pk])
    client.force_login(office)
    assert (
        client.post(url, {"action": "topic", "title": "t", "explanation": "e"}).status_code == 403
    )
    client.force_login(member)
    response = client.post(
        url,
        {
            "action": "document",
            "kind": "agenda",
            "title": "t",
            "file": SimpleUploadedFile("a.pdf", PDF),
        },
    )
    assert response.status_code == 403
    assert not KringTopic.objects.exists() and not KringDocument.objects.exists()


def test_erasure_removes_a_members_topics_and_keeps_the_offices_documents(
    member, office, meeting, agenda
):
    services.kring_topic_propose(actor=member, meeting=meeting, title="t", explanation="e")
    personal_data_erase(user=member, actor=office)
    assert not KringTopic.objects.exists()
    personal_data_erase(user=office, actor=person(Role.REGISTER_OFFICE))
    agenda.refresh_from_db()
    assert agenda.uploaded_by is None and agenda.file


def test_the_meeting_pages_cost_the_same_for_few_and_many(
    client, member, office, meeting, django_assert_num_queries
):
    def add(n):
        for i in range(n):
            services.kring_topic_propose(
                actor=person(Role.KRING_MEMBER), meeting=meeting, title=f"t{i}", explanation="e"
            )
            services.kring_document_upload(
                actor=office,
                meeting=meeting,
                kind="agenda",
                title=f"a{i}",
                file=SimpleUploadedFile("a.pdf", PDF),
            )
            services.kring_meeting_create(
                actor=office, date=dt.date(2027, 1, 1), place="p", topic=f"m{i}"
            )

    client.force_login(member)
    add(2)
    urls = [
        reverse("register:kring_meetings"),
        reverse("register:kring_meeting", args=[meeting.pk]),
    ]
    few = [queries_for(client, url) for url in urls]
    add(20)
    for url, count in zip(urls, few, strict=True):
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200
