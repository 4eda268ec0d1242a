"""What every form view does with a service's refusal."""

from django import forms
from django.core.exceptions import ValidationError


def form_refuse(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ``ValidationError`` on ``form``: a message about a field the form has
    beside that field, every other message above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
