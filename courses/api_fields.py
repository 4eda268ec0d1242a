"""How a course's accreditation and editions appear in the Wagtail API."""

from rest_framework import serializers


class AccreditationField(serializers.Field):
    """The accreditation valid today: ``{"accredited": bool, "points", "valid_from", "valid_until"}``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, course):
        from .selectors import accreditation_status

        status = accreditation_status(course=course)
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
        from .selectors import edition_points, editions_for_course

        return [
            {
                "id": edition.pk,
                "code": edition.code,
                "status": edition.status,
                "start_date": edition.start_date.isoformat(),
                "end_date": edition.end_date.isoformat(),
                "capacity": edition.capacity,
                "seats_left": edition.seats_left,
                "points": str(edition_points(edition)),
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
            for edition in editions_for_course(course=course)
        ]
