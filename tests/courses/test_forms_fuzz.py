"""Every form of the courses app, fuzzed: hostile input never gives a 500 and is never saved.

Each test posts as the role that may use the form, against real objects, and checks each
example with ``tests.fuzzing.submit`` (see there for what it asserts).
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from hypothesis import example, given
from hypothesis import strategies as st
from hypothesis.extra.django import from_form
from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from courses.forms import (
    AccreditationDecisionForm,
    OutsideActivityDecisionForm,
    OutsideActivityForm,
    ReflectionDecisionForm,
)
from courses.models import (
    AccreditationDecision,
    AccreditationRequest,
    Attendance,
    Completion,
    CoursePage,
    Edition,
    Enrolment,
    LessonPage,
    Meeting,
    OutsideActivity,
    Reflection,
)
from courses.services import (
    accreditation_request_submit,
    completion_create,
    outside_activity_submit,
    reflection_submit,
)
from lms.accounts.models import OutboundEmail, Role
from tests.factories import person
from tests.fuzzing import (
    MISSING,
    NUL,
    any_nul,
    arrives,
    client_for,
    example_scope,
    field,
    file_field,
    form_data,
    fuzz_settings,
    ids,
    is_blank,
    is_evidence,
    junk,
    last,
    mutated,
    private_files_in,
    submit,
    text,
    uploads,
)

from .factories import CoursePageFactory, course_ran, enrol

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n"


@pytest.fixture(autouse=True)
def _private_files_in_tmp(tmp_path, monkeypatch):
    private_files_in(tmp_path / "private", monkeypatch)


@pytest.fixture
def participant(edition):
    who = person(Role.JUNIOR)
    enrol(edition, who)
    return who


@pytest.fixture
def has_run(edition, participant):
    """The participant's edition has had its meetings: attendance and completion are open."""
    return course_ran(edition)


@pytest.fixture
def known_people(db):
    """Practitioners a provider may enrol by e-mail address."""
    return [
        person(Role.JUNIOR, email=email)
        for email in ("deelnemer@example.org", "a@example.org", "b@example.org")
    ]


def _next_values():
    return field(st.sampled_from(["/leren/leeroverzicht/", "", "/cursussen/"]))


# --- Enrolment -------------------------------------------------------------------------------


@fuzz_settings(20)
@given(data=form_data(next=_next_values()))
@example(data={"next": "https://evil.example/"})
@example(data={"next": "courses:record"})
def test_enrol_and_withdraw_with_any_next(edition, junior, data):
    with example_scope():
        client = client_for(junior)
        outcome = submit(
            client,
            reverse("courses:enrol", args=[edition.pk]),
            data,
            watch=[Enrolment],
            refused_when_200=False,
        )
        assert outcome.status in (302, 400), outcome.status
        enrolment = Enrolment.objects.filter(person=junior, edition=edition).first()
        if enrolment is not None:
            submit(
                client,
                reverse("courses:withdraw", args=[enrolment.pk]),
                data,
                watch=[Enrolment],
                refused_when_200=False,
            )


@fuzz_settings(20)
@given(email=field(st.sampled_from(["deelnemer@example.org", "DEELNEMER@example.org", "x@y.nl"])))
@example(email="deelnemer@example.org\x00")
def test_provider_enrols_one_person_by_email(edition, editor_a, known_people, email):
    with example_scope():
        data = {} if email == MISSING else {"single-email": email}
        outcome = submit(
            client_for(editor_a),
            reverse("courses:edition_manage", args=[edition.pk]),
            data,
            watch=[Enrolment],
            invalid=any_nul(data, "single-email") or is_blank(data, "single-email"),
        )
        if outcome.wrote(Enrolment):
            assert outcome.status == 302


_csv_emails = st.one_of(
    st.sampled_from(["a@example.org", "b@example.org", "A@EXAMPLE.ORG", ""]), junk
)


@st.composite
def _csv_files(draw):
    """A CSV as a provider may upload it, or something that only pretends to be one."""
    if draw(st.booleans()):
        return draw(uploads())
    header = draw(st.one_of(st.sampled_from(["email", "e-mail;naam", "naam,email", "Email"]), junk))
    separator = draw(st.sampled_from([",", ";", "\t"]))
    lines = [header]
    for email in draw(st.lists(_csv_emails, max_size=6)):
        lines.append(separator.join([email, draw(text(10))]) if separator in header else email)
    body = "\n".join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"]))
    return (
        draw(st.sampled_from(["deelnemers.csv", "x.xlsx", ""])) or "leeg",
        body.encode(encoding, errors="replace"),
        "text/csv",
    )


