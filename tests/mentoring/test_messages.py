"""Messages between the senior and the junior of a trajectory: only the two of them read and
write them, the other one hears of a new message by e-mail without its text."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from lms.accounts.models import OutboundEmail, Role
from mentoring import selectors, services
from mentoring.models import MESSAGE_MAX_LENGTH, Trajectory, TrajectoryMessage
from tests.factories import person
from tests.mentoring.factories import TrajectoryFactory
from tests.queries import queries_for

pytestmark = pytest.mark.django_db

SECRET = "Ik twijfel of ik deze baan wel wil houden."


def sessions_url(trajectory) -> str:
    return reverse("mentoring:trajectory_sessions", args=[trajectory.pk])


def send_url(trajectory) -> str:
    return reverse("mentoring:message_send", args=[trajectory.pk])


def test_the_senior_writes_and_the_junior_hears_of_it_without_the_text(trajectory):
    message = services.message_send(
        actor=trajectory.senior, trajectory=trajectory, body=f"  {SECRET}\n"
    )
    assert message.body == SECRET and message.author == trajectory.senior
    mail = OutboundEmail.objects.get(key=f"trajectory-message:{message.pk}")
    assert mail.to == trajectory.junior.email
    assert str(trajectory.senior) in mail.subject
    assert SECRET not in mail.body and SECRET not in mail.subject
    assert sessions_url(trajectory) + "#berichten" in mail.body

    answer = services.message_send(
        actor=trajectory.junior, trajectory=trajectory, body="Zullen we bellen?"
    )
    assert OutboundEmail.objects.get(key=f"trajectory-message:{answer.pk}").to == (
        trajectory.senior.email
    )


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("", "Schrijf eerst een bericht"),
        ("   \n\t ", "Schrijf eerst een bericht"),
        ("x" * (MESSAGE_MAX_LENGTH + 1), "hoogstens 4.000 tekens"),
        ("nul\x00teken", "ongeldig teken"),
    ],
)
def test_an_empty_or_too_long_message_is_refused_in_dutch(trajectory, body, words):
    with pytest.raises(ValidationError) as refused:
        services.message_send(actor=trajectory.senior, trajectory=trajectory, body=body)
    assert words in " ".join(refused.value.messages)
    assert not TrajectoryMessage.objects.exists()
    assert not OutboundEmail.objects.filter(key__startswith="trajectory-message:").exists()


def test_a_message_of_the_longest_length_is_sent(trajectory):
    services.message_send(
        actor=trajectory.senior, trajectory=trajectory, body="x" * MESSAGE_MAX_LENGTH
    )
    assert TrajectoryMessage.objects.count() == 1


@pytest.mark.parametrize(
    "status",
    [Trajectory.Status.COMPLETED, Trajectory.Status.ENDED_EARLY, Trajectory.Status.DECLINED],
)
def test_a_closed_trajectory_is_read_but_no_longer_written(client, trajectory, status):
    services.message_send(actor=trajectory.senior, trajectory=trajectory, body=SECRET)
    Trajectory.objects.filter(pk=trajectory.pk).update(status=status, end_reason="Verhuisd.")
    trajectory.refresh_from_db()
    with pytest.raises(ValidationError, match="afgesloten"):
        services.message_send(actor=trajectory.junior, trajectory=trajectory, body="Nog één ding")

    client.force_login(trajectory.junior)
    response = client.post(send_url(trajectory), {"body": "Nog één ding"})
    assert response.status_code == 200
    assert "afgesloten" in response.content.decode()
    assert TrajectoryMessage.objects.count() == 1
    soup = BeautifulSoup(client.get(sessions_url(trajectory)).content, "html.parser")
    thread = soup.find(id="berichten")
    assert SECRET in thread.text
    assert thread.find("textarea") is None


def test_a_proposed_trajectory_may_be_written_in(trajectory):
    Trajectory.objects.filter(pk=trajectory.pk).update(
        status=Trajectory.Status.PROPOSED, junior_accepted_at=None
    )
    trajectory.refresh_from_db()
    services.message_send(actor=trajectory.junior, trajectory=trajectory, body="Kennismaken?")
    assert TrajectoryMessage.objects.count() == 1


@pytest.fixture
def outsiders(trajectory, manager, register_office):
    superuser = person(is_superuser=True, is_staff=True)
    other_senior = person(Role.SENIOR, profile__organisation=trajectory.organisation)
    return {
        "office": register_office,
        "manager": manager,
        "superuser": superuser,
        "other senior": other_senior,
    }


@pytest.mark.parametrize("who", ["office", "manager", "superuser", "other senior"])
def test_nobody_but_the_pair_reads_or_writes_the_thread(client, trajectory, outsiders, who):
    services.message_send(actor=trajectory.senior, trajectory=trajectory, body=SECRET)
    outsider = outsiders[who]
    with pytest.raises(PermissionDenied):
        services.message_send(actor=outsider, trajectory=trajectory, body="Meelezen")
    with pytest.raises(PermissionDenied):
        services.messages_mark_read(reader=outsider, trajectory=trajectory)

    client.force_login(outsider)
    assert client.post(send_url(trajectory), {"body": "Meelezen"}).status_code == 403
    assert TrajectoryMessage.objects.count() == 1
    page = client.get(sessions_url(trajectory))
    # The office and the manager (and the superuser, as the office) see the sessions page,
    # not the thread; someone else's senior sees neither.
    assert page.status_code == (403 if who == "other senior" else 200)
    assert SECRET not in page.content.decode()
    assert 'id="berichten"' not in page.content.decode()
    detail = client.get(reverse("mentoring:trajectory_detail", args=[trajectory.pk]))
    assert SECRET not in detail.content.decode()
    assert TrajectoryMessage.objects.get().read_at is None


def test_the_pair_writes_through_the_page_and_reads_the_unread_count(client, trajectory):
    client.force_login(trajectory.senior)
    response = client.post(send_url(trajectory), {"body": "Regel één\n<script>alert(1)</script>"})
    assert response.status_code == 302
    assert response["Location"] == sessions_url(trajectory) + "#berichten"
    assert selectors.unread_message_count(reader=trajectory.junior) == 1
    assert selectors.unread_message_count(reader=trajectory.senior) == 0

    client.force_login(trajectory.junior)
    detail = BeautifulSoup(
        client.get(reverse("mentoring:trajectory_detail", args=[trajectory.pk])).content,
        "html.parser",
    )
    assert "1 nieuw" in detail.text
    html = client.get(sessions_url(trajectory)).content.decode()
    # Plain text: escaped, its line breaks kept.
    assert "Regel één<br>&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    soup = BeautifulSoup(html, "html.parser")
    assert "nieuw" in soup.find(id="berichten").text
    assert selectors.unread_message_count(reader=trajectory.junior) == 0
    again = BeautifulSoup(client.get(sessions_url(trajectory)).content, "html.parser")
    assert "nieuw" not in again.find(id="berichten").text


def test_an_empty_message_shows_the_form_again_with_the_reason(client, trajectory):
    client.force_login(trajectory.junior)
    response = client.post(send_url(trajectory), {"body": "   "})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Schrijf eerst een bericht." in soup.find(id="berichten").find(role="alert").text
    assert not TrajectoryMessage.objects.exists()


def test_unread_counts_only_the_readers_own_trajectories(trajectory):
    other = TrajectoryFactory(senior=trajectory.senior)
    services.message_send(actor=other.junior, trajectory=other, body="Hallo")
    services.message_send(actor=trajectory.junior, trajectory=trajectory, body="Hoi")
    assert selectors.unread_message_count(reader=trajectory.senior) == 2
    assert selectors.unread_message_count(reader=trajectory.senior, trajectory=trajectory) == 1
    assert selectors.unread_message_count(reader=trajectory.junior, trajectory=other) == 0


def test_the_thread_costs_the_same_for_3_and_30_messages(client, trajectory):
    def write(n):
        for i in range(n):
            author = trajectory.senior if i % 2 else trajectory.junior
            services.message_send(actor=author, trajectory=trajectory, body=f"Bericht {i}")

    write(3)
    client.force_login(trajectory.senior)
    few = queries_for(client, sessions_url(trajectory))
    write(27)
    assert queries_for(client, sessions_url(trajectory)) == few
    soup = BeautifulSoup(client.get(sessions_url(trajectory)).content, "html.parser")
    assert len(soup.find(id="berichten").find_all("li")) == 30
