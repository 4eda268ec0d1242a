"""The export shows a person what the site's own pages show them, row by row and field by field.

Every text in every row of every model in the privacy registry gets a marker of its own. Then,
for every person, the test reads the pages they can open (following the links from their start
page, as they would click, PDFs included) and holds their export to them: a marker of a row
about the person is in the export exactly when their pages show it, and every marker that a
value of the export carries along (a name behind a key) is on their pages too. Where no page
shows a person the rows that a link finds, the link says why (``off_site``) and the export gives
exactly what the registry's ``readers`` allow. Secrets never leave.

Nothing here lists fields or models: a model added to the registry, or a field added to a model,
is held to the site the same way, and a model with rows about a person that no person in the
data set has fails the test until the data set gets one.
"""

import datetime as dt
import html
import io
import itertools
import json
import re
from collections import defaultdict, deque
from urllib.parse import urljoin, urlsplit

import pytest
from allauth.account.models import EmailAddress
from axes.models import AccessFailureLog, AccessLog
from bs4 import BeautifulSoup
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from wagtail.admin.models import EditingSession, FormState
from wagtail.models import APIToken, Page, PageSubscription, UploadedFile
from wagtail.users.models import UserProfile

from conference.models import ConferenceSpeaker
from conference.services import proposal_review, proposal_submit
from conference.services import registration_create as conference_registration_create
from courses.models import Attendance, AttendanceCorrection, Completion, ExportFile, Reflection
from lms.accounts.models import ConflictOfInterest, OutboundEmail, Role, User
from lms.privacy.models import ErasureRecord
from lms.privacy.registry import REGISTRY, Subject
from lms.privacy.selectors import personal_data_rows
from lms.privacy.services import personal_data_export
from mentoring.models import CoachingSession, Goal, Trajectory, TrajectoryTermsChange
from publications.models import PublicationAuthor, PublicationKind, PublicationPage
from publications.services import (
    library_ensure,
    manuscript_advise,
    manuscript_decide,
    manuscript_reviewers_assign,
    manuscript_submit,
)
from register.models import (
    ApplicationCheck,
    KringMeeting,
    KringTopic,
    Objection,
    RegistrationStatusChange,
    ReviewerAssignment,
    ReviewerRecusal,
)
from register.services import publication_claim
from tests.conference.factories import make_conference
from tests.factories import person

pytestmark = [pytest.mark.django_db, pytest.mark.timeout(600)]

MARKER = re.compile(r"qzx\d{5}x")
# Pages a person reaches from their start page; the privacy pages themselves are what is tested.
START = "/mijn/"
NOT_FOLLOWED = (
    "/mijn/privacy/",
    "/admin/",
    "/django-admin/",
    "/accounts/logout/",
    "/api/",
    "/zoeken/",
    "/i18n/",
    "/static/",
    "/media/",
    "/documents/",
)
LINK = re.compile(r"https?://[^\s\"'<>]+")
MOST_PAGES = 250  # a crawl that grows past this follows something it should not


def _publications(dossier, home) -> None:
    """A publication the junior wrote and claimed, and a manuscript the College advised on."""
    junior, office = dossier.junior, dossier.office
    library = library_ensure(home=home)
    article = PublicationPage(
        title="Buurtkracht", kind=PublicationKind.ARTICLE, authors="Junior, J.", year=2025
    )
    library.add_child(instance=article)
    article.author_accounts.add(PublicationAuthor(user=junior))
    article.save_revision().publish()
    publication_claim(person=junior, publication=article)
    manuscript = manuscript_submit(
        author=junior,
        title="Wijkkracht in cijfers",
        summary="Wat bewonersinitiatieven opleveren.",
        kind=PublicationKind.ARTICLE,
        file=SimpleUploadedFile("stuk.pdf", b"%PDF-1.4\n%%EOF\n"),
    )
    reviews = manuscript_reviewers_assign(
        actor=office, manuscript=manuscript, reviewers=dossier.college[:2]
    )
    for review in reviews:
        manuscript_advise(
            actor=review.reviewer,
            review=review,
            advice="positief_met_opmerkingen",
            comments="Kort de inleiding in.",
        )
    manuscript_decide(actor=office, manuscript=manuscript, decision="positief", note="Ga je gang.")


