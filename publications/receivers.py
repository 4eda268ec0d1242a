"""What the library's manuscripts do when something below them changes."""

from .services import manuscript_reviews_withdraw_for_conflict


def withdraw_manuscript_reviews_of_the_pair(sender, *, conflict, **kwargs) -> None:
    """``lms.accounts.signals.conflict_bound``: the pair's open requests for advice end."""
    manuscript_reviews_withdraw_for_conflict(conflict=conflict)
