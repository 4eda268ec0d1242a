"""A practitioner's own register pages: status, application, dossier, decision, credential."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.selectors import code_version_current
from lms.accounts.selectors import is_register_office
from publications.models import PublicationPage

from .. import charts, selectors, services
from ..forms import ApplicationForm, ObjectionForm
from ..models import BallotageDecision, RegisterApplication, Registration
from ..pdf import application_dossier_pdf, decision_letter_pdf
from ._access import error_messages

ROWS_PER_PAGE = 50


@login_required
def my_status(request):
    status = selectors.register_status(person=request.user)
    latest_application = (
        RegisterApplication.objects.filter(person=request.user).order_by("-submitted_at").first()
    )
    return render(
        request,
        "register/my_status.html",
        {
            "status": status,
            "evaluation": status.evaluation,
            "application": latest_application,
            "registration": status.registration
            or selectors.current_registration(person=request.user),
            "newer_code": selectors.newer_code_than_accepted(person=request.user, on=status.on),
            "progress_charts": charts.progress_charts(selectors.progress_by_month(status))
            if status.entries
            else [],
        },
    )


@login_required
def my_status_entries(request, requirement: str):
    status = selectors.register_summary(person=request.user)
    try:
        result = status.evaluation.get(requirement)
    except StopIteration:
        raise Http404 from None
    rows = selectors.requirement_rows(status, requirement)
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "register/my_status_entries.html",
        {
            "status": status,
            "result": result,
            "page_obj": page,
            "rows": selectors.described(list(page.object_list)),
        },
    )


@login_required
def apply(request):
    code_version = code_version_current(on=timezone.localdate())
    form = ApplicationForm(request.POST or None, request.FILES or None, code_version=code_version)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("document")
        documents = [(form.cleaned_data.get("document_title") or "", upload)] if upload else []
        try:
            services.register_application_submit(
                actor=request.user,
                reflections=form.reflections(),
                code_version=form.accepted_code_version(),
                documents=documents,
            )
        except ValidationError as exc:
            error_messages(request, exc)
            form.ask_to_accept_again(code_version)
        else:
            messages.success(request, _("Je aanvraag is ingediend."))
            # To the status page, which confirms it and links the dossier: a PDF as the answer
            # to a form would hide the confirmation.
            return redirect("register:my_status")
    return render(
        request,
        "register/apply.html",
        {"form": form, "code_version": code_version},
    )


def _may_read_application(user, application: RegisterApplication) -> bool:
    if user.pk == application.person_id or is_register_office(user):
        return True
    return application.assignments.filter(reviewer=user, recusal__isnull=True).exists()


@login_required
def dossier(request, pk: int):
    application = get_object_or_404(RegisterApplication.objects.select_related("person"), pk=pk)
    if not _may_read_application(request.user, application):
        raise PermissionDenied(_("Deze aanvraag is niet voor jou."))
    pdf = application_dossier_pdf(application=application)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="dossier-{application.pk}.pdf"'
    return response


def _decision_for(request, pk: int) -> BallotageDecision:
    decision = get_object_or_404(
        BallotageDecision.objects.select_related("application__person", "policy"), pk=pk
    )
    if not (request.user.pk == decision.application.person_id or is_register_office(request.user)):
        raise PermissionDenied(_("Dit besluit is niet voor jou."))
    return decision


@login_required
def decision_letter(request, pk: int):
    decision = _decision_for(request, pk)
    response = HttpResponse(decision_letter_pdf(decision=decision), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="besluit-{decision.pk}.pdf"'
    return response


@login_required
def objection(request, pk: int):
    decision = _decision_for(request, pk)
    form = ObjectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.objection_submit(
                actor=request.user, decision=decision, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            error_messages(request, exc)
        else:
            messages.success(request, _("Je bezwaar is ontvangen; er volgt een nieuwe ballotage."))
            return redirect("register:my_status")
    return render(
        request,
        "register/objection.html",
        {
            "decision": decision,
            "form": form,
            "last_day": selectors.objection_last_day(decision),
        },
    )


@login_required
def credential(request, number: str):
    found = get_object_or_404(Registration, number=number, person=request.user)
    response = HttpResponse(found.credential, content_type="application/jwt")
    response["Content-Disposition"] = f'attachment; filename="registratie-{found.number}.jwt"'
    return response


@login_required
@require_POST
def publication_claim(request, pk: int):
    """An author reports a publication as outside activity; the office decides on it."""
    publication = get_object_or_404(PublicationPage.objects.live().public(), pk=pk)
    try:
        services.publication_claim(person=request.user, publication=publication)
    except ValidationError as exc:
        error_messages(request, exc)
    else:
        messages.success(
            request,
            _(
                "De publicatie is opgevoerd; het registerbureau beoordeelt haar als externe activiteit."
            ),
        )
    return redirect(publication.url)
