from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CHOOSABLE_KINDS, EmailChoice
from .validators import validate_person_name


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form: a certificate needs the person's real name."""

    first_name = forms.CharField(
        label=_("Voornaam"), max_length=150, validators=[validate_person_name]
    )
    last_name = forms.CharField(
        label=_("Achternaam"), max_length=150, validators=[validate_person_name]
    )

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])


class EmailPreferencesForm(forms.Form):
    """Per kind of notice: at once, in the daily digest, or off. The kinds that are always
    sent have no field."""

    def __init__(self, *args, initial_choices: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in CHOOSABLE_KINDS:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=EmailChoice.choices,
                widget=forms.RadioSelect,
                initial=(initial_choices or {}).get(kind.value, EmailChoice.AT_ONCE),
            )