@pytest.fixture
def world(dossier, colleague, site, provider):
    """The dossier, with a row behind every link of the registry that is about a person, and
    text in every field that a page may or may not show."""
    junior, office, editor = dossier.junior, dossier.office, dossier.editor
    senior = dossier.trajectory.senior
    now = timezone.now()
    neighbour = person(Role.SENIOR)
    # Conflicts: one the junior declared, one declared against the junior by someone else,
    # and the one the office recorded between the junior and a stranger.
    ConflictOfInterest.objects.create(
        person=junior, other=colleague.user, declared_by=junior, reason="Mijn zwager."
    )
    ConflictOfInterest.objects.create(
        person=neighbour, other=junior, declared_by=neighbour, reason="Ruzie over de buurtkrant."
    )
    # Coaching: a disputed session, a correction waiting for the junior, changed terms, goals
    # with progress, and a trajectory that ended with a reason.
    first, second = CoachingSession.objects.filter(trajectory=dossier.trajectory)[:2]
    CoachingSession.objects.filter(pk=first.pk).update(
        status=CoachingSession.Status.DISPUTED,
        confirmed_at=None,
        confirmed_by=None,
        disputed_at=now,
        dispute_reason="Dit gesprek duurde korter.",
    )
    CoachingSession.objects.create(
        trajectory=dossier.trajectory,
        senior=senior,
        original=second,
        version=2,
        starts_at=second.starts_at,
        duration_minutes=second.duration_minutes,
        ends_at=second.ends_at,
        mode=second.mode,
        summary="Besproken: de wijkraad.",
        private_note="Nog eens navragen.",
        correction_reason="De duur klopte niet.",
        status=CoachingSession.Status.AWAITING,
        logged_by=senior,
    )
    Goal.objects.filter(pk=dossier.goal.pk).update(progress_notes="Twee nieuwe contacten.")
    Trajectory.objects.filter(pk=dossier.trajectory.pk).update(end_reason="Doelen behaald.")
    TrajectoryTermsChange.objects.create(
        trajectory=dossier.trajectory,
        changed_by=office,
        planned_end_before=dossier.trajectory.planned_end_on,
        planned_end_after=dossier.trajectory.planned_end_on + dt.timedelta(days=30),
        agreed_hours_before=dossier.trajectory.agreed_hours,
        agreed_hours_after=dossier.trajectory.agreed_hours,
        reason="Verlof van de senior.",
    )
    # Learning: a completion by hand, a revoked one, a decided reflection and outside activity,
    # a corrected attendance mark, an export of the provider's.
    by_hand, revoked = Completion.objects.filter(person=junior).order_by("pk")[:2]
    Completion.objects.filter(pk=by_hand.pk).update(completed_by=editor, reason="Vrijstelling.")
    Completion.objects.filter(pk=revoked.pk).update(
        revoked_at=now, revoked_by=editor, revoked_reason="Dubbel ingevoerd."
    )
    Reflection.objects.filter(pk=dossier.reflection.pk).update(
        status=Reflection.Status.ACCEPTED, feedback="Mooi uitgewerkt.", decided_by=editor
    )
    type(dossier.accepted).objects.filter(pk=dossier.accepted.pk).update(
        decision_note="Telt als studiedag."
    )
    attendance = Attendance.objects.get(enrolment=dossier.finished.enrolment)
    AttendanceCorrection.objects.create(
        attendance=attendance,
        status_before=Attendance.Status.ABSENT,
        marked_by_before=editor,
        marked_at_before=now,
        status_after=attendance.status,
        corrected_by=editor,
        corrected_at=now,
    )
    ExportFile.objects.create(requested_by=editor, edition=dossier.finished.edition, format="csv")
    # The register: remarks on the check, a reviewer who stepped back, an objection, a reason
    # with the registration's status.
    ApplicationCheck.objects.filter(application=dossier.application).update(
        remarks="Compleet na nabellen."
    )
    recused = person(Role.BOARD_MEMBER)
    assignment = ReviewerAssignment.objects.create(
        application=dossier.application, round=1, reviewer=recused, assigned_by=office
    )
    ReviewerRecusal.objects.create(
        assignment=assignment, reason="Oud-collega van de aanvrager.", declared_by=recused
    )
    Objection.objects.create(
        decision=dossier.decision, reason="De stemming was te snel.", submitted_by=junior
    )
    RegistrationStatusChange.objects.filter(registration=dossier.registration).update(
        reason="Ingeschreven na ballotage."
    )
    # The Kring: a member's proposed topic, which every member reads.
    member = person(Role.KRING_MEMBER)
    meeting = KringMeeting.objects.create(
        date=dt.date(2027, 3, 4), place="Utrecht", topic="Kwaliteitszorg"
    )
    KringTopic.objects.create(
        meeting=meeting, proposed_by=member, title="Inwerken", explanation="Hoe doen jullie dat?"
    )
    # Sign-in and the admin: what allauth, axes and Wagtail keep about a person.
    EmailAddress.objects.get_or_create(user=junior, email=junior.email, primary=True)
    for log in (AccessFailureLog, AccessLog):
        log.objects.create(
            username=junior.email, ip_address="127.0.0.1", user_agent="browser", http_accept="*/*"
        )
    UserProfile.get_for_user(editor)
    page = Page.objects.filter(depth__gt=1).first()
    page_type = ContentType.objects.get_for_model(Page)
    EditingSession.objects.create(
        user=editor, content_type=page_type, object_id=str(page.pk), last_seen_at=now
    )
    FormState.objects.create(
        user=editor,
        content_type=page_type,
        object_id=str(page.pk),
        parent_object_id="",
        data="{}",
        last_updated_at=now,
    )
    APIToken.objects.create(user=editor, name="Koppeling", key_hash="geheim", prefix="abc")
    UploadedFile.objects.create(
        uploaded_by_user=editor, file=SimpleUploadedFile("concept.txt", b"concept")
    )
    PageSubscription.objects.create(user=editor, page=page, comment_notifications=True)
    # The Vakconferentie: the junior registered (the employer pays), speaks, and proposed a
    # workshop with the colleague; a committee member reviewed it.
    conference = make_conference(home=site, provider=provider, accredited=False)
    conference_registration_create(
        conference=conference,
        person=junior,
        choices={},
        payer="werkgever",
        employer_name="Welzijn Rivierenland",
        purchase_order="PO-2026-000123456",
    )
    ConferenceSpeaker.objects.create(
        conference=conference, name="Jamila de spreker", bio="Twintig jaar in de wijk.", user=junior
    )
    proposal = proposal_submit(
        conference=conference,
        person=junior,
        title="Bewonersbudgetten die werken",
        summary="Wat werkt bij bewonersbudgetten.",
        approach="zelfredzaamheid",
        work_form="project",
        speakers="Jamila en een collega",
        co_presenters=[colleague.user],
    )
    proposal_review(
        proposal=proposal,
        reviewer=person(Role.PROGRAMME_COMMITTEE),
        score=4,
        comment="Sterk voorstel uit de praktijk.",
    )
    # Someone whose data was erased earlier: the proof stays.
    gone = person(is_active=False)
    ErasureRecord.objects.create(user=gone, pseudonym=f"verwijderd-{gone.pk}", actor=gone)
    _publications(dossier, site)
    return dossier


