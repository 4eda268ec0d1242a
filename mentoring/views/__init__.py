"""HTTP only: check who asks, call a selector or a service, render."""

from .office import (
    matching_accept_all,
    matching_decide,
    matching_run_detail,
    matching_start,
    office_export,
    office_home,
    trajectory_new,
)
from .personal import (
    junior_home,
    manager_home,
    manager_hours,
    senior_home,
)
from .practice import (
    practice_attest,
    practice_attest_list,
    practice_attest_selected,
    practice_months,
)
from .profile import (
    calendar_feed,
    profile_edit,
)
from .sessions import (
    session_amend,
    session_confirm,
    session_detail,
    session_dispute,
    session_log,
    session_plan,
    session_withdraw,
)
from .trajectories import (
    goal_save,
    message_send,
    trajectory_accept,
    trajectory_detail,
    trajectory_end,
    trajectory_sessions,
    trajectory_terms,
)

__all__ = [
    "calendar_feed",
    "goal_save",
    "junior_home",
    "manager_home",
    "manager_hours",
    "matching_accept_all",
    "matching_decide",
    "matching_run_detail",
    "matching_start",
    "message_send",
    "office_export",
    "office_home",
    "practice_attest",
    "practice_attest_list",
    "practice_attest_selected",
    "practice_months",
    "profile_edit",
    "senior_home",
    "session_amend",
    "session_confirm",
    "session_detail",
    "session_dispute",
    "session_log",
    "session_plan",
    "session_withdraw",
    "trajectory_accept",
    "trajectory_detail",
    "trajectory_end",
    "trajectory_new",
    "trajectory_sessions",
    "trajectory_terms",
]
