"""The provider's side of e-learning in the Wagtail admin: upload a lesson's package, choose
what counts as done, and see (and export) what each participant did in it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _

from courses.models import LessonPage
from lms import exports

from . import services
from .forms import PackageRuleForm, PackageUploadForm
from .selectors import current_package, lesson_editable_by, package_report, report_table


def _editable_lesson(request, lesson_id: int) -> LessonPage:
    lesson = get_object_or_404(LessonPage, pk=lesson_id)
    if not lesson_editable_by(user=request.user, lesson=lesson):
        raise PermissionDenied
    return lesson


def lesson_package(request, lesson_id: int):
    lesson = _editable_lesson(request, lesson_id)
    package = current_package(lesson)
    upload_form = PackageUploadForm()
    rule_form = PackageRuleForm(instance=package) if package else None
    if request.method == "POST" and request.POST.get("action") == "upload":
        upload_form = PackageUploadForm(request.POST, request.FILES)
        if upload_form.is_valid():
            upload = upload_form.cleaned_data["file"]
            try:
                package = services.package_upload(
                    actor=request.user, lesson=lesson, upload=upload, name=upload.name
                )
            except ValidationError as error:
                upload_form.add_error("file", error)
            else:
                messages.success(
                    request,
                    _("Het pakket %(title)s staat in de les.") % {"title": package.title},
                )
                return redirect("elearning_admin:lesson", lesson.pk)
    elif request.method == "POST" and request.POST.get("action") == "rule" and package:
        rule_form = PackageRuleForm(request.POST, instance=package)
        if rule_form.is_valid():
            services.package_rule_update(
                actor=request.user,
                package=package,
                done_when=rule_form.cleaned_data["done_when"],
                min_score=rule_form.cleaned_data["min_score"],
                min_minutes=rule_form.cleaned_data["min_minutes"],
            )
            messages.success(request, _("Wat telt als afgerond is bewaard."))
            return redirect("elearning_admin:lesson", lesson.pk)
    return TemplateResponse(
        request,
        "elearning/admin/lesson_package.html",
        {
            "header_title": _("E-learning"),
            "page_title": _("E-learning"),
            "page_subtitle": lesson.title,
            "header_icon": "media",
            "lesson": lesson,
            "package": package,
            "upload_form": upload_form,
            "rule_form": rule_form,
            "report": package_report(package=package) if package else [],
        },
    )


def lesson_package_export(request, lesson_id: int, fmt: str):
    lesson = _editable_lesson(request, lesson_id)
    package = current_package(lesson)
    if package is None or fmt not in exports.CONTENT_TYPES:
        raise Http404
    headers, rows = report_table(package=package)
    response = HttpResponse(
        exports.table_bytes(headers, rows, fmt, title=_("E-learning")[:31]),
        content_type=exports.CONTENT_TYPES[fmt],
    )
    response["Content-Disposition"] = f'attachment; filename="e-learning-les-{lesson.pk}.{fmt}"'
    return response


urlpatterns = [
    path("les/<int:lesson_id>/", lesson_package, name="lesson"),
    path("les/<int:lesson_id>/export.<str:fmt>", lesson_package_export, name="export"),
]
