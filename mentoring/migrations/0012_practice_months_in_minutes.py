"""Practice months are kept in minutes (DOMAIN.md, "Hours are minutes").

Each hour field becomes a minute field holding exactly sixty times its value: the hours were
kept to the tenth, six minutes, so nothing is rounded away, and going back restores them. The
counted form columns are made again over the minutes.
"""

from decimal import Decimal

import django.db.models.expressions
import django.db.models.functions.comparison
from django.conf import settings
from django.db import migrations, models
from django.db.models import F

KINDS = (
    "total",
    "zelfredzaamheid",
    "strategisch",
    "sociaal_organisatorisch",
    "project",
    "campagne",
    "ontwikkeltraject",
    "territoriaal",
    "categoriaal",
)


def hours_to_minutes(apps, schema_editor):
    PracticeMonth = apps.get_model("mentoring", "PracticeMonth")
    PracticeMonth.objects.update(**{f"minutes_{k}": F(f"hours_{k}") * 60 for k in KINDS})


def minutes_to_hours(apps, schema_editor):
    PracticeMonth = apps.get_model("mentoring", "PracticeMonth")
    for month in PracticeMonth.objects.all().iterator():
        for k in KINDS:
            setattr(month, f"hours_{k}", Decimal(getattr(month, f"minutes_{k}")) / 60)
        month.save(update_fields=[f"hours_{k}" for k in KINDS])


