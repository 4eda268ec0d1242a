"""What the register's pages share: who may open them, and how refusals are shown."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from lms.accounts.selectors import is_register_office


def office_required(request) -> None:
    if not is_register_office(request.user):
        raise PermissionDenied(_("Deze pagina is voor het registerbureau."))


def error_messages(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def form_errors(form, exc: ValidationError, *, fields: dict[str, str] | None = None) -> None:
    """Put a service's refusal on the form: on the field it names (``fields`` maps a service's
    argument to the form's field), else above the form."""
    fields = fields or {}
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for name, errors in exc.message_dict.items():
        name = fields.get(name, name)
        form.add_error(name if name in form.fields else None, errors)
