import pytest
from django.utils import timezone

from lms.accounts.models import Organisation, Role, User
from lms.accounts.selectors import is_kring_member
from mentoring.models import PracticeMonth
from register.demo import ELIGIBLE_EMAIL, seed
from register.models import KringDocument, KringMeeting, KringTopic
from register.selectors import register_status
from register.selectors.kring import kring_benchmark

pytestmark = pytest.mark.django_db


def test_demo_makes_one_eligible_and_one_with_a_forecast_and_is_idempotent():
    from cms import demo as cms_demo
    from courses import demo as courses_demo
    from lms.accounts import demo as accounts_demo
    from mentoring import demo as mentoring_demo

    people = accounts_demo.seed()
    cms_demo.seed()
    courses_demo.seed(people)
    mentoring_demo.seed(people)
    seed(people)
    months = PracticeMonth.objects.count()
    seed(people)
    assert PracticeMonth.objects.count() == months

    eligible = register_status(person=User.objects.get(email=ELIGIBLE_EMAIL)).evaluation
    # Points come from the courses demo's accredited past editions (98) and an accepted outside
    # activity (24, the most that may count): every requirement is met.
    unmet = {r.name for r in eligible.requirements if not r.met}
    assert unmet == set(), unmet
    assert eligible.eligible
    board = User.objects.filter(groups__name=Role.BOARD_MEMBER)
    assert board.count() >= 3
    junior = register_status(person=people["junior@example.org"]).evaluation
    assert not junior.eligible
    assert junior.get("practice_months").forecast.on is not None

    # The Kring: the demo manager is a member and reads medians beside the own organisation,
    # a tiny organisation is shown for nobody, and the meetings were made once.
    manager = User.objects.get(email="manager@example.org")
    assert is_kring_member(manager)
    today = timezone.localdate()
    benchmark = kring_benchmark(organisation=manager.profile.organisation, today=today)
    points = next(r for r in benchmark.rows if r.figure.key == "points")
    assert points.today.own is not None and points.today.median is not None
    assert benchmark.organisations >= 7
    tiny = kring_benchmark(
        organisation=Organisation.objects.get(name="Dorpswerk Vlieland"), today=today
    )
    assert all(row.today.own is None for row in tiny.rows)
    assert KringMeeting.objects.count() == 2
    kinds = set(KringDocument.objects.values_list("kind", flat=True))
    assert kinds == {KringDocument.Kind.AGENDA, KringDocument.Kind.MINUTES}
    assert KringTopic.objects.count() == 1
