"""Forms only collect input; the rules live in services.py."""

from datetime import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.widgets import DateField
from lms.accounts.models import Organisation, Role, User
from lms.durations import minutes_from_hours

from .kinds import DIFFERENTIATION_KINDS, Approach, kind_label
from .models import (
    MAX_SESSION_MINUTES,
    MIN_SESSION_MINUTES,
    CoachingSession,
    Goal,
    PracticeMonth,
    Trajectory,
    Weekday,
)


class ChosenRowsField(forms.ModelMultipleChoiceField):
    """Django's field, with an id past 64 bits refused as an invalid choice. SQLite cannot bind
    such a number in the IN query the field runs: Django guards exact lookups against it, not IN.
    """

    def clean(self, value):
        # Checked before Django's own cleaning, which queries each chosen id.
        for pk in value if isinstance(value, (list, tuple)) else ():
            try:
                out_of_range = not -(2**63) <= int(pk) < 2**63
            except (TypeError, ValueError):
                continue  # the field itself reports what is not a number
            if out_of_range:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super().clean(value)


class SessionForm(forms.Form):
    day = DateField(label=_("Datum"))
    start_time = forms.TimeField(
        label=_("Begintijd"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    duration_minutes = forms.IntegerField(
        label=_("Duur in minuten"),
        min_value=0,
        help_text=_("Minimaal %(min)s minuten, maximaal %(max)s minuten (8 uur).")
        % {"min": MIN_SESSION_MINUTES, "max": MAX_SESSION_MINUTES},
    )
    mode = forms.ChoiceField(label=_("Vorm"), choices=CoachingSession.Mode.choices)
    approaches = forms.MultipleChoiceField(
        label=_("Werkwijzen die aan bod kwamen"),
        choices=Approach.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    goals = ChosenRowsField(
        label=_("Leerdoelen die aan bod kwamen"),
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    summary = forms.CharField(
        label=_("Samenvatting (ziet de junior ook)"), widget=forms.Textarea, required=False
    )
    private_note = forms.CharField(
        label=_("Eigen aantekening (alleen voor jou)"), widget=forms.Textarea, required=False
    )

    def __init__(self, *args, trajectory: Trajectory, planned: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = trajectory.goals.all()
        if planned:
            for name in ("approaches", "goals", "private_note"):
                del self.fields[name]
            self.fields["summary"].label = _("Onderwerp")

    def starts_at(self) -> datetime:
        data = self.cleaned_data
        return timezone.make_aware(datetime.combine(data["day"], data["start_time"]))


class AmendForm(SessionForm):
    reason = forms.CharField(label=_("Wat corrigeer je en waarom?"), widget=forms.Textarea)


class DisputeForm(forms.Form):
    reason = forms.CharField(label=_("Wat klopt er niet?"), widget=forms.Textarea)


class GoalForm(forms.Form):
    description = forms.CharField(
        label=_("Nieuw leerdoel"), widget=forms.Textarea(attrs={"rows": 2})
    )
    target_date = DateField(label=_("Streefdatum"), required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reden"), widget=forms.Textarea)


class TrajectoryTermsForm(forms.Form):
    """A new planned end or number of agreed hours for an open trajectory."""

    planned_end_on = DateField(label=_("Geplande einddatum"))
    agreed_hours = forms.DecimalField(
        label=_("Afgesproken coachingsuren"),
        min_value=1,
        max_value=500,
        max_digits=5,
        decimal_places=1,
        localize=True,
    )
    reason = forms.CharField(
        label=_("Reden van de wijziging"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PracticeMonthForm(forms.Form):
    """A month's practice in hours to the tenth, as people keep it; kept as minutes."""

    month = forms.DateField(
        label=_("Maand"),
        input_formats=["%Y-%m", "%m-%Y"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, kind in PracticeMonth.MINUTE_FIELDS.items():
            self.fields[self.hours_name(name)] = forms.DecimalField(
                label=_("Uren %(kind)s") % {"kind": kind_label(kind).lower()},
                min_value=0,
                max_digits=5,
                decimal_places=1,
                required=False,
                localize=True,
            )

    @staticmethod
    def hours_name(minutes_field: str) -> str:
        """The form field for a minutes column: people type hours (``hours_project``)."""
        return minutes_field.replace("minutes_", "hours_", 1)

    def minutes(self) -> dict[str, int]:
        return {
            name: minutes_from_hours(self.cleaned_data.get(self.hours_name(name)) or 0)
            for name in PracticeMonth.MINUTE_FIELDS
        }

    def groups(self):
        return [
            (
                _("Per werkwijze (samen het totaal)"),
                [self[self.hours_name(n)] for n in PracticeMonth.APPROACH_FIELDS],
            ),
            (
                _("Per werkvorm (samen hetzelfde totaal)"),
                [self[self.hours_name(n)] for n in PracticeMonth.FORM_FIELDS],
            ),
            (
                _("Per werkveld (samen hetzelfde totaal)"),
                [self[self.hours_name(n)] for n in PracticeMonth.SETTING_FIELDS],
            ),
        ]


class TrajectoryForm(forms.Form):
    senior = forms.ModelChoiceField(label=_("Senior"), queryset=User.objects.none())
    junior = forms.ModelChoiceField(label=_("Junior"), queryset=User.objects.none())
    starts_on = DateField(label=_("Start"))
    planned_end_on = DateField(
        label=_("Geplande einddatum"),
        required=False,
        help_text=_("dd-mm-jjjj; leeg laten: twaalf maanden na de start."),
    )
    agreed_hours = forms.DecimalField(
        label=_("Afgesproken coachingsuren"), initial=40, decimal_places=1, localize=True
    )
    goals = forms.CharField(
        label=_("Leerdoelen (één per regel)"), widget=forms.Textarea, required=False
    )

    def __init__(self, *args, organisation: Organisation | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        seniors = User.objects.filter(groups__name=Role.SENIOR, is_active=True)
        juniors = User.objects.filter(groups__name=Role.JUNIOR, is_active=True)
        if organisation is not None:
            juniors = juniors.filter(profile__organisation=organisation)
        self.fields["senior"].queryset = seniors.distinct()
        self.fields["junior"].queryset = juniors.distinct()
        self.fields["starts_on"].initial = timezone.localdate()


class OfficeFilterForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=Organisation.objects.all(), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Alle"))] + list(Trajectory.Status.choices),
        required=False,
    )
    q = forms.CharField(label=_("Naam of e-mailadres"), required=False)


class MatchingStartForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Pool"),
        queryset=Organisation.objects.all(),
        required=False,
        empty_label=_("Alle juniors zonder buddy"),
    )


class ProfileForm(forms.Form):
    capacity = forms.IntegerField(
        label=_("Aantal juniors tegelijk"), min_value=0, max_value=10, required=False
    )
    available_weekdays = forms.TypedMultipleChoiceField(
        label=_("Beschikbare dagen"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Talen"),
        choices=settings.LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    experience = forms.MultipleChoiceField(
        label=_("Ervaring met"),
        choices=[(k, kind_label(k)) for k in DIFFERENTIATION_KINDS],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class MessageForm(forms.Form):
    # Not required here: the service refuses an empty message, with its own words.
    body = forms.CharField(
        label=_("Nieuw bericht"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class PracticeMonthsChoiceForm(forms.Form):
    """Months ticked on the list to attest. Only months of the people in the actor's care can
    be chosen, so that a refusal never names someone else's month."""

    months = ChosenRowsField(
        queryset=PracticeMonth.objects.none(),
        error_messages={
            "required": _("Kies eerst de maanden die je wilt attesteren."),
            "invalid_choice": _("Een van de gekozen maanden bestaat niet (meer)."),
            "invalid_pk_value": _("Een van de gekozen maanden bestaat niet (meer)."),
        },
    )

    def __init__(self, *args, months, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["months"].queryset = months.select_related("person").order_by("month", "pk")
