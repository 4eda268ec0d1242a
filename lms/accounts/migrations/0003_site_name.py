"""Account e-mails greet people in the platform's name, not "example.com"."""

from django.db import migrations


def name_site(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    Site.objects.update_or_create(
        pk=1, defaults={"domain": "leren.opbouwwerk.example", "name": "Opbouwwerk leerplatform"}
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_role_groups"), ("sites", "0002_alter_domain_unique")]

    operations = [migrations.RunPython(name_site, migrations.RunPython.noop)]
