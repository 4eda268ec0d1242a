"""The register's forms. They check what a person typed; the services check the rules."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm

from cms.models import CodeVersion
from cms.selectors import code_version_by_label
from cms.widgets import DateField
from mentoring.kinds import Approach

from .models import POLICY_NUMBER_FIELDS, BallotageVote, KringDocument
from .services.policy import policy_validate


class ApplicationForm(forms.Form):
    """The application (or renewal): a reflection per approach, a document, and the acceptance
    of the version of the beroepscode shown (``code_version``), which the service checks is
    still the one in force."""

    document = forms.FileField(label=gettext_lazy("Document (optioneel)"), required=False)
    document_title = forms.CharField(
        label=gettext_lazy("Titel van het document"), required=False, max_length=200
    )
    code_version = forms.CharField(widget=forms.HiddenInput, required=False, max_length=10)

    def __init__(self, *args, code_version: CodeVersion | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in Approach.choices:
            self.fields[f"reflection_{code}"] = forms.CharField(
                label=_("Reflectie: %(approach)s") % {"approach": label},
                widget=forms.Textarea(attrs={"rows": 5}),
            )
        if code_version is not None:
            self.fields["code_version"].initial = code_version.label
            self.fields["accept_code"] = forms.BooleanField(
                label=_("Ik aanvaard de beroepscode versie %(v)s") % {"v": code_version.label},
                label_suffix="",
                error_messages={
                    "required": _("Vink aan dat je de beroepscode versie %(v)s aanvaardt.")
                    % {"v": code_version.label}
                },
            )

    def reflections(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"reflection_{code}", "") for code in Approach.values}

    def ask_to_accept_again(self, code_version: CodeVersion | None) -> None:
        """After a refusal the form shows the version in force again, unticked: a version that
        was overtaken while the person filled in the form is accepted anew, not resent."""
        if code_version is None or not self.is_bound:
            return
        data = self.data.copy()
        data["code_version"] = code_version.label
        data.pop("accept_code", None)
        self.data = data

    def accepted_code_version(self) -> CodeVersion | None:
        """The version the person ticked, as shown to them when the form was made."""
        if not self.cleaned_data.get("accept_code"):
            return None
        return code_version_by_label(label=self.cleaned_data.get("code_version") or "")


class CheckForm(forms.Form):
    remarks = forms.CharField(
        label=gettext_lazy("Opmerkingen"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class VoteForm(forms.Form):
    value = forms.ChoiceField(
        label=gettext_lazy("Stem"), choices=BallotageVote.Value.choices, widget=forms.RadioSelect
    )
    motivation = forms.CharField(label=gettext_lazy("Motivering"), widget=forms.Textarea)


class RecuseForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Waarom heb je een belang?"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ObjectionForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reden van bezwaar"), widget=forms.Textarea)


class RegisterPolicyForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            raise ValidationError(
                _("Een beleidsversie wordt niet gewijzigd; voeg een nieuwe versie toe.")
            )
        try:
            policy_validate(
                effective_from=cleaned.get("effective_from"),
                values={n: cleaned.get(n) for n in POLICY_NUMBER_FIELDS},
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        return cleaned


class ConflictForm(forms.Form):
    """Someone names a person with whom their interests are entangled."""

    email = forms.EmailField(label=gettext_lazy("E-mailadres van de ander"), max_length=254)
    reason = forms.CharField(
        label=gettext_lazy("Toelichting"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Bijvoorbeeld: familie, collega, vroegere leidinggevende of zakelijk belang."
        ),
    )


class OfficeConflictForm(ConflictForm):
    """The register office records a conflict between any two people."""

    person_email = forms.EmailField(
        label=gettext_lazy("E-mailadres van de eerste persoon"), max_length=254
    )

    field_order = ["person_email", "email", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mailadres van de tweede persoon")


class ConflictDecisionForm(forms.Form):
    """The office's answer to a request: confirm, or reject with a note for the declarer."""

    note = forms.CharField(
        label=gettext_lazy("Toelichting"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Verplicht bij afwijzen; de melder leest deze toelichting."),
    )


# --- The Kring Kwaliteitsmanagement ---------------------------------------------------------


class KringMeetingForm(forms.Form):
    date = DateField(label=gettext_lazy("Datum"))
    place = forms.CharField(label=gettext_lazy("Plaats"), max_length=200)
    topic = forms.CharField(label=gettext_lazy("Thema"), max_length=200)


class KringDocumentForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Soort"), choices=KringDocument.Kind.choices)
    title = forms.CharField(label=gettext_lazy("Titel"), max_length=200)
    file = forms.FileField(
        label=gettext_lazy("Bestand"), help_text=gettext_lazy("PDF, JPEG of PNG, hoogstens 10 MB.")
    )


class KringTopicForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Onderwerp"), max_length=200)
    explanation = forms.CharField(
        label=gettext_lazy("Toelichting"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
