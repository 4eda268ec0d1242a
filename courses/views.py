"""Views of the courses app that are not Wagtail pages: the edition calendar, enrolment, the
provider's participant screens, lessons, the record of learning and certificates.

Views only translate HTTP to services and selectors; the rules live in ``services``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.accounts.models import Role, User
from lms.accounts.selectors import is_register_office
from lms.forms import form_refuse
from lms.http import local_next
from lms.links import absolute_url, page_url, site_host

from . import certificates, charts, exports, selectors, services
from .calendar import edition_calendar
from .forms import (
    AllPresentForm,
    CertificateCheckForm,
    EditionCancelForm,
    EnrolByEmailForm,
    EnrolCsvForm,
    EnrolmentPaymentForm,
    OutsideActivityDecisionForm,
    OutsideActivityForm,
    ReasonForm,
    ReflectionDecisionForm,
    ReflectionForm,
)
from .models import (
    Attendance,
    CalendarFeed,
    Completion,
    CoursePage,
    Edition,
    Enrolment,
    ExportFile,
    LessonPage,
    OutsideActivity,
    Reflection,
)


def edition_ical(request, pk: int):
    """The meetings of one edition of a published course, as an iCalendar file."""
    edition = get_object_or_404(Edition.objects.prefetch_related("meetings"), pk=pk)
    course = CoursePage.objects.live().public().filter(pk=edition.course_id).first()
    if course is None:
        raise Http404
    edition.course = course
    body = edition_calendar(
        edition=edition,
        course_url=page_url(course, request) or absolute_url("/"),
        domain=site_host(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="uitvoering-{edition.pk}.ics"'
    return response


# --- Enrolment ------------------------------------------------------------------------------


def _refused(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _back_to_course(request, edition: Edition):
    course = CoursePage.objects.filter(pk=edition.course_id).first()
    url = course.get_url(request=request) if course else None
    return redirect(local_next(request) or url or reverse("courses:record"))


def _editable_edition(request, pk: int) -> Edition:
    edition = get_object_or_404(Edition.objects.select_related("course"), pk=pk)
    if not selectors.edition_editable_by(user=request.user, edition=edition):
        raise PermissionDenied
    return edition


def _enrolled_message(request, enrolment: Enrolment) -> None:
    if enrolment.status == Enrolment.Status.ENROLLED:
        messages.success(request, _("Je bent ingeschreven."))
    else:
        messages.success(request, _("Deze uitvoering is vol: je staat op de wachtlijst."))


@require_POST
@login_required
def enrol(request, pk: int):
    """One-click enrolment in a free course; a paid one asks for confirmation first."""
    edition = get_object_or_404(Edition.objects.select_related("course"), pk=pk)
    if edition.is_paid:
        return redirect("courses:enrol_confirm", pk=edition.pk)
    try:
        enrolment = services.enrolment_create(
            edition=edition, person=request.user, actor=request.user
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        _enrolled_message(request, enrolment)
    return _back_to_course(request, edition)


@login_required
def enrol_confirm(request, pk: int):
    """The confirmation step of a paid course: price, who pays, cancellation terms."""
    edition = get_object_or_404(
        Edition.objects.select_related("course").filter(course__live=True), pk=pk
    )
    if not edition.is_paid:
        return _back_to_course(request, edition)
    form = EnrolmentPaymentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            enrolment = services.enrolment_create(
                edition=edition,
                person=request.user,
                actor=request.user,
                payment=services.PaymentConfirmation(
                    payer=data["payer"],
                    employer_name=data["employer_name"],
                    purchase_order=data["purchase_order"],
                    terms_accepted=data["terms_accepted"],
                ),
            )
        except ValidationError as error:
            form_refuse(form, error)
        else:
            _enrolled_message(request, enrolment)
            return _back_to_course(request, edition)
    context = {
        "edition": edition,
        "course": edition.course,
        "form": form,
        "refusal": edition.self_enrolment_refusal(),
        "full": edition.enrolments.filter(status=Enrolment.Status.ENROLLED).count()
        >= edition.capacity,
    }
    return render(request, "courses/enrol_confirm.html", context)


@require_POST
@login_required
def withdraw(request, pk: int):
    enrolment = get_object_or_404(Enrolment, pk=pk, person=request.user)
    try:
        services.enrolment_withdraw(enrolment=enrolment, actor=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Je bent uitgeschreven."))
    return _back_to_course(request, enrolment.edition)


# --- Provider: an edition's participants ------------------------------------------------------


@login_required
def provider_editions(request):
    editions = selectors.provider_dashboard(user=request.user)
    if not editions and not request.user.has_role(Role.PROVIDER_EDITOR):
        raise PermissionDenied
    return render(
        request,
        "courses/provider_editions.html",
        {"editions": editions, "fill_chart": charts.fill_rate_chart(editions)},
    )


@login_required
def edition_manage(request, pk: int):
    edition = _editable_edition(request, pk)
    email_form = EnrolByEmailForm(prefix="single")
    csv_form = EnrolCsvForm(prefix="csv")
    report = None
    if request.method == "POST" and "single-email" in request.POST:
        email_form = EnrolByEmailForm(request.POST, prefix="single")
        if email_form.is_valid():
            person = User.objects.filter(email__iexact=email_form.cleaned_data["email"]).first()
            if person is None:
                email_form.add_error("email", _("Er is geen account met dit e-mailadres."))
            else:
                try:
                    enrolment = services.enrolment_create(
                        edition=edition, person=person, actor=request.user
                    )
                except ValidationError as error:
                    email_form.add_error("email", error)
                else:
                    messages.success(
                        request,
                        _("%(email)s: %(status)s.")
                        % {"email": person.email, "status": enrolment.get_status_display()},
                    )
                    return redirect("courses:edition_manage", pk=edition.pk)
    elif request.method == "POST" and request.FILES.get("csv-file"):
        csv_form = EnrolCsvForm(request.POST, request.FILES, prefix="csv")
        if csv_form.is_valid():
            report = services.enrolments_import_csv(
                edition=edition, actor=request.user, data=csv_form.cleaned_data["file"].read()
            )
            if report.written:
                messages.success(
                    request, _("%(n)d deelnemers aangemeld.") % {"n": len(report.rows)}
                )
            else:
                messages.error(request, _("Het bestand bevat fouten: er is niemand aangemeld."))
    context = {
        "edition": edition,
        "course": edition.course,
        "email_form": email_form,
        "csv_form": csv_form,
        "report": report,
        "reason_form": ReasonForm(),
        "statuses": Attendance.Status.choices,
        **selectors.edition_participants(edition=edition),
    }
    return render(request, "courses/edition_manage.html", context)


@login_required
def attendance(request, pk: int):
    edition = _editable_edition(request, pk)
    if request.method == "POST":
        marks = {}
        for key, value in request.POST.items():
            if key.startswith("a-") and value:
                try:
                    enrolment_id, meeting_id = (int(part) for part in key[2:].split("-"))
                except ValueError:
                    continue
                marks[(enrolment_id, meeting_id)] = value
        try:
            completed = services.attendance_mark(edition=edition, actor=request.user, marks=marks)
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Aanwezigheid opgeslagen."))
            if completed:
                messages.success(
                    request,
                    _("%(n)d deelnemer(s) voldoen nu aan de afrondingsregel en zijn afgerond.")
                    % {"n": len(completed)},
                )
            return redirect("courses:attendance", pk=edition.pk)
    context = {
        "edition": edition,
        "course": edition.course,
        "statuses": Attendance.Status.choices,
        **selectors.edition_participants(edition=edition),
        "corrections": selectors.attendance_corrections(edition=edition),
    }
    context["open_meetings"] = [m for m in context["meetings"] if m.open_for_attendance]
    return render(request, "courses/attendance.html", context)


def _bulk_summary(request, outcome, done_text: str) -> None:
    messages.success(
        request,
        _("%(done)s: %(n_done)d. Overgeslagen: %(n_skipped)d.")
        % {"done": done_text, "n_done": len(outcome.done), "n_skipped": len(outcome.skipped)},
    )
    for enrolment, reason in outcome.skipped:
        person = enrolment.person
        messages.info(
            request,
            _("Overgeslagen: %(name)s (%(reason)s)")
            % {"name": person.get_full_name() or person.email, "reason": reason},
        )


@require_POST
@login_required
def attendance_all_present(request, pk: int):
    edition = _editable_edition(request, pk)
    form = AllPresentForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Kies een bijeenkomst."))
        outcome = services.attendance_mark_all_present(
            edition=edition, meeting_id=form.cleaned_data["meeting"], actor=request.user
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        _bulk_summary(request, outcome, _("Aanwezig gemeld"))
        if outcome.completed:
            messages.success(
                request,
                _("%(n)d deelnemer(s) voldoen nu aan de afrondingsregel en zijn afgerond.")
                % {"n": len(outcome.completed)},
            )
    return redirect("courses:attendance", pk=edition.pk)


@require_POST
@login_required
def completions_by_rule(request, pk: int):
    edition = _editable_edition(request, pk)
    try:
        outcome = services.completions_by_rule(edition=edition, actor=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        _bulk_summary(request, outcome, _("Afgerond volgens de afrondingsregel"))
    return redirect(local_next(request) or reverse("courses:edition_manage", args=[edition.pk]))


@require_POST
@login_required
def completion_complete(request, pk: int):
    enrolment = get_object_or_404(Enrolment.objects.select_related("edition"), pk=pk)
    _editable_edition(request, enrolment.edition_id)
    form = ReasonForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Geef een reden voor het afronden met de hand."))
        services.completion_create(
            enrolment=enrolment, actor=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("De deelnemer is afgerond."))
    return redirect("courses:edition_manage", pk=enrolment.edition_id)


@require_POST
@login_required
def completion_revoke(request, pk: int):
    completion = get_object_or_404(Completion, pk=pk)
    _editable_edition(request, completion.edition_id)
    form = ReasonForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Geef een reden voor de intrekking."))
        services.completion_revoke(
            completion=completion, actor=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("De afronding is ingetrokken."))
    return redirect("courses:edition_manage", pk=completion.edition_id)


@require_POST
@login_required
def edition_cancel(request, pk: int):
    edition = _editable_edition(request, pk)
    form = EditionCancelForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["reason"])
        services.edition_cancel(
            edition=edition, actor=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("De uitvoering is geannuleerd; de deelnemers zijn bericht."))
    return redirect("courses:edition_manage", pk=edition.pk)


@require_POST
@login_required
def reflection_decide(request, pk: int):
    reflection = get_object_or_404(Reflection.objects.select_related("enrolment"), pk=pk)
    _editable_edition(request, reflection.enrolment.edition_id)
    form = ReflectionDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.reflection_decide(
                reflection=reflection,
                actor=request.user,
                accept=form.cleaned_data["decision"] == "accept",
                feedback=form.cleaned_data["feedback"],
            )
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Het besluit over de reflectie is opgeslagen."))
    return redirect("courses:edition_manage", pk=reflection.enrolment.edition_id)


@login_required
def edition_export(request, pk: int, fmt: str):
    edition = _editable_edition(request, pk)
    if fmt not in exports.FORMATS:
        raise Http404
    if exports.export_row_count(edition) > exports.BACKGROUND_ROWS:
        services.edition_export_request(edition=edition, actor=request.user, fmt=fmt)
        messages.success(
            request, _("De export wordt op de achtergrond gemaakt; download hem hieronder.")
        )
        return redirect("courses:exports")
    response = HttpResponse(exports.export_bytes(edition, fmt), content_type=exports.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="uitvoering-{edition.pk}.{fmt}"'
    return response


@login_required
def export_list(request):
    files = ExportFile.objects.filter(requested_by=request.user).select_related("edition__course")
    return render(request, "courses/exports.html", {"exports": files.order_by("-created_at")})


@login_required
def export_download(request, pk: int):
    export = get_object_or_404(
        ExportFile, pk=pk, requested_by=request.user, status=ExportFile.Status.READY
    )
    return FileResponse(
        export.file.open("rb"), as_attachment=True, filename=export.file.name.split("/")[-1]
    )


# --- Lessons -------------------------------------------------------------------------------------


@require_POST
@login_required
def lesson_mark_done(request, pk: int):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=pk)
    try:
        services.lesson_done(person=request.user, lesson=lesson)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Les gemarkeerd als afgerond."))
    return redirect(lesson.get_url(request=request))


@require_POST
@login_required
def reflection_submit(request, pk: int):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=pk)
    form = ReflectionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.reflection_submit(
                person=request.user,
                lesson=lesson,
                text=form.cleaned_data["text"],
                file=form.cleaned_data.get("file"),
            )
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Je reflectie is ingeleverd."))
    else:
        messages.error(request, _("Schrijf je reflectie."))
    return redirect(lesson.get_url(request=request))


# --- Record of learning, certificates and outside activities -----------------------------------


@login_required
def record(request):
    form = OutsideActivityForm()
    if request.method == "POST":
        form = OutsideActivityForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.outside_activity_submit(person=request.user, **form.cleaned_data)
            except ValidationError as error:
                form_refuse(form, error)
            else:
                messages.success(request, _("De activiteit is ingediend bij het registerbureau."))
                return redirect("courses:record")
    context = {
        "record": selectors.learning_record(person=request.user),
        "form": form,
    }
    return render(request, "courses/record.html", context)


def _own_completion(request, pk: int) -> Completion:
    return get_object_or_404(
        Completion.objects.select_related("edition__course__provider", "person"),
        pk=pk,
        person=request.user,
    )


@login_required
def certificate_pdf(request, pk: int):
    completion = _own_completion(request, pk)
    if completion.is_revoked:
        raise Http404
    response = HttpResponse(
        certificates.certificate_pdf(completion), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="certificaat-{completion.verification_code}.pdf"'
    )
    return response


@login_required
def certificate_credential(request, pk: int, fmt: str):
    if fmt not in certificates.CREDENTIAL_FORMATS:
        raise Http404
    completion = _own_completion(request, pk)
    if completion.is_revoked:
        raise Http404
    name = f"certificaat-{completion.verification_code}.{fmt}"
    if fmt == "jwt":
        response = HttpResponse(
            certificates.credential_jwt(completion), content_type="application/jwt"
        )
    else:
        response = JsonResponse(
            certificates.credential_for(completion), json_dumps_params={"indent": 2}
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def verify_lookup(request):
    """Public: the certificate check's form. A valid code goes on to the certificate's own page
    (``verify``); a code that cannot be one gets a Dutch message here."""
    form = CertificateCheckForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return redirect("courses:verify", code=form.cleaned_data["code"])
    return render(request, "courses/verify_lookup.html", {"form": form})


def verify(request, code: str):
    """Public: is this certificate valid? Shows name, course, provider, date and points only."""
    completion = (
        Completion.objects.select_related("edition__course__provider", "person")
        .filter(verification_code=code.upper())
        .first()
    )
    return render(
        request,
        "courses/verify.html",
        {"completion": completion, "code": code},
        status=200 if completion else 404,
    )


@login_required
def evidence_download(request, pk: int):
    activity = get_object_or_404(OutsideActivity, pk=pk)
    if activity.person_id != request.user.pk and not is_register_office(request.user):
        raise Http404
    return FileResponse(
        activity.evidence.open("rb"),
        as_attachment=True,
        filename=activity.evidence.name.split("/")[-1],
    )


@login_required
def outside_activities_office(request):
    if not is_register_office(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = OutsideActivityDecisionForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                _refused(request, ValidationError(errors))
        else:
            try:
                services.outside_activity_decide(
                    activity=form.cleaned_data["activity"],
                    actor=request.user,
                    accept=form.cleaned_data["decision"] == "accept",
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                _refused(request, error)
            else:
                messages.success(request, _("Het besluit is opgeslagen."))
        return redirect("courses:outside_activities")
    pending = (
        OutsideActivity.objects.filter(status=OutsideActivity.Status.SUBMITTED)
        .select_related("person")
        .order_by("submitted_at")
    )
    decided = (
        OutsideActivity.objects.exclude(status=OutsideActivity.Status.SUBMITTED)
        .select_related("person", "decided_by")
        .order_by("-decided_at")[:50]
    )
    return render(
        request,
        "courses/outside_activities.html",
        {"pending": pending, "decided": decided, "form": OutsideActivityDecisionForm()},
    )


# --- Personal calendar ---------------------------------------------------------------------------


def personal_calendar(request, token: str):
    from .calendar import person_calendar

    feed = get_object_or_404(CalendarFeed.objects.select_related("person"), token=token)
    body = person_calendar(person=feed.person, domain=site_host())
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@require_POST
@login_required
def calendar_reset(request):
    services.calendar_feed_reset(person=request.user)
    messages.success(
        request, _("Je agenda heeft een nieuw geheim adres; het oude werkt niet meer.")
    )
    return redirect("dashboard:home")
