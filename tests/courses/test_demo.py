import pytest

from courses.models import AccreditationDecision, CourseKind, CoursePage, Edition, ProviderPage
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
    assert CoursePage.objects.filter(live=False, code__startswith="KW-").count() == 4
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
    completion = Completion.objects.get(person=junior)
    assert completion.accredited and completion.points > 0 and completion.revoked_at is None
    assert Completion.objects.filter(
        person__email="senior@example.org", revoked_at__isnull=False
    ).exists()
    client.force_login(junior)
    assert client.get(f"/leren/afrondingen/{completion.pk}/certificaat.pdf").status_code == 200
