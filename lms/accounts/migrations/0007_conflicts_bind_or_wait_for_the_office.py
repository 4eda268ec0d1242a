"""A conflict of interest binds, or waits as a request for the register office.

Every conflict recorded so far was in force from its recording, so it binds from its
``declared_at``.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def bind_recorded_conflicts(apps, schema_editor):
    ConflictOfInterest = apps.get_model("accounts", "ConflictOfInterest")
    ConflictOfInterest.objects.update(status="binding", binds_from=models.F("declared_at"))


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0006_outbound_email_failure'),
    ]

    operations = [
        migrations.AddField(
            model_name='conflictofinterest',
            name='binds_from',
            field=models.DateTimeField(blank=True, null=True, verbose_name='geldt vanaf'),
        ),
        migrations.AddField(
            model_name='conflictofinterest',
            name='decided_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='besloten op'),
        ),
        migrations.AddField(
            model_name='conflictofinterest',
            name='decided_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='besloten door'),
        ),
        migrations.AddField(
            model_name='conflictofinterest',
            name='decision_note',
            field=models.TextField(blank=True, verbose_name='toelichting bij het besluit'),
        ),
        migrations.AddField(
            model_name='conflictofinterest',
            name='other_email',
            field=models.EmailField(blank=True, max_length=254, verbose_name='e-mailadres van de ander'),
        ),
        migrations.AddField(
            model_name='conflictofinterest',
            name='status',
            field=models.CharField(choices=[('requested', 'aangevraagd'), ('binding', 'geldt'), ('rejected', 'afgewezen')], default='requested', max_length=10, verbose_name='status'),
        ),
        migrations.RunPython(bind_recorded_conflicts, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='conflictofinterest',
            name='other',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='conflicts_against', to=settings.AUTH_USER_MODEL, verbose_name='andere persoon'),
        ),
        migrations.AddConstraint(
            model_name='conflictofinterest',
            constraint=models.UniqueConstraint(condition=models.Q(('other__isnull', True)), fields=('person', 'other_email'), name='conflict_unique_unknown_address'),
        ),
        migrations.AddConstraint(
            model_name='conflictofinterest',
            constraint=models.CheckConstraint(condition=models.Q(('other__isnull', False), models.Q(('status__in', ['requested', 'rejected']), models.Q(('other_email', ''), _negated=True)), _connector='OR'), name='conflict_without_account_is_not_binding'),
        ),
        migrations.AddConstraint(
            model_name='conflictofinterest',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('binds_from__isnull', False), ('status', 'binding')), models.Q(models.Q(('status', 'binding'), _negated=True), ('binds_from__isnull', True)), _connector='OR'), name='conflict_binding_iff_binds_from'),
        ),
        migrations.AddConstraint(
            model_name='conflictofinterest',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('decided_at__isnull', True), ('decided_by__isnull', True), ('decision_note', '')), models.Q(('decided_at__isnull', False), ('decided_by__isnull', False)), _connector='OR'), name='conflict_decided_together'),
        ),
        migrations.AddConstraint(
            model_name='conflictofinterest',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'requested'), _negated=True), ('decided_by__isnull', True), _connector='OR'), name='conflict_requested_undecided'),
        ),
        migrations.AddConstraint(
            model_name='conflictofinterest',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'rejected'), _negated=True), models.Q(('decided_by__isnull', False), models.Q(('decision_note', ''), _negated=True)), _connector='OR'), name='conflict_rejected_with_note'),
        ),
    ]
