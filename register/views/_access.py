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