@fuzz_settings(25)
@given(upload=_csv_files(), extra=form_data(x=field()))
@example(upload=("d.csv", b"email\na\x00@example.org\n", "text/csv"), extra={})
@example(upload=("d.csv", b"email\n" + b"x" * 200_000 + b"\n", "text/csv"), extra={})
@example(upload=("d.csv", b"", "text/csv"), extra={})
def test_provider_enrols_from_any_csv_file(edition, editor_a, known_people, upload, extra):
    with example_scope():
        outcome = submit(
            client_for(editor_a),
            reverse("courses:edition_manage", args=[edition.pk]),
            extra,
            files={"csv-file": upload},
            watch=[Enrolment],
            invalid=NUL.encode() in upload[1],
        )
        if outcome.wrote(Enrolment):
            assert outcome.successes and not outcome.errors


# --- Attendance, completion, cancellation ------------------------------------------------------


@st.composite
def _attendance_marks(draw, enrolment_id, meeting_ids):
    marks = {}
    for _i in range(draw(st.integers(0, 4))):
        key = draw(
            st.one_of(
                st.sampled_from(meeting_ids).map(lambda m: f"a-{enrolment_id}-{m}"),
                st.tuples(ids(enrolment_id), ids(*meeting_ids)).map(lambda t: f"a-{t[0]}-{t[1]}"),
                st.text(max_size=10).map(lambda s: "a-" + s),
                junk,
            )
        )
        marks[key] = draw(field(st.sampled_from(["aanwezig", "afwezig", "afgemeld"])))
    return {k: v for k, v in marks.items() if v != MISSING}


@fuzz_settings(25)
@given(data=st.data())
def test_provider_marks_attendance_with_any_keys_and_values(
    edition, editor_a, participant, has_run, data
):
    enrolment = Enrolment.objects.get(person=participant, edition=edition)
    meetings = list(edition.meetings.values_list("pk", flat=True))
    marks = data.draw(_attendance_marks(enrolment.pk, meetings))
    with example_scope():
        submit(
            client_for(editor_a),
            reverse("courses:attendance", args=[edition.pk]),
            marks,
            watch=[Attendance, Completion],
        )


def _reason():
    return field(st.sampled_from(["Alle bijeenkomsten bijgewoond.", "Onterecht afgerond."]))


@fuzz_settings(15)
@given(data=form_data(reason=_reason()))
@example(data={"reason": "Afgerond\x00"})
def test_provider_completes_by_hand_with_any_reason(edition, editor_a, participant, has_run, data):
    enrolment = Enrolment.objects.get(person=participant, edition=edition)
    with example_scope():
        submit(
            client_for(editor_a),
            reverse("courses:completion_complete", args=[enrolment.pk]),
            data,
            watch=[Completion],
            invalid=any_nul(data, "reason") or is_blank(data, "reason"),
        )


@pytest.fixture
def completion(edition, editor_a, participant, has_run):
    enrolment = Enrolment.objects.get(person=participant, edition=edition)
    return completion_create(enrolment=enrolment, actor=editor_a, reason="Handmatig.")


@fuzz_settings(15)
@given(data=form_data(reason=_reason()))
@example(data={"reason": "Afgerond\x00"})
def test_provider_revokes_a_completion_with_any_reason(completion, editor_a, data):
    with example_scope():
        submit(
            client_for(editor_a),
            reverse("courses:completion_revoke", args=[completion.pk]),
            data,
            watch=[Completion],
            invalid=any_nul(data, "reason") or is_blank(data, "reason"),
        )


@fuzz_settings(15)
@given(data=form_data(reason=_reason()))
@example(data={"reason": "Afgerond\x00"})
def test_provider_cancels_an_edition_with_any_reason(edition, editor_a, participant, data):
    with example_scope():
        submit(
            client_for(editor_a),
            reverse("courses:edition_cancel", args=[edition.pk]),
            data,
            watch=[Edition, Enrolment, OutboundEmail],
            invalid=any_nul(data, "reason"),
        )


# --- Lessons and reflections --------------------------------------------------------------------


@pytest.fixture
def lesson(edition):
    course = CoursePage.objects.get(pk=edition.course_id)
    course.rule_reflections = True
    course.save_revision().publish()
    page = LessonPage(
        title="Reflectie op je wijk",
        body=[("reflection", {"assignment": "Beschrijf het krachtenveld in je wijk."})],
    )
    course.add_child(instance=page)
    page.save_revision().publish()
    return page


