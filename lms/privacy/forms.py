from django import forms
from django.utils.translation import gettext_lazy as _


class ErasureConfirmForm(forms.Form):
    """Erasure cannot be undone, so the person types their own address and says they know."""

    email = forms.CharField(
        label=_("Typ je e-mailadres ter bevestiging"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    understood = forms.BooleanField(
        label=_("Ik begrijp dat verwijderen niet ongedaan gemaakt kan worden."),
        required=True,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if email.lower() != self.user.email.lower():
            raise forms.ValidationError(_("Dit is niet het e-mailadres van je account."))
        return email
