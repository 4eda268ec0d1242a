"""E-mail per kind of notice: at once, in the daily digest, or off; what must always be sent."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from lms.accounts.models import EmailPreference, NoticeKind, OutboundEmail, Role
from lms.accounts.selectors import email_preferences_of
from lms.accounts.services import email_digest_send, email_preferences_save, email_send
from lms.accounts.tasks import deliver_pending_emails, send_email_digests
from tests.factories import person

pytestmark = pytest.mark.django_db


def send(who, kind, key, *, capture):
    with capture(execute=True):
        return email_send(
            kind=kind, key=key, to=who.email, subject=f"Onderwerp {key}", body=f"Tekst {key}"
        )


def test_at_once_is_the_default_and_goes_out(django_capture_on_commit_callbacks):
    who = person(Role.JUNIOR)
    written = send(who, NoticeKind.COACHING, "a", capture=django_capture_on_commit_callbacks)
    assert written is not None and not written.held
    assert [m.subject for m in mail.outbox] == ["[Opbouwwerk] Onderwerp a"]
    assert OutboundEmail.objects.get(key="a").sent_at is not None


def test_off_writes_nothing(django_capture_on_commit_callbacks):
    who = person(Role.JUNIOR)
    email_preferences_save(user=who, choices={NoticeKind.COACHING: "off"})
    assert send(who, NoticeKind.COACHING, "b", capture=django_capture_on_commit_callbacks) is None
    assert not OutboundEmail.objects.filter(key="b").exists()
    assert mail.outbox == []
    # Another kind still goes out at once.
    assert send(who, NoticeKind.WAITLIST, "c", capture=django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1


def test_digest_holds_the_mail_and_the_daily_task_sends_one_digest_once(
    django_capture_on_commit_callbacks,
):
    who = person(Role.SENIOR)
    other = person(Role.JUNIOR)
    email_preferences_save(
        user=who, choices={NoticeKind.COACHING: "digest", NoticeKind.TRAJECTORY: "digest"}
    )
    email_preferences_save(user=other, choices={NoticeKind.COACHING: "digest"})
    capture = django_capture_on_commit_callbacks
    send(who, NoticeKind.COACHING, "d1", capture=capture)
    send(who, NoticeKind.TRAJECTORY, "d2", capture=capture)
    send(other, NoticeKind.COACHING, "d3", capture=capture)
    assert mail.outbox == []
    assert OutboundEmail.objects.filter(held=True).count() == 3
    # The retry job leaves held mail alone.
    OutboundEmail.objects.update(created_at="2020-01-01T00:00:00Z")
    assert deliver_pending_emails() == 0
    with capture(execute=True):
        assert send_email_digests() == 2
    assert len(mail.outbox) == 2
    digest = next(m for m in mail.outbox if m.to == [who.email])
    assert "Onderwerp d1" in digest.body and "Tekst d2" in digest.body
    assert "d3" not in digest.body
    digest_row = OutboundEmail.objects.get(key__startswith=f"digest:{who.email}:")
    assert digest_row.kind == NoticeKind.DIGEST and digest_row.sent_at is not None
    taken = OutboundEmail.objects.filter(key__in=["d1", "d2"]).values_list("digest", flat=True)
    assert set(taken) == {digest_row.pk}
    # A second run the same day sends nothing; what came in after it waits for the next day.
    send(who, NoticeKind.COACHING, "d4", capture=capture)
    with capture(execute=True):
        assert email_digest_send() == 0
    assert len(mail.outbox) == 2
    assert OutboundEmail.objects.get(key="d4").digest is None


@pytest.mark.parametrize("kind", [NoticeKind.SECURITY, NoticeKind.REGISTER_DECISION])
def test_what_must_always_be_sent_cannot_be_turned_off(kind, django_capture_on_commit_callbacks):
    who = person(Role.JUNIOR)
    with pytest.raises(ValidationError):
        email_preferences_save(user=who, choices={kind: "off"})
    assert not EmailPreference.objects.filter(user=who).exists()
    # Not even beside the service.
    with pytest.raises(IntegrityError), transaction.atomic():
        EmailPreference.objects.create(user=who, kind=kind, choice="off")
    assert send(who, kind, "e", capture=django_capture_on_commit_callbacks) is not None
    assert len(mail.outbox) == 1


def test_a_bad_choice_is_refused_and_nothing_changes():
    who = person(Role.JUNIOR)
    with pytest.raises(ValidationError):
        email_preferences_save(
            user=who, choices={NoticeKind.COACHING: "digest", NoticeKind.WAITLIST: "soms"}
        )
    assert email_preferences_of(user=who)[NoticeKind.COACHING] == "at_once"


def test_preferences_page_saves_and_shows_what_is_always_sent(client, site):
    who = person(Role.JUNIOR)
    client.force_login(who)
    url = reverse("dashboard:email_preferences")
    html = client.get(url).content.decode()
    assert "Beveiliging van je account" in html
    assert 'name="security"' not in html
    data = dict.fromkeys(email_preferences_of(user=who), "at_once")
    data[NoticeKind.COACHING.value] = "digest"
    assert client.post(url, data).status_code == 302
    assert email_preferences_of(user=who)[NoticeKind.COACHING] == "digest"
    # Bad input: a Dutch message, nothing saved.
    data[NoticeKind.COACHING.value] = "nooit"
    data[NoticeKind.WAITLIST.value] = "off"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert email_preferences_of(user=who)[NoticeKind.WAITLIST] == "at_once"


def test_a_dispute_mails_the_senior_unless_they_turned_coaching_off(
    django_capture_on_commit_callbacks,
):
    from mentoring.services import coaching_session_dispute
    from tests.mentoring.factories import CoachingSessionFactory

    session = CoachingSessionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        coaching_session_dispute(actor=session.trajectory.junior, session=session, reason="Korter")
    sent = OutboundEmail.objects.get(key=f"coaching-disputed:{session.pk}")
    assert sent.to == session.senior.email and sent.kind == NoticeKind.COACHING
    assert "Korter" in sent.body
    other = CoachingSessionFactory(trajectory=session.trajectory)
    email_preferences_save(user=session.senior, choices={NoticeKind.COACHING: "off"})
    coaching_session_dispute(actor=session.trajectory.junior, session=other, reason="Anders")
    assert not OutboundEmail.objects.filter(key=f"coaching-disputed:{other.pk}").exists()


def test_an_accreditation_request_mails_the_college_members_without_a_stake(site):
    from courses.services import accreditation_request_submit, catalogue_ensure
    from tests.courses.factories import CoursePageFactory, make_provider

    editor = person(Role.PROVIDER_EDITOR)
    provider = make_provider(catalogue=catalogue_ensure(home=site), editors=[editor])
    free = person(Role.BOARD_MEMBER)
    staked = person(Role.BOARD_MEMBER, profile__organisation=provider.organisation)
    request = accreditation_request_submit(course=CoursePageFactory(parent=provider), user=editor)
    sent = OutboundEmail.objects.filter(key__startswith=f"accreditation-requested:{request.pk}:")
    assert list(sent.values_list("to", "kind")) == [(free.email, NoticeKind.ACCREDITATION)]
    assert staked.email not in sent.values_list("to", flat=True)


def test_preferences_are_in_the_privacy_export():
    from lms.privacy.services import personal_data_export

    who = person(Role.JUNIOR)
    email_preferences_save(user=who, choices={NoticeKind.MANUSCRIPT: "digest"})
    export = str(personal_data_export(user=who))
    assert "manuscript" in export and "digest" in export
