import pytest
from django.utils import timezone

from courses.models import (
    AccreditationDecision,
    Attendance,
    CourseKind,
    CoursePage,
    Edition,
    ProviderPage,
)
from courses.selectors import completion_before_course_ran
from lms.accounts.models import Role, User

pytestmark = pytest.mark.django_db


def test_demo_catalogue_is_complete_and_seeding_twice_changes_nothing(client):
    from cms import demo as cms_demo
    from courses import demo
    from lms.accounts import demo as accounts_demo

    people = accounts_demo.seed()
    cms_demo.seed()
    demo.seed(people)

    def snapshot():
        return (
            CoursePage.objects.count(),
            Edition.objects.count(),
            AccreditationDecision.objects.count(),
            ProviderPage.objects.count(),
            User.objects.count(),
            CoursePage.objects.first().revisions.count(),
        )

    first = snapshot()
    demo.seed(people)
    assert snapshot() == first

    assert ProviderPage.objects.count() == 3
    published = CoursePage.objects.live()
    assert published.count() >= 12
    assert set(published.values_list("kind", flat=True)) == set(CourseKind.values)
    assert CoursePage.objects.filter(live=False, code__startswith="KW-").count() == 12
    assert AccreditationDecision.objects.filter(reviewer__email="college@example.org").exists()
    assert Edition.objects.filter(status=Edition.Status.FINISHED).exists()

    editor = User.objects.get(email="aanbieder@example.org")
    assert editor.has_role(Role.PROVIDER_EDITOR)
    wijkwerk = ProviderPage.objects.get(title="Kenniscentrum Wijkwerk")
    assert editor.groups.filter(pk=wijkwerk.editors_group_id).exists()
    other = User.objects.get(email="redacteur.buurtkracht@example.org")
    assert other.check_password("demo-wachtwoord")

    response = client.get("/cursussen/")
    assert response.status_code == 200
    assert "Krachtenveldanalyse in de buurt" in response.content.decode()


def test_demo_shows_every_learning_state_and_seeding_twice_changes_nothing(client):
    from cms import demo as cms_demo
    from courses import demo
    from courses.models import Completion, Enrolment
    from lms.accounts import demo as accounts_demo

    people = accounts_demo.seed()
    cms_demo.seed()
    demo.seed(people)
    counts = (Enrolment.objects.count(), Completion.objects.count())
    demo.seed(people)
    assert (Enrolment.objects.count(), Completion.objects.count()) == counts

    junior = User.objects.get(email="junior@example.org")
    statuses = set(junior.enrolments.values_list("status", flat=True))
    assert {Enrolment.Status.ENROLLED, Enrolment.Status.WAITLISTED} <= statuses
    # The junior completed the same course in two editions; both are on her record.
    completions = Completion.objects.filter(person=junior).order_by("completed_on")
    assert {c.enrolment.edition.course_id for c in completions} == {
        completions[0].enrolment.edition.course_id
    }
    assert completions.count() == 2
    completion = completions.last()
    assert completion.accredited and completion.points > 0 and completion.revoked_at is None
    assert Completion.objects.filter(
        person__email="senior@example.org", revoked_at__isnull=False
    ).exists()
    client.force_login(junior)
    assert client.get(f"/leren/afrondingen/{completion.pk}/certificaat.pdf").status_code == 200

    # A course that ran, waiting for the provider: two of three meetings attended.
    waiting = junior.enrolments.get(edition__code="KWW-102-3")
    assert not Completion.objects.filter(enrolment=waiting).exists()
    present = waiting.attendance.filter(status=Attendance.Status.PRESENT).count()
    assert (present, waiting.attendance.count()) == (2, 3)
    # No points before the course ran: no mark for a meeting still to come, and no completion
    # dated before its course ran.
    assert not Attendance.objects.filter(meeting__date__gt=timezone.localdate()).exists()
    assert Attendance.objects.exists()
    assert not Completion.objects.filter(completion_before_course_ran()).exists()
