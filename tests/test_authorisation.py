"""The authorisation matrix: every URL of the project, for every role, with the status it must
answer. The table is ``tests/authorisation_table.py``; this module builds the people and objects
once, walks the URL resolver and asks each URL as each role.
"""

import datetime as dt
import shutil
from decimal import Decimal
from http.cookies import SimpleCookie
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site as DjangoSite
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone
from taggit.models import Tag
from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Site,
    Task,
    UploadedFile,
    Workflow,
)
from wagtail.users.models import UserProfile
from wagtail_factories import DocumentFactory, ImageFactory

from cms import demo
from cms.models import ContentPage
from conference.services import proposal_submit
from conference.services import registration_create as conference_registration_create
from courses.models import (
    AccreditationRequest,
    CalendarFeed,
    CourseKind,
    CoursePage,
    ExportFile,
    LessonPage,
    OutsideActivity,
    Reflection,
)
from courses.services import catalogue_ensure
from elearning.models import Attempt
from lms.accounts.models import OutboundEmail, Role
from lms.accounts.services import conflict_declare
from lms.credentials.models import StatusList
from mentoring.models import CoachingSession, MatchingRun, MatchingWeights, PracticeMonth
from mentoring.services import practitioner_profile_get_or_create
from publications.models import PublicationAuthor, PublicationKind, PublicationPage
from publications.services import library_ensure, manuscript_reviewers_assign, manuscript_submit
from register.models import BallotageVote, RegisterPolicy
from register.services import (
    ballotage_decide,
    ballotage_vote,
    kring_document_upload,
    kring_meeting_create,
    register_application_check,
    register_application_submit,
    registration_create,
    reviewer_recuse,
    reviewers_assign,
)
from tests import authorisation_table as table
from tests.authorisation_table import ROLES
from tests.cms.factories import code_in_force
from tests.conference.factories import make_conference
from tests.courses.factories import (
    CoursePageFactory,
    EditionFactory,
    MeetingFactory,
    make_provider,
)
from tests.courses.factories import enrol as enrol_in
from tests.elearning.conftest import package_for
from tests.factories import OrganisationFactory, UserFactory, person
from tests.mentoring.factories import CoachingSessionFactory, TrajectoryFactory
from tests.register import factories as register_factories

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
REFLECTIONS = {
    "zelfredzaamheid": "Bewoners organiseren zelf een buurtfeest.",
    "strategisch": "Advies aan de gemeente over het wijkbudget.",
    "sociaal_organisatorisch": "Drie instellingen werken samen in de wijk.",
}


# --- The URL patterns ----------------------------------------------------------------------------


def _join(prefix: str, route: str) -> str:
    # The way Django joins routes in ResolverMatch.route, so that resolve(url).route is the key.
    return prefix + route.removeprefix("^") if prefix else route


