"""Every date field of a site form asks for a date the same way: the browser's date picker
(cms.widgets.DateInput) with the one help text. Forms of Wagtail's admin keep Wagtail's picker."""

import importlib
import inspect

import pytest
from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from cms.widgets import DATE_HELP_TEXT, DateInput

FORM_MODULES = [
    "conference.forms",
    "courses.forms",
    "lms.accounts.forms",
    "lms.privacy.forms",
    "mentoring.forms",
    "publications.forms",
    "register.forms",
]


def site_date_fields():
    for module_name in FORM_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            continue
        for _name, form in inspect.getmembers(module, inspect.isclass):
            if form.__module__ != module_name or not issubclass(form, forms.BaseForm):
                continue
            if issubclass(form, WagtailAdminModelForm):
                continue
            for field_name, field in form.base_fields.items():
                if isinstance(field, forms.DateField) and field.widget.input_type != "month":
                    yield f"{module_name}.{form.__name__}.{field_name}", field


DATE_FIELDS = list(site_date_fields())


def test_there_are_date_fields_to_check():
    assert len(DATE_FIELDS) >= 8


@pytest.mark.parametrize("name,field", DATE_FIELDS, ids=[name for name, _ in DATE_FIELDS])
def test_a_date_field_uses_the_date_picker_and_the_one_help_text(name, field):
    assert isinstance(field.widget, DateInput), name
    assert field.widget.input_type == "date", name
    assert str(field.help_text).startswith(str(DATE_HELP_TEXT)), name
    assert field.clean("2026-11-30") == field.clean("30-11-2026"), name
