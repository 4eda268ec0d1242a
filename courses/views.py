"""Public views of the courses app that are not Wagtail pages."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from .calendar import edition_calendar
from .models import CoursePage, Edition


def edition_ical(request, pk: int):
    """The meetings of one edition of a published course, as an iCalendar file."""
    edition = get_object_or_404(Edition.objects.prefetch_related("meetings"), pk=pk)
    course = CoursePage.objects.live().public().filter(pk=edition.course_id).first()
    if course is None:
        raise Http404
    edition.course = course
    body = edition_calendar(
        edition=edition,
        course_url=request.build_absolute_uri(course.get_url(request=request)),
        domain=request.get_host().split(":")[0],
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="uitvoering-{edition.pk}.ics"'
    return response