def url_patterns(patterns=None, prefix: str = ""):
    """The full route of every URL pattern, Wagtail's and the Django admin's included."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = _join(prefix, str(entry.pattern))
        if isinstance(entry, URLResolver):
            yield from url_patterns(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


# --- The people and the objects they own ----------------------------------------------------------


def _eligible(*, who, trajectory, provider, attester):
    """What the register asks of an applicant (tests/register/factories.make_eligible), with the
    coaching in ``trajectory``."""
    f = register_factories
    today = timezone.localdate()
    for month in f.months_back(today, 36):
        f.attested_month(who=who, month=month, attester=attester)
    for kind, days in ((CourseKind.POST_HBO, 300), (CourseKind.CONSULTATION, 200)):
        f.completion(
            who=who,
            on_edition=f.edition(provider=provider, kind=kind),
            on=today - dt.timedelta(days=days),
        )
    for i in range(10):
        f.confirmed_session(trajectory=trajectory, on=today - dt.timedelta(days=30 + 14 * i))


def _decided(*, application, office, reviewers, value):
    register_application_check(actor=office, application=application, complete=True)
    for assignment, reviewer in zip(
        reviewers_assign(actor=office, application=application, reviewers=reviewers),
        reviewers,
        strict=True,
    ):
        ballotage_vote(actor=reviewer, assignment=assignment, value=value, motivation="Gewogen.")
    return ballotage_decide(actor=office, application=application)


def build_world(files: list) -> SimpleNamespace:
    """One of each role, and objects that are theirs and objects of someone else.

    "Own" objects belong to the acting junior, senior, manager (organisation A), provider editor
    (provider A) or board member (reviewer of one application); "other" objects belong to people
    of organisation B and to provider B.
    """
    w = SimpleNamespace()
    today = timezone.localdate()
    w.home = demo.seed()
    catalogue = catalogue_ensure(home=w.home)
    w.site = Site.objects.get(is_default_site=True)
    org_a = OrganisationFactory(name="Welzijn Oost")
    org_b = OrganisationFactory(name="Welzijn West")
    org_c = OrganisationFactory(name="Welzijn Noord")
    college_org = OrganisationFactory(name="Hogeschool van de College-voorzitter")

    # The acting people, one per role.
    w.manager = person(Role.MANAGER, profile__organisation=org_a)
    w.junior = person(Role.JUNIOR, profile__organisation=org_a, profile__line_manager=w.manager)
    w.senior = person(Role.SENIOR, profile__organisation=org_a)
    w.editor = person(Role.PROVIDER_EDITOR)
    w.board = person(Role.BOARD_MEMBER, profile__organisation=college_org)
    w.office = person(Role.REGISTER_OFFICE)
    w.committee = UserFactory(roles=[Role.PROGRAMME_COMMITTEE], profile__organisation=org_c)
    w.desk = person(Role.CHECKIN_DESK)
    w.kring = person(Role.KRING_MEMBER, profile__organisation=org_b)
    w.superuser = UserFactory(is_superuser=True, is_staff=True)
    # Those who must use a second factor in production have one (lms.accounts.middleware).
    for user in (w.board, w.office, w.superuser):
        TOTP.activate(user, generate_totp_secret())

    # Other people: their objects are "another person's".
    w.other_junior = person(Role.JUNIOR, profile__organisation=org_b)
    w.other_senior = person(Role.SENIOR, profile__organisation=org_b)
    w.other_editor = person(Role.PROVIDER_EDITOR)
    college = [person(Role.BOARD_MEMBER) for _ in range(3)]
    for user in college:
        TOTP.activate(user, generate_totp_secret())

    # Providers, courses, editions and lessons: A is the editor's, B someone else's. The board
    # member works at B's organisation, so may not review B's courses.
    w.provider_a = make_provider(catalogue=catalogue, title="Kenniscentrum A", editors=[w.editor])
    w.provider_b = make_provider(
        catalogue=catalogue,
        title="Hogeschool B",
        editors=[w.other_editor],
        organisation=college_org,
    )
    for key, provider in (("a", w.provider_a), ("b", w.provider_b)):
        course = CoursePageFactory(parent=provider, title=f"Wijkanalyse {key.upper()}")
        course_edition = EditionFactory(course=course)
        MeetingFactory(edition=course_edition)
        course.save_revision().publish()
        lesson = LessonPage(
            title=f"Krachtenveld {key.upper()}",
            body=[("reflection", {"assignment": "Beschrijf het krachtenveld in je wijk."})],
        )
        course.add_child(instance=lesson)
        lesson.save_revision().publish()
        setattr(w, f"course_{key}", CoursePage.objects.get(pk=course.pk))
        setattr(w, f"edition_{key}", course_edition)
        setattr(w, f"lesson_{key}", lesson)
        setattr(w, f"collection_{key}", Collection.objects.get(name=provider.title))
        setattr(w, f"document_{key}", DocumentFactory(collection=getattr(w, f"collection_{key}")))
        setattr(w, f"image_{key}", ImageFactory(collection=getattr(w, f"collection_{key}")))
    # A lesson with an e-learning package in each course.
    for key in ("a", "b"):
        course = getattr(w, f"course_{key}")
        lesson = LessonPage(title=f"E-learning {key.upper()}")
        course.add_child(instance=lesson)
        lesson.save_revision().publish()
        setattr(w, f"elearning_{key}", package_for(lesson))
    w.accreditation_a = AccreditationRequest.objects.create(
        course=w.course_a, submitted_by=w.editor, note="Graag."
    )
    w.accreditation_b = AccreditationRequest.objects.create(
        course=w.course_b, submitted_by=w.other_editor, note="Graag."
    )

    # Learning: enrolments, completions, reflections, evidence, exports, calendar feeds.
    w.enrolment_own = enrol_in(w.edition_a, w.junior)
    w.enrolment_other = enrol_in(w.edition_b, w.other_junior)
    for key, enrolment in (("own", w.enrolment_own), ("other", w.enrolment_other)):
        package = w.elearning_a if key == "own" else w.elearning_b
        attempt = Attempt.objects.create(
            package=package,
            enrolment=enrolment,
            started_at=timezone.now(),
            last_access_at=timezone.now(),
        )
        setattr(w, f"attempt_{key}", attempt)
    w.completion_own = register_factories.completion(
        who=w.junior,
        on_edition=register_factories.edition(provider=w.provider_a),
        on=today - dt.timedelta(days=90),
    )
    w.completion_other = register_factories.completion(
        who=w.other_junior,
        on_edition=register_factories.edition(provider=w.provider_b),
        on=today - dt.timedelta(days=90),
    )
    now = timezone.now()
    w.reflection_own = Reflection.objects.create(
        enrolment=w.enrolment_own, lesson=w.lesson_a, text="REFLECTIE-EIGEN", submitted_at=now
    )
    w.reflection_other = Reflection.objects.create(
        enrolment=w.enrolment_other, lesson=w.lesson_b, text="REFLECTIE-ANDER", submitted_at=now
    )
    w.files = files  # on the private storage: removed when the module is done
    for key, who in (("own", w.junior), ("other", w.other_junior)):
        activity = OutsideActivity(
            person=who,
            title=f"Studiedag {key}",
            organiser="Landelijk platform",
            date=today - dt.timedelta(days=20),
            hours=Decimal("6"),
            points=Decimal("6"),
        )
        activity.evidence.save(f"bewijs-{key}.pdf", ContentFile(PDF), save=True)
        w.files.append(activity.evidence)
        setattr(w, f"activity_{key}", activity)
    for key, who, course_edition in (
        ("own", w.editor, w.edition_a),
        ("other", w.other_editor, w.edition_b),
    ):
        export = ExportFile(
            requested_by=who, edition=course_edition, format="csv", status=ExportFile.Status.READY
        )
        export.file.save(f"uitvoering-{key}.csv", ContentFile(b"naam;status\n"), save=True)
        w.files.append(export.file)
        setattr(w, f"export_{key}", export)
    w.calendar_feed = CalendarFeed.objects.create(person=w.junior, token="geheim-junior-token")

    # Coaching: the senior coaches the junior (organisation A); B's pair is someone else's.
    w.trajectory_own = TrajectoryFactory(
        senior=w.senior,
        junior=w.junior,
        organisation=org_a,
        starts_on=today - dt.timedelta(days=400),
        planned_end_on=today + dt.timedelta(days=300),
    )
    w.trajectory_other = TrajectoryFactory(
        senior=w.other_senior,
        junior=w.other_junior,
        organisation=org_b,
        starts_on=today - dt.timedelta(days=400),
        planned_end_on=today + dt.timedelta(days=300),
    )
    w.session_own = CoachingSessionFactory(
        trajectory=w.trajectory_own, private_note="PRIVE-NOTITIE-EIGEN"
    )
    w.session_other = CoachingSessionFactory(
        trajectory=w.trajectory_other, private_note="PRIVE-NOTITIE-ANDER"
    )
    month = today.replace(day=1)
    w.month_own = PracticeMonth.objects.create(
        person=w.junior, month=month, minutes_total=80 * 60, minutes_zelfredzaamheid=80 * 60
    )
    w.month_other = PracticeMonth.objects.create(
        person=w.other_junior, month=month, minutes_total=90 * 60, minutes_zelfredzaamheid=90 * 60
    )
    w.calendar_token = practitioner_profile_get_or_create(user=w.junior).calendar_token
    w.matching_run = MatchingRun.objects.create(created_by=w.office, organisation=org_a)

    # The register. The junior was registered after a positive decision; B's junior is in
    # ballotage with the board member as one of three reviewers (one has voted); someone of
    # organisation C was refused.
    _eligible(who=w.junior, trajectory=w.trajectory_own, provider=w.provider_a, attester=w.office)
    _eligible(
        who=w.other_junior,
        trajectory=w.trajectory_other,
        provider=w.provider_a,
        attester=w.office,
    )
    for key in ("own", "other"):
        confirmed = (
            CoachingSession.objects.filter(
                trajectory=getattr(w, f"trajectory_{key}"), status="confirmed"
            )
            .order_by("pk")
            .first()
        )
        confirmed.private_note = f"PRIVE-NOTITIE-BEVESTIGD-{key.upper()}"
        confirmed.save(update_fields=["private_note"])
        setattr(w, f"session_{key}_confirmed", confirmed)
    w.application_own = register_application_submit(
        code_version=code_in_force(),
        actor=w.junior,
        reflections=REFLECTIONS,
        documents=[("Portfolio", SimpleUploadedFile("portfolio.pdf", PDF, "application/pdf"))],
    )
    w.files.extend(document.file for document in w.application_own.documents.all())
    w.decision_own = _decided(
        application=w.application_own, office=w.office, reviewers=college, value="positive"
    )
    w.registration_own = registration_create(actor=w.office, decision=w.decision_own)
    w.application_other = register_application_submit(
        code_version=code_in_force(),
        actor=w.other_junior,
        reflections={k: f"REFLECTIE-AANVRAAG-{k}" for k in REFLECTIONS},
    )
    register_application_check(actor=w.office, application=w.application_other, complete=True)
    w.review_own, w.review_other, _third = reviewers_assign(
        actor=w.office, application=w.application_other, reviewers=[w.board, *college[:2]]
    )
    ballotage_vote(
        actor=college[0], assignment=w.review_other, value="negative", motivation="GEHEIME-STEM"
    )
    w.college = college
    w.third_applicant = person(Role.JUNIOR, profile__organisation=org_c)
    register_factories.make_eligible(
        who=w.third_applicant, today=today, provider=w.provider_a, attester=w.office
    )
    w.application_third = register_application_submit(
        code_version=code_in_force(), actor=w.third_applicant, reflections=REFLECTIONS
    )
    w.decision_other = _decided(
        application=w.application_third, office=w.office, reviewers=college, value="negative"
    )
    w.policy = RegisterPolicy.objects.get(version=1)
    w.status_list = StatusList.objects.get()
    # A request, which binds nothing, so that the other rows are not changed by it.
    w.conflict = conflict_declare(
        actor=w.junior, person=w.junior, other=w.board, reason="VERZOEK-BELANGENVERSTRENGELING"
    )

    # Wagtail's own objects.
    w.root = Page.get_first_root_node()
    w.page_type = ContentType.objects.get_for_model(CoursePage)
    w.redirect = Redirect.objects.create(old_path="/oud", redirect_link="/nieuw")
    w.workflow = Workflow.objects.order_by("pk").first()
    w.task = Task.objects.order_by("pk").first()
    # A lesson of provider A waits for moderation (the course itself stays free to edit).
    w.workflow_state = w.workflow.start(w.lesson_a, w.editor)
    w.task_state = w.workflow_state.current_task_state
    w.revision_a = w.course_a.latest_revision
    w.revision_b = w.course_b.latest_revision
    w.group_a = w.provider_a.editors_group
    w.closed_page = ContentPage(title="Besloten", slug="besloten", intro="Voor leden.")
    w.home.add_child(instance=w.closed_page)
    w.closed_page.save_revision().publish()
    w.page_restriction = PageViewRestriction.objects.create(
        page=w.closed_page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    closed = Collection.get_first_root_node().add_child(name="Besloten stukken")
    w.collection_restriction = CollectionViewRestriction.objects.create(
        collection=closed, restriction_type=CollectionViewRestriction.PASSWORD, password="geheim"
    )
    w.editing_session = EditingSession.objects.create(
        user=w.editor,
        content_type=ContentType.objects.get_for_model(Page),
        object_id=str(w.course_a.pk),
        last_seen_at=timezone.now(),
    )
    for kind, model in (("document", Document), ("image", Image)):
        upload = UploadedFile(
            for_content_type=ContentType.objects.get_for_model(model), uploaded_by_user=w.editor
        )
        upload.file.save(f"upload.{'pdf' if kind == 'document' else 'png'}", ContentFile(PDF))
        w.files.append(upload.file)
        setattr(w, f"upload_{kind}", upload)

    # Rows for the Django admin's change screens.
    w.organisation_a = org_a
    w.outbound_email = OutboundEmail.objects.order_by("pk").first()
    w.tag = Tag.objects.create(name="wijkwerk")
    w.email_address = EmailAddress.objects.get(user=w.junior)
    w.authenticator = Authenticator.objects.filter(user=w.board).first()
    w.access_attempt = AccessAttempt.objects.create(
        username="iemand@example.org", ip_address="10.0.0.1", failures_since_start=1
    )
    w.access_log = AccessLog.objects.create(username="iemand@example.org", ip_address="10.0.0.1")
    w.access_failure_log = AccessFailureLog.objects.create(
        username="iemand@example.org", ip_address="10.0.0.1"
    )
    w.django_site = DjangoSite.objects.get_current()
    w.matching_weights = MatchingWeights.load()
    if apps.is_installed("lms.privacy"):
        from lms.privacy.models import ErasureRecord

        w.erasure_record = ErasureRecord.objects.create(
            user=person(), pseudonym="verwijderd-1", actor=w.superuser
        )
    # The beroepscode: the version in force, which every application above accepted.
    w.code_version = code_in_force()
    # The Kring Kwaliteitsmanagement: a meeting with its agenda on the private storage.
    w.kring_meeting = kring_meeting_create(
        actor=w.office, date=today + dt.timedelta(days=30), place="Utrecht", topic="Kwaliteitszorg"
    )
    w.kring_agenda = kring_document_upload(
        actor=w.office,
        meeting=w.kring_meeting,
        kind="agenda",
        title="Agenda",
        file=SimpleUploadedFile("agenda.pdf", PDF, "application/pdf"),
    )
    w.files.append(w.kring_agenda.file)
    # Publications: a publication the senior wrote; the junior's manuscript, advised on by the
    # board member and another College member; another practitioner's manuscript.
    w.library = library_ensure(home=w.home)
    w.publication = PublicationPage(
        title="Buurtkracht", kind=PublicationKind.ARTICLE, authors="Senior, S.", year=2025
    )
    w.library.add_child(instance=w.publication)
    w.publication.author_accounts.add(PublicationAuthor(user=w.senior))
    w.publication.save_revision().publish()
    for key, author, reviewers in (
        ("own", w.junior, [w.board, college[0]]),
        ("other", w.other_junior, college[1:]),
    ):
        manuscript = manuscript_submit(
            author=author,
            title=f"Manuscript {key}",
            summary="Over de wijk.",
            kind=PublicationKind.ARTICLE,
            file=SimpleUploadedFile("stuk.pdf", PDF),
        )
        w.files.append(manuscript.file)
        manuscript_reviewers_assign(actor=w.office, manuscript=manuscript, reviewers=reviewers)
        setattr(w, f"manuscript_{key}", manuscript)
    w.manuscript_review_own = w.manuscript_own.reviews.get(reviewer=w.board)
    w.manuscript_review_other = w.manuscript_own.reviews.get(reviewer=college[0])
    # The Vakconferentie (tests/conference): the junior and B's junior registered; a proposal
    # of B's junior, and one of someone of organisation C, where the committee member works.
    w.conference = make_conference(home=w.home, provider=w.provider_a)
    w.conference_registration_own = conference_registration_create(
        conference=w.conference, person=w.junior, choices={}, payer="zelf"
    )
    w.conference_registration_other = conference_registration_create(
        conference=w.conference, person=w.other_junior, choices={}, payer="zelf"
    )
    w.proposal_other = proposal_submit(
        conference=w.conference,
        person=w.other_junior,
        title="Bewonersbudgetten",
        summary="Samenvatting.",
        approach="zelfredzaamheid",
        work_form="project",
        speakers="B. Spreker",
    )
    w.proposal_conflicted = proposal_submit(
        conference=w.conference,
        person=person(Role.JUNIOR, profile__organisation=org_c),
        title="Wijkteams",
        summary="Samenvatting.",
        approach="strategisch",
        work_form="campagne",
        speakers="C. Spreker",
    )
    # Wagtail makes a preferences row the first time it draws a page for someone; made here, so
    # that a refused request is seen to write nothing.
    for user in (w.junior, w.senior, w.editor, w.board, w.office, w.manager, w.superuser):
        UserProfile.get_for_user(user)
    return w


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The data, made once for the module inside a transaction that is rolled back at the end;
    each test runs in a savepoint inside it (pytest-django's ``db``)."""
    media = tmp_path_factory.mktemp("media")
    with (
        override_settings(MEDIA_ROOT=media, LMS_MFA_REQUIRED=True),
        django_db_blocker.unblock(),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        files = []
        try:
            w = build_world(files)
            yield w
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            for stored in files:
                stored.storage.delete(stored.name)
    shutil.rmtree(media, ignore_errors=True)


@pytest.fixture(autouse=True)
def _media_in_tmp():
    """The module's media folder lives as long as its data (see ``world``)."""


# --- The matrix ---------------------------------------------------------------------------------

LOGIN_PATHS = {"/accounts/login/", "/admin/login/", "/django-admin/login/"}


def outcome(response):
    """What a role got, in the table's terms."""
    if response.status_code not in (301, 302):
        return response.status_code
    path = urlsplit(response["Location"]).path
    if path in LOGIN_PATHS:
        return table.LOGIN
    messages = getattr(response.wsgi_request, "_messages", None)
    errors = [m for m in getattr(messages, "_queued_messages", []) if m.level >= 40]
    if path == "/admin/" and errors:
        return table.REFUSED
    return table.REDIRECT


def _outcome_of(method, *args):
    """The outcome, or the exception a view raised, reported with the other differences."""
    try:
        return outcome(method(*args))
    except Exception as exc:  # noqa: BLE001
        return f"{table.SERVER_ERROR}, raised {type(exc).__name__}: {exc}"


def _writes(queries) -> list[str]:
    """SQL that changed data, apart from the session that carries the flash messages."""
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "django_session" not in q["sql"]
    ]


