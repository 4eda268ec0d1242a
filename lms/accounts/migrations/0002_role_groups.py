"""Every role is a group; the roles that work in the Wagtail admin may open it."""

from django.db import migrations

ROLES = [
    "Junior opbouwwerker",
    "Senior opbouwwerker",
    "Redacteur aanbieder",
    "College van Toezicht",
    "Registerbureau",
    "Manager",
]
ADMIN_ROLES = ["Redacteur aanbieder", "College van Toezicht", "Registerbureau"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    for name in ROLES:
        group, _ = Group.objects.get_or_create(name=name)
        if name in ADMIN_ROLES:
            group.permissions.add(access)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
