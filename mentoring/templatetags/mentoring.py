"""Hours the Dutch way: 1.234,5 uur."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def uren(value) -> str:
    """A number of hours with one decimal and grouping: 1.234,5."""
    return number_format(Decimal(value or 0), 1, use_l10n=True, force_grouping=True)


@register.filter
def minuten_als_uren(minutes) -> str:
    return uren(Decimal(minutes or 0) / 60)


@register.filter
def als_uren(minutes) -> float:
    """Minutes as a plain number of hours, for the value of a <meter>."""
    return round(float(minutes or 0) / 60, 2)


@register.filter
def plain(value) -> str:
    """A number for an HTML attribute, always with a dot."""
    return str(value or 0)
