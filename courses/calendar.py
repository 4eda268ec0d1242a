"""iCalendar feeds of editions, for calendar clients (RFC 5545)."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from .models import Edition

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def edition_calendar(*, edition: Edition, course_url: str, domain: str) -> bytes:
    """Every meeting of ``edition`` as an event in Amsterdam time, with a timezone block."""
    course = edition.course
    calendar = Calendar()
    calendar.add("prodid", "-//Opbouwwerk leerplatform//Cursussen//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{course.title} ({edition.code})")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    for number, meeting in enumerate(edition.meetings.all(), start=1):
        event = Event()
        event.add("uid", f"bijeenkomst-{meeting.pk}@{domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", dt.datetime.combine(meeting.date, meeting.start_time, AMSTERDAM))
        event.add("dtend", dt.datetime.combine(meeting.date, meeting.end_time, AMSTERDAM))
        event.add("summary", f"{course.title}: bijeenkomst {number}")
        if meeting.place:
            event.add("location", meeting.place)
        elif meeting.online_url:
            event.add("location", "Online")
        event.add("url", meeting.online_url or course_url)
        description = [f"{course.title} ({edition.code})", course_url]
        if meeting.online_url:
            description.append(f"Online: {meeting.online_url}")
        event.add("description", "\n".join(description))
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def person_calendar(*, person, domain: str) -> bytes:
    """The meetings of every edition a person holds a seat in, for their secret feed."""
    from .models import Enrolment, Meeting

    calendar = Calendar()
    calendar.add("prodid", "-//Opbouwwerk leerplatform//Mijn bijeenkomsten//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Mijn bijeenkomsten")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    meetings = (
        Meeting.objects.filter(
            edition__enrolments__person=person,
            edition__enrolments__status=Enrolment.Status.ENROLLED,
        )
        .exclude(edition__status=Edition.Status.CANCELLED)
        .select_related("edition__course")
        .order_by("date", "start_time")
    )
    for meeting in meetings:
        course = meeting.edition.course
        event = Event()
        event.add("uid", f"bijeenkomst-{meeting.pk}@{domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", dt.datetime.combine(meeting.date, meeting.start_time, AMSTERDAM))
        event.add("dtend", dt.datetime.combine(meeting.date, meeting.end_time, AMSTERDAM))
        event.add("summary", f"{course.title} ({meeting.edition.code})")
        if meeting.place:
            event.add("location", meeting.place)
        elif meeting.online_url:
            event.add("location", "Online")
        if meeting.online_url:
            event.add("url", meeting.online_url)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