# Texts the site reads as data, not words someone wrote: an application keeps its ledger as a
# CSV that its dossier reads back. The ledger's rows come from rows that are marked themselves.
DATA_TEXTS = {"ledger_csv"}


def _text_fields(model: type[models.Model], entry) -> list[models.Field]:
    """Fields that hold free text: not a choice, an address, data, or what a link finds rows by."""
    by = {link.path for link in entry.links if link.match}
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField | models.JSONField)
        and not isinstance(f, models.EmailField | models.URLField)
        and not f.choices
        and f.name not in by
        and f.name not in DATA_TEXTS
    ]


def _plant() -> dict[str, tuple[str, int, str]]:
    """A marker before and after every text of every row about anyone; marker -> where."""
    counter = itertools.count(1)
    where = {}

    def mark(value: str, key: str, pk: int, name: str, room: int | None) -> str:
        marker = f"qzx{next(counter):05d}x"
        where[marker] = (key, pk, name)
        if room is not None and room < 2 * len(marker) + len(value):
            value = value[: max(room - 2 * len(marker), 0)]
        # Before a closing line break, so that the last line of a text (a CSV's last row)
        # carries it.
        text = value.rstrip()
        return f"{marker}{text}{marker}{value[len(text) :]}"

    for entry in REGISTRY:
        if not any(link.about for link in entry.links):
            continue
        model = entry.model_class()
        fields = _text_fields(model, entry)
        for row in model._default_manager.all():
            changes = {}
            for f in fields:
                value = f.value_from_object(row)
                if isinstance(f, models.JSONField):
                    # A JSON object of texts (reflections per approach): each text its own.
                    if (
                        isinstance(value, dict)
                        and value
                        and all(isinstance(v, str) and v for v in value.values())
                    ):
                        changes[f.name] = {
                            k: mark(v, entry.key, row.pk, f.name, None) for k, v in value.items()
                        }
                elif value and (f.max_length is None or f.max_length >= 18):
                    changes[f.name] = mark(value, entry.key, row.pk, f.name, f.max_length)
            if changes:
                model._default_manager.filter(pk=row.pk).update(**changes)
    return where


def _pdf_text(content: bytes) -> str:
    try:
        pages = PdfReader(io.BytesIO(content)).pages
    except PdfReadError:
        return ""  # a file the person uploaded, not a document the site made
    text = "".join(page.extract_text() for page in pages)
    return re.sub(r"\s+", "", text)  # a marker may be broken over two lines


