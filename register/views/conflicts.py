"""Conflicts of interest: anyone declares their own, the register office records any pair and
answers the requests, and reads per pair what the two did for each other before.

The page keeps its address in the coaching section (/coaching/belangen/), where people have
always found it; it lives in the register because the office's page of a pair reads every
app (``conflict_pair_history``), which only the register may.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django_ratelimit.decorators import ratelimit

from lms.accounts import selectors as accounts_selectors
from lms.accounts import services as accounts_services
from lms.accounts.models import ConflictOfInterest
from lms.accounts.selectors import is_register_office

from .. import selectors
from ..forms import ConflictDecisionForm, ConflictForm, OfficeConflictForm
from ._access import form_errors, office_required

CONFLICTS_PER_PAGE = 50
# A person rarely has more than a few conflicts to declare; a burst of declarations is someone
# trying addresses. The office records pairs without a limit.
DECLARATIONS_PER_HOUR = "10/h"


def declaration_rate(group, request) -> str | None:
    return None if is_register_office(request.user) else DECLARATIONS_PER_HOUR


@login_required
@ratelimit(key="user", rate=declaration_rate, method="POST", block=False)
def conflicts(request):
    """Declare a conflict of interest, and see those one is in. The office records them
    between any two people, sees them all, and answers the requests."""
    office = is_register_office(request.user)
    form = (OfficeConflictForm if office else ConflictForm)(request.POST or None)
    status = 200
    if request.method == "POST" and getattr(request, "limited", False):
        form.add_error(
            None,
            _(
                "Je hebt het afgelopen uur al veel meldingen gedaan. Probeer het later opnieuw, "
                "of neem contact op met het registerbureau."
            ),
        )
        status = 429
    elif request.method == "POST" and form.is_valid():
        record = _office_records if office else _person_declares
        if record(request, form):
            return redirect("conflicts")
    listed = (
        accounts_selectors.conflicts_all()
        if office
        else accounts_selectors.conflicts_involving(user=request.user)
    )
    page = Paginator(listed, CONFLICTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "register/conflicts.html",
        {"form": form, "page_obj": page, "office": office},
        status=status,
    )


def _person_declares(request, form) -> bool:
    data = form.cleaned_data
    try:
        accounts_services.conflict_declare(
            actor=request.user,
            person=request.user,
            other_email=data["email"],
            reason=data["reason"],
        )
    except ValidationError as exc:
        form_errors(form, exc, fields={"other_email": "email"})
        return False
    # The same answer whether the address has an account or not, and without a name: the page
    # must not tell who is on the platform (the list shows the address as typed).
    messages.success(
        request,
        _(
            "Je melding is ontvangen. Een melding die alleen jou ervan weerhoudt iets voor de "
            "ander te doen, geldt meteen; een melding die de ander ervan weerhoudt jou te "
            "beoordelen, legt het registerbureau eerst ter bevestiging voor."
        ),
    )
    return True


def _office_records(request, form) -> bool:
    data = form.cleaned_data
    first = accounts_selectors.person_by_email(data["person_email"])
    other = accounts_selectors.person_by_email(data["email"])
    for field, found in (("person_email", first), ("email", other)):
        if found is None:
            form.add_error(field, _("Er is geen account met dit e-mailadres."))
    if first is None or other is None:
        return False
    try:
        accounts_services.conflict_declare(
            actor=request.user, person=first, other=other, reason=data["reason"]
        )
    except ValidationError as exc:
        form_errors(form, exc)
        return False
    messages.success(
        request,
        _(
            "Vastgelegd: %(first)s en %(other)s beoordelen, begeleiden of bevestigen vanaf nu "
            "niets voor elkaar."
        )
        % {"first": first, "other": other},
    )
    return True


@login_required
def conflict(request, pk: int):
    """The office's page of one pair: the declaration, its state, the answer to a request, and
    what the two did for each other before."""
    office_required(request)
    conflict = get_object_or_404(
        ConflictOfInterest.objects.select_related("person", "other", "declared_by", "decided_by"),
        pk=pk,
    )
    form = ConflictDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action")
        try:
            if action not in ("confirm", "reject"):
                raise ValidationError(_("Onbekende handeling."))
            accounts_services.conflict_decide(
                actor=request.user,
                conflict=conflict,
                confirm=action == "confirm",
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Vastgelegd."))
            return redirect("conflict", conflict.pk)
    return render(
        request,
        "register/conflict.html",
        {
            "conflict": conflict,
            "form": form,
            "history": selectors.conflict_pair_history(conflict=conflict),
        },
    )
