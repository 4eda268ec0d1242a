"""Durations are kept in minutes; this is the one place where minutes become hours.

DOMAIN.md, "Hours are minutes": a total sums the minutes and converts to hours once, shown
with one decimal and rounded half up on the total, never per row; a requirement compares
minutes (40 hours = 2,400 minutes).
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

MINUTES_PER_HOUR = 60
TENTH = Decimal("0.1")


def hours_from_minutes(minutes: int | None) -> Decimal:
    """Minutes as hours with one decimal, rounded half up: 2,376 minutes are 39,6 hours."""
    return (Decimal(minutes or 0) / MINUTES_PER_HOUR).quantize(TENTH, rounding=ROUND_HALF_UP)


def minutes_from_hours(hours) -> int:
    """Hours as typed or kept (at most a tenth, six minutes, apart) as whole minutes.

    Raises ``ValueError`` for something that is not a number of hours to the tenth.
    """
    try:
        exact = Decimal(str(hours)) * MINUTES_PER_HOUR
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(f"not a number of hours: {hours!r}") from exc
    if not exact.is_finite() or exact != exact.to_integral_value():
        raise ValueError(f"not a whole number of minutes: {hours!r}")
    return int(exact)