# Pages a person opens for a row of theirs from outside the site's own links (an e-mail, a
# bookmark): the dossier of an application that was decided, the lesson of a reflection.
OPENED_DIRECTLY = {
    "register.registerapplication": lambda row: reverse("register:dossier", args=[row.pk]),
    "courses.reflection": lambda row: row.lesson.url,
    "register.registration": lambda row: reverse("register:credential", args=[row.number]),
}


def _start(user) -> list[str]:
    """Where ``user`` starts: their start page, the links in the e-mails the site sent them,
    and the pages they open directly for their rows."""
    urls = [START]
    for mail in OutboundEmail.objects.filter(to__iexact=user.email):
        urls += LINK.findall(MARKER.sub("", mail.body))
    for found in personal_data_rows(subject=Subject.of(user)):
        page = OPENED_DIRECTLY.get(found.entry.key)
        if page is not None:
            urls += [page(row) for row, links in found.rows if any(x.about for x in links)]
    return list(
        dict.fromkeys(urlsplit(url)._replace(scheme="", netloc="").geturl() for url in urls)
    )


def _pages(client, user) -> str:
    """Everything the site gives ``user`` on the pages they can reach."""
    client.force_login(user)
    queue = deque(_start(user))
    seen, texts = set(queue), []
    while queue:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code != 200:
            continue
        body = b"".join(response.streaming_content) if response.streaming else response.content
        kind = response["Content-Type"].split(";")[0]
        if kind == "application/pdf":
            texts.append(_pdf_text(body))
            continue
        if not (kind.startswith("text/") or kind in ("application/json", "application/jwt")):
            continue
        text = body.decode()
        texts.append(html.unescape(text))
        if kind != "text/html":
            continue
        for anchor in BeautifulSoup(text, "html.parser").find_all("a", href=True):
            target = urlsplit(urljoin(url, anchor["href"]))
            if (
                target.scheme not in ("", "http", "https")
                or target.netloc not in ("", "testserver")
                or target.path.startswith(NOT_FOLLOWED)
            ):
                continue
            found = target.path + (f"?{target.query}" if target.query else "")
            if found not in seen:
                seen.add(found)
                queue.append(found)
        assert len(seen) <= MOST_PAGES, f"{user}: more than {MOST_PAGES} pages, from {url}"
    client.logout()
    return "\n".join(texts).lower()


def _compare(user, pages: str, where, compared) -> list[str]:
    """What the export gives ``user`` that their pages do not show, and the other way round."""
    problems = []
    export = personal_data_export(user=user)
    everything = json.dumps(export, ensure_ascii=False)
    own = defaultdict(dict)
    for marker, (key, pk, name) in where.items():
        own[key, pk][marker] = name
    for found in personal_data_rows(subject=Subject.of(user)):
        entry, rows = found.entry, export["gegevens"][found.entry.key]["rijen"]
        for (row, links), exported in zip(found.rows, rows, strict=True):
            about = [link for link in links if link.about]
            if not about:
                continue
            compared.add(entry.key)
            held = any(not link.off_site for link in about) and user.is_active
            text = json.dumps(exported, ensure_ascii=False)
            place = f"{entry.key} #{row.pk} for {user.email}"
            for marker, name in own[entry.key, row.pk].items():
                given = marker in text
                if name in entry.secret:
                    if marker in everything:
                        problems.append(f"{place}: the secret {name} is in the export")
                    continue
                expected = (marker in pages) if held else entry.readable(name, links, row)
                if given != expected:
                    problems.append(
                        f"{place}: {name} is {'in' if given else 'not in'} the export, and "
                        + (
                            f"the site {'shows' if expected else 'does not show'} it"
                            if held
                            else f"the registry says {'show' if expected else 'hide'} it"
                        )
                    )
            if not held:
                continue
            for name, value in exported.items():
                for marker in MARKER.findall(json.dumps(value, ensure_ascii=False)):
                    if marker not in own[entry.key, row.pk] and marker not in pages:
                        problems.append(
                            f"{place}: {name} gives {where[marker]}, which the site does not show"
                        )
    return problems


def test_the_export_shows_each_person_what_the_site_shows_them(client, world):
    where = _plant()
    compared: set[str] = set()
    problems = []
    for user in User.objects.order_by("pk"):
        pages = _pages(client, user) if user.is_active else ""
        problems.extend(_compare(user, pages, where, compared))
    about_someone = {entry.key for entry in REGISTRY if any(link.about for link in entry.links)}
    assert not about_someone - compared, (
        f"no rows about anyone in the data set for {sorted(about_someone - compared)}: add them "
        "to the world fixture so that the site and the export are compared for them"
    )
    assert not problems, "\n".join(problems)
