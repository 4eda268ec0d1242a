"""Reading a provider's old static course site into draft course pages.

``facts`` finds a page's facts by their Dutch label, ``pages`` cuts a page into its courses
with a clean description, ``values`` reads dates, prices and hours the way Dutch pages write
them, and ``importing`` saves the courses, matched on their code, as drafts of a provider.
"""

from .facts import collect_facts
from .importing import (
    ImportReport,
    ImportRow,
    ProviderNotFound,
    catalogue_import,
    catalogue_import_for,
    provider_by_name,
    provider_for_import,
)
from .pages import (
    LegacyCourse,
    UnreadablePage,
    clean_description,
    decode_html,
    read_course_pages,
)
from .values import (
    parse_capacity,
    parse_date_range,
    parse_dates,
    parse_hours,
    parse_price,
    parse_times,
)

__all__ = [
    "ImportReport",
    "ImportRow",
    "LegacyCourse",
    "ProviderNotFound",
    "UnreadablePage",
    "catalogue_import",
    "catalogue_import_for",
    "clean_description",
    "collect_facts",
    "decode_html",
    "parse_capacity",
    "parse_date_range",
    "parse_dates",
    "parse_hours",
    "parse_price",
    "parse_times",
    "provider_by_name",
    "provider_for_import",
    "read_course_pages",
]
