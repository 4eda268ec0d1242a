"""The accreditation screens of the Wagtail admin: a provider submits, the College decides.

Access is checked here and again in the services: a board member with a stake in a course
never sees its request in the list, and a direct request for it is refused.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from lms.accounts.selectors import is_board_member

from .forms import AccreditationDecisionForm, AccreditationRequestForm
from .models import AccreditationRequest, CoursePage
from .selectors import accreditation_history, accreditation_requests_for_reviewer
from .services import (
    accreditation_decide,
    accreditation_request_submit,
    accreditation_review_check,
)


def accreditation_index(request):
    if not is_board_member(request.user):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "courses/admin/accreditation_index.html",
        {
            "header_title": _("Accreditaties"),
            "page_title": _("Accreditaties"),
            "header_icon": "tick-inverse",
            "requests": accreditation_requests_for_reviewer(user=request.user),
        },
    )


def accreditation_submit(request, page_id: int):
    course = get_object_or_404(CoursePage, pk=page_id)
    if not course.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    form = AccreditationRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            accreditation_request_submit(
                course=course, user=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("De accreditatie van %(title)s is aangevraagd.") % {"title": course.title},
            )
            return redirect("wagtailadmin_pages:edit", course.pk)
    return TemplateResponse(
        request,
        "courses/admin/accreditation_submit.html",
        {
            "header_title": _("Accreditatie aanvragen"),
            "page_title": _("Accreditatie aanvragen"),
            "page_subtitle": course.title,
            "header_icon": "tick",
            "course": course,
            "form": form,
            "history": accreditation_history(course=course),
        },
    )


def accreditation_review(request, request_id: int):
    accreditation_request = get_object_or_404(
        AccreditationRequest.objects.select_related("course", "submitted_by"), pk=request_id
    )
    course = accreditation_request.course
    accreditation_review_check(user=request.user, course=course)
    form = AccreditationDecisionForm(
        request.POST or None,
        initial={"points_granted": course.points_requested},
    )
    if request.method == "POST" and form.is_valid():
        try:
            accreditation_decide(
                request=accreditation_request, reviewer=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Het besluit over %(title)s is vastgelegd.") % {"title": course.title}
            )
            return redirect(reverse("courses_accreditation:index"))
    return TemplateResponse(
        request,
        "courses/admin/accreditation_review.html",
        {
            "header_title": _("Accreditatie beoordelen"),
            "page_title": _("Accreditatie beoordelen"),
            "page_subtitle": course.title,
            "header_icon": "tick-inverse",
            "accreditation_request": accreditation_request,
            "course": course,
            "form": form,
            "history": accreditation_history(course=course),
        },
    )


urlpatterns = (
    [
        path("", accreditation_index, name="index"),
        path("aanvragen/<int:page_id>/", accreditation_submit, name="submit"),
        path("beoordelen/<int:request_id>/", accreditation_review, name="review"),
    ],
    "courses_accreditation",
)
