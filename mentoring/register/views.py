"""The register's pages: HTTP only. Services write, selectors and eligibility read."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.accounts.models import Role

from ..kinds import Approach
from ..services._common import _is_office
from . import application as application_services
from . import ballotage, registration
from .eligibility import REQUIREMENTS, status_of
from .letters import decision_letter_pdf
from .models import BallotageDecision, BallotageVote, RegisterApplication, ReviewerAssignment
from .policy import policy_in_force

SOURCE_LABELS = {
    "practice_month": gettext_lazy("praktijkmaand"),
    "coaching_session": gettext_lazy("coachingsgesprek"),
    "completion": gettext_lazy("afgeronde cursus"),
    "outside_activity": gettext_lazy("externe activiteit"),
}


def _office_required(request):
    if not _is_office(request.user):
        raise PermissionDenied(_("Deze pagina is voor het registerbureau."))


def _messages(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@login_required
def my_status(request):
    today = timezone.localdate()
    policy = policy_in_force(on=today)
    evaluation = status_of(person=request.user, on=today, policy=policy)
    open_application = (
        RegisterApplication.objects.filter(person=request.user).order_by("-submitted_at").first()
    )
    return render(
        request,
        "register/my_status.html",
        {
            "evaluation": evaluation,
            "policy": policy,
            "today": today,
            "application": open_application,
            "registration": registration.current_registration(person=request.user),
        },
    )


@login_required
def my_status_entries(request, requirement: str):
    if requirement not in REQUIREMENTS:
        raise Http404
    today = timezone.localdate()
    policy = policy_in_force(on=today)
    evaluation = status_of(person=request.user, on=today, policy=policy)
    result = evaluation.get(requirement)
    rows = [(e, SOURCE_LABELS[e.source]) for e in result.entries]
    return render(
        request,
        "register/my_status_entries.html",
        {"result": result, "rows": rows, "policy": policy, "today": today},
    )


class ApplicationForm(forms.Form):
    document = forms.FileField(label=gettext_lazy("Document (optioneel)"), required=False)
    document_title = forms.CharField(
        label=gettext_lazy("Titel van het document"), required=False, max_length=200
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in Approach.choices:
            self.fields[f"reflection_{code}"] = forms.CharField(
                label=_("Reflectie: %(approach)s") % {"approach": label},
                widget=forms.Textarea(attrs={"rows": 5}),
            )

    def reflections(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"reflection_{code}", "") for code in Approach.values}


@login_required
def apply(request):
    form = ApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("document")
        documents = [(form.cleaned_data.get("document_title") or "", upload)] if upload else []
        try:
            application_services.register_application_submit(
                actor=request.user, reflections=form.reflections(), documents=documents
            )
        except ValidationError as exc:
            _messages(request, exc)
        else:
            messages.success(request, _("Je aanvraag is ingediend."))
            # To the status page, which confirms it and links the dossier: a PDF as the answer
            # to a form would hide the confirmation.
            return redirect("register:my_status")
    return render(request, "register/apply.html", {"form": form})


def _may_read_application(user, application: RegisterApplication) -> bool:
    if user.pk == application.person_id or _is_office(user):
        return True
    return application.assignments.filter(reviewer=user, recusal__isnull=True).exists()


@login_required
def dossier(request, pk: int):
    application = get_object_or_404(RegisterApplication.objects.select_related("person"), pk=pk)
    if not _may_read_application(request.user, application):
        raise PermissionDenied(_("Deze aanvraag is niet voor jou."))
    pdf = application_services.application_dossier_pdf(application=application)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="dossier-{application.pk}.pdf"'
    return response


@login_required
def office(request):
    _office_required(request)
    applications = RegisterApplication.objects.select_related("person", "policy").order_by(
        "state", "submitted_at"
    )
    return render(request, "register/office.html", {"applications": applications})


class CheckForm(forms.Form):
    remarks = forms.CharField(
        label=gettext_lazy("Opmerkingen"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


def _ids(values) -> list[int]:
    """The values that can be ids; anything else (a word, "²", a number past 64 bits, which
    SQLite cannot bind) names nobody."""
    found = []
    for value in values:
        try:
            number = int(value)
        except ValueError:
            continue
        if 0 < number < 2**63:
            found.append(number)
    return found


@login_required
def office_application(request, pk: int):
    _office_required(request)
    application = get_object_or_404(RegisterApplication.objects.select_related("person"), pk=pk)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action in ("complete", "return"):
                check_form = CheckForm(request.POST)
                if not check_form.is_valid():
                    raise ValidationError(check_form.errors["remarks"])
                application_services.register_application_check(
                    actor=request.user,
                    application=application,
                    complete=action == "complete",
                    remarks=check_form.cleaned_data["remarks"],
                )
            elif action == "assign":
                ids = _ids(request.POST.getlist("reviewers"))
                from lms.accounts.models import User

                ballotage.reviewers_assign(
                    actor=request.user,
                    application=application,
                    reviewers=list(User.objects.filter(pk__in=ids)),
                )
            elif action == "decide":
                ballotage.ballotage_decide(actor=request.user, application=application)
            elif action == "register":
                decision = application.decisions.order_by("-round").first()
                if decision is None:
                    raise ValidationError(_("Er is nog geen besluit."))
                registration.registration_create(actor=request.user, decision=decision)
            else:
                raise ValidationError(_("Onbekende handeling."))
        except ValidationError as exc:
            _messages(request, exc)
        else:
            messages.success(request, _("Vastgelegd."))
            return redirect("register:office_application", application.pk)
    application.refresh_from_db()
    assignments = list(
        application.assignments.select_related("reviewer", "vote", "recusal").order_by(
            "round", "pk"
        )
    )
    return render(
        request,
        "register/office_application.html",
        {
            "application": application,
            "checks": application.checks.select_related("checked_by").order_by("checked_at"),
            "assignments": assignments,
            "offered": ballotage.reviewers_offered(application=application)
            if application.state == RegisterApplication.State.IN_BALLOTAGE
            else [],
            "decisions": application.decisions.order_by("round"),
            "check_form": CheckForm(),
        },
    )


@login_required
def reviews(request):
    if not request.user.has_role(Role.BOARD_MEMBER):
        raise PermissionDenied(_("Deze pagina is voor leden van het College van Toezicht."))
    assignments = (
        ReviewerAssignment.objects.filter(reviewer=request.user, recusal__isnull=True)
        .select_related("application__person", "vote")
        .order_by("-assigned_at")
    )
    return render(request, "register/reviews.html", {"assignments": assignments})


class VoteForm(forms.Form):
    value = forms.ChoiceField(
        label=gettext_lazy("Stem"), choices=BallotageVote.Value.choices, widget=forms.RadioSelect
    )
    motivation = forms.CharField(label=gettext_lazy("Motivering"), widget=forms.Textarea)


class RecuseForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Waarom heb je een belang?"), widget=forms.Textarea(attrs={"rows": 3})
    )


@login_required
def review(request, pk: int):
    assignment = get_object_or_404(
        ReviewerAssignment.objects.select_related("application__person", "recusal"), pk=pk
    )
    # Who withdrew for a conflict of interest reads no more of it: not the votes, as not the
    # dossier (DOMAIN.md, "Conflict of interest").
    if assignment.reviewer_id != request.user.pk or hasattr(assignment, "recusal"):
        raise PermissionDenied(_("Deze beoordeling is niet aan jou toegewezen."))
    application = assignment.application
    vote_form = VoteForm(request.POST if request.POST.get("action") == "vote" else None)
    recuse_form = RecuseForm(request.POST if request.POST.get("action") == "recuse" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "vote" and vote_form.is_valid():
                ballotage.ballotage_vote(
                    actor=request.user,
                    assignment=assignment,
                    value=vote_form.cleaned_data["value"],
                    motivation=vote_form.cleaned_data["motivation"],
                )
                messages.success(request, _("Je stem is vastgelegd."))
                return redirect("register:review", assignment.pk)
            if request.POST.get("action") == "recuse" and recuse_form.is_valid():
                ballotage.reviewer_recuse(
                    actor=request.user,
                    assignment=assignment,
                    reason=recuse_form.cleaned_data["reason"],
                )
                messages.success(request, _("Je hebt je teruggetrokken uit deze beoordeling."))
                return redirect("register:reviews")
        except ValidationError as exc:
            _messages(request, exc)
    return render(
        request,
        "register/review.html",
        {
            "assignment": assignment,
            "application": application,
            "votes": ballotage.votes_visible_to(user=request.user, assignment=assignment),
            "has_voted": BallotageVote.objects.filter(assignment=assignment).exists(),
            "vote_form": vote_form,
            "recuse_form": recuse_form,
        },
    )


def _decision_for(request, pk: int) -> BallotageDecision:
    decision = get_object_or_404(
        BallotageDecision.objects.select_related("application__person", "policy"), pk=pk
    )
    if not (request.user.pk == decision.application.person_id or _is_office(request.user)):
        raise PermissionDenied(_("Dit besluit is niet voor jou."))
    return decision


@login_required
def decision_letter(request, pk: int):
    decision = _decision_for(request, pk)
    response = HttpResponse(decision_letter_pdf(decision=decision), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="besluit-{decision.pk}.pdf"'
    return response


class ObjectionForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reden van bezwaar"), widget=forms.Textarea)


@login_required
def objection(request, pk: int):
    decision = _decision_for(request, pk)
    form = ObjectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ballotage.objection_submit(
                actor=request.user, decision=decision, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            _messages(request, exc)
        else:
            messages.success(request, _("Je bezwaar is ontvangen; er volgt een nieuwe ballotage."))
            return redirect("register:my_status")
    return render(request, "register/objection.html", {"decision": decision, "form": form})


def public(request):
    """The public register: no login; name, number, status and validity, nothing else."""
    query = request.GET.get("q", "")[:100]
    if "\x00" in query:  # no name, number or city holds one, and PostgreSQL refuses it
        query = ""
    entries = list(registration.public_register(query=query)[:200]) if query else []
    return render(request, "register/public.html", {"query": query, "entries": entries})


@login_required
def credential(request, number: str):
    found = get_object_or_404(registration.Registration, number=number, person=request.user)
    response = HttpResponse(found.credential, content_type="application/jwt")
    response["Content-Disposition"] = f'attachment; filename="registratie-{found.number}.jwt"'
    return response
