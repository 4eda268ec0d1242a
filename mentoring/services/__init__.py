"""Writes: trajectories, coaching sessions, the practice log, matching decisions.

Every business operation is one function here; views, tasks, commands and the demo seed call
them. Each runs in one transaction, locks the rows that two people could change at once,
and refuses bad input with a Dutch ``ValidationError`` and a wrong actor with
``PermissionDenied``.
"""

from .matching_runs import (
    matching_pair_accept,
    matching_pair_reject,
    matching_run_accept_all,
    matching_run_execute,
    matching_run_start,
)
from .messages import message_send, messages_mark_read
from .outcomes import BulkOutcome, Skipped
from .practice import practice_month_attest, practice_month_log, practice_months_attest
from .profiles import (
    practitioner_profile_get_or_create,
    practitioner_profile_update,
)
from .sessions import (
    coaching_reminders_send,
    coaching_session_amend,
    coaching_session_confirm,
    coaching_session_dispute,
    coaching_session_log,
    coaching_session_plan,
    coaching_session_withdraw,
)
from .trajectories import (
    goal_add,
    goal_update,
    trajectory_accept,
    trajectory_complete,
    trajectory_decline,
    trajectory_end_early,
    trajectory_propose,
    trajectory_terms_change,
)

__all__ = [
    "BulkOutcome",
    "Skipped",
    "coaching_reminders_send",
    "coaching_session_amend",
    "coaching_session_confirm",
    "coaching_session_dispute",
    "coaching_session_log",
    "coaching_session_plan",
    "coaching_session_withdraw",
    "goal_add",
    "goal_update",
    "matching_pair_accept",
    "matching_pair_reject",
    "matching_run_accept_all",
    "matching_run_execute",
    "matching_run_start",
    "message_send",
    "messages_mark_read",
    "practice_month_attest",
    "practice_month_log",
    "practice_months_attest",
    "practitioner_profile_get_or_create",
    "practitioner_profile_update",
    "trajectory_accept",
    "trajectory_complete",
    "trajectory_decline",
    "trajectory_end_early",
    "trajectory_propose",
    "trajectory_terms_change",
]