class Migration(migrations.Migration):

    dependencies = [
        ('mentoring', '0011_register_and_conflicts_move_out'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveField(
            model_name='practicemonth',
            name='counted_project',
        ),
        migrations.RemoveField(
            model_name='practicemonth',
            name='counted_campagne',
        ),
        migrations.RemoveField(
            model_name='practicemonth',
            name='counted_ontwikkeltraject',
        ),
        migrations.RemoveConstraint(
            model_name='practicemonth',
            name='practice_month_total_0_to_300',
        ),
        migrations.RemoveConstraint(
            model_name='practicemonth',
            name='practice_month_hours_zelfredzaamheid_range',
        ),
        migrations.RemoveConstraint(
            model_name='practicemonth',
            name='practice_month_hours_strategisch_range',
        ),
        migrations.RemoveConstraint(
            model_name='practicemonth',
            name='practice_month_hours_sociaal_organisatorisch_range',
        ),
        migrations.RemoveConstraint(
            model_name='practicemonth',
            name='practice_month_hours_project_range',
        ),
        migrations.RemoveConstraint(
            model_name='practicemonth',
            name='practice_month_hours_campagne_range',
        ),
        migrations.RemoveConstraint(
            model_name='practicemonth',
            name='practice_month_hours_ontwikkeltraject_range',
        ),
        migrations.RemoveConstraint(
            model_name='practicemonth',
            name='practice_month_hours_territoriaal_range',
        ),
        migrations.RemoveConstraint(
            model_name='practicemonth',
            name='practice_month_hours_categoriaal_range',
        ),
        migrations.AddField(
            model_name='practicemonth',
            name='minutes_campagne',
            field=models.PositiveIntegerField(default=0, verbose_name='Campagne'),
        ),
        migrations.AddField(
            model_name='practicemonth',
            name='minutes_categoriaal',
            field=models.PositiveIntegerField(default=0, verbose_name='Categoriaal'),
        ),
        migrations.AddField(
            model_name='practicemonth',
            name='minutes_ontwikkeltraject',
            field=models.PositiveIntegerField(default=0, verbose_name='Ontwikkeltraject'),
        ),
        migrations.AddField(
            model_name='practicemonth',
            name='minutes_project',
            field=models.PositiveIntegerField(default=0, verbose_name='Project'),
        ),
        migrations.AddField(
            model_name='practicemonth',
            name='minutes_sociaal_organisatorisch',
            field=models.PositiveIntegerField(default=0, verbose_name='Sociaal-organisatorisch advies'),
        ),
        migrations.AddField(
            model_name='practicemonth',
            name='minutes_strategisch',
            field=models.PositiveIntegerField(default=0, verbose_name='Strategisch advies'),
        ),
        migrations.AddField(
            model_name='practicemonth',
            name='minutes_territoriaal',
            field=models.PositiveIntegerField(default=0, verbose_name='Territoriaal'),
        ),
        migrations.AddField(
            model_name='practicemonth',
            name='minutes_total',
            field=models.PositiveIntegerField(default=0, verbose_name='minuten totaal'),
        ),
        migrations.AddField(
            model_name='practicemonth',
            name='minutes_zelfredzaamheid',
            field=models.PositiveIntegerField(default=0, verbose_name='Bevordering zelfredzaamheid'),
        ),
        migrations.RunPython(hours_to_minutes, minutes_to_hours),
        migrations.AlterField(
            model_name='practicemonth',
            name='hours_total',
            field=models.DecimalField(decimal_places=1, default=0, max_digits=5, verbose_name='uren totaal'),
        ),
        migrations.RemoveField(
            model_name='practicemonth',
            name='hours_campagne',
        ),
        migrations.RemoveField(
            model_name='practicemonth',
            name='hours_categoriaal',
        ),
        migrations.RemoveField(
            model_name='practicemonth',
            name='hours_ontwikkeltraject',
        ),
        migrations.RemoveField(
            model_name='practicemonth',
            name='hours_project',
        ),
        migrations.RemoveField(
            model_name='practicemonth',
            name='hours_sociaal_organisatorisch',
        ),
        migrations.RemoveField(
            model_name='practicemonth',
            name='hours_strategisch',
        ),
        migrations.RemoveField(
            model_name='practicemonth',
            name='hours_territoriaal',
        ),
        migrations.RemoveField(
            model_name='practicemonth',
            name='hours_total',
        ),
        migrations.RemoveField(
            model_name='practicemonth',
            name='hours_zelfredzaamheid',
        ),
        migrations.AlterField(
            model_name='practicemonth',
            name='minutes_total',
            field=models.PositiveIntegerField(verbose_name='minuten totaal'),
        ),
        migrations.AddField(
            model_name='practicemonth',
            name='counted_campagne',
            field=models.GeneratedField(db_persist=True, expression=django.db.models.functions.comparison.Greatest(django.db.models.expressions.CombinedExpression(django.db.models.functions.comparison.Least(django.db.models.expressions.CombinedExpression(models.F('minutes_project'), '+', models.F('minutes_campagne')), django.db.models.expressions.CombinedExpression(django.db.models.expressions.CombinedExpression(models.F('minutes_zelfredzaamheid'), '+', models.F('minutes_strategisch')), '+', models.F('minutes_sociaal_organisatorisch'))), '-', django.db.models.functions.comparison.Least(models.F('minutes_project'), django.db.models.expressions.CombinedExpression(django.db.models.expressions.CombinedExpression(models.F('minutes_zelfredzaamheid'), '+', models.F('minutes_strategisch')), '+', models.F('minutes_sociaal_organisatorisch')))), models.Value(0, output_field=models.IntegerField()), output_field=models.IntegerField()), output_field=models.IntegerField()),
        ),
        migrations.AddField(
            model_name='practicemonth',
            name='counted_ontwikkeltraject',
            field=models.GeneratedField(db_persist=True, expression=django.db.models.functions.comparison.Greatest(django.db.models.expressions.CombinedExpression(django.db.models.functions.comparison.Least(django.db.models.expressions.CombinedExpression(django.db.models.expressions.CombinedExpression(models.F('minutes_project'), '+', models.F('minutes_campagne')), '+', models.F('minutes_ontwikkeltraject')), django.db.models.expressions.CombinedExpression(django.db.models.expressions.CombinedExpression(models.F('minutes_zelfredzaamheid'), '+', models.F('minutes_strategisch')), '+', models.F('minutes_sociaal_organisatorisch'))), '-', django.db.models.functions.comparison.Least(django.db.models.expressions.CombinedExpression(models.F('minutes_project'), '+', models.F('minutes_campagne')), django.db.models.expressions.CombinedExpression(django.db.models.expressions.CombinedExpression(models.F('minutes_zelfredzaamheid'), '+', models.F('minutes_strategisch')), '+', models.F('minutes_sociaal_organisatorisch')))), models.Value(0, output_field=models.IntegerField()), output_field=models.IntegerField()), output_field=models.IntegerField()),
        ),
        migrations.AddField(
            model_name='practicemonth',
            name='counted_project',
            field=models.GeneratedField(db_persist=True, expression=django.db.models.functions.comparison.Greatest(django.db.models.expressions.CombinedExpression(django.db.models.functions.comparison.Least(models.F('minutes_project'), django.db.models.expressions.CombinedExpression(django.db.models.expressions.CombinedExpression(models.F('minutes_zelfredzaamheid'), '+', models.F('minutes_strategisch')), '+', models.F('minutes_sociaal_organisatorisch'))), '-', models.Value(0, output_field=models.IntegerField())), models.Value(0, output_field=models.IntegerField()), output_field=models.IntegerField()), output_field=models.IntegerField()),
        ),
        migrations.AddConstraint(
            model_name='practicemonth',
            constraint=models.CheckConstraint(condition=models.Q(('minutes_total__lte', 18000)), name='practice_month_total_at_most_300_hours'),
        ),
        migrations.AddConstraint(
            model_name='practicemonth',
            constraint=models.CheckConstraint(condition=models.Q(('minutes_zelfredzaamheid__lte', 18000)), name='practice_month_minutes_zelfredzaamheid_range'),
        ),
        migrations.AddConstraint(
            model_name='practicemonth',
            constraint=models.CheckConstraint(condition=models.Q(('minutes_strategisch__lte', 18000)), name='practice_month_minutes_strategisch_range'),
        ),
        migrations.AddConstraint(
            model_name='practicemonth',
            constraint=models.CheckConstraint(condition=models.Q(('minutes_sociaal_organisatorisch__lte', 18000)), name='practice_month_minutes_sociaal_organisatorisch_range'),
        ),
        migrations.AddConstraint(
            model_name='practicemonth',
            constraint=models.CheckConstraint(condition=models.Q(('minutes_project__lte', 18000)), name='practice_month_minutes_project_range'),
        ),
        migrations.AddConstraint(
            model_name='practicemonth',
            constraint=models.CheckConstraint(condition=models.Q(('minutes_campagne__lte', 18000)), name='practice_month_minutes_campagne_range'),
        ),
        migrations.AddConstraint(
            model_name='practicemonth',
            constraint=models.CheckConstraint(condition=models.Q(('minutes_ontwikkeltraject__lte', 18000)), name='practice_month_minutes_ontwikkeltraject_range'),
        ),
        migrations.AddConstraint(
            model_name='practicemonth',
            constraint=models.CheckConstraint(condition=models.Q(('minutes_territoriaal__lte', 18000)), name='practice_month_minutes_territoriaal_range'),
        ),
        migrations.AddConstraint(
            model_name='practicemonth',
            constraint=models.CheckConstraint(condition=models.Q(('minutes_categoriaal__lte', 18000)), name='practice_month_minutes_categoriaal_range'),
        ),
        migrations.AddConstraint(
            model_name='practicemonth',
            constraint=models.CheckConstraint(condition=models.Q(('minutes_total', django.db.models.expressions.CombinedExpression(django.db.models.expressions.CombinedExpression(models.F('minutes_zelfredzaamheid'), '+', models.F('minutes_strategisch')), '+', models.F('minutes_sociaal_organisatorisch')))), name='practice_month_total_is_its_approaches'),
        ),
    ]
