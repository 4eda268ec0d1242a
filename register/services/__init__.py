"""The register's writes: one function per business operation, each in one transaction."""

from .application import register_application_check, register_application_submit
from .ballotage import (
    ballotage_decide,
    ballotage_vote,
    objection_submit,
    reviewer_recuse,
    reviewers_assign,
    reviews_withdraw_for_conflict,
)
from .kring import kring_document_upload, kring_meeting_create, kring_topic_propose
from .policy import policy_validate, register_policy_create
from .publications import publication_claim, publication_points
from .registration import (
    registration_create,
    registration_credential,
    registration_reminders_send,
    registration_status_change,
    registrations_expire,
)

__all__ = [
    "ballotage_decide",
    "ballotage_vote",
    "kring_document_upload",
    "kring_meeting_create",
    "kring_topic_propose",
    "objection_submit",
    "policy_validate",
    "publication_claim",
    "publication_points",
    "register_application_check",
    "register_application_submit",
    "register_policy_create",
    "registration_create",
    "registration_credential",
    "registration_reminders_send",
    "registration_status_change",
    "registrations_expire",
    "reviewer_recuse",
    "reviewers_assign",
    "reviews_withdraw_for_conflict",
]
