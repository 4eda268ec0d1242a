"""The register office's pages: all trajectories, the export, matching."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from lms import exports
from lms.accounts.models import User
from lms.accounts.selectors import is_register_office
from lms.durations import hours_from_minutes

from .. import selectors, services
from ..forms import (
    MatchingStartForm,
    OfficeFilterForm,
    TrajectoryForm,
)
from ..models import (
    MatchingRun,
)
from ._access import (
    _add_errors,
    _error_message,
    _manager_org,
    _outcome_messages,
    _pk_or_404,
)


def _office_only(request):
    if not is_register_office(request.user):
        raise PermissionDenied(_("Alleen voor het registerbureau."))


def _filtered(request):
    form = OfficeFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.trajectories_for_office(
        organisation=filters.get("organisation"),
        status=filters.get("status", ""),
        query=filters.get("q", ""),
    )
    return form, qs


@login_required
def office_home(request):
    _office_only(request)
    form, qs = _filtered(request)
    return render(
        request,
        "mentoring/office.html",
        {
            "filter_form": form,
            "trajectories": list(qs[:500]),
            "matching_form": MatchingStartForm(),
            "runs": list(MatchingRun.objects.select_related("organisation")[:5]),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def office_export(request):
    _office_only(request)
    _form, qs = _filtered(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="buddytrajecten.csv"'
    writer = exports.csv_writer(response, delimiter=";")
    writer.writerow(
        [
            "organisatie",
            "senior",
            "junior",
            "status",
            "start",
            "geplande_einde",
            "afgesproken_uren",
            "bevestigde_uren",
            "wacht_op_bevestiging",
        ]
    )
    for t in qs.iterator():
        writer.writerow(
            [
                t.organisation.name,
                t.senior.email,
                t.junior.email,
                t.status,
                t.starts_on.isoformat(),
                t.planned_end_on.isoformat(),
                t.agreed_hours,
                hours_from_minutes(t.confirmed_minutes),
                t.waiting_count,
            ]
        )
    return response


@login_required
def trajectory_new(request):
    organisation = None
    if not is_register_office(request.user):
        organisation = _manager_org(request.user)
        if organisation is None:
            raise PermissionDenied(
                _("Alleen het registerbureau of een manager stelt trajecten voor.")
            )
    form = TrajectoryForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            trajectory = services.trajectory_propose(
                actor=request.user,
                senior=data["senior"],
                junior=data["junior"],
                starts_on=data["starts_on"],
                planned_end_on=data["planned_end_on"],
                agreed_hours=data["agreed_hours"],
                goals=data["goals"].splitlines(),
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Het traject is voorgesteld; beiden krijgen een e-mail."))
            return redirect("mentoring:trajectory_detail", trajectory.pk)
    return render(request, "mentoring/trajectory_form.html", {"form": form})


@login_required
def matching_start(request):
    _office_only(request)
    if request.method != "POST":
        return redirect("mentoring:office")
    form = MatchingStartForm(request.POST)
    if not form.is_valid():
        return redirect("mentoring:office")
    run = services.matching_run_start(
        actor=request.user, organisation=form.cleaned_data["organisation"]
    )
    return redirect("mentoring:matching_run", run.pk)


@login_required
def matching_run_detail(request, pk):
    _office_only(request)
    run = get_object_or_404(MatchingRun.objects.select_related("organisation"), pk=pk)
    decisions = run.decisions or {}
    pairs = [
        {**p, "decision": decisions.get(str(p["junior"]["id"]), "")}
        for p in run.result.get("pairs", [])
    ]
    unmatched = [
        {**u, "decision": decisions.get(str(u["junior"]["id"]), "")}
        for u in run.result.get("unmatched", [])
    ]
    return render(
        request,
        "mentoring/matching_run.html",
        {
            "run": run,
            "pairs": pairs,
            "unmatched": unmatched,
            "refresh": run.status in ("queued", "running"),
            "undecided": sum(1 for p in pairs if not p["decision"]),
        },
    )


@login_required
@require_POST
def matching_decide(request, pk):
    _office_only(request)
    run = get_object_or_404(MatchingRun, pk=pk)
    junior = get_object_or_404(User, pk=_pk_or_404(request.POST.get("junior")))
    try:
        if request.POST.get("action") == "reject":
            services.matching_pair_reject(actor=request.user, run=run, junior=junior)
            messages.success(
                request, _("Suggestie voor %(junior)s afgewezen.") % {"junior": junior}
            )
        else:
            senior = get_object_or_404(User, pk=_pk_or_404(request.POST.get("senior")))
            services.matching_pair_accept(actor=request.user, run=run, junior=junior, senior=senior)
            messages.success(
                request,
                _("%(senior)s en %(junior)s zijn voorgesteld als buddy's.")
                % {"senior": senior, "junior": junior},
            )
    except ValidationError as exc:
        _error_message(request, exc)
    return redirect("mentoring:matching_run", run.pk)


@login_required
@require_POST
def matching_accept_all(request, pk):
    """Propose every suggested pair of the run not yet decided on; refused pairs are named."""
    _office_only(request)
    run = get_object_or_404(MatchingRun, pk=pk)
    try:
        outcome = services.matching_run_accept_all(actor=request.user, run=run)
    except ValidationError as exc:
        _error_message(request, exc)
    else:
        _outcome_messages(
            request,
            outcome,
            ngettext(
                "%(n)s koppeling voorgesteld; beiden krijgen een e-mail.",
                "%(n)s koppelingen voorgesteld; beiden krijgen een e-mail.",
                len(outcome.done),
            )
            % {"n": len(outcome.done)},
        )
    return redirect("mentoring:matching_run", run.pk)
