"""Enrolling, the waitlist, withdrawing, cancelling, and enrolling by e-mail or CSV."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from courses.models import Edition, Enrolment
from courses.selectors import edition_seats_annotate
from courses.services import (
    edition_cancel,
    enrolment_create,
    enrolment_withdraw,
    enrolments_import_csv,
)
from lms.accounts.models import OutboundEmail

from .factories import CoursePageFactory, EditionFactory, enrol

pytestmark = pytest.mark.django_db


def test_practitioner_enrols_from_the_course_page(client, edition, junior):
    course_url = edition.course.url
    page = client.get(course_url)
    assert "Log in om je in te schrijven" in page.content.decode()
    client.force_login(junior)
    page = client.get(course_url).content.decode()
    assert reverse("courses:enrol", args=[edition.pk]) in page
    response = client.post(reverse("courses:enrol", args=[edition.pk]), follow=True)
    assert "Je bent ingeschreven." in response.content.decode()
    assert "Je bent ingeschreven" in client.get(course_url).content.decode()
    enrolment = Enrolment.objects.get(person=junior)
    assert enrolment.status == Enrolment.Status.ENROLLED
    assert enrolment.seat == 1


def test_anonymous_visitor_cannot_enrol(client, edition):
    response = client.post(reverse("courses:enrol", args=[edition.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Enrolment.objects.exists()


def test_full_edition_puts_people_on_the_waitlist_with_their_place(client, edition, practitioners):
    edition.capacity = 2
    edition.save()
    first, second, third, fourth = practitioners(4)
    for person in (first, second, third, fourth):
        enrol(edition, person)
    assert edition_seats_annotate(Edition.objects.filter(pk=edition.pk)).get().seats_left == 0
    client.force_login(fourth)
    page = client.get(edition.course.url).content.decode()
    assert "Je staat op de wachtlijst, plaats 2" in page
    annotated = edition_seats_annotate(Edition.objects.filter(pk=edition.pk)).get()
    assert (annotated.seats_taken, annotated.waitlisted) == (2, 2)


def test_withdrawal_gives_the_seat_to_the_first_on_the_waitlist_and_mails_them(
    edition, practitioners, django_capture_on_commit_callbacks
):
    edition.capacity = 1
    edition.save()
    holder, waiting, later = practitioners(3)
    seat = enrol(edition, holder)
    enrol(edition, waiting)
    enrol(edition, later)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_withdraw(enrolment=seat, actor=holder)
    statuses = dict(Enrolment.objects.values_list("person_id", "status"))
    assert statuses[holder.pk] == Enrolment.Status.WITHDRAWN
    assert statuses[waiting.pk] == Enrolment.Status.ENROLLED
    assert statuses[later.pk] == Enrolment.Status.WAITLISTED
    promoted = OutboundEmail.objects.get(key__startswith="waitlist-promoted:")
    assert promoted.to == waiting.email
    assert "plaats vrijgekomen" in promoted.body


def test_withdrawing_after_the_start_is_refused(edition, junior):
    enrolment = enrol(edition, junior)
    Edition.objects.filter(pk=edition.pk).update(start_date=timezone.localdate())
    with pytest.raises(ValidationError, match="niet meer uitschrijven"):
        enrolment_withdraw(enrolment=enrolment, actor=junior)
    assert Enrolment.objects.get().status == Enrolment.Status.ENROLLED


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"enrolment_deadline": dt.date(2000, 1, 1)},
            "inschrijving voor deze uitvoering is gesloten",
        ),
        ({"status": Edition.Status.CANCELLED}, "geannuleerd"),
        ({"status": Edition.Status.FINISHED}, "al afgelopen"),
    ],
)
def test_enrolment_is_refused_when_the_edition_is_not_open(
    client, edition, junior, change, message
):
    if "enrolment_deadline" in change:
        # Closed before the edition starts (once it started, the page says that instead).
        Edition.objects.filter(pk=edition.pk).update(enrolment_deadline=dt.date(2000, 1, 1))
    else:
        Edition.objects.filter(pk=edition.pk).update(**change)
    client.force_login(junior)
    response = client.post(reverse("courses:enrol", args=[edition.pk]), follow=True)
    assert message in response.content.decode()
    assert not Enrolment.objects.exists()


def _never_published_edition(provider):
    course = CoursePageFactory(parent=provider, live=False)
    assert course.first_published_at is None
    return EditionFactory(course=course)


@pytest.mark.parametrize("published", ["unpublished", "never published"])
def test_nobody_enrols_in_a_course_that_is_not_online(
    client, edition, provider_a, junior, editor_a, published
):
    if published == "unpublished":
        edition.course.unpublish()
    else:
        edition = _never_published_edition(provider_a)
    client.force_login(junior)
    response = client.post(reverse("courses:enrol", args=[edition.pk]), follow=True)
    assert "niet gepubliceerd" in response.content.decode()
    assert not Enrolment.objects.exists()
    with pytest.raises(ValidationError, match="niet gepubliceerd"):
        enrolment_create(edition=edition, person=junior, actor=junior)
    # The provider's own editors still enrol people in it, as for an in-company course.
    assert enrolment_create(edition=edition, person=junior, actor=editor_a).is_active


def test_enrolling_twice_is_refused(edition, junior):
    enrol(edition, junior)
    with pytest.raises(ValidationError, match="al aangemeld"):
        enrol(edition, junior)
    assert Enrolment.objects.count() == 1


def test_cancelled_edition_informs_everyone(edition, practitioners, editor_a):
    edition.capacity = 1
    edition.save()
    people = practitioners(2)
    for p in people:
        enrol(edition, p)
    edition_cancel(edition=edition, actor=editor_a, reason="Te weinig aanmeldingen.")
    assert set(Enrolment.objects.values_list("status", flat=True)) == {Enrolment.Status.CANCELLED}
    mails = OutboundEmail.objects.filter(key__startswith="edition-cancelled:")
    assert sorted(m.to for m in mails) == sorted(p.email for p in people)
    assert "Te weinig aanmeldingen." in mails[0].body


def test_only_editors_of_the_provider_enrol_others(edition, junior, editor_a, editor_b):
    with pytest.raises(PermissionDenied):
        enrolment_create(edition=edition, person=junior, actor=editor_b)
    enrolment = enrolment_create(edition=edition, person=junior, actor=editor_a)
    assert enrolment.enrolled_by == editor_a


def test_editor_enrols_by_email_on_the_edition_page(client, edition, junior, editor_a):
    client.force_login(editor_a)
    url = reverse("courses:edition_manage", args=[edition.pk])
    response = client.post(url, {"single-email": junior.email.upper()}, follow=True)
    assert response.status_code == 200
    assert Enrolment.objects.get().person == junior
    response = client.post(url, {"single-email": "niemand@example.org"})
    assert "Er is geen account met dit e-mailadres." in response.content.decode()


def test_other_providers_editor_cannot_open_the_edition(client, edition, editor_b):
    client.force_login(editor_b)
    assert client.get(reverse("courses:edition_manage", args=[edition.pk])).status_code == 403


def test_csv_enrols_everyone_with_a_report(client, edition, practitioners, editor_a):
    people = practitioners(3)
    body = "email;naam\n" + "\n".join(f"{p.email};{p.get_full_name()}" for p in people)
    client.force_login(editor_a)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("deelnemers.csv", body.encode(), content_type="text/csv")
    response = client.post(
        reverse("courses:edition_manage", args=[edition.pk]), {"csv-file": upload}
    )
    assert "3 deelnemers aangemeld." in response.content.decode()
    assert Enrolment.objects.filter(status=Enrolment.Status.ENROLLED).count() == 3


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("email,telefoon\n{a},0612345678\n", "Onbekende kolommen: telefoon."),
        ("email\n{a}\ngeen-adres\n", "Ongeldig e-mailadres."),
        ("email\n{a}\n{a}\n", "Dit e-mailadres staat al eerder in het bestand."),
        ("email\n{a}\nonbekend@example.org\n", "Er is geen account met dit e-mailadres."),
    ],
)
def test_csv_with_any_bad_row_writes_nothing(edition, junior, editor_a, body, expected):
    report = enrolments_import_csv(
        edition=edition, actor=editor_a, data=body.format(a=junior.email).encode()
    )
    messages = report.errors + [e for row in report.rows for e in row.errors]
    assert expected in messages
    assert not report.written
    assert not Enrolment.objects.exists()


def test_catalogue_seats_count_real_enrolments(edition, practitioners):
    for p in practitioners(3):
        enrol(edition, p)
    annotated = edition_seats_annotate(Edition.objects.filter(pk=edition.pk)).get()
    assert annotated.seats_taken == 3
    assert annotated.seats_left == edition.capacity - 3


def test_seat_annotation_costs_one_query_for_any_number_of_editions(
    provider_a, course_with_edition, django_assert_num_queries, practitioners
):
    course = course_with_edition(provider_a)
    people = practitioners(2)
    for edition in course.editions.all():
        for p in people:
            enrol(edition, p)
    with django_assert_num_queries(1):
        list(edition_seats_annotate(Edition.objects.all()))


def test_cancelling_on_the_course_page_also_informs_participants(edition, junior, editor_a):
    from courses.wagtail_hooks import inform_participants_of_cancelled_editions

    enrol(edition, junior)
    course = edition.course.specific
    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.CANCELLED)

    class Request:
        user = editor_a

    inform_participants_of_cancelled_editions(Request(), course)
    assert Enrolment.objects.get().status == Enrolment.Status.CANCELLED
    assert OutboundEmail.objects.filter(key__startswith="edition-cancelled:").count() == 1


def test_a_promotion_that_meets_a_database_outage_is_tried_again(
    edition, practitioners, monkeypatch
):
    from celery.exceptions import Retry
    from django.db import OperationalError

    from courses import services, tasks

    edition.capacity = 1
    edition.save()
    holder, waiting = practitioners(2)
    seat = enrol(edition, holder)
    enrol(edition, waiting)
    # The seat is freed, but the promotion has not run yet.
    Enrolment.objects.filter(pk=seat.pk).update(status=Enrolment.Status.WITHDRAWN, seat=None)
    promote, attempts = services.waitlist_promote, []

    def database_away_once(**kwargs):
        attempts.append(kwargs)
        if len(attempts) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return promote(**kwargs)

    monkeypatch.setattr(services, "waitlist_promote", database_away_once)
    # The first attempt asks the worker for another one instead of failing for good.
    with pytest.raises(Retry):
        tasks.waitlist_promote_task.apply(args=[edition.pk])
    assert Enrolment.objects.get(person=waiting).status == Enrolment.Status.WAITLISTED
    tasks.waitlist_promote_task.apply(args=[edition.pk])
    assert len(attempts) == 2
    assert Enrolment.objects.get(person=waiting).status == Enrolment.Status.ENROLLED
