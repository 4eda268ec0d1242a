"""The registry is complete: every key to a person, in every installed app, is accounted for
in both the export and the erasure, and every entry points at fields that exist."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist

from lms.privacy.registry import REGISTRY, Erase, entry_for, user_links


def test_the_scan_finds_keys_in_every_kind_of_app():
    labels = {model._meta.app_label for model, _field in user_links()}
    # The platform's own apps and the libraries that keep something about a person.
    assert {"accounts", "courses", "mentoring", "privacy"} <= labels
    assert {"wagtailcore", "account", "mfa", "admin"} <= labels


@pytest.mark.parametrize(
    ("model", "field"),
    [(m, f) for m, f in user_links()],
    ids=[f"{m._meta.label}.{f.name}" for m, f in user_links()],
)
def test_every_key_to_a_person_is_exported_and_erased(model, field):
    entry = entry_for(model)
    assert entry is not None, f"{model._meta.label} has a key to the user and no registry entry"
    links = [link for link in entry.links if link.field_name == field.name]
    assert links, f"{model._meta.label}.{field.name} is missing from the registry"
    for link in links:
        # Export: every link says whether the row is about the person or only touched by them.
        assert isinstance(link.about, bool)
        # Erasure: every link says what happens, and why where something stays.
        assert isinstance(link.erase, Erase)
    assert str(entry.reason).strip()


def test_every_entry_names_a_model_once_and_fields_that_exist():
    user_model = get_user_model()
    keys = [entry.key for entry in REGISTRY]
    assert len(keys) == len(set(keys))
    for entry in REGISTRY:
        model = entry.model_class()
        for name in (*entry.files, *entry.secret, *entry.related):
            head = name.split("__")[0]
            model._meta.get_field(head)
        paths = {link.path for link in entry.links}
        for name, shown in entry.readers.items():
            model._meta.get_field(name)
            # A field is read through the entry's own links.
            assert shown.via is None or set(shown.via) <= paths, f"{entry.model}.{name}"
        for link in entry.links:
            for name in link.fields:
                model._meta.get_field(name)
            if link.erase in (Erase.BLANK, Erase.SCRUB):
                assert link.fields, f"{entry.model}: {link.erase} needs fields"
            if link.match is not None or link.path == "pk":
                continue
            # A lookup must end at the user model.
            target = model
            for part in link.path.split("__"):
                try:
                    target = target._meta.get_field(part).related_model
                except FieldDoesNotExist:
                    pytest.fail(f"{entry.model}: no field {part!r} on the way to the user")
            assert target is user_model, f"{entry.model}.{link.path} does not end at the user"


def test_blanked_and_unlinked_fields_may_be_empty():
    for entry in REGISTRY:
        model = entry.model_class()
        for link in entry.links:
            if link.erase is Erase.UNLINK:
                assert model._meta.get_field(link.path).null, f"{entry.model}.{link.path}"
            if link.erase is Erase.BLANK:
                for name in link.fields:
                    field = model._meta.get_field(name)
                    if field.is_relation:
                        assert field.null, f"{entry.model}.{name} cannot be emptied"