@fuzz_settings(25)
@given(
    data=form_data(text=field(st.sampled_from(["Mijn wijk kent veel krachten.", "  "]))),
    upload=file_field(),
)
@example(data={"text": "Mijn wijk\x00"}, upload=MISSING)
def test_participant_submits_a_reflection_with_any_text_and_file(lesson, participant, data, upload):
    files = {}
    if isinstance(upload, tuple):
        files = {"file": upload}
    elif upload != MISSING:
        data = {**data, "file": upload}
    with example_scope():
        submit(
            client_for(participant),
            reverse("courses:reflection_submit", args=[lesson.pk]),
            data,
            files=files,
            watch=[Reflection],
            invalid=any_nul(data, "text")
            or is_blank(data, "text")
            or bool(files and arrives(files["file"]) and not is_evidence(files["file"])),
            refused_when_200=False,
        )


@pytest.fixture
def reflection(lesson, participant):
    return reflection_submit(person=participant, lesson=lesson, text="Mijn wijk.")


@fuzz_settings(20)
@given(
    data=mutated(
        from_form(
            ReflectionDecisionForm,
            feedback=st.sampled_from(["", "Werk het krachtenveld verder uit."]),
        )
    )
)
@example(data={"decision": "return", "feedback": "Nee\x00"})
def test_provider_decides_on_a_reflection_with_any_input(reflection, editor_a, data):
    decision = last(data, "decision", MISSING)
    with example_scope():
        submit(
            client_for(editor_a),
            reverse("courses:reflection_decide", args=[reflection.pk]),
            data,
            watch=[Reflection, Completion],
            invalid=any_nul(data, "feedback", "decision")
            or decision not in ("accept", "return")
            or (decision == "return" and is_blank(data, "feedback")),
        )


# --- Outside activities -------------------------------------------------------------------------


def _outside_activity_data():
    today = timezone.localdate()
    return mutated(
        from_form(
            OutsideActivityForm,
            title=st.sampled_from(["Studiedag participatie", "Congres wijkaanpak"]),
            organiser=st.sampled_from(["Landelijk platform", "Movisie"]),
            date=st.dates(today - dt.timedelta(days=900), today + dt.timedelta(days=30)),
            hours=st.decimals(min_value=Decimal("0.1"), max_value=Decimal("40"), places=1),
        )
    )


@fuzz_settings(30)
@given(data=_outside_activity_data(), upload=file_field())
def test_practitioner_reports_an_outside_activity_with_any_input(junior, data, upload):
    files = {}
    if isinstance(upload, tuple):
        files = {"evidence": upload}
    elif upload != MISSING:
        data = {**data, "evidence": upload}
    with example_scope():
        outcome = submit(
            client_for(junior),
            reverse("courses:record"),
            data,
            files=files,
            watch=[OutsideActivity],
            invalid=any_nul(data, "title", "organiser", "hours", "date", "course_kind")
            or is_blank(data, "title")
            or not files
            or not arrives(files["evidence"])
            or not is_evidence(files["evidence"]),
        )
        for row in outcome.changes.get(OutsideActivity, []):
            assert row["date"] <= timezone.localdate()
            assert row["hours"] > 0


@pytest.fixture
def activity(junior):
    return outside_activity_submit(
        person=junior,
        title="Studiedag",
        organiser="Movisie",
        date=timezone.localdate(),
        hours=Decimal("6"),
        evidence=SimpleUploadedFile("bewijs.pdf", PDF, content_type="application/pdf"),
    )


@fuzz_settings(20)
@given(
    data=st.data(),
    form=mutated(
        from_form(OutsideActivityDecisionForm, note=st.sampled_from(["", "Geen bewijs."]))
    ),
)
def test_register_office_decides_on_an_outside_activity_with_any_input(
    activity, register_office, data, form
):
    activity_field = data.draw(field(ids(activity.pk)))
    if activity_field != MISSING:
        form = {**form, "activity": activity_field}
    decision = last(form, "decision", MISSING)
    with example_scope():
        submit(
            client_for(register_office),
            reverse("courses:outside_activities"),
            form,
            watch=[OutsideActivity],
            invalid=any_nul(form, "note", "decision")
            or decision not in ("accept", "reject")
            or (decision == "reject" and is_blank(form, "note")),
            refused_when_200=False,
        )


# --- Accreditation in the Wagtail admin ---------------------------------------------------------


@pytest.fixture
def course(provider_a):
    return CoursePageFactory(parent=provider_a, points_requested=Decimal("40"))


@pytest.fixture
def submitted(course, editor_a):
    return accreditation_request_submit(course=course, user=editor_a, note="")


@fuzz_settings(15)
@given(data=form_data(note=field(st.sampled_from(["", "Graag voor de zomer."]))))
@example(data={"note": "\x00"})
def test_provider_requests_accreditation_with_any_note(course, editor_a, data):
    with example_scope():
        submit(
            client_for(editor_a),
            reverse("courses_accreditation:submit", args=[course.pk]),
            data,
            watch=[AccreditationRequest],
            invalid=any_nul(data, "note"),
        )


