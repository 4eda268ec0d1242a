"""Every provider gets a collection of its own, and no role group keeps the right to choose
images and documents in every collection.

Wagtail's own migrations gave the choose permission on the root collection to every group that
could open the admin when they ran, the role groups among them, so a provider's editors chose
from every provider's files. Providers made before providers had a collection get one here (the
collection named after them, if there is one), with their editors' rights on it.
"""

from django.db import migrations

ROLE_GROUPS = ("Redacteur aanbieder", "College van Toezicht", "Registerbureau")
EDITOR_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)
CHOOSE = (("wagtailimages", "choose_image"), ("wagtaildocs", "choose_document"))
# Wagtail's tree paths: four base-36 digits per level.
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEP = 4


def _base36(number: int) -> str:
    digits = ""
    while number:
        number, rest = divmod(number, 36)
        digits = ALPHABET[rest] + digits
    return digits.rjust(STEP, "0")


def _top_level_collection(Collection, root, name):
    last = (
        Collection.objects.filter(depth=root.depth + 1, path__startswith=root.path)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    number = int(last[-STEP:], 36) + 1 if last else 1
    collection = Collection.objects.create(
        name=name, path=root.path + _base36(number), depth=root.depth + 1, numchild=0
    )
    Collection.objects.filter(pk=root.pk).update(numchild=root.numchild + 1)
    root.numchild += 1
    return collection


def _permissions(Permission, pairs):
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in pairs
    ]


def give_providers_collections(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ProviderPage = apps.get_model("courses", "ProviderPage")

    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    editor_permissions = _permissions(Permission, EDITOR_PERMISSIONS)
    for provider in ProviderPage.objects.order_by("pk"):
        if provider.collection_id is None:
            provider.collection = Collection.objects.filter(
                depth=2, name=provider.title, provider_page__isnull=True
            ).first() or _top_level_collection(Collection, root, provider.title)
            provider.save(update_fields=["collection"])
        if provider.editors_group_id is not None:
            for permission in editor_permissions:
                GroupCollectionPermission.objects.get_or_create(
                    group_id=provider.editors_group_id,
                    collection_id=provider.collection_id,
                    permission=permission,
                )
    choose = _permissions(Permission, CHOOSE)
    narrowed = Group.objects.filter(name__in=ROLE_GROUPS) | Group.objects.filter(
        provider_page__isnull=False
    )
    GroupCollectionPermission.objects.filter(
        collection=root, permission__in=choose, group__in=narrowed
    ).delete()
    for group in narrowed:
        group.permissions.remove(*choose)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0005_provider_collection"),
        ("accounts", "0002_role_groups"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.RunPython(give_providers_collections, migrations.RunPython.noop, elidable=True)
    ]
