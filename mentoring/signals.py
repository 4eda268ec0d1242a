"""What mentoring asks of the apps above it. Mentoring does not import the register; the
register answers by receiving these signals (``register/receivers.py``)."""

from django.dispatch import Signal

# Matching asks which kinds of work (approaches and forms) each junior still lacks for the
# register's differentiation under the policy in force (DOMAIN.md, "Default register policy").
# Sent with ``person_ids`` and ``on``; the receiver returns {person id: set of kind codes}.
kinds_lacking = Signal()
