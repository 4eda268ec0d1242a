"""Version 1 of the register policy with DOMAIN.md's defaults ("Default register policy")."""

import datetime
from decimal import Decimal

from django.db import migrations

DEFAULTS = {
    "window_months": 60,
    "practice_months": 36,
    "practice_hours": Decimal("3000"),
    "approaches": 3,
    "approach_min_hours": Decimal("100"),
    "forms": 2,
    "form_min_hours": Decimal("100"),
    "points": Decimal("120"),
    "outside_points_percent": 20,
    "course_kinds": 2,
    "coaching_hours": Decimal("40"),
    "min_reviewers": 3,
    "validity_years": 5,
    "renewal_points": Decimal("80"),
    "renewal_practice_hours": Decimal("1500"),
    "objection_weeks": 6,
}


def create_version_1(apps, schema_editor):
    RegisterPolicy = apps.get_model("mentoring", "RegisterPolicy")
    if not RegisterPolicy.objects.filter(version=1).exists():
        RegisterPolicy.objects.create(
            version=1,
            effective_from=datetime.date(2000, 1, 1),
            note="Standaardbeleid bij de start van het register.",
            **DEFAULTS,
        )


def grant_office(apps, schema_editor):
    """The register office adds and reads policy versions in the Wagtail admin; it never
    changes or deletes one, so it gets no such permission."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ct, _ = ContentType.objects.get_or_create(app_label="mentoring", model="registerpolicy")
    group, _ = Group.objects.get_or_create(name="Registerbureau")
    for action in ("add", "view"):
        perm, _ = Permission.objects.get_or_create(
            content_type=ct,
            codename=f"{action}_registerpolicy",
            defaults={"name": f"Can {action} registerbeleid"},
        )
        group.permissions.add(perm)


def remove_version_1(apps, schema_editor):
    apps.get_model("mentoring", "RegisterPolicy").objects.filter(version=1).delete()


class Migration(migrations.Migration):
    dependencies = [("mentoring", "0004_register"), ("accounts", "0002_role_groups")]

    operations = [
        migrations.RunPython(create_version_1, remove_version_1),
        migrations.RunPython(grant_office, migrations.RunPython.noop),
    ]
