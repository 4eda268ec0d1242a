"""The personal to-do list: each app's items appear while they wait and leave once done; the
header's count, its cache and what drops it; the page's query count."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from lms.accounts.models import NoticeKind, Role
from lms.dashboard.selectors import inbox_count, inbox_for
from mentoring.models import CoachingSession
from mentoring.services import (
    coaching_session_confirm,
    coaching_session_dispute,
    coaching_session_withdraw,
    practice_month_attest,
    trajectory_accept,
)
from tests.factories import person
from tests.mentoring.factories import CoachingSessionFactory, TrajectoryFactory, practitioner
from tests.queries import queries_for

pytestmark = pytest.mark.django_db


def kinds(user) -> list[str]:
    return [item.kind for item in inbox_for(user=user)]


def test_a_session_to_confirm_waits_for_the_junior_until_confirmed():
    session = CoachingSessionFactory()
    junior = session.trajectory.junior
    [item] = inbox_for(user=junior)
    assert item.kind == NoticeKind.COACHING and item.role == Role.JUNIOR
    assert item.url == reverse("mentoring:session_detail", args=[session.pk])
    assert inbox_for(user=session.senior) == []
    coaching_session_confirm(actor=junior, session=session)
    assert inbox_for(user=junior) == []


def test_a_dispute_waits_for_the_senior_until_answered():
    session = CoachingSessionFactory()
    coaching_session_dispute(actor=session.trajectory.junior, session=session, reason="Korter")
    [item] = inbox_for(user=session.senior)
    assert item.kind == NoticeKind.COACHING and item.role == Role.SENIOR
    assert item.url == reverse("mentoring:session_detail", args=[session.pk])
    assert inbox_for(user=session.trajectory.junior) == []
    coaching_session_withdraw(actor=session.senior, session=session)
    assert inbox_for(user=session.senior) == []


def test_a_corrected_dispute_no_longer_waits_for_the_senior():
    session = CoachingSessionFactory(
        status=CoachingSession.Status.DISPUTED, disputed_at=timezone.now(), dispute_reason="x"
    )
    assert kinds(session.senior) == [NoticeKind.COACHING]
    CoachingSessionFactory(
        trajectory=session.trajectory, original=session, version=2, correction_reason="y"
    )
    assert kinds(session.senior) == []


def test_a_proposed_trajectory_waits_for_each_until_they_agree():
    trajectory = TrajectoryFactory(
        status="proposed", senior_accepted_at=None, junior_accepted_at=None
    )
    assert kinds(trajectory.junior) == [NoticeKind.TRAJECTORY]
    assert kinds(trajectory.senior) == [NoticeKind.TRAJECTORY]
    trajectory_accept(actor=trajectory.junior, trajectory=trajectory)
    assert kinds(trajectory.junior) == []
    assert kinds(trajectory.senior) == [NoticeKind.TRAJECTORY]


def test_a_practice_month_waits_for_the_line_manager_until_attested(manager):
    from tests.register.factories import attested_month

    junior = practitioner(Role.JUNIOR, line_manager=manager)
    month = attested_month(
        who=junior,
        month=timezone.localdate() - dt.timedelta(days=40),
        attester=None,
        status="submitted",
        minutes_territoriaal=100 * 60,
    )
    [item] = inbox_for(user=manager)
    assert (item.kind, item.role) == (NoticeKind.PRACTICE, Role.MANAGER)
    assert inbox_for(user=junior) == []
    practice_month_attest(actor=manager, practice_month=month)
    assert inbox_for(user=manager) == []


def test_a_seat_from_the_waitlist_waits_until_seen_or_given_back(
    client, site, django_capture_on_commit_callbacks
):
    from courses.models import Enrolment
    from courses.services import catalogue_ensure, enrolment_withdraw
    from tests.courses.factories import CoursePageFactory, EditionFactory, enrol, make_provider

    provider = make_provider(catalogue=catalogue_ensure(home=site))
    edition = EditionFactory(course=CoursePageFactory(parent=provider), capacity=1)
    first, second, third = (person(Role.JUNIOR) for _ in range(3))
    taken = enrol(edition, first)
    waiting = enrol(edition, second)
    enrol(edition, third)
    assert waiting.status == Enrolment.Status.WAITLISTED
    assert inbox_for(user=second) == []
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_withdraw(enrolment=taken, actor=first)  # the freed seat goes to the second
    [item] = inbox_for(user=second)
    assert item.kind == NoticeKind.WAITLIST and item.dismiss_url
    client.force_login(second)
    response = client.post(item.dismiss_url)
    assert response.status_code == 302
    assert inbox_for(user=second) == []
    # Someone else's seat is not theirs to mark as seen.
    client.force_login(first)
    assert client.post(item.dismiss_url).status_code == 404
    # Giving the seat back: it goes to the next one, who now finds it in their list.
    assert inbox_for(user=third) == []
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_withdraw(
            enrolment=Enrolment.objects.get(person=second, status="ingeschreven"), actor=second
        )
    assert inbox_for(user=second) == []
    assert [item.kind for item in inbox_for(user=third)] == [NoticeKind.WAITLIST]


def test_an_accreditation_request_waits_for_the_college_except_who_has_a_stake(site, board_member):
    from courses.services import (
        accreditation_decide,
        accreditation_request_submit,
        catalogue_ensure,
    )
    from tests.courses.factories import CoursePageFactory, make_provider

    editor = person(Role.PROVIDER_EDITOR)
    provider = make_provider(catalogue=catalogue_ensure(home=site), editors=[editor])
    staked = person(Role.BOARD_MEMBER, profile__organisation=provider.organisation)
    course = CoursePageFactory(parent=provider)
    request = accreditation_request_submit(course=course, user=editor)
    [item] = inbox_for(user=board_member)
    assert (item.kind, item.role) == (NoticeKind.ACCREDITATION, Role.BOARD_MEMBER)
    assert item.url == reverse("courses_accreditation:review", args=[request.pk])
    assert inbox_for(user=staked) == []
    accreditation_decide(
        request=request, reviewer=board_member, outcome="afgewezen", motivation="Te vaag."
    )
    assert inbox_for(user=board_member) == []


def test_an_outside_activity_waits_for_the_office_until_assessed(register_office, junior):
    from courses.models import OutsideActivity
    from tests.register.factories import outside_activity

    activity = outside_activity(
        who=junior, on=timezone.localdate(), status=OutsideActivity.Status.SUBMITTED
    )
    [item] = inbox_for(user=register_office)
    assert (item.kind, item.role) == (NoticeKind.OUTSIDE_ACTIVITY, Role.REGISTER_OFFICE)
    OutsideActivity.objects.filter(pk=activity.pk).update(
        status=OutsideActivity.Status.ACCEPTED,
        decided_by=register_office,
        decided_at=timezone.now(),
    )
    assert inbox_for(user=register_office) == []


def test_a_manuscript_waits_for_its_advisers_until_they_advised(junior, register_office):
    from publications.models import Advice
    from publications.services import (
        manuscript_advise,
        manuscript_reviewers_assign,
        manuscript_submit,
    )
    from tests.publications.test_manuscripts import pdf_upload

    manuscript = manuscript_submit(
        author=junior,
        title="Buurtkracht",
        summary="Samenvatting",
        kind="artikel",
        file=pdf_upload(),
    )
    college = [person(Role.BOARD_MEMBER) for _ in range(2)]
    reviews = manuscript_reviewers_assign(
        actor=register_office, manuscript=manuscript, reviewers=college
    )
    [item] = inbox_for(user=college[0])
    assert (item.kind, item.role) == (NoticeKind.MANUSCRIPT, Role.BOARD_MEMBER)
    assert item.url == reverse("publications:review", args=[reviews[0].pk])
    manuscript_advise(actor=college[0], review=reviews[0], advice=Advice.values[0])
    assert inbox_for(user=college[0]) == []
    assert len(inbox_for(user=college[1])) == 1


# --- The page, the start page and the header --------------------------------------------------


def test_inbox_page_links_to_the_action_and_the_start_page_groups_per_role(client, site):
    session = CoachingSessionFactory()
    junior = session.trajectory.junior
    client.force_login(junior)
    html = client.get(reverse("dashboard:inbox")).content.decode()
    detail = reverse("mentoring:session_detail", args=[session.pk])
    assert f'href="{detail}"' in html
    assert "Als Junior opbouwwerker" in html
    home = client.get(reverse("dashboard:home")).content.decode()
    assert f'href="{detail}"' in home
    assert "Als Junior opbouwwerker" in home


def test_inbox_page_needs_login(client):
    response = client.get(reverse("dashboard:inbox"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_inbox_page_costs_the_same_for_few_or_many_items(client, site):
    quiet = TrajectoryFactory()
    CoachingSessionFactory(trajectory=quiet)
    busy = TrajectoryFactory()
    for _ in range(12):
        CoachingSessionFactory(trajectory=busy)
    counts = []
    for trajectory in (quiet, busy):
        client.force_login(trajectory.junior)
        counts.append(queries_for(client, reverse("dashboard:inbox")))
    assert counts[0] == counts[1]


def header_count(client) -> str:
    import re

    html = client.get("/zoeken/?q=wijk").content.decode()
    found = re.search(r'class="inbox-link">Te doen(?: <span class="badge">(\d+)</span>)?', html)
    assert found, "the header links to the to-do list"
    return found.group(1) or "0"


def test_header_shows_the_count_and_links_to_the_list(client, site):
    session = CoachingSessionFactory()
    client.force_login(session.trajectory.junior)
    assert header_count(client) == "1"


def test_header_count_is_kept_and_a_successful_post_drops_it(client, site):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    session = CoachingSessionFactory()
    junior = session.trajectory.junior
    client.force_login(junior)
    assert inbox_count(user=junior) == 1
    # Kept: a second ask reads no rows.
    with CaptureQueriesContext(connection) as queries:
        assert inbox_count(user=junior) == 1
    assert len(queries) == 0
    # Another's change (here a raw update) shows once the person POSTs, or the minute is over.
    CoachingSession.objects.filter(pk=session.pk).update(
        status=CoachingSession.Status.CONFIRMED,
        confirmed_at=timezone.now(),
        confirmed_by=junior,
    )
    assert inbox_count(user=junior) == 1
    assert client.get(reverse("dashboard:email_preferences")).status_code == 200
    assert inbox_count(user=junior) == 1  # reading a page keeps it
    data = dict.fromkeys(_choosable(), "at_once")
    assert client.post(reverse("dashboard:email_preferences"), data).status_code == 302
    assert inbox_count(user=junior) == 0


def test_anonymous_pages_count_nothing(client, site):
    html = client.get("/zoeken/?q=wijk").content.decode()
    assert "inbox-link" not in html
    assert cache.get("inbox:count:None") is None


def _choosable():
    from lms.accounts.models import CHOOSABLE_KINDS

    return [kind.value for kind in CHOOSABLE_KINDS]


def test_unread_messages_wait_for_the_reader_until_the_thread_is_read():
    from mentoring.services import message_send, messages_mark_read

    trajectory = TrajectoryFactory()
    message_send(actor=trajectory.senior, trajectory=trajectory, body="Hoe ging het overleg?")
    message_send(actor=trajectory.senior, trajectory=trajectory, body="En de wijkavond?")
    [item] = inbox_for(user=trajectory.junior)
    assert item.kind == NoticeKind.TRAJECTORY and item.role == Role.JUNIOR
    assert item.title == "2 nieuwe berichten in je buddytraject"
    assert item.url == (
        reverse("mentoring:trajectory_sessions", args=[trajectory.pk]) + "#berichten"
    )
    assert inbox_for(user=trajectory.senior) == []
    messages_mark_read(reader=trajectory.junior, trajectory=trajectory)
    assert inbox_for(user=trajectory.junior) == []
