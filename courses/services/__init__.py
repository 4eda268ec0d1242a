"""Writes about courses, one function per business operation (re-exported here).

``catalogue``: providers, courses, editions, accreditation. ``enrolment``: seats and waitlists.
``records``: attendance, lessons, reflections, completion and points, outside activities.
"""

from .catalogue import (
    PROVIDER_COLLECTION_PERMISSIONS,
    PROVIDER_PAGE_PERMISSIONS,
    AccreditationConflict,
    NotABoardMember,
    accreditation_decide,
    accreditation_request_submit,
    accreditation_review_check,
    catalogue_ensure,
    course_save,
    provider_create,
    provider_editor_add,
    provider_workspace_ensure,
    providers_edited_by,
)
from .enrolment import (
    CsvRow,
    NotAnEditorOfThisEdition,
    edition_cancel,
    edition_cancelled_inform,
    enrolment_create,
    enrolment_withdraw,
    enrolments_import_csv,
    waitlist_promote,
)
from .records import (
    attendance_mark,
    calendar_feed_reset,
    completion_create,
    completion_evaluate,
    completion_revoke,
    edition_export_request,
    lesson_done,
    outside_activity_decide,
    outside_activity_submit,
    reflection_decide,
    reflection_submit,
)

__all__ = [
    "PROVIDER_COLLECTION_PERMISSIONS",
    "PROVIDER_PAGE_PERMISSIONS",
    "AccreditationConflict",
    "CsvRow",
    "NotABoardMember",
    "NotAnEditorOfThisEdition",
    "accreditation_decide",
    "accreditation_request_submit",
    "accreditation_review_check",
    "attendance_mark",
    "calendar_feed_reset",
    "catalogue_ensure",
    "completion_create",
    "completion_evaluate",
    "completion_revoke",
    "course_save",
    "edition_cancel",
    "edition_cancelled_inform",
    "edition_export_request",
    "enrolment_create",
    "enrolment_withdraw",
    "enrolments_import_csv",
    "lesson_done",
    "outside_activity_decide",
    "outside_activity_submit",
    "provider_create",
    "provider_workspace_ensure",
    "provider_editor_add",
    "providers_edited_by",
    "reflection_decide",
    "reflection_submit",
    "waitlist_promote",
]
