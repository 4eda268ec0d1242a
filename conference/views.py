"""Views of the Vakconferentie that are not its Wagtail page: registering and "Mijn
Vakconferentie", the badge, the desk, proposals and their review.

Views only translate HTTP to services and selectors; the rules live in ``services``.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.forms import form_refuse

from . import badge, selectors, services
from .forms import (
    AcceptForm,
    ChoiceChangeForm,
    DeskSearchForm,
    ProposalForm,
    RegistrationForm,
    ReviewForm,
)
from .models import ConferencePage, Proposal, Registration


def _conference(pk: int) -> ConferencePage:
    return get_object_or_404(ConferencePage.objects.live().public(), pk=pk)


def _refused(request, error: ValidationError, form=None) -> None:
    if form is not None and hasattr(error, "error_dict"):
        form_refuse(form, error)
        return
    for message in error.messages:
        messages.error(request, message)


def _mine(conference: ConferencePage) -> str:
    return reverse("conference:mine", args=[conference.pk])


# --- Registering ------------------------------------------------------------------------------


@login_required
def register(request, pk: int):
    conference = _conference(pk)
    registration = selectors.registration_for(conference=conference, user=request.user)
    if registration is not None and registration.is_active:
        return redirect(_mine(conference))
    programme = selectors.conference_programme(conference)
    form = RegistrationForm(request.POST or None, rounds=programme["rounds"])
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_create(
                conference=conference,
                person=request.user,
                choices=form.choices(),
                payer=form.cleaned_data["payer"],
                employer_name=form.cleaned_data["employer_name"],
                purchase_order=form.cleaned_data["purchase_order"],
            )
        except ValidationError as error:
            _refused(request, error, form)
        else:
            messages.success(request, _("Je bent aangemeld voor de Vakconferentie."))
            return redirect(_mine(conference))
    return render(
        request,
        "conference/register.html",
        {
            "conference": conference,
            "form": form,
            "registration_open": selectors.registration_open(conference),
        },
    )


@login_required
def mine(request, pk: int):
    conference = _conference(pk)
    context = selectors.my_conference(conference=conference, user=request.user)
    programme = selectors.conference_programme(conference)
    chosen = {choice.round_id: choice for choice in context["choices"]}
    context["change_forms"] = [
        (
            rp,
            chosen.get(rp.round.pk),
            ChoiceChangeForm(
                programme=rp,
                initial={
                    "workshop": chosen[rp.round.pk].workshop_id if rp.round.pk in chosen else None
                },
                prefix=f"r{rp.round.pk}",
            ),
        )
        for rp in programme["rounds"]
    ]
    return render(request, "conference/mine.html", context)


def _own_registration(request, pk: int) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("conference", "person"), pk=pk, person=request.user
    )


@require_POST
@login_required
def choice_change(request, pk: int):
    registration = _own_registration(request, pk)
    conference = registration.conference
    round_id = request.POST.get("round", "")
    programme = next(
        (
            rp
            for rp in selectors.conference_programme(conference)["rounds"]
            if str(rp.round.pk) == round_id
        ),
        None,
    )
    if programme is None:
        messages.error(request, _("Kies per ronde een workshop uit die ronde."))
        return redirect(_mine(conference))
    form = ChoiceChangeForm(request.POST, programme=programme, prefix=f"r{round_id}")
    if not form.is_valid():
        messages.error(request, _("Kies per ronde een workshop uit die ronde."))
        return redirect(_mine(conference))
    try:
        choice = services.choice_change(
            registration=registration,
            actor=request.user,
            round_id=programme.round.pk,
            workshop_id=form.cleaned_data["workshop"],
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        if choice is not None and choice.status == choice.Status.WAITING:
            messages.success(request, _("Deze workshop is vol: je staat op de wachtlijst."))
        else:
            messages.success(request, _("Je keuze is opgeslagen."))
    return redirect(_mine(conference))


@require_POST
@login_required
def cancel(request, pk: int):
    registration = _own_registration(request, pk)
    try:
        services.registration_cancel(registration=registration, actor=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Je aanmelding is geannuleerd."))
    return redirect(_mine(registration.conference))


@login_required
def badge_pdf(request, pk: int):
    registration = _own_registration(request, pk)
    if not registration.is_active:
        raise Http404
    response = HttpResponse(badge.badge_pdf(registration), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="badge-vakconferentie.pdf"'
    return response


# --- The desk ---------------------------------------------------------------------------------


def _desk(request):
    if not selectors.may_work_desk(request.user):
        raise PermissionDenied


@login_required
def desk(request, pk: int):
    _desk(request)
    conference = _conference(pk)
    form = DeskSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    return render(
        request,
        "conference/desk.html",
        {
            "conference": conference,
            "form": form,
            "query": query,
            "registrations": selectors.desk_search(conference=conference, query=query),
        },
    )


@require_POST
@login_required
def desk_check_in(request, pk: int):
    _desk(request)
    registration = get_object_or_404(Registration.objects.select_related("person"), pk=pk)
    try:
        services.registration_check_in(registration=registration, actor=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        name = registration.person.get_full_name() or registration.person.email
        messages.success(request, _("%(name)s is ingecheckt.") % {"name": name})
    query = request.POST.get("q", "")[:100]
    url = reverse("conference:desk", args=[registration.conference_id])
    return redirect(f"{url}?{urlencode({'q': query})}" if query else url)


@login_required
def check_in_token(request, token: str):
    """Where the badge's QR code leads: the desk confirms with one button."""
    _desk(request)
    registration = selectors.registration_by_token(token=token)
    if registration is None:
        raise Http404
    if request.method == "POST":
        try:
            services.registration_check_in(registration=registration, actor=request.user)
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Ingecheckt."))
        return redirect(request.path)
    return render(
        request,
        "conference/check_in.html",
        {
            "registration": registration,
            "conference": registration.conference,
            "organisation": selectors.organisation_name(registration.person),
        },
    )


