"""Numbers the Dutch way (1.234,5) and minutes shown as hours."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

from lms.durations import hours_from_minutes

register = template.Library()


@register.filter
def uren(value) -> str:
    """A number of hours or points with one decimal and grouping: 1.234,5."""
    return number_format(Decimal(value or 0), 1, use_l10n=True, force_grouping=True)


@register.filter
def minuten_als_uren(minutes) -> str:
    """Minutes as hours, rounded once (``hours_from_minutes``): 2.376 minutes are 39,6."""
    return uren(hours_from_minutes(minutes))


@register.filter
def als_uren(minutes) -> str:
    """Minutes as a plain number of hours, for the value of a <meter>."""
    return str(hours_from_minutes(minutes))


@register.filter
def plain(value) -> str:
    """A number for an HTML attribute, always with a dot."""
    return str(value or 0)