@fuzz_settings(25)
@given(
    data=mutated(
        from_form(
            AccreditationDecisionForm,
            points_granted=st.decimals(min_value=0, max_value=200, places=1),
            valid_from=st.dates(dt.date(2024, 1, 1), dt.date(2030, 1, 1)),
            valid_until=st.dates(dt.date(2024, 1, 1), dt.date(2034, 1, 1)),
        )
    )
)
def test_board_member_decides_on_accreditation_with_any_input(submitted, board_member, data):
    with example_scope():
        submit(
            client_for(board_member),
            reverse("courses_accreditation:review", args=[submitted.pk]),
            data,
            watch=[AccreditationDecision, AccreditationRequest, OutboundEmail],
            invalid=any_nul(data, *AccreditationDecisionForm.base_fields),
        )


# --- The course page in the Wagtail admin ------------------------------------------------------


def _course_page_post() -> dict:
    """A course with one edition and one meeting as the page editor posts it."""
    start = timezone.localdate() + dt.timedelta(days=60)
    data = {
        "title": "Buurtanalyse voor gevorderden",
        "slug": "buurtanalyse-voor-gevorderden",
        "kind": "post-hbo",
        "code": "BA-1",
        "summary": "Analyse, ontwerp en uitvoering in de wijk.",
        "learning_outcomes": rich_text("<p>U maakt een wijkscan.</p>"),
        "target_group": "Opbouwwerkers",
        "prerequisites": "",
        "study_load_hours": "40",
        "points_requested": "40",
        "price": "950",
        "language": "nl",
        "rule_attendance_percent": "80",
        "body": streamfield([("paragraph", rich_text("<p>Over de wijkschouw.</p>"))]),
        "editions": inline_formset(
            [
                {
                    "code": "2027-1",
                    "status": "open",
                    "start_date": start.isoformat(),
                    "end_date": (start + dt.timedelta(days=14)).isoformat(),
                    "capacity": "12",
                    "enrolment_deadline": "",
                    "price": "",
                    "meetings": inline_formset(
                        [
                            {
                                "date": start.isoformat(),
                                "start_time": "09:30",
                                "end_time": "16:30",
                                "place": "Utrecht",
                                "online_url": "",
                            }
                        ]
                    ),
                }
            ]
        ),
        "comments": inline_formset([]),
    }
    return {**nested_form_data(data), "approaches": ["strategisch"], "work_forms": ["project"]}


_PAGE_TEXT_FIELDS = ("title", "slug", "code", "summary", "target_group", "prerequisites")

# The StreamField and the rich-text editor post JSON and bookkeeping keys that only Wagtail's own
# widgets write; Wagtail answers a hand-made post without them with a 500 (a KeyError in
# StreamBlock.value_from_datadict, wagtail/wagtail#1697). They stay as the editor sends them.
# The same goes for the bookkeeping of the inline editions and meetings: without their "-id"
# key django-modelcluster raises a KeyError, and an "-ORDER" that is not a number makes the
# InlinePanel fail to render (a KeyError and a TypeError in wagtail.admin.panels.inline_panel).
_WIDGET_KEYS = ("body-", "learning_outcomes")
_FORMSET_KEYS = ("-TOTAL_FORMS", "-INITIAL_FORMS", "-MIN_NUM_FORMS", "-MAX_NUM_FORMS")
_FORMSET_KEYS += ("-id", "-ORDER", "-DELETE")


def _kept(key: str) -> bool:
    return key.startswith(_WIDGET_KEYS) or key.endswith(_FORMSET_KEYS)


def _course_page_fuzz():
    post = _course_page_post()
    fixed = {k: v for k, v in post.items() if _kept(k)}
    fuzzed = {k: v for k, v in post.items() if not _kept(k)}
    return mutated(st.just(fuzzed)).map(lambda data: {**data, **fixed})


@fuzz_settings(10)
@given(data=_course_page_fuzz())
@example(data={**_course_page_post(), "summary": "Wijk\x00analyse"})
@example(data={**_course_page_post(), "editions-0-capacity": str(2**40)})
@example(data={**_course_page_post(), "editions-0-meetings-0-place": "Utrecht\x00"})
def test_provider_creates_a_course_page_with_any_input(provider_a, editor_a, data):
    url = reverse("wagtailadmin_pages:add", args=["courses", "coursepage", provider_a.pk])
    with example_scope():
        submit(
            client_for(editor_a),
            url,
            {**data, "action-publish": "publish"},
            watch=[CoursePage, Edition, Meeting, Revision],
            invalid=any_nul(
                data, *_PAGE_TEXT_FIELDS, *(k for k in data if k.startswith("editions"))
            ),
            clean_exclude={CoursePage: ["path", "depth", "url_path", "slug"]},
        )
