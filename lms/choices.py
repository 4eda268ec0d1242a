"""Choice labels without rebuilding the choices on every call."""

from django.utils.encoding import force_str

# Per model field: its choices as a map from value to (lazy) label.
_LABELS: dict = {}


class ChoiceLabelsOnce:
    """Mixin for a model whose choices are fixed in code (``TextChoices``).

    Django's ``get_FOO_display()`` builds a dictionary of all the field's choices on every call,
    hashing each label and so translating each one. A card that shows a status or a kind does
    that for every row. Here the field's value-to-label map is built once; the labels stay lazy,
    so they still follow the active language.
    """

    def _get_FIELD_display(self, field):  # noqa: N802 (Django's name)
        value = getattr(self, field.attname)
        try:
            labels = _LABELS.get(field)
            if labels is None:
                labels = _LABELS[field] = dict(field.flatchoices)
            label = labels.get(value, value)
        except TypeError:  # a value that cannot be a key: Django's own way
            return super()._get_FIELD_display(field)
        return force_str(label, strings_only=True)
