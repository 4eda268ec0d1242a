"""A model field for "several of these choices" that works the same on SQLite and PostgreSQL."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

SEPARATOR = ","


class ChoiceListField(models.CharField):
    """A list of values of one TextChoices, stored as ``,a,b,``.

    The leading and trailing separator make ``field__contains=",a,"`` an exact match for one
    value, so the catalogue can filter on it with a plain index-free LIKE on every database.
    """

    def __init__(self, *args, item_choices=(), **kwargs):
        self.item_choices = list(item_choices)
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["item_choices"] = self.item_choices
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if value is None or value == "":
            return []
        if isinstance(value, list | tuple | set):
            return [str(v) for v in value if v]
        return [v for v in str(value).split(SEPARATOR) if v]

    def get_prep_value(self, value):
        values = self.to_python(value)
        if not values:
            return ""
        known = [key for key, _label in self.item_choices]
        ordered = sorted(set(values), key=lambda v: known.index(v) if v in known else len(known))
        return SEPARATOR + SEPARATOR.join(ordered) + SEPARATOR

    def value_to_string(self, obj):
        return self.to_python(self.value_from_object(obj))

    def validate(self, value, model_instance):
        values = self.to_python(value)
        if not values and not self.blank:
            raise ValidationError(self.error_messages["blank"], code="blank")
        known = {key for key, _label in self.item_choices}
        for item in values:
            if item not in known:
                raise ValidationError(
                    _("Onbekende waarde: %(value)s."), code="invalid_choice", params={"value": item}
                )

    def run_validators(self, value):
        # The stored form is longer than the list; the max length applies to the stored form.
        return super().run_validators(self.get_prep_value(value))

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": self.item_choices,
            "widget": forms.CheckboxSelectMultiple,
            "required": not self.blank,
            "label": self.verbose_name,
            "help_text": self.help_text,
        }
        defaults.update(kwargs)
        form_class = defaults.pop("form_class")
        for key in ("max_length", "empty_value", "choices_form_class"):
            defaults.pop(key, None)
        return form_class(**defaults)
