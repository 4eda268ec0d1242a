"""What the personal start page shows: who you are, what you may do, where to go next."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

import courses.selectors
import mentoring.selectors
import publications.selectors
import register.selectors
from courses.selectors import manager_figures
from lms.accounts.inbox import Awaiting
from lms.accounts.models import ADMIN_ROLES, Role, User
from register.selectors import points_per_course


@dataclass(frozen=True)
class Step:
    label: str
    url: str
    description: str = ""


def _url(name: str, fallback: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return fallback


def next_steps_for(*, user: User) -> list[Step]:
    """Links for each role the person holds, in the order they are most often needed."""
    steps: list[Step] = []
    roles = user.roles
    if Role.JUNIOR in roles or Role.SENIOR in roles:
        steps.append(
            Step(
                _("Cursussen zoeken"),
                "/cursussen/",
                _("Vind een geaccrediteerde cursus en schrijf je in."),
            )
        )
    if Role.JUNIOR in roles or Role.SENIOR in roles:
        steps.append(
            Step(
                _("Mijn leeroverzicht"),
                _url("courses:record", "/leren/leeroverzicht/"),
                _("Afgeronde cursussen, punten, certificaten en externe activiteiten."),
            )
        )
    if Role.JUNIOR in roles or Role.SENIOR in roles:
        steps.append(
            Step(
                _("Mijn manuscripten"),
                _url("publications:manuscripts", "/mijn/manuscripten/"),
                _("Vraag het College om advies over een voorgenomen publicatie."),
            )
        )
    if Role.PROVIDER_EDITOR in roles:
        steps.append(
            Step(
                _("Mijn uitvoeringen"),
                _url("courses:provider_editions", "/leren/aanbieder/"),
                _("Deelnemers, wachtlijsten, aanwezigheid en afronding."),
            )
        )
    if Role.REGISTER_OFFICE in roles:
        steps.append(
            Step(
                _("Externe activiteiten beoordelen"),
                _url("courses:outside_activities", "/leren/registerbureau/externe-activiteiten/"),
                _("Accepteer of wijs de scholing buiten het platform af."),
            )
        )
    if Role.SENIOR in roles:
        steps.append(
            Step(
                _("Mijn juniors"),
                _url("mentoring:senior", "/begeleiding/"),
                _("Leg coachingsgesprekken vast en volg de uren van je juniors."),
            )
        )
    if Role.JUNIOR in roles:
        steps.append(
            Step(
                _("Mijn begeleiding"),
                _url("mentoring:junior", "/begeleiding/"),
                _("Bevestig gesprekken en houd je praktijkmaanden bij."),
            )
        )
    if Role.JUNIOR in roles or Role.SENIOR in roles:
        steps.append(
            Step(
                _("Mijn registerstatus"),
                _url("register:my_status", "/register/mijn-status/"),
                _("Hoe ver je bent met de eisen van het beroepsregister, en aanvragen."),
            )
        )
    if roles & {Role.JUNIOR, Role.SENIOR, Role.BOARD_MEMBER}:
        steps.append(
            Step(
                _("Belangenverstrengeling"),
                _url("conflicts", "/coaching/belangen/"),
                _("Meld met wie je niet gekoppeld wilt worden en wie jou niet mag beoordelen."),
            )
        )
    if Role.REGISTER_OFFICE in roles:
        steps.append(
            Step(
                _("Registeraanvragen"),
                _url("register:office", "/register/registerbureau/"),
                _("Volledigheid controleren, beoordelaars toewijzen, besluiten vastleggen."),
            )
        )
        steps.append(
            Step(
                _("Manuscripten"),
                _url("publications:office_manuscripts", "/register/registerbureau/manuscripten/"),
                _("Leden van het College vragen en hun advies aan de auteur vastleggen."),
            )
        )
        steps.append(
            Step(
                _("Rapportages van het register"),
                _url("register:reports", "/register/registerbureau/rapportages/"),
                _("Registraties, verloop, aanvragen per stap, wie aan de eisen voldoet."),
            )
        )
        steps.append(
            Step(
                _("Trajecten en matching"),
                _url("mentoring:office", "/coaching/registerbureau/"),
                _("Buddytrajecten, matching van juniors en seniors, export."),
            )
        )
    if Role.BOARD_MEMBER in roles:
        steps.append(
            Step(
                _("Registeraanvragen beoordelen"),
                _url("register:reviews", "/register/beoordelen/"),
                _("De aanvragen waarvoor je als beoordelaar bent gevraagd."),
            )
        )
        steps.append(
            Step(
                _("Adviseren over manuscripten"),
                _url("publications:reviews", "/register/beoordelen/manuscripten/"),
                _("De manuscripten waarover je als lid van het College advies geeft."),
            )
        )
    if Role.KRING_MEMBER in roles:
        steps.append(
            Step(
                _("Benchmark van de Kring"),
                _url("register:kring_benchmark", "/register/kring/"),
                _("Je organisatie naast de andere organisaties, zonder namen, per kwartaal."),
            )
        )
    if roles & {Role.KRING_MEMBER, Role.REGISTER_OFFICE}:
        steps.append(
            Step(
                _("Bijeenkomsten van de Kring"),
                _url("register:kring_meetings", "/register/kring/bijeenkomsten/"),
                _("Agenda's, notulen en voorgestelde onderwerpen."),
            )
        )
    if roles & ADMIN_ROLES or user.is_superuser:
        steps.append(
            Step(
                _("Beheeromgeving"),
                "/admin/",
                _("Cursussen, accreditaties en het register beheren."),
            )
        )
    if Role.MANAGER in roles:
        steps.append(
            Step(
                _("Cijfers van mijn organisatie"),
                _url("mentoring:manager", "/mijn/"),
                _("Ontwikkeling van de opbouwwerkers in jouw organisatie."),
            )
        )
    steps.append(
        Step(
            _("Tweestapsverificatie"),
            reverse("mfa_index"),
            _("Beveilig je account met een code uit een authenticator-app."),
        )
    )
    return steps


def manager_overview(*, user: User) -> dict:
    """The manager's table: per course how many follow and completed it (courses), and what
    those completions count for the register (the register's own sum)."""
    figures = manager_figures(user=user)
    if figures["rows"]:
        points = points_per_course(person_ids=figures["person_ids"])
        for row in figures["rows"]:
            row.points = points.get(row.course_id, row.points)
    figures["total_points"] = sum((row.points for row in figures["rows"]), Decimal(0))
    return figures


# --- What waits for the person (their to-do list) -------------------------------------------

# Each app's ``awaiting_for(user=...)``: the inbox is what they return together.
AWAITING_SOURCES = (
    mentoring.selectors.awaiting_for,
    register.selectors.awaiting_for,
    courses.selectors.awaiting_for,
    publications.selectors.awaiting_for,
)

# The header's count is kept this long at most; a successful POST of the person drops it
# sooner (lms/dashboard/middleware.py). The to-do page itself is always read live.
INBOX_COUNT_SECONDS = 60


def inbox_for(*, user: User) -> list[Awaiting]:
    """Everything that waits for ``user``, oldest first; always read live."""
    items = [item for source in AWAITING_SOURCES for item in source(user=user)]
    return sorted(items, key=lambda item: (item.since is None, item.since or 0))


def inbox_by_role(*, user: User, items: list[Awaiting] | None = None) -> list[dict]:
    """The items grouped per role, in the order of ``Role``."""
    items = inbox_for(user=user) if items is None else items
    return [
        {"role": role, "items": [item for item in items if item.role == role]}
        for role in Role
        if any(item.role == role for item in items)
    ]


def _count_key(user_id: int) -> str:
    return f"inbox:count:{user_id}"


def inbox_count(*, user: User) -> int:
    """How many items wait for ``user``, for the header on every page: from the cache (one
    cache round trip), else counted and kept briefly."""
    key = _count_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = len(inbox_for(user=user))
        cache.set(key, count, INBOX_COUNT_SECONDS)
    return count


def inbox_count_forget(*, user_id: int) -> None:
    cache.delete(_count_key(user_id))
