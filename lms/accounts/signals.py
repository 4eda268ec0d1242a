"""Signals that lms.accounts sends for the apps above it, which it may not import.

``conflict_bound`` is sent inside the transaction in which a conflict of interest starts to
hold (declared binding, confirmed by the register office, or recorded by it), with the
arguments ``conflict`` (the ConflictOfInterest, binding) and ``actor`` (who made it bind).
A receiver's writes are part of that transaction: if it raises, nothing binds.
"""

from django.dispatch import Signal

conflict_bound = Signal()
