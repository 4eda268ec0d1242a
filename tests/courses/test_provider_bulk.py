"""The provider's bulk actions on an edition, the states an edition shows, paid enrolment with
its confirmation, the admin's buttons for a course, and course codes of abandoned drafts."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from courses import exports
from courses.models import Attendance, Completion, CoursePage, Edition, Enrolment
from courses.services import (
    PaymentConfirmation,
    attendance_mark,
    attendance_mark_all_present,
    completions_by_rule,
    enrolment_create,
    enrolment_withdraw,
)

from .factories import CoursePageFactory, course_ran, enrol

pytestmark = [pytest.mark.django_db, pytest.mark.dates]


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


# --- Mark everyone present -------------------------------------------------------------------


def test_mark_all_present_marks_the_enrolled_and_skips_who_was_marked(
    client, edition, practitioners, editor_a
):
    ann, bert, carla, dirk = practitioners(4)
    enrolments = [enrol(edition, p) for p in (ann, bert, carla, dirk)]
    enrolment_withdraw(enrolment=enrolments[3], actor=dirk)
    course_ran(edition)
    first, _second = edition.meetings.order_by("date")
    attendance_mark(
        edition=edition,
        actor=editor_a,
        marks={(enrolments[2].pk, first.pk): Attendance.Status.ABSENT},
    )
    client.force_login(editor_a)
    response = client.post(
        reverse("courses:attendance_all_present", args=[edition.pk]),
        {"meeting": first.pk},
        follow=True,
    )
    text = _messages(response)
    assert "Aanwezig gemeld: 2. Overgeslagen: 1." in text
    assert "al vastgelegd als Afwezig" in text
    marks = dict(
        Attendance.objects.filter(meeting=first).values_list("enrolment__person_id", "status")
    )
    assert marks == {ann.pk: "aanwezig", bert.pk: "aanwezig", carla.pk: "afwezig"}


def test_mark_all_present_is_one_transaction(edition, practitioners, editor_a, monkeypatch):
    for person in practitioners(3):
        enrol(edition, person)
    course_ran(edition)
    first = edition.meetings.order_by("date").first()
    from courses.services import records

    def broken(**kwargs):
        raise RuntimeError("stopped halfway")

    monkeypatch.setattr(records, "completion_evaluate", broken)
    with pytest.raises(RuntimeError):
        attendance_mark_all_present(edition=edition, meeting_id=first.pk, actor=editor_a)
    assert not Attendance.objects.exists()


def test_mark_all_present_refuses_a_meeting_to_come_and_other_providers(
    edition, junior, editor_a, editor_b
):
    enrol(edition, junior)
    meeting = edition.meetings.first()
    with pytest.raises(ValidationError, match="nog niet plaatsgevonden"):
        attendance_mark_all_present(edition=edition, meeting_id=meeting.pk, actor=editor_a)
    with pytest.raises(PermissionDenied):
        attendance_mark_all_present(edition=edition, meeting_id=meeting.pk, actor=editor_b)
    assert not Attendance.objects.exists()


def test_attendance_page_offers_the_bulk_actions(client, edition, junior, editor_a):
    enrol(edition, junior)
    course_ran(edition)
    client.force_login(editor_a)
    page = client.get(reverse("courses:attendance", args=[edition.pk])).content.decode()
    assert reverse("courses:attendance_all_present", args=[edition.pk]) in page
    assert "Iedereen aanwezig melden" in page
    assert reverse("courses:completions_by_rule", args=[edition.pk]) in page
    assert 'name="a-' in page  # the grid stays


# --- Complete everyone who met the rule -------------------------------------------------------


def _present(enrolment, meetings, editor):
    for meeting in meetings:
        Attendance.objects.create(
            enrolment=enrolment,
            meeting=meeting,
            status=Attendance.Status.PRESENT,
            marked_by=editor,
            marked_at=timezone.now(),
        )


def test_complete_by_rule_completes_who_met_it_and_says_why_others_did_not(
    client, edition, practitioners, editor_a
):
    ann, bert, carla = practitioners(3)
    enrolments = [enrol(edition, p) for p in (ann, bert, carla)]
    course_ran(edition)
    meetings = list(edition.meetings.order_by("date"))
    _present(enrolments[0], meetings, editor_a)
    _present(enrolments[1], meetings, editor_a)
    _present(enrolments[2], meetings[:1], editor_a)
    client.force_login(editor_a)
    response = client.post(reverse("courses:completions_by_rule", args=[edition.pk]), follow=True)
    text = _messages(response)
    assert "Afgerond volgens de afrondingsregel: 2. Overgeslagen: 1." in text
    assert "1 van 2 bijeenkomsten aanwezig, minimaal 80% nodig." in text
    assert set(Completion.objects.values_list("person_id", flat=True)) == {ann.pk, bert.pk}
    # Asked again, the completed are skipped and nothing changes.
    again = completions_by_rule(edition=edition, actor=editor_a)
    assert not again.done
    assert [reason for _e, reason in again.skipped].count("al afgerond") == 2
    assert Completion.objects.count() == 2


def test_complete_by_rule_is_one_transaction(edition, practitioners, editor_a, monkeypatch):
    enrolments = [enrol(edition, p) for p in practitioners(2)]
    course_ran(edition)
    meetings = list(edition.meetings.all())
    for enrolment in enrolments:
        _present(enrolment, meetings, editor_a)
    from courses.services import records

    real = records.completion_create
    calls = []

    def second_fails(**kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("stopped halfway")
        return real(**kwargs)

    monkeypatch.setattr(records, "completion_create", second_fails)
    with pytest.raises(RuntimeError):
        completions_by_rule(edition=edition, actor=editor_a)
    assert not Completion.objects.exists()


def test_complete_by_rule_waits_until_the_course_ran(edition, junior, editor_a, editor_b):
    enrol(edition, junior)
    outcome = completions_by_rule(edition=edition, actor=editor_a)
    assert not outcome.done
    assert "Afronden kan pas vanaf" in outcome.skipped[0][1]
    with pytest.raises(PermissionDenied):
        completions_by_rule(edition=edition, actor=editor_b)


# --- Edition states --------------------------------------------------------------------------


def test_a_started_edition_says_why_it_cannot_be_joined(client, edition, junior):
    start = timezone.localdate() - dt.timedelta(days=2)
    Edition.objects.filter(pk=edition.pk).update(
        start_date=start, end_date=start + dt.timedelta(days=20)
    )
    edition.refresh_from_db()
    expected = (
        f"Deze uitvoering is al begonnen op {start.strftime('%d-%m-%Y')}; "
        "inschrijven kan niet meer."
    )
    with pytest.raises(ValidationError, match="al begonnen op"):
        enrolment_create(edition=edition, person=junior, actor=junior)
    client.force_login(junior)
    page = client.get(edition.course.url).content.decode()
    assert expected in page
    assert reverse("courses:enrol", args=[edition.pk]) not in page


def test_a_finished_edition_offers_no_enrolment_nor_withdrawal(client, edition, junior):
    enrolment = enrol(edition, junior)
    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.FINISHED)
    edition.refresh_from_db()
    with pytest.raises(ValidationError, match="afgelopen"):
        enrolment_withdraw(enrolment=enrolment, actor=junior)
    with pytest.raises(ValidationError, match="afgelopen"):
        enrolment_create(edition=edition, person=enrolment.person, actor=junior)
    client.force_login(junior)
    page = client.get(edition.course.url).content.decode()
    assert reverse("courses:withdraw", args=[enrolment.pk]) not in page
    assert reverse("courses:enrol", args=[edition.pk]) not in page
    enrolment.refresh_from_db()
    assert enrolment.is_active


def test_a_full_edition_says_so_and_offers_the_waitlist(client, edition, practitioners):
    Edition.objects.filter(pk=edition.pk).update(capacity=1)
    first, second = practitioners(2)
    enrol(edition, first)
    client.force_login(second)
    page = client.get(edition.course.url).content.decode()
    assert "Vol – wachtlijst" in page
    assert "Op de wachtlijst" in page
    response = client.post(reverse("courses:enrol", args=[edition.pk]), follow=True)
    assert "je staat op de wachtlijst" in response.content.decode()


# --- Paid enrolment --------------------------------------------------------------------------


@pytest.fixture
def paid(edition):
    CoursePage.objects.filter(pk=edition.course_id).update(price=Decimal("1250.00"))
    edition.refresh_from_db()
    return edition


def test_paid_enrolment_asks_for_confirmation_first(client, paid, junior):
    client.force_login(junior)
    page = client.get(paid.course.url).content.decode()
    confirm = reverse("courses:enrol_confirm", args=[paid.pk])
    assert confirm in page
    response = client.post(reverse("courses:enrol", args=[paid.pk]))
    assert response.status_code == 302 and response["Location"] == confirm
    assert not Enrolment.objects.exists()
    with pytest.raises(ValidationError, match="bevestig eerst"):
        enrolment_create(edition=paid, person=junior, actor=junior)
    page = client.get(confirm).content.decode()
    assert "€ 1.250,00" in page
    assert "Uitschrijven kan kosteloos tot de start" in page  # the default terms


def test_employer_pays_only_with_a_purchase_order(client, paid, junior):
    client.force_login(junior)
    confirm = reverse("courses:enrol_confirm", args=[paid.pk])
    data = {"payer": "werkgever", "employer_name": "Wijkwerk BV", "terms_accepted": "on"}
    response = client.post(confirm, data)
    assert response.status_code == 200
    assert "Geef het inkoopordernummer van je werkgever." in response.content.decode()
    assert not Enrolment.objects.exists()
    response = client.post(confirm, {**data, "purchase_order": "PO-2027-17"}, follow=True)
    assert "Je bent ingeschreven." in response.content.decode()
    enrolment = Enrolment.objects.get()
    assert enrolment.payer == Enrolment.Payer.EMPLOYER
    assert enrolment.purchase_order == "PO-2027-17"
    assert enrolment.price == Decimal("1250.00")
    assert enrolment.terms_confirmed_at is not None
    header, row = exports.HEADERS, exports.export_rows(paid)[0]
    assert row[header.index("Wie betaalt")] == "Mijn werkgever betaalt"
    assert row[header.index("Werkgever")] == "Wijkwerk BV"
    assert row[header.index("Inkoopordernummer")] == "PO-2027-17"
    assert row[header.index("Prijs (€)")] == "1.250,00"


def test_paid_enrolment_needs_the_terms_accepted(paid, junior):
    with pytest.raises(ValidationError) as error:
        enrolment_create(
            edition=paid,
            person=junior,
            actor=junior,
            payment=PaymentConfirmation(payer="zelf", terms_accepted=False),
        )
    assert "terms_accepted" in error.value.message_dict
    assert not Enrolment.objects.exists()


def test_cancellation_terms_of_the_provider_are_shown(client, paid, junior):
    CoursePage.objects.filter(pk=paid.course_id).update(
        cancellation_terms="Tot vier weken voor de start kosteloos."
    )
    client.force_login(junior)
    page = client.get(reverse("courses:enrol_confirm", args=[paid.pk])).content.decode()
    assert "Tot vier weken voor de start kosteloos." in page


# --- The Wagtail admin -----------------------------------------------------------------------


def test_admin_offers_participants_attendance_and_export_for_own_courses_only(
    client, edition, editor_a, editor_b, provider_b, course_with_edition
):
    client.force_login(editor_a)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[edition.course_id]))
    page = edit.content.decode()
    assert reverse("courses:edition_manage", args=[edition.pk]) in page
    assert reverse("courses:attendance", args=[edition.pk]) in page
    assert reverse("courses:edition_export", args=[edition.pk, "xlsx"]) in page
    listing = client.get(reverse("wagtailadmin_explore", args=[edition.course.get_parent().pk]))
    assert "Accreditatie aanvragen" in listing.content.decode()
    assert reverse("courses:edition_manage", args=[edition.pk]) in listing.content.decode()
    other = course_with_edition(provider_b).editions.get()
    client.force_login(editor_b)
    own = client.get(reverse("wagtailadmin_explore", args=[provider_b.pk])).content.decode()
    assert reverse("courses:edition_manage", args=[other.pk]) in own
    assert reverse("courses:edition_manage", args=[edition.pk]) not in own
    from courses.wagtail_hooks import _edition_buttons

    assert _edition_buttons(edition.course, editor_b) == []


# --- Course codes of abandoned drafts --------------------------------------------------------


def test_a_draft_never_published_does_not_hold_its_code(provider_a):
    draft = CoursePageFactory(parent=provider_a, code="KWW-900", live=False)
    assert CoursePage.objects.get(pk=draft.pk).code_held is False
    course = CoursePageFactory(parent=provider_a, code="KWW-900")
    course.full_clean()
    course.save_revision().publish()
    assert CoursePage.objects.get(pk=course.pk).code_held is True
    # The abandoned draft cannot be published with the code now in use.
    draft = CoursePage.objects.get(pk=draft.pk)
    with pytest.raises(ValidationError, match="KWW-900"):
        draft.full_clean()


def test_a_deleted_draft_frees_its_code_and_a_published_course_keeps_it(provider_a):
    draft = CoursePageFactory(parent=provider_a, code="KWW-901", live=False)
    draft.delete()
    CoursePageFactory(parent=provider_a, code="KWW-901").save_revision().publish()
    clash = CoursePageFactory.build(code="KWW-901", provider_id=provider_a.pk)
    with pytest.raises(ValidationError, match="KWW-901"):
        clash.clean()
