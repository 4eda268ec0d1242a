from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Package


class PackageUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Pakket"),
        help_text=_("Een SCORM 1.2- of SCORM 2004-pakket (.zip) of een H5P-bestand (.h5p)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,.h5p"}),
    )


class PackageRuleForm(forms.ModelForm):
    class Meta:
        model = Package
        fields = ["done_when", "min_score", "min_minutes"]
        widgets = {"done_when": forms.RadioSelect}
