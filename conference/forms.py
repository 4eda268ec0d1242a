"""Forms of the Vakconferentie: registering, changing a choice, proposing, reviewing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import Approach, Form
from lms.accounts.selectors import person_by_email

from .models import Registration, WorkshopRound


def _round_field(round_: WorkshopRound, workshops, *, required: bool = False) -> forms.Field:
    choices = [("", _("Geen workshop"))]
    for workshop in workshops:
        label = f"{workshop.title} ({workshop.room})"
        if workshop.free <= 0:
            label = _("%(workshop)s – vol, wachtlijst") % {"workshop": label}
        choices.append((str(workshop.pk), label))
    return forms.TypedChoiceField(
        label=str(round_), choices=choices, coerce=int, empty_value=None, required=required
    )


class RegistrationForm(forms.Form):
    """One workshop per round, and who pays."""

    payer = forms.ChoiceField(
        label=_("Wie betaalt?"), choices=Registration.Payer.choices, widget=forms.RadioSelect
    )
    employer_name = forms.CharField(
        label=_("Naam van je werkgever"), max_length=200, required=False
    )
    purchase_order = forms.CharField(
        label=_("Inkoopordernummer van je werkgever"), max_length=100, required=False
    )

    def __init__(self, *args, rounds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rounds = list(rounds)
        for programme in self.rounds:
            self.fields[f"round_{programme.round.pk}"] = _round_field(
                programme.round, programme.workshops
            )

    def choices(self) -> dict[int, int]:
        return {
            programme.round.pk: self.cleaned_data.get(f"round_{programme.round.pk}")
            for programme in self.rounds
            if self.cleaned_data.get(f"round_{programme.round.pk}")
        }

    def clean(self):
        data = super().clean()
        if data.get("payer") == Registration.Payer.EMPLOYER:
            if not (data.get("employer_name") or "").strip():
                self.add_error("employer_name", _("Geef de naam van je werkgever."))
            if not (data.get("purchase_order") or "").strip():
                self.add_error("purchase_order", _("Geef het inkoopordernummer van je werkgever."))
        return data


class ChoiceChangeForm(forms.Form):
    """Another workshop in one round; the round is named by the form's own ``round`` field
    outside the prefix, so each round's form on the page posts to the same view."""

    workshop = forms.TypedChoiceField(
        label=_("Workshop"), choices=(), coerce=int, empty_value=None, required=False
    )

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        if programme is not None:
            field = _round_field(programme.round, programme.workshops)
            self.fields["workshop"].choices = field.choices
            self.fields["workshop"].label = field.label


class DeskSearchForm(forms.Form):
    q = forms.CharField(label=_("Naam of e-mailadres"), max_length=100, required=False)


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    summary = forms.CharField(label=_("Samenvatting"), max_length=3000, widget=forms.Textarea)
    approach = forms.ChoiceField(label=_("Werkwijze"), choices=Approach.choices)
    work_form = forms.ChoiceField(label=_("Werkvorm"), choices=Form.choices)
    speakers = forms.CharField(
        label=_("Sprekers"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Naam en een korte biografie per spreker."),
    )
    co_presenters = forms.CharField(
        label=_("E-mailadressen van medesprekers met een account"),
        max_length=1000,
        required=False,
        help_text=_("Eén per regel; zo weet de commissie wie er bij het voorstel betrokken is."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_co_presenters(self):
        people = []
        for line in (self.cleaned_data.get("co_presenters") or "").split():
            user = person_by_email(line)
            if user is None:
                raise forms.ValidationError(
                    _("Er is geen account met het e-mailadres %(email)s.") % {"email": line[:100]}
                )
            people.append(user)
        return people


class ReviewForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Score"),
        choices=[(i, str(i)) for i in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1 is zwak, 5 is uitstekend."),
    )
    comment = forms.CharField(
        label=_("Toelichting"), max_length=3000, required=False, widget=forms.Textarea
    )


class AcceptForm(forms.Form):
    round = forms.TypedChoiceField(label=_("Ronde"), choices=(), coerce=int)
    room = forms.CharField(label=_("Zaal"), max_length=100)
    capacity = forms.IntegerField(label=_("Aantal plaatsen"), min_value=1, max_value=1000)

    def __init__(self, *args, rounds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].choices = [(r.pk, str(r)) for r in rounds]
