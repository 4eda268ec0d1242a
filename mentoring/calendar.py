"""Planned coaching sessions as an iCalendar feed."""

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from lms.accounts.models import User
from lms.links import site_host

from .models import CoachingSession


def calendar_for(*, user: User, sessions: Iterable[CoachingSession]) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Opbouwwerk leerplatform//coaching//NL")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("Coachingsgesprekken"))
    host = site_host()
    for session in sessions:
        other = session.trajectory.junior if session.senior_id == user.pk else session.senior
        event = Event()
        event.add("uid", f"coaching-{session.pk}@{host}")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        event.add("summary", _("Coachingsgesprek met %(other)s") % {"other": other})
        if session.summary:
            event.add("description", session.summary)
        event.add("location", session.get_mode_display())
        cal.add_component(event)
    return cal.to_ical()
