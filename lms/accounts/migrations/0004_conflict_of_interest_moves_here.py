"""Conflicts of interest move to accounts, which every app consults; the table stays where it is."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


MOVED = ['conflictofinterest']


def move_content_types(apps, schema_editor):
    """Keep the content types, and the permissions and log entries that point at them."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label="accounts", model=model).exists():
            ContentType.objects.filter(app_label="mentoring", model=model).update(
                app_label="accounts"
            )


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('accounts', '0003_site_name'),
        ('mentoring', '0010_trajectory_terms_change'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ConflictOfInterest',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reason', models.TextField(verbose_name='toelichting')),
                        ('declared_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('declared_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('other', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='conflicts_against', to=settings.AUTH_USER_MODEL, verbose_name='andere persoon')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='declared_conflicts', to=settings.AUTH_USER_MODEL, verbose_name='persoon')),
                    ],
                    options={
                        'verbose_name': 'belangenverstrengeling',
                        'verbose_name_plural': 'belangenverstrengelingen',
                        'db_table': 'mentoring_conflictofinterest',
                        'constraints': [models.CheckConstraint(condition=models.Q(('person', models.F('other')), _negated=True), name='conflict_two_people'), models.UniqueConstraint(fields=('person', 'other'), name='conflict_unique_pair')],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_types, migrations.RunPython.noop),
    ]
