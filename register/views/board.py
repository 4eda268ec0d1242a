"""The College's reviews of register applications: vote, or step back for a conflict."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lms.accounts.selectors import is_board_member

from .. import selectors, services
from ..forms import RecuseForm, VoteForm
from ..models import BallotageVote, ReviewerAssignment
from ._access import error_messages


@login_required
def reviews(request):
    if not is_board_member(request.user):
        raise PermissionDenied(_("Deze pagina is voor leden van het College van Toezicht."))
    assignments = (
        ReviewerAssignment.objects.filter(reviewer=request.user, recusal__isnull=True)
        .select_related("application__person", "vote")
        .order_by("-assigned_at")
    )
    return render(request, "register/reviews.html", {"assignments": assignments})


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
                services.ballotage_vote(
                    actor=request.user,
                    assignment=assignment,
                    value=vote_form.cleaned_data["value"],
                    motivation=vote_form.cleaned_data["motivation"],
                )
                messages.success(request, _("Je stem is vastgelegd."))
                return redirect("register:review", assignment.pk)
            if request.POST.get("action") == "recuse" and recuse_form.is_valid():
                services.reviewer_recuse(
                    actor=request.user,
                    assignment=assignment,
                    reason=recuse_form.cleaned_data["reason"],
                )
                messages.success(request, _("Je hebt je teruggetrokken uit deze beoordeling."))
                return redirect("register:reviews")
        except ValidationError as exc:
            error_messages(request, exc)
    return render(
        request,
        "register/review.html",
        {
            "assignment": assignment,
            "application": application,
            "votes": selectors.votes_visible_to(user=request.user, assignment=assignment),
            "has_voted": BallotageVote.objects.filter(assignment=assignment).exists(),
            "vote_form": vote_form,
            "recuse_form": recuse_form,
            "code_acceptance": selectors.code_acceptance_of(application),
        },
    )
