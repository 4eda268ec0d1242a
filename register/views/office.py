"""The register office's pages: applications, completeness, reviewers, decisions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lms import exports
from lms.accounts.models import User

from .. import charts, selectors, services
from ..forms import CheckForm
from ..models import RegisterApplication
from ._access import error_messages, office_required


@login_required
def reports(request):
    office_required(request)
    today = timezone.localdate()
    reports = [make(today) for make in selectors.REPORTS.values()]
    # The report of the months is drawn, with its table beside the chart.
    activity = next(r for r in reports if r.slug == selectors.ACTIVITY_REPORT)
    return render(
        request,
        "register/reports.html",
        {
            "reports": [r for r in reports if r is not activity],
            "activity_chart": charts.activity_chart(activity),
            "today": today,
        },
    )


@login_required
def report_csv(request, slug: str):
    office_required(request)
    make = selectors.REPORTS.get(slug)
    if make is None:
        raise Http404
    today = timezone.localdate()
    report = make(today)
    response = HttpResponse(
        exports.table_csv(report.headers, report.rows), content_type=exports.CONTENT_TYPES["csv"]
    )
    response["Content-Disposition"] = f'attachment; filename="{slug}-{today:%Y-%m-%d}.csv"'
    return response


@login_required
def office(request):
    office_required(request)
    applications = RegisterApplication.objects.select_related("person", "policy").order_by(
        "state", "submitted_at"
    )
    return render(request, "register/office.html", {"applications": applications})


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
    office_required(request)
    application = get_object_or_404(RegisterApplication.objects.select_related("person"), pk=pk)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action in ("complete", "return"):
                check_form = CheckForm(request.POST)
                if not check_form.is_valid():
                    raise ValidationError(check_form.errors["remarks"])
                services.register_application_check(
                    actor=request.user,
                    application=application,
                    complete=action == "complete",
                    remarks=check_form.cleaned_data["remarks"],
                )
            elif action == "assign":
                ids = _ids(request.POST.getlist("reviewers"))
                services.reviewers_assign(
                    actor=request.user,
                    application=application,
                    reviewers=list(User.objects.filter(pk__in=ids)),
                )
            elif action == "decide":
                services.ballotage_decide(actor=request.user, application=application)
            elif action == "register":
                decision = application.decisions.order_by("-round").first()
                if decision is None:
                    raise ValidationError(_("Er is nog geen besluit."))
                services.registration_create(actor=request.user, decision=decision)
            else:
                raise ValidationError(_("Onbekende handeling."))
        except ValidationError as exc:
            error_messages(request, exc)
        else:
            messages.success(request, _("Vastgelegd."))
            return redirect("register:office_application", application.pk)
    application.refresh_from_db()
    assignments = list(
        application.assignments.select_related("reviewer", "vote", "recusal").order_by(
            "round", "pk"
        )
    )
    offered = (
        selectors.reviewers_offered(application=application)
        if application.state == RegisterApplication.State.IN_BALLOTAGE
        else []
    )
    return render(
        request,
        "register/office_application.html",
        {
            "application": application,
            "checks": application.checks.select_related("checked_by").order_by("checked_at"),
            "assignments": assignments,
            "offered": offered,
            "waits_for_reviewer": selectors.waits_for_a_reviewer_without_conflict(
                application=application, offered=offered
            ),
            "decisions": application.decisions.order_by("round"),
            "check_form": CheckForm(),
            "code_acceptance": selectors.code_acceptance_of(application),
        },
    )
