"""The Kring Kwaliteitsmanagement's pages: the benchmark for its members, and the meetings
with their private agendas and minutes for its members and the register office."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lms.accounts.selectors import is_kring_member, is_register_office, organisation_of
from lms.charts import Series, line_chart

from .. import services
from ..forms import KringDocumentForm, KringMeetingForm, KringTopicForm
from ..selectors import kring as kring_selectors
from ._access import form_errors


def _member_required(request) -> None:
    if not is_kring_member(request.user):
        raise PermissionDenied(_("Deze pagina is voor de leden van de Kring Kwaliteitsmanagement."))


def _member_or_office_required(request) -> None:
    if not (is_kring_member(request.user) or is_register_office(request.user)):
        raise PermissionDenied(
            _("Deze pagina is voor de Kring Kwaliteitsmanagement en het registerbureau.")
        )


def _chart(row: kring_selectors.FigureRow, index: int):
    """Own value and median per quarter; a withheld value is a gap in its line."""
    figure = row.figure
    return line_chart(
        chart_id=f"kring-chart-{index}",
        title=_("%(figure)s per kwartaal") % {"figure": figure.label},
        description=_(
            "Lijngrafiek van je eigen organisatie (doorgetrokken lijn, ronde punten) en de "
            "mediaan van alle organisaties (gestreepte lijn, vierkante punten) per kwartaal. "
            "Een ontbrekend punt betekent te weinig gegevens. De getallen staan in de tabel "
            "onder de grafiek."
        ),
        labels=[moment.short for moment, _comparison in row.quarters],
        series=[
            Series(_("Jouw organisatie"), [c.own for _m, c in row.quarters], "solid"),
            Series(_("Mediaan"), [c.median for _m, c in row.quarters], "dashed"),
        ],
        y_max=figure.fixed_max,
        unit=figure.unit,
    )


@login_required
def kring_benchmark(request):
    _member_required(request)
    organisation = organisation_of(user=request.user)
    benchmark = kring_selectors.kring_benchmark(
        organisation=organisation, today=timezone.localdate()
    )
    charts = [(row, _chart(row, i)) for i, row in enumerate(benchmark.rows)]
    return render(
        request,
        "register/kring/benchmark.html",
        {"benchmark": benchmark, "charts": charts, "organisation": organisation},
    )


@login_required
def kring_meetings(request):
    _member_or_office_required(request)
    office = is_register_office(request.user)
    form = KringMeetingForm(request.POST or None) if office else None
    if request.method == "POST":
        if not office:
            raise PermissionDenied(_("Alleen het registerbureau plant bijeenkomsten."))
        if form.is_valid():
            try:
                meeting = services.kring_meeting_create(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form_errors(form, exc)
            else:
                messages.success(request, _("De bijeenkomst is gepland."))
                return redirect("register:kring_meeting", pk=meeting.pk)
    return render(
        request,
        "register/kring/meetings.html",
        {
            "meetings": kring_selectors.kring_meetings(),
            "form": form,
            "today": timezone.localdate(),
        },
    )


@login_required
def kring_meeting(request, pk: int):
    _member_or_office_required(request)
    meeting = kring_selectors.kring_meeting(pk=pk)
    if meeting is None:
        raise Http404
    office = is_register_office(request.user)
    member = is_kring_member(request.user)
    action = request.POST.get("action") if request.method == "POST" else None
    topic_form = KringTopicForm(request.POST if action == "topic" else None) if member else None
    document_form = None
    if office:
        document_form = (
            KringDocumentForm(request.POST, request.FILES)
            if action == "document"
            else KringDocumentForm()
        )
    if request.method == "POST":
        if action == "topic" and topic_form is not None:
            if topic_form.is_valid():
                try:
                    services.kring_topic_propose(
                        actor=request.user, meeting=meeting, **topic_form.cleaned_data
                    )
                except ValidationError as exc:
                    form_errors(topic_form, exc)
                else:
                    messages.success(request, _("Je onderwerp is voorgesteld."))
                    return redirect("register:kring_meeting", pk=meeting.pk)
        elif action == "document" and document_form is not None:
            if document_form.is_valid():
                try:
                    services.kring_document_upload(
                        actor=request.user, meeting=meeting, **document_form.cleaned_data
                    )
                except ValidationError as exc:
                    form_errors(document_form, exc)
                else:
                    messages.success(request, _("Het document is toegevoegd."))
                    return redirect("register:kring_meeting", pk=meeting.pk)
        else:
            raise PermissionDenied(_("Dat kun je hier niet doen."))
    return render(
        request,
        "register/kring/meeting.html",
        {
            "meeting": meeting,
            "documents": kring_selectors.kring_documents(meeting=meeting),
            "topics": kring_selectors.kring_topics(meeting=meeting),
            "topic_form": topic_form,
            "document_form": document_form,
        },
    )


@login_required
def kring_document(request, pk: int):
    """A private agenda or minutes, for the Kring and the register office only."""
    _member_or_office_required(request)
    document = kring_selectors.kring_document(pk=pk)
    if document is None:
        raise Http404
    suffix = document.file.name.rsplit(".", 1)[-1]
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"{slugify(document.title) or 'document'}.{suffix}",
    )
