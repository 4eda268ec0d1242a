"""HTTP only: the Atom feed lives in ``feeds``, rules in ``services``, reads in ``selectors``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lms.accounts.selectors import is_board_member, is_register_office
from lms.links import absolute_url, page_url

from . import citations, selectors, services
from .forms import (
    ManuscriptDecisionForm,
    ManuscriptForm,
    ManuscriptReviewForm,
    ReviewersAssignForm,
)
from .models import Manuscript, ManuscriptReview, PublicationPage


def _form_errors(form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for name, errors in exc.message_dict.items():
        form.add_error(name if name in form.fields else None, errors)


# --- Citations -----------------------------------------------------------------------------------


def _citation(request, pk: int, *, build, content_type: str, extension: str) -> HttpResponse:
    publication = get_object_or_404(PublicationPage.objects.live().public(), pk=pk)
    url = page_url(publication, request=request) or absolute_url("/")
    response = HttpResponse(build(publication, url=url), content_type=content_type)
    filename = citations.citation_filename(publication, extension)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def citation_ris(request, pk: int):
    return _citation(
        request, pk, build=citations.ris, content_type=citations.RIS_CONTENT_TYPE, extension="ris"
    )


@require_GET
def citation_bibtex(request, pk: int):
    return _citation(
        request,
        pk,
        build=citations.bibtex,
        content_type=citations.BIBTEX_CONTENT_TYPE,
        extension="bib",
    )


# --- The author's manuscripts --------------------------------------------------------------------


@login_required
def manuscripts(request):
    form = ManuscriptForm()
    if request.method == "POST":
        form = ManuscriptForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                manuscript = services.manuscript_submit(author=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, _("Je manuscript is ingediend bij het College."))
                return redirect("publications:manuscript", manuscript.pk)
    return render(
        request,
        "publications/manuscripts.html",
        {"manuscripts": selectors.manuscripts_of(author=request.user), "form": form},
    )


@login_required
def manuscript(request, pk: int):
    found = get_object_or_404(Manuscript.objects.select_related("author"), pk=pk)
    if found.author_id != request.user.pk:
        raise Http404
    return render(
        request,
        "publications/manuscript.html",
        {
            "manuscript": found,
            "advice": selectors.manuscript_advice_visible(manuscript=found),
        },
    )


@login_required
def manuscript_file(request, pk: int):
    found = get_object_or_404(Manuscript, pk=pk)
    if not selectors.manuscript_may_read(user=request.user, manuscript=found):
        raise Http404
    return FileResponse(
        found.file.open("rb"), as_attachment=True, filename=found.file.name.split("/")[-1]
    )


# --- The College's advice --------------------------------------------------------------------------


@login_required
def reviews(request):
    if not is_board_member(request.user):
        raise PermissionDenied(_("Deze pagina is voor leden van het College van Toezicht."))
    return render(
        request,
        "publications/reviews.html",
        {"reviews": selectors.manuscript_reviews_for_reviewer(reviewer=request.user)},
    )


@login_required
def review(request, pk: int):
    found = get_object_or_404(
        ManuscriptReview.objects.select_related("manuscript", "manuscript__author"), pk=pk
    )
    if found.reviewer_id != request.user.pk or not is_board_member(request.user):
        raise PermissionDenied(_("Dit advies is niet aan jou gevraagd."))
    form = ManuscriptReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.manuscript_advise(actor=request.user, review=found, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Je advies is vastgelegd."))
            return redirect("publications:reviews")
    return render(request, "publications/review.html", {"review": found, "form": form})


# --- The register office -----------------------------------------------------------------------------


def _office_required(request) -> None:
    if not is_register_office(request.user):
        raise PermissionDenied(_("Deze pagina is voor het registerbureau."))


@login_required
def office_manuscripts(request):
    _office_required(request)
    return render(
        request,
        "publications/office_manuscripts.html",
        {"manuscripts": selectors.manuscripts_for_office()},
    )


@login_required
def office_manuscript(request, pk: int):
    _office_required(request)
    found = get_object_or_404(
        Manuscript.objects.select_related("author").prefetch_related("reviews__reviewer"), pk=pk
    )
    offered = selectors.manuscript_reviewers_offered(manuscript=found)
    action = request.POST.get("action")
    assign_form = ReviewersAssignForm(request.POST if action == "assign" else None, offered=offered)
    decision_form = ManuscriptDecisionForm(request.POST if action == "decide" else None)
    if request.method == "POST":
        try:
            if action == "assign" and assign_form.is_valid():
                services.manuscript_reviewers_assign(
                    actor=request.user,
                    manuscript=found,
                    reviewers=assign_form.cleaned_data["reviewers"],
                )
                messages.success(request, _("De leden van het College zijn gevraagd."))
                return redirect("publications:office_manuscript", found.pk)
            if action == "decide" and decision_form.is_valid():
                services.manuscript_decide(
                    actor=request.user,
                    manuscript=found,
                    decision=decision_form.cleaned_data["decision"],
                    note=decision_form.cleaned_data["note"],
                )
                messages.success(request, _("Het advies is vastgelegd en de auteur bericht."))
                return redirect("publications:office_manuscript", found.pk)
        except ValidationError as exc:
            _form_errors(assign_form if action == "assign" else decision_form, exc)
    return render(
        request,
        "publications/office_manuscript.html",
        {
            "manuscript": found,
            "reviews": list(found.reviews.all()),
            "assign_form": assign_form,
            "decision_form": decision_form,
        },
    )