def _area(route: str) -> str:
    """Rows are asked in groups, one test per group and role: few tests, precise failures."""
    for prefix in ("admin/pages/", "admin/", "django-admin/", "leren/", "coaching/", "register/"):
        if route.startswith(prefix):
            return prefix.strip("/")
    return "site"


AREAS = sorted({_area(row.route) for row in table.ROWS})


def _ask(client, row, role, world, session) -> list[str]:
    """GET the row's URL as ``role`` (and POST where the role must be refused); each request in
    a savepoint that is rolled back, with the role's session restored first."""
    url = row.url(world)
    problems = []
    expected = row.get[role]
    client.raise_request_exception = expected != table.SERVER_ERROR
    client.cookies = SimpleCookie(session)
    with transaction.atomic():
        got = _outcome_of(client.get, url)
        transaction.set_rollback(True)
    if got != expected:
        problems.append(f"GET {url} ({row.route}): expected {expected}, got {got}")
    refusal = row.post_expected.get(role)
    if refusal is not None:
        client.cookies = SimpleCookie(session)
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            got = _outcome_of(client.post, url, row.post_data)
            transaction.set_rollback(True)
        if got != refusal:
            problems.append(f"POST {url} ({row.route}): expected {refusal}, got {got}")
        if _writes(queries):
            problems.append(f"POST {url} ({row.route}) wrote: {_writes(queries)}")
    return problems


