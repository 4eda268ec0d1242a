"""The register's reads. Every number about the register on any page, PDF, export or API is
asked from here, under the policy in force."""

from .ballotage import (
    active_assignments,
    assignments_in_round,
    board_members,
    conflicts_with,
    outcome_of,
    reviewers_offered,
    tally,
    votes_visible_to,
)
from .conflicts import PairAct, conflict_pair_history, waits_for_a_reviewer_without_conflict
from .evaluation import (
    REQUIREMENTS,
    Evaluation,
    Forecast,
    RequirementResult,
    evaluate,
    evaluate_all,
    evaluate_entries,
    status_of,
    window_start,
)
from .ledger import CSV_FIELDS, Entry, entries_of, ledger_csv, ledger_entries
from .policy import policy_in_force, policy_version
from .registrations import (
    current_registration,
    public_register,
    registrations_with_status,
    renewal_check,
)

__all__ = [
    "CSV_FIELDS",
    "REQUIREMENTS",
    "Entry",
    "Evaluation",
    "Forecast",
    "PairAct",
    "RequirementResult",
    "active_assignments",
    "assignments_in_round",
    "board_members",
    "conflict_pair_history",
    "conflicts_with",
    "current_registration",
    "entries_of",
    "evaluate",
    "evaluate_all",
    "evaluate_entries",
    "ledger_csv",
    "ledger_entries",
    "outcome_of",
    "policy_in_force",
    "policy_version",
    "public_register",
    "registrations_with_status",
    "renewal_check",
    "reviewers_offered",
    "status_of",
    "tally",
    "votes_visible_to",
    "waits_for_a_reviewer_without_conflict",
    "window_start",
]
