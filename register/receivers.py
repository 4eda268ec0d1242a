"""What the register does when something happens below it, told by a signal because the
lower apps may not import the register."""

from .services.ballotage import reviews_withdraw_for_conflict


def withdraw_reviews_of_the_pair(sender, *, conflict, actor, **kwargs) -> None:
    """``lms.accounts.signals.conflict_bound``: the pair's open reviews of each other end."""
    reviews_withdraw_for_conflict(conflict=conflict, actor=actor)
