"""Each provider's images and documents live in a collection of its own, and the admin's
choosers and listings show a provider's editors only their own."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission
from wagtail_factories import DocumentFactory, ImageFactory

from courses.models import ProviderPage
from courses.services import PROVIDER_COLLECTION_PERMISSIONS

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("courses.migrations.0006_provider_collections")


@pytest.fixture
def media(provider_a, provider_b):
    for key, provider in (("A", provider_a), ("B", provider_b)):
        DocumentFactory(collection=provider.collection, title=f"DOCUMENT-{key}")
        ImageFactory(collection=provider.collection, title=f"AFBEELDING-{key}")


@pytest.mark.parametrize(
    ("url", "mine"),
    [
        ("/admin/documents/chooser/", "DOCUMENT-A"),
        ("/admin/documents/chooser/results/", "DOCUMENT-A"),
        ("/admin/documents/", "DOCUMENT-A"),
        ("/admin/images/chooser/", "AFBEELDING-A"),
        ("/admin/images/chooser/results/", "AFBEELDING-A"),
        ("/admin/images/", "AFBEELDING-A"),
    ],
)
def test_an_editor_sees_and_chooses_only_their_providers_files(client, media, editor_a, url, mine):
    client.force_login(editor_a)
    page = client.get(url).content.decode()
    assert mine in page
    assert mine.replace("-A", "-B") not in page


def test_each_provider_has_its_own_collection_with_its_editors_rights(provider_a, provider_b):
    assert provider_a.collection != provider_b.collection
    for provider in (provider_a, provider_b):
        granted = set(
            GroupCollectionPermission.objects.filter(group=provider.editors_group).values_list(
                "collection", "permission__content_type__app_label", "permission__codename"
            )
        )
        assert granted == {
            (provider.collection.pk, *pair) for pair in PROVIDER_COLLECTION_PERMISSIONS
        }


def test_the_migration_gives_old_providers_a_collection_and_takes_choosing_everywhere(
    provider_a, editor_a
):
    # A provider from before collections, and the role group as Wagtail's migrations left it.
    old_collection = provider_a.collection
    ProviderPage.objects.filter(pk=provider_a.pk).update(collection=None)
    GroupCollectionPermission.objects.filter(group=provider_a.editors_group).delete()
    old_collection.delete()
    root = Collection.get_first_root_node()
    role_group = Group.objects.get(name="Redacteur aanbieder")
    choose = Permission.objects.get(codename="choose_document")
    GroupCollectionPermission.objects.create(group=role_group, collection=root, permission=choose)
    role_group.permissions.add(choose)

    MIGRATION.give_providers_collections(apps, None)

    provider = ProviderPage.objects.get(pk=provider_a.pk)
    assert provider.collection.get_parent() == Collection.objects.get(pk=root.pk)
    assert provider.collection.name == provider.title
    assert GroupCollectionPermission.objects.filter(
        group=provider.editors_group, collection=provider.collection
    ).count() == len(PROVIDER_COLLECTION_PERMISSIONS)
    assert not GroupCollectionPermission.objects.filter(group=role_group, collection=root).exists()
    assert not role_group.permissions.filter(codename="choose_document").exists()
    # The tree stays sound: a new collection is added after it.
    assert Collection.get_first_root_node().add_child(name="Later").path > provider.collection.path
    MIGRATION.give_providers_collections(apps, None)  # safe to run again
    assert ProviderPage.objects.get(pk=provider_a.pk).collection == provider.collection
