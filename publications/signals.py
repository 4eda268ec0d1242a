"""What publications asks of the apps above it. Publications does not import the register; the
register answers by receiving these signals (``register/receivers.py``)."""

from django.dispatch import Signal

# Who may not advise on an author's manuscript: the register's one rule for who may judge whose
# work (an own mentor, a colleague, an editor of a provider whose course the author completed, a
# binding conflict of interest). Sent with ``author`` and ``candidates`` (users); the receiver
# returns {candidate id: reason key}, the keys of ``MANUSCRIPT_STAKES``.
reviewer_stakes = Signal()
