"""Forms of the catalogue and of the College's accreditation screens."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.widgets import DateField

from .models import (
    AccreditationDecision,
    Approach,
    CourseKind,
    Enrolment,
    Form,
    OutsideActivity,
)
from .selectors import CatalogueFilters

MONTH_NAMES = [
    _("januari"),
    _("februari"),
    _("maart"),
    _("april"),
    _("mei"),
    _("juni"),
    _("juli"),
    _("augustus"),
    _("september"),
    _("oktober"),
    _("november"),
    _("december"),
]


def _month_choices(today: dt.date, count: int = 18) -> list[tuple[str, str]]:
    choices = [("", _("Elke maand"))]
    year, month = today.year, today.month
    for _i in range(count):
        choices.append((f"{year:04d}-{month:02d}", f"{MONTH_NAMES[month - 1]} {year}"))
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return choices


class CatalogueFilterForm(forms.Form):
    """The catalogue's filters, read from the URL. A value it does not know is ignored."""

    q = forms.CharField(label=_("Zoeken"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Soort cursus"),
        required=False,
        choices=[("", _("Alle soorten"))] + CourseKind.choices,
    )
    approach = forms.ChoiceField(
        label=_("Werkwijze"),
        required=False,
        choices=[("", _("Alle werkwijzen"))] + Approach.choices,
    )
    form = forms.ChoiceField(
        label=_("Werkvorm"), required=False, choices=[("", _("Alle werkvormen"))] + Form.choices
    )
    provider = forms.TypedChoiceField(
        label=_("Aanbieder"), required=False, coerce=int, empty_value=None
    )
    place = forms.CharField(label=_("Plaats"), required=False, max_length=100)
    month = forms.ChoiceField(label=_("Startmaand"), required=False)
    online = forms.BooleanField(label=_("Alleen online"), required=False)
    accredited = forms.BooleanField(label=_("Alleen geaccrediteerd"), required=False)
    seats = forms.BooleanField(label=_("Alleen met vrije plaatsen"), required=False)

    def __init__(self, *args, providers: list[tuple[int, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = [("", _("Alle aanbieders"))] + [
            (str(pk), title) for pk, title in providers
        ]
        self.fields["month"].choices = _month_choices(timezone.localdate())

    def filters(self) -> CatalogueFilters:
        """The valid part of the input; an unknown or malformed value counts as not given."""
        if not self.is_bound:
            return CatalogueFilters()
        self.is_valid()
        data = self.cleaned_data
        month = None
        if data.get("month"):
            year, number = data["month"].split("-")
            month = dt.date(int(year), int(number), 1)
        return CatalogueFilters(
            q=(data.get("q") or "").strip(),
            kind=data.get("kind") or "",
            approach=data.get("approach") or "",
            form=data.get("form") or "",
            provider=data.get("provider"),
            place=(data.get("place") or "").strip(),
            online=bool(data.get("online")),
            month=month,
            accredited=bool(data.get("accredited")),
            seats=bool(data.get("seats")),
        )


class AccreditationRequestForm(forms.Form):
    note = forms.CharField(
        label=_("Toelichting voor het College"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AccreditationDecisionForm(forms.ModelForm):
    class Meta:
        model = AccreditationDecision
        fields = [
            "outcome",
            "points_granted",
            "valid_from",
            "valid_until",
            "repeatable_yearly",
            "motivation",
        ]
        field_classes = {"valid_from": DateField, "valid_until": DateField}
        widgets = {
            "motivation": forms.Textarea(attrs={"rows": 5}),
        }


# --- Learning records --------------------------------------------------------------------------


class EnrolByEmailForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres van de deelnemer"))


class EnrolmentPaymentForm(forms.Form):
    """Who pays for a paid course, and agreeing to its cancellation terms; the service
    (``services.enrolment_create``) checks the same."""

    payer = forms.ChoiceField(
        label=_("Wie betaalt?"), choices=Enrolment.Payer.choices, widget=forms.RadioSelect
    )
    employer_name = forms.CharField(
        label=_("Naam van je werkgever"), max_length=200, required=False
    )
    purchase_order = forms.CharField(
        label=_("Inkoopordernummer van je werkgever"), max_length=100, required=False
    )
    terms_accepted = forms.BooleanField(
        label=_("Ik ga akkoord met de prijs en de annuleringsvoorwaarden"), required=True
    )


class AllPresentForm(forms.Form):
    meeting = forms.IntegerField()


class EnrolCsvForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-bestand"),
        help_text=_("Eén kolom ‘email’ (en eventueel ‘naam’); komma of puntkomma."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 2}))


class EditionCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Toelichting voor de deelnemers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReflectionForm(forms.Form):
    text = forms.CharField(label=_("Je reflectie"), widget=forms.Textarea(attrs={"rows": 8}))
    file = forms.FileField(
        label=_("Bijlage (optioneel)"),
        required=False,
        help_text=_("PDF, JPEG of PNG, hoogstens 10 MB."),
    )


class ReflectionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("accept", _("Accepteren")), ("return", _("Teruggeven"))],
    )
    feedback = forms.CharField(
        label=_("Terugkoppeling"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class OutsideActivityForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    organiser = forms.CharField(label=_("Organisator"), max_length=200)
    date = DateField(label=_("Datum"))
    hours = forms.DecimalField(
        label=_("Uren"), max_digits=6, decimal_places=1, min_value=0.1, localize=True
    )
    course_kind = forms.ChoiceField(
        label=_("Soort"), choices=[("", _("Geen of anders"))] + CourseKind.choices, required=False
    )
    evidence = forms.FileField(
        label=_("Bewijsstuk"), help_text=_("PDF, JPEG of PNG, hoogstens 10 MB.")
    )


class OutsideActivityDecisionForm(forms.Form):
    activity = forms.ModelChoiceField(
        queryset=OutsideActivity.objects.all(), widget=forms.HiddenInput
    )
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("accept", _("Accepteren")), ("reject", _("Afwijzen"))],
    )
    note = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CertificateCheckForm(forms.Form):
    """The code printed on a certificate, as anyone types it: spaces around it and lower case
    do not matter."""

    code = forms.RegexField(
        label=_("Verificatiecode van het certificaat"),
        regex=r"^[A-Za-z0-9]{1,32}$",
        max_length=32,
        strip=True,
        error_messages={
            "invalid": _("Een verificatiecode bestaat alleen uit letters en cijfers."),
            "required": _("Vul de verificatiecode van het certificaat in."),
            "max_length": _("Een verificatiecode is hoogstens 32 tekens lang."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].upper()
