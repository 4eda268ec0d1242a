"""The practice log and its attestation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..forms import (
    PracticeMonthForm,
    PracticeMonthsChoiceForm,
)
from ..models import (
    PracticeMonth,
)
from ._access import (
    _add_errors,
    _error_message,
    _outcome_messages,
)


@login_required
def practice_months(request):
    form = PracticeMonthForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.practice_month_log(
                actor=request.user, month=form.cleaned_data["month"], minutes=form.minutes()
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("De maand is opgeslagen en wacht op attestatie."))
            return redirect("mentoring:practice_months")
    months = list(selectors.practice_months_of(person=request.user))
    counting = set(
        selectors.counting_practice_months()
        .filter(person=request.user)
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "mentoring/practice_months.html",
        {
            "form": form,
            "months": months,
            "counting": counting,
            "attested_minutes": selectors.attested_minutes(person=request.user),
        },
    )


@login_required
def practice_attest_list(request):
    months = list(selectors.practice_months_to_attest(actor=request.user))
    return render(request, "mentoring/practice_attest.html", {"months": months})


@login_required
@require_POST
def practice_attest(request, pk):
    record = get_object_or_404(PracticeMonth, pk=pk)
    try:
        services.practice_month_attest(actor=request.user, practice_month=record)
        messages.success(request, _("De maand is geattesteerd."))
    except ValidationError as exc:
        _error_message(request, exc)
    return redirect("mentoring:practice_attest")


@login_required
@require_POST
def practice_attest_selected(request):
    """Attest the months ticked on the list at once; what could not be attested is named."""
    form = PracticeMonthsChoiceForm(
        request.POST, months=selectors.practice_months_in_care_of(actor=request.user)
    )
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("mentoring:practice_attest")
    outcome = services.practice_months_attest(
        actor=request.user, practice_months=form.cleaned_data["months"]
    )
    _outcome_messages(
        request,
        outcome,
        ngettext("%(n)s maand geattesteerd.", "%(n)s maanden geattesteerd.", len(outcome.done))
        % {"n": len(outcome.done)},
    )
    return redirect("mentoring:practice_attest")
