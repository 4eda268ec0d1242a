"""The register becomes an app of its own; its tables stay where mentoring made them."""

import courses.models
import django.db.models.deletion
import django.utils.timezone
import register.models
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


MOVED = ['registerpolicy', 'registerapplication', 'applicationdocument', 'applicationcheck', 'reviewerassignment', 'reviewerrecusal', 'ballotagevote', 'ballotagedecision', 'objection', 'registration', 'registrationstatuschange']


def move_content_types(apps, schema_editor):
    """Keep the content types, and the permissions and log entries that point at them."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label="register", model=model).exists():
            ContentType.objects.filter(app_label="mentoring", model=model).update(
                app_label="register"
            )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('mentoring', '0010_trajectory_terms_change'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='BallotageDecision',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('round', models.PositiveSmallIntegerField(verbose_name='ronde')),
                        ('outcome', models.CharField(choices=[('positive', 'positief'), ('negative', 'negatief')], max_length=10, verbose_name='besluit')),
                        ('positive_votes', models.PositiveSmallIntegerField()),
                        ('negative_votes', models.PositiveSmallIntegerField()),
                        ('abstentions', models.PositiveSmallIntegerField()),
                        ('decided_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('decided_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'ballotagebesluit',
                        'verbose_name_plural': 'ballotagebesluiten',
                        'db_table': 'mentoring_ballotagedecision',
                    },
                ),
                migrations.CreateModel(
                    name='Objection',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reason', models.TextField(verbose_name='reden van bezwaar')),
                        ('submitted_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('decision', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='objection', to='register.ballotagedecision')),
                        ('submitted_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'mentoring_objection',
                    },
                ),
                migrations.CreateModel(
                    name='RegisterApplication',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('initial', 'inschrijving'), ('renewal', 'herregistratie')], default='initial', max_length=10)),
                        ('evaluated_on', models.DateField(verbose_name='beoordeeld op')),
                        ('evaluation', models.JSONField(verbose_name='eisen op het moment van aanvragen')),
                        ('reflections', models.JSONField(default=dict, verbose_name='reflecties per werkwijze')),
                        ('ledger_csv', models.TextField(verbose_name='overzicht van de onderbouwing')),
                        ('submitted_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='ingediend op')),
                        ('state', models.CharField(choices=[('submitted', 'ingediend, wacht op controle'), ('returned', 'teruggestuurd'), ('in_ballotage', 'in ballotage'), ('decided', 'besloten')], default='submitted', max_length=20)),
                        ('round', models.PositiveSmallIntegerField(default=1, verbose_name='ronde')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='register_applications', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'registeraanvraag',
                        'verbose_name_plural': 'registeraanvragen',
                        'db_table': 'mentoring_registerapplication',
                        'ordering': ['-submitted_at'],
                    },
                ),
                migrations.AddField(
                    model_name='ballotagedecision',
                    name='application',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='decisions', to='register.registerapplication'),
                ),
                migrations.CreateModel(
                    name='ApplicationDocument',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=200, verbose_name='titel')),
                        ('file', models.FileField(storage=courses.models.private_storage, upload_to=register.models.document_upload_to, verbose_name='bestand')),
                        ('uploaded_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('application', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='documents', to='register.registerapplication')),
                    ],
                    options={
                        'verbose_name': 'document bij aanvraag',
                        'verbose_name_plural': 'documenten bij aanvragen',
                        'db_table': 'mentoring_applicationdocument',
                    },
                ),
                migrations.CreateModel(
                    name='RegisterPolicy',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('version', models.PositiveIntegerField(editable=False, unique=True, verbose_name='versie')),
                        ('effective_from', models.DateField(unique=True, verbose_name='geldig vanaf')),
                        ('window_months', models.IntegerField(default=60, verbose_name='venster in maanden')),
                        ('practice_months', models.IntegerField(default=36, verbose_name='geattesteerde praktijkmaanden')),
                        ('practice_hours', models.DecimalField(decimal_places=1, default=Decimal('3000'), max_digits=7, verbose_name='geattesteerde praktijkuren')),
                        ('approaches', models.IntegerField(default=3, verbose_name='aantal werkwijzen')),
                        ('approach_min_hours', models.DecimalField(decimal_places=1, default=Decimal('100'), max_digits=7, verbose_name='minimum uren per werkwijze')),
                        ('forms', models.IntegerField(default=2, verbose_name='aantal werkvormen')),
                        ('form_min_hours', models.DecimalField(decimal_places=1, default=Decimal('100'), max_digits=7, verbose_name='minimum uren per werkvorm')),
                        ('points', models.DecimalField(decimal_places=1, default=Decimal('120'), max_digits=7, verbose_name='punten')),
                        ('outside_points_percent', models.IntegerField(default=20, verbose_name='maximaal aandeel externe activiteiten (%)')),
                        ('course_kinds', models.IntegerField(default=2, verbose_name='aantal soorten cursussen')),
                        ('coaching_hours', models.DecimalField(decimal_places=1, default=Decimal('40'), max_digits=7, verbose_name='bevestigde coachingsuren')),
                        ('min_reviewers', models.IntegerField(default=3, verbose_name='minimum aantal stemmen')),
                        ('validity_years', models.IntegerField(default=5, verbose_name='geldigheid registratie in jaren')),
                        ('renewal_points', models.DecimalField(decimal_places=1, default=Decimal('80'), max_digits=7, verbose_name='punten voor herregistratie')),
                        ('renewal_practice_hours', models.DecimalField(decimal_places=1, default=Decimal('1500'), max_digits=7, verbose_name='praktijkuren voor herregistratie')),
                        ('objection_weeks', models.IntegerField(default=6, verbose_name='bezwaartermijn in weken')),
                        ('note', models.TextField(blank=True, verbose_name='toelichting')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'registerbeleid',
                        'verbose_name_plural': 'registerbeleid (versies)',
                        'db_table': 'mentoring_registerpolicy',
                        'ordering': ['-effective_from'],
                    },
                ),
                migrations.AddField(
                    model_name='registerapplication',
                    name='policy',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='register.registerpolicy'),
                ),
                migrations.AddField(
                    model_name='ballotagedecision',
                    name='policy',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='register.registerpolicy'),
                ),
                migrations.CreateModel(
                    name='Registration',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('number', models.CharField(max_length=20, unique=True, verbose_name='registernummer')),
                        ('valid_from', models.DateField(verbose_name='geldig vanaf')),
                        ('valid_until', models.DateField(verbose_name='geldig tot en met')),
                        ('credential', models.TextField(blank=True, verbose_name='digitaal certificaat (Open Badges)')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('decision', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='registration', to='register.ballotagedecision')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='registrations', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'registratie',
                        'verbose_name_plural': 'registraties',
                        'db_table': 'mentoring_registration',
                        'ordering': ['number'],
                    },
                ),
                migrations.CreateModel(
                    name='RegistrationStatusChange',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('active', 'actief'), ('expired', 'verlopen'), ('suspended', 'geschorst'), ('struck_off', 'doorgehaald')], max_length=20, verbose_name='status')),
                        ('reason', models.TextField(blank=True, verbose_name='reden')),
                        ('changed_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('changed_by', models.ForeignKey(blank=True, help_text='Leeg als het platform de status zelf veranderde (verlopen).', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('registration', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='status_changes', to='register.registration')),
                    ],
                    options={
                        'verbose_name': 'statuswijziging registratie',
                        'verbose_name_plural': 'statuswijzigingen registraties',
                        'db_table': 'mentoring_registrationstatuschange',
                        'ordering': ['changed_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ReviewerAssignment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('round', models.PositiveSmallIntegerField(verbose_name='ronde')),
                        ('assigned_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('application', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assignments', to='register.registerapplication')),
                        ('assigned_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('reviewer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='register_reviews', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'toewijzing beoordelaar',
                        'verbose_name_plural': 'toewijzingen beoordelaars',
                        'db_table': 'mentoring_reviewerassignment',
                    },
                ),
                migrations.CreateModel(
                    name='BallotageVote',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('value', models.CharField(choices=[('positive', 'positief'), ('negative', 'negatief'), ('abstain', 'onthouding')], max_length=10, verbose_name='stem')),
                        ('motivation', models.TextField(verbose_name='motivering')),
                        ('cast_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('assignment', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='vote', to='register.reviewerassignment')),
                    ],
                    options={
                        'verbose_name': 'stem',
                        'verbose_name_plural': 'stemmen',
                        'db_table': 'mentoring_ballotagevote',
                    },
                ),
                migrations.CreateModel(
                    name='ReviewerRecusal',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reason', models.TextField(verbose_name='reden')),
                        ('declared_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('assignment', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='recusal', to='register.reviewerassignment')),
                        ('declared_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'mentoring_reviewerrecusal',
                    },
                ),
                migrations.CreateModel(
                    name='ApplicationCheck',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('outcome', models.CharField(choices=[('complete', 'compleet'), ('returned', 'teruggestuurd')], max_length=10, verbose_name='uitkomst')),
                        ('remarks', models.TextField(blank=True, verbose_name='opmerkingen')),
                        ('checked_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('checked_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('application', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='checks', to='register.registerapplication')),
                    ],
                    options={
                        'verbose_name': 'volledigheidscontrole',
                        'verbose_name_plural': 'volledigheidscontroles',
                        'db_table': 'mentoring_applicationcheck',
                        'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('outcome', 'returned'), _negated=True), models.Q(('remarks', ''), _negated=True), _connector='OR'), name='application_check_returned_has_remarks')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='registerpolicy',
                    constraint=models.CheckConstraint(condition=models.Q(('window_months__gte', 0)), name='register_policy_window_months_not_negative'),
                ),
                migrations.AddConstraint(
                    model_name='registerpolicy',
                    constraint=models.CheckConstraint(condition=models.Q(('practice_months__gte', 0)), name='register_policy_practice_months_not_negative'),
                ),
                migrations.AddConstraint(
                    model_name='registerpolicy',
                    constraint=models.CheckConstraint(condition=models.Q(('practice_hours__gte', 0)), name='register_policy_practice_hours_not_negative'),
                ),
                migrations.AddConstraint(
                    model_name='registerpolicy',
                    constraint=models.CheckConstraint(condition=models.Q(('approaches__gte', 0)), name='register_policy_approaches_not_negative'),
                ),
                migrations.AddConstraint(
                    model_name='registerpolicy',
                    constraint=models.CheckConstraint(condition=models.Q(('approach_min_hours__gte', 0)), name='register_policy_approach_min_hours_not_negative'),
                ),
                migrations.AddConstraint(
                    model_name='registerpolicy',
                    constraint=models.CheckConstraint(condition=models.Q(('forms__gte', 0)), name='register_policy_forms_not_negative'),
                ),
                migrations.AddConstraint(
                    model_name='registerpolicy',
                    constraint=models.CheckConstraint(condition=models.Q(('form_min_hours__gte', 0)), name='register_policy_form_min_hours_not_negative'),
                ),
                migrations.AddConstraint(
                    model_name='registerpolicy',
                    constraint=models.CheckConstraint(condition=models.Q(('points__gte', 0)), name='register_policy_points_not_negative'),
                ),
                migrations.AddConstraint(
                    model_name='registerpolicy',
                    constraint=models.CheckConstraint(condition=models.Q(('outside_points_percent__gte', 0)), name='register_policy_outside_points_percent_not_negative'),
                ),
                migrations.AddConstraint(
                    model_name='registerpolicy',
                    constraint=models.CheckConstraint(condition=models.Q(('course_kinds__gte', 0)), name='register_policy_course_kinds_not_negative'),
                ),
                migrations.AddConstraint(
                    model_name='registerpolicy',
                    constraint=models.CheckConstraint(condition=models.Q(('coaching_hours__gte', 0)), name='register_policy_coaching_hours_not_negative'),
                ),
                migrations.AddConstraint(
                    model_name='registerpolicy',
                    constraint=models.CheckConstraint(condition=models.Q(('min_reviewers__gte', 0)), name='register_policy_min_reviewers_not_negative'),
                ),
                migrations.AddConstraint(
                    model_name='registerpolicy',
                    constraint=models.CheckConstraint(condition=models.Q(('validity_years__gte', 0)), name='register_policy_validity_years_not_negative'),
                ),
                migrations.AddConstraint(
                    model_name='registerpolicy',
                    constraint=models.CheckConstraint(condition=models.Q(('renewal_points__gte', 0)), name='register_policy_renewal_points_not_negative'),
                ),
                migrations.AddConstraint(
                    model_name='registerpolicy',
                    constraint=models.CheckConstraint(condition=models.Q(('renewal_practice_hours__gte', 0)), name='register_policy_renewal_practice_hours_not_negative'),
                ),
                migrations.AddConstraint(
                    model_name='registerpolicy',
                    constraint=models.CheckConstraint(condition=models.Q(('objection_weeks__gte', 0)), name='register_policy_objection_weeks_not_negative'),
                ),
                migrations.AddConstraint(
                    model_name='registerpolicy',
                    constraint=models.CheckConstraint(condition=models.Q(('outside_points_percent__lte', 100)), name='register_policy_outside_percent_max'),
                ),
                migrations.AddConstraint(
                    model_name='registerpolicy',
                    constraint=models.CheckConstraint(condition=models.Q(('window_months__gte', 1)), name='register_policy_window_positive'),
                ),
                migrations.AddConstraint(
                    model_name='registerapplication',
                    constraint=models.UniqueConstraint(condition=models.Q(('state__in', ['submitted', 'in_ballotage'])), fields=('person',), name='register_application_one_open_per_person'),
                ),
                migrations.AddConstraint(
                    model_name='registerapplication',
                    constraint=models.CheckConstraint(condition=models.Q(('round__gte', 1)), name='register_application_round'),
                ),
                migrations.AddConstraint(
                    model_name='ballotagedecision',
                    constraint=models.UniqueConstraint(fields=('application', 'round'), name='decision_once_per_round'),
                ),
                migrations.AddConstraint(
                    model_name='ballotagedecision',
                    constraint=models.CheckConstraint(condition=models.Q(('outcome', 'negative'), ('positive_votes__gt', models.F('negative_votes')), _connector='OR'), name='decision_positive_has_majority'),
                ),
                migrations.AddConstraint(
                    model_name='registration',
                    constraint=models.CheckConstraint(condition=models.Q(('valid_until__gt', models.F('valid_from'))), name='registration_valid_until_after_from'),
                ),
                migrations.AddConstraint(
                    model_name='reviewerassignment',
                    constraint=models.UniqueConstraint(fields=('application', 'reviewer'), name='reviewer_once_per_application'),
                ),
                migrations.AddConstraint(
                    model_name='ballotagevote',
                    constraint=models.CheckConstraint(condition=models.Q(('motivation', ''), _negated=True), name='vote_has_motivation'),
                ),
            ],
        ),
        migrations.RunPython(move_content_types, migrations.RunPython.noop),
    ]