def _session_of(client, world, role) -> dict:
    if role != "anonymous":
        client.force_login(getattr(world, role))
    return {key: morsel.value for key, morsel in client.cookies.items()}


@pytest.fixture
def _pdf_layout_skipped(monkeypatch):
    """The matrix asks who gets a PDF, not how it looks: the templates are still rendered, the
    layout engine (seconds per dossier) is not."""
    import weasyprint

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda self, *args, **kwargs: PDF)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("area", AREAS)
@pytest.mark.usefixtures("_pdf_layout_skipped")
def test_each_role_gets_what_the_table_says(world, db, client, area, role):
    session = _session_of(client, world, role)
    problems = []
    for row in table.ROWS:
        if _area(row.route) != area or role in row.xfail:
            continue
        problems += _ask(client, row, role, world, session)
    assert not problems, f"{len(problems)} answers differ from the table for {role}:\n" + (
        "\n".join(problems)
    )


def _known_bugs():
    for row in table.ROWS:
        for role, reason in row.xfail.items():
            name = f"{row.route}[{row.variant}]" if row.variant else row.route
            yield pytest.param(
                row, role, id=f"{name}-{role}", marks=pytest.mark.xfail(strict=True, reason=reason)
            )


@pytest.mark.parametrize(
    ("row", "role"),
    list(_known_bugs())
    or [pytest.param(None, None, marks=pytest.mark.skip(reason="no known bugs"))],
)
def test_known_bugs(world, db, client, row, role):
    """Cases the table declares right that the platform still gets wrong (see each reason)."""
    session = _session_of(client, world, role)
    assert not _ask(client, row, role, world, session)


