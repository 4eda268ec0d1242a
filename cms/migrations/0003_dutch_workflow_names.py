"""Wagtail names the workflow and task it creates for the Moderators group in English
("Moderators approval"); providers see that name when they send a page for approval. This gives
them a Dutch name. Only the name Wagtail gave them is changed: a name the College chose stays."""

from django.db import migrations

ENGLISH = "Moderators approval"
DUTCH = "Goedkeuring door moderatoren"


def to_dutch(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=ENGLISH).update(name=DUTCH)
    apps.get_model("wagtailcore", "Task").objects.filter(name=ENGLISH).update(name=DUTCH)


def to_english(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=DUTCH).update(name=ENGLISH)
    apps.get_model("wagtailcore", "Task").objects.filter(name=DUTCH).update(name=ENGLISH)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_code_of_conduct"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(to_dutch, to_english)]
