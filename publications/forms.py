from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import Approach, Form, Setting
from lms.accounts.models import User

from .models import Advice, PublicationKind, validate_manuscript_file
from .selectors import LibraryFilters


class LibraryFilterForm(forms.Form):
    """The library's filters, read from the URL. A value it does not know is ignored."""

    q = forms.CharField(label=_("Zoeken"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Soort publicatie"),
        required=False,
        choices=[("", _("Alle soorten"))] + PublicationKind.choices,
    )
    year = forms.TypedChoiceField(label=_("Jaar"), required=False, coerce=int, empty_value=None)
    approach = forms.ChoiceField(
        label=_("Werkwijze"),
        required=False,
        choices=[("", _("Alle werkwijzen"))] + Approach.choices,
    )
    form = forms.ChoiceField(
        label=_("Werkvorm"), required=False, choices=[("", _("Alle werkvormen"))] + Form.choices
    )
    setting = forms.ChoiceField(
        label=_("Setting"), required=False, choices=[("", _("Alle settings"))] + Setting.choices
    )

    def __init__(self, *args, years: list[int] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Alle jaren"))] + [(str(y), str(y)) for y in years]

    def filters(self) -> LibraryFilters:
        """The valid part of the input; an unknown or malformed value counts as not given."""
        if not self.is_bound:
            return LibraryFilters()
        self.is_valid()
        data = self.cleaned_data
        return LibraryFilters(
            q=(data.get("q") or "").strip(),
            kind=data.get("kind") or "",
            year=data.get("year"),
            approach=data.get("approach") or "",
            form=data.get("form") or "",
            setting=data.get("setting") or "",
        )


class ManuscriptForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    summary = forms.CharField(label=_("Samenvatting"), max_length=5000, widget=forms.Textarea)
    kind = forms.ChoiceField(label=_("Soort publicatie"), choices=PublicationKind.choices)
    file = forms.FileField(
        label=_("Manuscript"),
        help_text=_("PDF of DOCX, hoogstens 20 MB."),
        validators=[validate_manuscript_file],
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.docx,application/pdf,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        ),
    )


class ManuscriptReviewForm(forms.Form):
    advice = forms.ChoiceField(label=_("Advies"), choices=Advice.choices, widget=forms.RadioSelect)
    comments = forms.CharField(
        label=_("Opmerkingen voor de auteur"),
        max_length=10000,
        required=False,
        widget=forms.Textarea,
    )


class ReviewersAssignForm(forms.Form):
    reviewers = forms.ModelMultipleChoiceField(
        label=_("Leden van het College"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Laat leeg om automatisch twee leden zonder belangenverstrengeling te kiezen."),
    )

    def __init__(self, *args, offered=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].queryset = User.objects.filter(pk__in=[u.pk for u in offered])
        self.fields["reviewers"].label_from_instance = lambda user: (
            user.get_full_name() or str(user)
        )


class ManuscriptDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Advies van het College"), choices=Advice.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Toelichting voor de auteur"),
        max_length=5000,
        required=False,
        widget=forms.Textarea,
    )
