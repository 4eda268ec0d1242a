"""Many people pressing the enrol button at once: the database hands out exactly the seats."""

import threading
import time

import pytest
from django.conf import settings

from courses.models import Enrolment
from courses.services import enrolment_create
from tests.factories import person

# Checked at collection, so that SQLite runs never set up (and flush) a transactional database.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="row locks are tested on PostgreSQL",
    ),
]


# Rows the migrations made (Wagtail's locale, root page and root collection) come back after
# another transactional test emptied the tables.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_people_for_five_seats(provider_a, course_with_edition):
    course = course_with_edition(provider_a)
    edition = course.editions.get()
    edition.capacity = 5
    edition.save()
    people = [person() for _ in range(20)]
    barrier = threading.Barrier(len(people))
    errors = []

    def press(index, user):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            time.sleep(index * 0.002)  # arrive in a known order, still overlapping
            enrolment_create(edition=edition, person=user, actor=user)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=press, args=(i, u)) for i, u in enumerate(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    enrolled = Enrolment.objects.filter(edition=edition, status=Enrolment.Status.ENROLLED)
    waitlisted = Enrolment.objects.filter(edition=edition, status=Enrolment.Status.WAITLISTED)
    assert enrolled.count() == 5
    assert waitlisted.count() == 15
    assert sorted(enrolled.values_list("seat", flat=True)) == [1, 2, 3, 4, 5]
    # Arrival order: whoever got a seat arrived before everyone on the waitlist.
    last_seat = max(enrolled.values_list("created_at", flat=True))
    first_waiting = min(waitlisted.values_list("created_at", flat=True))
    assert last_seat <= first_waiting
