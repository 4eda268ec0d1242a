"""One way to ask for a date in every form of the site: the browser's own date picker."""

from django import forms
from django.utils.translation import gettext_lazy as _

# The picker sends ISO dates (2026-11-30); a date typed by hand or posted by a script may also
# be written the Dutch way.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]
DATE_HELP_TEXT = _("dd-mm-jjjj")


class DateInput(forms.DateInput):
    """The browser's date picker (<input type="date">). It reads and sends ISO dates in any
    language, so a date filled in beforehand is written that way, not as 30-11-2026; the
    browser shows it the Dutch way."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class DateField(forms.DateField):
    """A date field of a site form: the date picker, both spellings, and the one help text."""

    widget = DateInput

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        # A model's date field hands its own help text, often empty, to its form field.
        kwargs["help_text"] = kwargs.get("help_text") or DATE_HELP_TEXT
        super().__init__(**kwargs)
