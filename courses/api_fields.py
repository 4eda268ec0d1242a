"""How a course's accreditation and editions appear in the Wagtail API.

A listing reads both for all its courses at once (``courses_for_api``, called by the views in
``api.py``); a course that comes without them (a detail view) reads its own.
"""

from rest_framework import serializers


def _prepared(course):
    if not hasattr(course, "api_editions"):
        from .selectors import courses_for_api

        courses_for_api([course])
    return course


class ChoiceValuesField(serializers.ListField):
    """A ``ChoiceListField`` (approaches, work forms) as a JSON array of its values; left to
    DRF's mapping of a CharField it would be the text of a Python list."""

    child = serializers.CharField()

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)


class AccreditationField(serializers.Field):
    """The accreditation valid today: ``{"accredited": bool, "points", "valid_from", "valid_until"}``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, course):
        status = _prepared(course).api_accreditation
        return {
            "accredited": status.accredited,
            "points": str(status.points) if status.points is not None else None,
            "valid_from": status.valid_from.isoformat() if status.valid_from else None,
            "valid_until": status.valid_until.isoformat() if status.valid_until else None,
        }


class EditionsField(serializers.Field):
    """The course's editions with their meetings and seats left."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, course):
        return [
            {
                "id": edition.pk,
                "code": edition.code,
                "status": edition.status,
                "start_date": edition.start_date.isoformat(),
                "end_date": edition.end_date.isoformat(),
                "capacity": edition.capacity,
                "seats_left": edition.seats_left,
                "points": str(edition.points),
                "meetings": [
                    {
                        "date": meeting.date.isoformat(),
                        "start_time": meeting.start_time.strftime("%H:%M"),
                        "end_time": meeting.end_time.strftime("%H:%M"),
                        "place": meeting.place,
                        "online_url": meeting.online_url,
                    }
                    for meeting in edition.meeting_list
                ],
            }
            for edition in _prepared(course).api_editions
        ]
