"""The register office changes the matching weights in the Wagtail admin."""

from django.db import migrations


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ct, _ = ContentType.objects.get_or_create(app_label="mentoring", model="matchingweights")
    perm, _ = Permission.objects.get_or_create(
        content_type=ct,
        codename="change_matchingweights",
        defaults={"name": "Can change gewichten koppelen"},
    )
    group, _ = Group.objects.get_or_create(name="Registerbureau")
    group.permissions.add(perm)


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0001_initial"),
        ("accounts", "0002_role_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
