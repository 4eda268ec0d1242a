"""A trajectory's messages in the export and on erasure: a person gets what they wrote and
what was written to them; erasure wipes the words they wrote and takes their name out of the
words written to them, which stay the other person's."""

import pytest

from lms.privacy.registry import PSEUDONYM_NAME
from lms.privacy.services import personal_data_erase, personal_data_export
from mentoring.models import TrajectoryMessage
from tests.factories import person
from tests.mentoring.factories import TrajectoryFactory

pytestmark = pytest.mark.django_db


def _messages(export):
    return {r["id"]: r for r in export["gegevens"]["mentoring.trajectorymessage"]["rijen"]}


def test_both_the_junior_and_the_senior_get_the_messages_they_wrote_and_received(dossier):
    elsewhere = TrajectoryFactory()
    TrajectoryMessage.objects.create(
        trajectory=elsewhere, author=elsewhere.senior, body="Niet voor jou."
    )
    for who in (dossier.junior, dossier.trajectory.senior):
        rows = _messages(personal_data_export(user=who))
        assert set(rows) == {dossier.own_message.pk, dossier.received_message.pk}
        assert rows[dossier.own_message.pk]["body"] == "Kunnen we de buurtmaaltijd bespreken?"
    rows = _messages(personal_data_export(user=dossier.junior))
    assert "afzender" in rows[dossier.own_message.pk]["rol"]
    assert "ontvanger" in rows[dossier.received_message.pk]["rol"]
    assert "afzender" not in rows[dossier.received_message.pk]["rol"]
    assert not _messages(personal_data_export(user=person()))


def test_erasure_wipes_what_they_wrote_and_their_name_in_what_they_received(
    dossier, django_capture_on_commit_callbacks
):
    senior = dossier.trajectory.senior
    with django_capture_on_commit_callbacks(execute=True):
        personal_data_erase(user=dossier.junior, actor=dossier.junior)
    own = TrajectoryMessage.objects.get(pk=dossier.own_message.pk)
    assert own.body == "Dit bericht is verwijderd."
    assert own.author_id == dossier.junior.pk  # now the pseudonym
    received = TrajectoryMessage.objects.get(pk=dossier.received_message.pk)
    assert received.author == senior
    assert received.body == f"Goed plan, {PSEUDONYM_NAME}!\nTot dinsdag."
    assert dossier.name not in received.body
    # The senior's thread keeps its order and their own words.
    rows = _messages(personal_data_export(user=senior))
    assert [rows[pk]["body"] for pk in sorted(rows)] == [
        "Dit bericht is verwijderd.",
        f"Goed plan, {PSEUDONYM_NAME}!\nTot dinsdag.",
    ]


def test_erasing_the_senior_leaves_the_juniors_words(dossier, django_capture_on_commit_callbacks):
    senior = dossier.trajectory.senior
    with django_capture_on_commit_callbacks(execute=True):
        personal_data_erase(user=senior, actor=senior)
    assert TrajectoryMessage.objects.get(pk=dossier.received_message.pk).body == (
        "Dit bericht is verwijderd."
    )
    assert TrajectoryMessage.objects.get(pk=dossier.own_message.pk).body == (
        "Kunnen we de buurtmaaltijd bespreken?"
    )
