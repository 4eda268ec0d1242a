"""The acceptance of the beroepscode is part of the dossier: exported to the person, and kept
under the pseudonym on erasure, like the application it belongs to."""

import pytest

from lms.privacy.registry import PSEUDONYM_NAME
from lms.privacy.services import personal_data_erase, personal_data_export
from register.models import CodeAcceptance

pytestmark = pytest.mark.django_db


def test_the_export_gives_the_acceptance_with_its_version(dossier):
    rows = personal_data_export(user=dossier.junior)["gegevens"]["register.codeacceptance"]["rijen"]
    (row,) = rows
    assert "2026.1" in str(row["version"])


def test_erasure_keeps_the_acceptance_under_the_pseudonym(
    dossier, django_capture_on_commit_callbacks
):
    acceptance = CodeAcceptance.objects.get(person=dossier.junior)
    with django_capture_on_commit_callbacks(execute=True):
        personal_data_erase(user=dossier.junior, actor=dossier.junior)
    acceptance.refresh_from_db()
    assert acceptance.application == dossier.application
    assert acceptance.version.label == "2026.1"
    assert acceptance.person.get_full_name() == PSEUDONYM_NAME
    assert acceptance.person.email.endswith("@verwijderd.invalid")
