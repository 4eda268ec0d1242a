"""Many people registering at once: a workshop never gets more people than places, and one
person pressing twice gets one registration."""

import threading
import time

import pytest
from django.conf import settings

from conference.models import Registration, WorkshopChoice
from conference.services import registration_create
from lms.accounts.models import Role
from tests.factories import person

from .factories import make_conference, workshops_of

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="row locks are tested on PostgreSQL",
    ),
]


def _run_at_once(calls):
    barrier = threading.Barrier(len(calls))
    errors = []

    def press(index, call):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            time.sleep(index * 0.002)
            call()
        except Exception as error:  # noqa: BLE001 - reported by the caller
            errors.append(error)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=press, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


# Rows the migrations made (Wagtail's locale, root page and root collection) come back after
# another transactional test emptied the tables.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twelve_people_for_two_places_and_one_person_pressing_four_times(site, organiser):
    conference = make_conference(home=site, provider=organiser, accredited=False)
    workshop = workshops_of(conference)[0][0]  # two places
    people = [person(Role.JUNIOR) for _ in range(12)]
    errors = _run_at_once(
        [
            lambda user=user: registration_create(
                conference=conference,
                person=user,
                choices={workshop.round_id: workshop.pk},
                payer="zelf",
            )
            for user in people
        ]
    )
    assert errors == []
    choices = WorkshopChoice.objects.filter(workshop=workshop)
    placed = choices.filter(status=WorkshopChoice.Status.PLACED)
    assert sorted(placed.values_list("seat", flat=True)) == [1, 2]
    assert choices.filter(status=WorkshopChoice.Status.WAITING).count() == 10
    last_placed = max(placed.values_list("chosen_at", flat=True))
    first_waiting = min(
        choices.filter(status=WorkshopChoice.Status.WAITING).values_list("chosen_at", flat=True)
    )
    assert last_placed <= first_waiting

    # One person pressing four times at once: one registration. (In the same test, as a
    # transactional test empties the database after it, Wagtail's root page too.)
    user = person(Role.JUNIOR)
    errors = _run_at_once(
        [lambda: registration_create(conference=conference, person=user, choices={}, payer="zelf")]
        * 4
    )
    assert Registration.objects.filter(person=user).count() == 1
    assert len(errors) == 3
    assert all("al aangemeld" in str(error) for error in errors)
