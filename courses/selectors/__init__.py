# ruff: noqa: F401
"""Reads about courses (re-exported here): ``catalogue`` for what the public sees,
``course_ran`` for when attendance and completion may be recorded, ``records`` for
enrolments, progress, completions, points and the dashboards, ``lessons`` for the outline
of a course's lessons as a participant follows them."""

from .awaiting import awaiting_for, outside_activities_to_assess, promotions_unseen
from .catalogue import (
    CATALOGUE_PAGE_SIZE,
    NOT_ACCREDITED,
    UPCOMING_STATUSES,
    AccreditationStatus,
    CatalogueEntry,
    CatalogueFilters,
    accreditation_conflict,
    accreditation_history,
    accreditation_requests_for_reviewer,
    accreditation_status,
    accreditations_for,
    catalogue_courses,
    catalogue_entries,
    catalogue_for_request,
    catalogue_providers,
    courses_for_api,
    edition_accreditation,
    edition_points,
    edition_seats_annotate,
    editions_for_course,
    editions_for_courses,
    editions_grants,
    editions_points,
    editions_starting_soon,
    granted_on,
)
from .course_ran import (
    EarliestCompletionDay,
    completion_before_course_ran,
    completion_earliest,
    completion_earliest_day,
    completion_earliest_day_expression,
    enrolment_completion_earliest_day_expression,
    meeting_open_for_attendance,
)
from .lessons import (
    LessonOutline,
    OutlineItem,
    course_outline,
    enrolment_outlines,
    outline_build,
)
from .records import (
    ACCEPTED_UNDER_CONFLICT,
    COUNTING_OUTSIDE,
    attendance_corrections,
    codes_of_editions_with_participants,
    completion_rule_met,
    completion_rule_unmet,
    completions_for_person,
    counting_completions,
    counting_outside_activities,
    courses_kept_below,
    edition_editable_by,
    edition_participants,
    editions_editable_by,
    enrolment_progress,
    learning_record,
    lesson_access,
    manager_figures,
    participant_enrolment,
    person_enrolments_for_course_page,
    practitioner_dashboard,
    provider_dashboard,
)