# --- Every pattern has a row, every row asks its pattern --------------------------------------------


def test_every_url_is_in_the_table():
    patterns = list(url_patterns())
    assert len(patterns) == len(set(patterns)), "two patterns share a route: key them by name too"
    declared = {row.route for row in table.ROWS}
    missing = sorted(set(patterns) - declared)
    stale = sorted(declared - set(patterns))
    assert not missing, "URL patterns without a row in tests/authorisation_table.py:\n" + (
        "\n".join(missing)
    )
    assert not stale, "rows for URL patterns that no longer exist:\n" + "\n".join(stale)


def test_every_row_asks_the_pattern_it_names(world, db):
    for row in table.ROWS:
        assert set(row.get) == set(ROLES), f"{row.route}: a status for every role"
        url = row.url(world)
        assert resolve(urlsplit(url).path).route == row.route, f"{url} is not {row.route}"


# --- What the rules keep private ---------------------------------------------------------------


def _page(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_a_sessions_private_note_is_for_the_senior_who_wrote_it(world, db, client):
    w = world
    for session, note in (
        (w.session_own, "PRIVE-NOTITIE-EIGEN"),
        (w.session_own_confirmed, "PRIVE-NOTITIE-BEVESTIGD-OWN"),
    ):
        detail = f"/coaching/gesprekken/{session.pk}/"
        assert note in _page(client, w.senior, detail)
        for reader in (w.junior, w.office, w.manager, w.superuser):
            assert note not in _page(client, reader, detail), reader
    # What was said is the pair's: the office and the manager see dates and hours only.
    summary = w.session_own.summary
    detail = f"/coaching/gesprekken/{w.session_own.pk}/"
    for reader in (w.junior, w.senior):
        assert summary in _page(client, reader, detail), reader
    for reader in (w.office, w.manager):
        assert summary not in _page(client, reader, detail), reader
    assert "PRIVE-NOTITIE-BEVESTIGD-OWN" in _page(
        client, w.senior, f"/coaching/gesprekken/{w.session_own_confirmed.pk}/corrigeren/"
    )
    trajectory = f"/coaching/trajecten/{w.trajectory_own.pk}/"
    overviews = {
        w.junior: ["/mijn/", "/coaching/junior/", trajectory, trajectory + "gesprekken/"],
        w.senior: ["/mijn/", "/coaching/senior/", trajectory, trajectory + "gesprekken/"],
        w.manager: ["/coaching/manager/", "/coaching/manager/uren/", trajectory + "gesprekken/"],
        w.office: ["/coaching/registerbureau/", "/coaching/registerbureau/export.csv"],
    }
    for reader, urls in overviews.items():
        for url in urls:
            assert "PRIVE-NOTITIE" not in _page(client, reader, url), (reader, url)
    # Another senior, another junior: not even the session.
    for outsider in (w.other_senior, w.other_junior):
        client.force_login(outsider)
        assert client.get(f"/coaching/gesprekken/{w.session_own.pk}/").status_code == 403
        assert client.get(trajectory + "gesprekken/").status_code == 403


def test_a_reflection_is_read_by_its_author_and_the_editions_provider(world, db, client):
    w = world
    enrol_in(w.edition_a, w.other_junior)  # a fellow participant of the same edition
    lesson = w.lesson_a.url
    assert "REFLECTIE-EIGEN" in _page(client, w.junior, lesson)
    for reader in (w.other_junior, w.senior, w.manager, w.office, w.editor):
        assert "REFLECTIE-EIGEN" not in _page(client, reader, lesson), reader
    manage = f"/leren/aanbieder/uitvoeringen/{w.edition_a.pk}/"
    assert "REFLECTIE-EIGEN" in _page(client, w.editor, manage)
    client.force_login(w.other_editor)
    assert client.get(manage).status_code == 403
    assert "REFLECTIE-EIGEN" not in _page(client, w.other_editor, "/leren/aanbieder/")
    assert "REFLECTIE-EIGEN" not in _page(client, w.manager, "/coaching/manager/")


def test_evidence_is_downloaded_by_its_owner_and_the_office_only(world, db, client):
    w = world
    url = f"/leren/leeroverzicht/activiteiten/{w.activity_own.pk}/bewijs/"
    # A superuser may do all the office does (lms.accounts.selectors.is_register_office).
    for reader in (w.junior, w.office, w.superuser):
        client.force_login(reader)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
    for outsider in (w.other_junior, w.senior, w.manager, w.editor, w.board):
        client.force_login(outsider)
        assert client.get(url).status_code == 404, outsider
    assert "Studiedag own" not in _page(client, w.other_junior, "/leren/leeroverzicht/")
    assert "Studiedag other" not in _page(client, w.junior, "/leren/leeroverzicht/")
    # Stored outside MEDIA_ROOT: no URL under MEDIA_URL reaches evidence or register documents.
    stored = [w.activity_own.evidence, *(d.file for d in w.application_own.documents.all())]
    for user in (None, w.junior, w.office):
        client.logout()
        if user:
            client.force_login(user)
        for file in stored:
            assert client.get(settings.MEDIA_URL + file.name).status_code == 404


def test_register_application_documents_and_reflections_go_to_those_who_decide(world, db, client):
    w = world
    dossier = f"/register/aanvragen/{w.application_other.pk}/dossier.pdf"
    for outsider in (w.junior, w.senior, w.manager, w.editor, w.college[2]):
        client.force_login(outsider)
        assert client.get(dossier).status_code == 403, outsider
    # The applicant's reflections appear in no HTML page, not even the reviewer's.
    for reader, url in (
        (w.board, f"/register/beoordelen/{w.review_own.pk}/"),
        (w.board, "/register/beoordelen/"),
        (w.office, f"/register/registerbureau/aanvraag/{w.application_other.pk}/"),
        (w.other_junior, "/register/mijn-status/"),
        (w.junior, "/register/mijn-status/"),
    ):
        assert "REFLECTIE-AANVRAAG" not in _page(client, reader, url), (reader, url)


def test_another_juniors_hours_stay_with_those_who_may_see_them(world, db, client):
    w = world
    attest = f"/coaching/praktijk/{w.month_own.pk}/attesteren/"
    for reader in (w.manager, w.office):  # the junior's line manager, the office
        assert attest in _page(client, reader, "/coaching/praktijk/attesteren/"), reader
    for outsider in (w.junior, w.senior, w.editor, w.board, w.other_junior, w.other_senior):
        assert attest not in _page(client, outsider, "/coaching/praktijk/attesteren/"), outsider
    junior_name = w.junior.get_full_name()
    for outsider, start in (
        (w.other_junior, "/coaching/junior/"),
        (w.other_senior, "/coaching/senior/"),
    ):
        for url in (start, "/coaching/praktijk/", "/mijn/"):
            assert junior_name not in _page(client, outsider, url), (outsider, url)
        client.force_login(outsider)
        for url in (
            f"/coaching/trajecten/{w.trajectory_own.pk}/",
            f"/coaching/trajecten/{w.trajectory_own.pk}/gesprekken/",
        ):
            assert client.get(url).status_code == 403
    hours = _page(client, w.manager, "/coaching/manager/uren/")
    assert junior_name in hours
    assert w.other_junior.get_full_name() not in hours
    other_manager = person(Role.MANAGER, profile__organisation=w.trajectory_other.organisation)
    assert junior_name not in _page(client, other_manager, "/coaching/manager/uren/")
    assert junior_name not in _page(client, other_manager, "/coaching/manager/")


def test_ballotage_votes_stay_hidden_until_every_reviewer_has_voted(world, db, client):
    w = world
    first_voter, last_voter = w.college[0], w.college[1]
    own_review = f"/register/beoordelen/{w.review_own.pk}/"
    assert "GEHEIME-STEM" not in _page(client, w.board, own_review)
    assert "GEHEIME-STEM" in _page(
        client, first_voter, f"/register/beoordelen/{w.review_other.pk}/"
    )
    client.force_login(w.board)
    response = client.post(
        own_review, {"action": "vote", "value": "positive", "motivation": "STEM-VAN-HET-LID"}
    )
    assert response.status_code == 302
    assert "GEHEIME-STEM" not in _page(client, w.board, own_review)  # one reviewer still to go
    first = _page(client, first_voter, f"/register/beoordelen/{w.review_other.pk}/")
    assert "STEM-VAN-HET-LID" not in first
    # The applicant and those not assigned never open a review; the office's page says who
    # voted, not how.
    for outsider in (w.other_junior, w.college[2], w.office, w.superuser, w.junior):
        client.force_login(outsider)
        assert client.get(own_review).status_code == 403, outsider
    for reader, url in (
        (w.other_junior, "/register/mijn-status/"),
        (w.office, f"/register/registerbureau/aanvraag/{w.application_other.pk}/"),
        (w.board, "/register/beoordelen/"),
    ):
        page = _page(client, reader, url)
        assert "GEHEIME-STEM" not in page and "STEM-VAN-HET-LID" not in page, (reader, url)

    last = w.application_other.assignments.get(reviewer=last_voter)
    ballotage_vote(actor=last_voter, assignment=last, value="positive", motivation="LAATSTE-STEM")
    everything = _page(client, w.board, own_review)
    assert "GEHEIME-STEM" in everything and "LAATSTE-STEM" in everything
    assert "GEHEIME-STEM" not in _page(client, w.other_junior, "/register/mijn-status/")


def test_a_reviewer_who_withdrew_for_a_conflict_sees_no_votes(world, db, client):
    w = world
    conflicted = w.college[2]
    (assignment,) = reviewers_assign(
        actor=w.office, application=w.application_other, reviewers=[conflicted]
    )
    reviewer_recuse(actor=conflicted, assignment=assignment, reason="Oud-collega van de aanvrager.")
    for reviewer, value in ((w.board, "positive"), (w.college[1], "abstain")):
        ballotage_vote(
            actor=reviewer,
            assignment=w.application_other.assignments.get(reviewer=reviewer),
            value=value,
            motivation="STEM-NA-TERUGTREKKING",
        )
    assert "GEHEIME-STEM" in _page(client, w.board, f"/register/beoordelen/{w.review_own.pk}/")
    # Every remaining reviewer has voted; the one who withdrew may not read the votes, nor vote.
    client.force_login(conflicted)
    review = f"/register/beoordelen/{assignment.pk}/"
    response = client.get(review)
    assert response.status_code == 403
    assert "GEHEIME-STEM" not in response.content.decode()
    response = client.post(review, {"action": "vote", "value": "positive", "motivation": "Toch."})
    assert response.status_code == 403
    assert not BallotageVote.objects.filter(assignment=assignment).exists()
    assert w.application_other.person.get_full_name() not in _page(
        client, conflicted, "/register/beoordelen/"
    )