# --- Proposals --------------------------------------------------------------------------------


@login_required
def proposal_new(request, pk: int):
    conference = _conference(pk)
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_submit(
                conference=conference, person=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _refused(request, error, form)
        else:
            messages.success(request, _("Je voorstel is ingediend. Dank je wel!"))
            return redirect(conference.get_url(request=request) or "/")
    return render(
        request,
        "conference/proposal_new.html",
        {
            "conference": conference,
            "form": form,
            "proposals_open": selectors.proposals_open(conference),
        },
    )


@login_required
def proposals(request, pk: int):
    conference = _conference(pk)
    if selectors.may_review_proposals(request.user):
        rows = selectors.proposals_for_reviewer(user=request.user, conference=conference)
    elif selectors.may_decide_proposals(request.user):
        rows = selectors.proposals_for_office(conference=conference)
    else:
        raise PermissionDenied
    return render(
        request, "conference/proposals.html", {"conference": conference, "proposals": rows}
    )


@login_required
def proposal_detail(request, pk: int):
    proposal = get_object_or_404(
        Proposal.objects.select_related("conference", "submitted_by", "workshop"), pk=pk
    )
    user = request.user
    if not selectors.may_decide_proposals(user):
        raise PermissionDenied
    may_review = selectors.may_review_proposals(user)
    if selectors.review_conflict(user=user, proposal=proposal):
        # Refused, not only hidden: the same rule the service applies.
        raise PermissionDenied(_("Je hebt belang bij dit voorstel en kunt het niet beoordelen."))
    conference = proposal.conference
    rounds = conference.rounds.all()
    review_form = ReviewForm(request.POST if "review" in request.POST else None)
    accept_form = AcceptForm(request.POST if "accept" in request.POST else None, rounds=rounds)
    if request.method == "POST":
        try:
            if "review" in request.POST and may_review and review_form.is_valid():
                services.proposal_review(
                    proposal=proposal,
                    reviewer=user,
                    score=review_form.cleaned_data["score"],
                    comment=review_form.cleaned_data["comment"],
                )
                messages.success(request, _("Je beoordeling is opgeslagen."))
                return redirect(request.path)
            if "accept" in request.POST and accept_form.is_valid():
                services.proposal_accept(
                    proposal=proposal,
                    actor=user,
                    round_id=accept_form.cleaned_data["round"],
                    room=accept_form.cleaned_data["room"],
                    capacity=accept_form.cleaned_data["capacity"],
                )
                messages.success(
                    request, _("Het voorstel is geaccepteerd en staat in het programma.")
                )
                return redirect(request.path)
            if "reject" in request.POST:
                services.proposal_reject(proposal=proposal, actor=user)
                messages.success(request, _("Het voorstel is afgewezen."))
                return redirect(request.path)
        except ValidationError as error:
            _refused(request, error)
    reviews = list(proposal.reviews.select_related("reviewer").order_by("reviewed_at"))
    return render(
        request,
        "conference/proposal_detail.html",
        {
            "proposal": proposal,
            "conference": conference,
            "reviews": reviews,
            "may_review": may_review and not any(r.reviewer_id == user.pk for r in reviews),
            "review_form": review_form,
            "accept_form": accept_form,
            "co_presenters": [p.person for p in proposal.presenters.select_related("person")],
        },
    )
