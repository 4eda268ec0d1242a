"""Who may open which URL: one declaration per URL pattern of the project, Wagtail's admin and the
Django admin included. ``tests/test_authorisation.py`` asks every URL as every role and fails for a
pattern without a row here, and for a row whose pattern no longer exists.

A row names the pattern by its full route (as ``resolve(url).route`` gives it), builds a URL from
the objects of the test world (``w``) and says what each role gets on GET. ``post`` says which
roles must be refused a POST as well, and how; nothing may be written then. ``SAME`` takes the
refusals of the GET column. A pattern may have several rows: an "own" object and "another
person's" (or another provider's) object.

The roles (DESIGN.md, "Roles"): anonymous; junior and senior (organisation A, a buddy pair);
editor (of provider A); board (a College member, reviewer of one application, working at
provider B's organisation); office (the register office); manager (of organisation A, the junior's
line manager); committee (a member of the Vakconferentie's programme committee working at
organisation C); desk (the Vakconferentie's check-in desk); kring (a member of the Kring Kwaliteitsmanagement,
working at organisation B, without the manager role); superuser.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from elearning.content import token_for

ROLES = (
    "anonymous",
    "junior",
    "senior",
    "editor",
    "board",
    "office",
    "manager",
    "committee",
    "desk",
    "kring",
    "superuser",
)

# What a request may get.
OK = 200
BAD_REQUEST = 400
DENIED = 403
NOT_FOUND = 404
NOT_ALLOWED = 405
SERVER_ERROR = 500
LOGIN = "302 to login"  # a login page, with ?next=
REFUSED = "302 to admin home"  # Wagtail's refusal inside its admin: back to /admin/, a message
REDIRECT = "302 elsewhere"  # the view sends the person on (not to a login page, not refused)
REFUSALS = frozenset({LOGIN, REFUSED, DENIED, NOT_FOUND})
SAME = "the refusals of the GET column"


@dataclass(frozen=True)
class Row:
    route: str
    url: Callable  # w -> path (and query)
    get: dict
    post: dict | str | None = None
    post_data: dict = field(default_factory=dict)
    variant: str = ""
    reason: str = ""  # why a status may surprise
    xfail: dict = field(default_factory=dict)  # role -> reason: a known bug (strict xfail)

    @property
    def post_expected(self) -> dict:
        if self.post == SAME:
            return {role: status for role, status in self.get.items() if status in REFUSALS}
        return dict(self.post or {})


def everyone(status, **roles) -> dict:
    unknown = set(roles) - set(ROLES)
    assert not unknown, unknown
    return {role: roles.get(role, status) for role in ROLES}


def signed_in(status, **roles) -> dict:
    """Anonymous visitors go to the login page; signed-in roles get ``status``."""
    return everyone(status, **{"anonymous": LOGIN, **roles})


def office_only(**roles) -> dict:
    """Coaching and register pages of the register office (the superuser counts as office)."""
    return signed_in(DENIED, **{"office": OK, "superuser": OK, **roles})


def without(expected: dict, *roles) -> dict:
    """``expected`` but for ``roles``: those may do it, so an empty POST is not sent as them."""
    return {role: status for role, status in expected.items() if role not in roles}


def wagtail(status, **roles) -> dict:
    """The Wagtail admin: visitors go to the login page; signed-in roles without
    ``wagtailadmin.access_admin`` read that they have no access (lms/accounts/entrances.py)."""
    base = {
        "anonymous": LOGIN,
        "junior": DENIED,
        "senior": DENIED,
        "manager": DENIED,
        "committee": DENIED,
        "desk": DENIED,
        "kring": DENIED,
    }
    return everyone(status, **{**base, **roles})


def django_admin(status) -> dict:
    """The Django admin is for superusers only (lms/urls.py); others go to its login page."""
    return everyone(LOGIN, superuser=status)


ROWS: list[Row] = []

# What a login form of Django's or Wagtail's would take; those forms take it no more.
CREDENTIALS = {"username": "iemand@example.org", "password": "een-wachtwoord"}


def row(route, url, get, **kwargs) -> None:
    ROWS.append(Row(route, url, get, **kwargs))


def own_and_other(
    route,
    url,
    own: dict,
    other: dict,
    *,
    own_attr,
    other_attr,
    own_post=None,
    other_post=None,
    **kwargs,
):
    """Two rows: the URL built from the acting people's object, and from someone else's.
    ``post`` in ``kwargs`` goes to both; ``own_post`` and ``other_post`` to one of them."""
    shared_post = kwargs.pop("post", None)
    row(
        route,
        lambda w: url(getattr(w, own_attr)),
        own,
        variant="own",
        post=own_post or shared_post,
        **kwargs,
    )
    row(
        route,
        lambda w: url(getattr(w, other_attr)),
        other,
        variant="other",
        post=other_post or shared_post,
        **kwargs,
    )


# --- Site, health, search, the personal start page ------------------------------------------------

row("health/", lambda w: "/health/", everyone(OK))
row(".well-known/jwks.json", lambda w: "/.well-known/jwks.json", everyone(OK))
# The revocation status list of every certificate and registration: public, names nobody.
row("statuslijsten/<int:pk>/", lambda w: f"/statuslijsten/{w.status_list.pk}/", everyone(OK))
row("zoeken/", lambda w: "/zoeken/?q=wijk", everyone(OK))
row("mijn/", lambda w: "/mijn/", signed_in(OK))
# The personal to-do list and e-mail preferences: each person's own, nobody else's.
row("mijn/te-doen/", lambda w: "/mijn/te-doen/", signed_in(OK))
row(
    "mijn/e-mailvoorkeuren/",
    lambda w: "/mijn/e-mailvoorkeuren/",
    signed_in(OK),
    post={"anonymous": LOGIN},
    reason="an empty form is shown again with its errors; it saves only the person's own",
)
row(
    "mijn/te-doen/plaats/<int:pk>/gezien/",
    lambda w: f"/mijn/te-doen/plaats/{w.enrolment_own.pk}/gezien/",
    signed_in(NOT_ALLOWED),
    post=without(signed_in(NOT_FOUND), "junior"),
    variant="own",
    reason="only the enrolled person marks their seat from the waitlist as seen",
)
row(
    "mijn/te-doen/plaats/<int:pk>/gezien/",
    lambda w: f"/mijn/te-doen/plaats/{w.enrolment_other.pk}/gezien/",
    signed_in(NOT_ALLOWED),
    post=signed_in(NOT_FOUND),
    variant="other",
)
# Privacy: each person sees, exports and erases only their own data.
row("mijn/privacy/", lambda w: "/mijn/privacy/", signed_in(OK))
row("mijn/privacy/gegevens.json", lambda w: "/mijn/privacy/gegevens.json", signed_in(OK))
row("mijn/privacy/gegevens.zip", lambda w: "/mijn/privacy/gegevens.zip", signed_in(OK))
row("mijn/privacy/gegevens/", lambda w: "/mijn/privacy/gegevens/", signed_in(OK))
row(
    "mijn/privacy/verwijderen/",
    lambda w: "/mijn/privacy/verwijderen/",
    signed_in(OK),
    post={"anonymous": LOGIN},
)
row("mijn/privacy/verwijderd/", lambda w: "/mijn/privacy/verwijderd/", everyone(OK))
row("i18n/setlang/", lambda w: "/i18n/setlang/", everyone(REDIRECT))
row(
    "^((?:[\\w\\-]+/)*)$",
    lambda w: w.course_a.url,
    everyone(OK),
    reason="Wagtail serves every page here; a published course page stands for all of them",
)
row(
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
    lambda w: f"/_util/authenticate_with_password/{w.page_restriction.pk}/{w.closed_page.pk}/",
    everyone(OK),
)
# Wagtail's login for private pages takes no password either: on to the site's login.
row(
    "_util/login/",
    lambda w: "/_util/login/",
    everyone(LOGIN),
    post=SAME,
    post_data=CREDENTIALS,
    reason="every login goes through the site's login (allauth), signed in or not",
)
row(
    "documents/(\\d+)/(.*)$",
    lambda w: f"/documents/{w.document_a.pk}/{w.document_a.filename}",
    everyone(OK),
    reason="documents in a provider's collection are public course material",
)
row(
    "documents/authenticate_with_password/<int:restriction_id>/",
    lambda w: f"/documents/authenticate_with_password/{w.collection_restriction.pk}/",
    everyone(OK),
)

# --- Courses: feeds, enrolment, the provider's screens, lessons, the record of learning ----------

row(
    "leren/uitvoeringen/<int:pk>/agenda.ics",
    lambda w: f"/leren/uitvoeringen/{w.edition_a.pk}/agenda.ics",
    everyone(OK),
)
row(
    "leren/uitvoeringen/<int:pk>/inschrijven/",
    lambda w: f"/leren/uitvoeringen/{w.edition_a.pk}/inschrijven/",
    everyone(NOT_ALLOWED),
    post={"anonymous": LOGIN},
)
row(
    "leren/uitvoeringen/<int:pk>/inschrijven/bevestigen/",
    lambda w: f"/leren/uitvoeringen/{w.edition_a.pk}/inschrijven/bevestigen/",
    signed_in(REDIRECT),
    post={"anonymous": LOGIN},
    reason="the world's course is free: the confirmation step sends back to the course",
)
own_and_other(
    "leren/inschrijvingen/<int:pk>/uitschrijven/",
    lambda enrolment: f"/leren/inschrijvingen/{enrolment.pk}/uitschrijven/",
    everyone(NOT_ALLOWED),
    everyone(NOT_ALLOWED),
    own_attr="enrolment_own",
    other_attr="enrolment_other",
    own_post=without(signed_in(NOT_FOUND), "junior"),
    other_post=signed_in(NOT_FOUND),
)
row(
    "leren/aanbieder/",
    lambda w: "/leren/aanbieder/",
    signed_in(DENIED, editor=OK, superuser=OK),
)
row("leren/aanbieder/exports/", lambda w: "/leren/aanbieder/exports/", signed_in(OK))
own_and_other(
    "leren/aanbieder/exports/<int:pk>/",
    lambda export: f"/leren/aanbieder/exports/{export.pk}/",
    signed_in(NOT_FOUND, editor=OK),
    signed_in(NOT_FOUND),
    own_attr="export_own",
    other_attr="export_other",
)
for variant, letter, editor in (("own", "a", OK), ("other", "b", DENIED)):
    editing = signed_in(DENIED, editor=editor, superuser=OK)
    refused = without(signed_in(DENIED), "superuser", *(["editor"] if editor == OK else []))
    row(
        "leren/aanbieder/uitvoeringen/<int:pk>/",
        lambda w, x=letter: f"/leren/aanbieder/uitvoeringen/{getattr(w, f'edition_{x}').pk}/",
        editing,
        post=SAME,
        post_data={"single-email": "iemand@example.org"},
        variant=variant,
    )
    row(
        "leren/aanbieder/uitvoeringen/<int:pk>/aanwezigheid/",
        lambda w, x=letter: (
            f"/leren/aanbieder/uitvoeringen/{getattr(w, f'edition_{x}').pk}/aanwezigheid/"
        ),
        editing,
        post=SAME,
        variant=variant,
    )
    row(
        "leren/aanbieder/uitvoeringen/<int:pk>/export.<str:fmt>",
        lambda w, x=letter: (
            f"/leren/aanbieder/uitvoeringen/{getattr(w, f'edition_{x}').pk}/export.csv"
        ),
        editing,
        variant=variant,
    )
    row(
        "leren/aanbieder/uitvoeringen/<int:pk>/aanwezigheid/iedereen-aanwezig/",
        lambda w, x=letter: (
            f"/leren/aanbieder/uitvoeringen/{getattr(w, f'edition_{x}').pk}"
            "/aanwezigheid/iedereen-aanwezig/"
        ),
        everyone(NOT_ALLOWED),
        post=refused,
        variant=variant,
    )
    row(
        "leren/aanbieder/uitvoeringen/<int:pk>/afronden-volgens-regel/",
        lambda w, x=letter: (
            f"/leren/aanbieder/uitvoeringen/{getattr(w, f'edition_{x}').pk}/afronden-volgens-regel/"
        ),
        everyone(NOT_ALLOWED),
        post=refused,
        variant=variant,
    )
    row(
        "leren/aanbieder/uitvoeringen/<int:pk>/annuleren/",
        lambda w, x=letter: (
            f"/leren/aanbieder/uitvoeringen/{getattr(w, f'edition_{x}').pk}/annuleren/"
        ),
        everyone(NOT_ALLOWED),
        post=refused,
        variant=variant,
    )
    who = "own" if letter == "a" else "other"
    row(
        "leren/aanbieder/inschrijvingen/<int:pk>/afronden/",
        lambda w, o=who: (
            f"/leren/aanbieder/inschrijvingen/{getattr(w, f'enrolment_{o}').pk}/afronden/"
        ),
        everyone(NOT_ALLOWED),
        post=refused,
        variant=variant,
    )
    row(
        "leren/aanbieder/afrondingen/<int:pk>/intrekken/",
        lambda w, o=who: (
            f"/leren/aanbieder/afrondingen/{getattr(w, f'completion_{o}').pk}/intrekken/"
        ),
        everyone(NOT_ALLOWED),
        post=refused,
        variant=variant,
    )
    row(
        "leren/aanbieder/reflecties/<int:pk>/besluit/",
        lambda w, o=who: f"/leren/aanbieder/reflecties/{getattr(w, f'reflection_{o}').pk}/besluit/",
        everyone(NOT_ALLOWED),
        post=refused,
        post_data={"decision": "accept", "feedback": ""},
        variant=variant,
    )
for route, tail, data in (
    ("leren/lessen/<int:pk>/afgerond/", "afgerond", {}),
    ("leren/lessen/<int:pk>/reflectie/", "reflectie", {"text": "Mijn reflectie."}),
):
    row(
        route,
        lambda w, t=tail: f"/leren/lessen/{w.lesson_a.pk}/{t}/",
        everyone(NOT_ALLOWED),
        post=without(signed_in(DENIED), "junior"),
        post_data=data,
        reason="only participants of the lesson's course",
    )
row("leren/leeroverzicht/", lambda w: "/leren/leeroverzicht/", signed_in(OK))
own_and_other(
    "leren/leeroverzicht/activiteiten/<int:pk>/bewijs/",
    lambda activity: f"/leren/leeroverzicht/activiteiten/{activity.pk}/bewijs/",
    signed_in(NOT_FOUND, junior=OK, office=OK, superuser=OK),
    signed_in(NOT_FOUND, office=OK, superuser=OK),
    own_attr="activity_own",
    other_attr="activity_other",
)
own_and_other(
    "leren/afrondingen/<int:pk>/certificaat.pdf",
    lambda completion: f"/leren/afrondingen/{completion.pk}/certificaat.pdf",
    signed_in(NOT_FOUND, junior=OK),
    signed_in(NOT_FOUND),
    own_attr="completion_own",
    other_attr="completion_other",
)
own_and_other(
    "leren/afrondingen/<int:pk>/certificaat.<str:fmt>",
    lambda completion: f"/leren/afrondingen/{completion.pk}/certificaat.json",
    signed_in(NOT_FOUND, junior=OK),
    signed_in(NOT_FOUND),
    own_attr="completion_own",
    other_attr="completion_other",
)
row(
    "leren/certificaten/",
    lambda w: f"/leren/certificaten/?code={w.completion_own.verification_code.lower()}",
    everyone(REDIRECT),
    reason="anyone may check a certificate: a valid code goes on to the certificate's page",
)
row("leren/certificaten/", lambda w: "/leren/certificaten/", everyone(OK), variant="form")
row(
    "leren/certificaten/<slug:code>/",
    lambda w: f"/leren/certificaten/{w.completion_own.verification_code}/",
    everyone(OK),
    reason="anyone may check a certificate by its code",
)
row(
    "leren/registerbureau/externe-activiteiten/",
    lambda w: "/leren/registerbureau/externe-activiteiten/",
    office_only(),
    post=SAME,
    post_data={"decision": "accept"},
)
row(
    "leren/agenda/<slug:token>.ics",
    lambda w: f"/leren/agenda/{w.calendar_feed.token}.ics",
    everyone(OK),
    variant="token",
    reason="the secret token is the key: whoever holds it reads the feed",
)
row(
    "leren/agenda/<slug:token>.ics",
    lambda w: "/leren/agenda/geraden.ics",
    everyone(NOT_FOUND),
    variant="guessed",
)
row(
    "leren/agenda/vernieuwen/",
    lambda w: "/leren/agenda/vernieuwen/",
    everyone(NOT_ALLOWED),
    post={"anonymous": LOGIN},
)

# --- Coaching: start pages, the office, trajectories, sessions, the practice log -----------------

row("coaching/senior/", lambda w: "/coaching/senior/", office_only(senior=OK))
row("coaching/junior/", lambda w: "/coaching/junior/", office_only(junior=OK))
row("coaching/manager/", lambda w: "/coaching/manager/", signed_in(DENIED, manager=OK))
row("coaching/manager/uren/", lambda w: "/coaching/manager/uren/", signed_in(DENIED, manager=OK))
row("coaching/registerbureau/", lambda w: "/coaching/registerbureau/", office_only())
row(
    "coaching/registerbureau/export.csv",
    lambda w: "/coaching/registerbureau/export.csv",
    office_only(),
)
row(
    "coaching/registerbureau/koppelen/",
    lambda w: "/coaching/registerbureau/koppelen/",
    office_only(office=REDIRECT, superuser=REDIRECT),
    post=SAME,
)
row(
    "coaching/registerbureau/koppelen/<int:pk>/",
    lambda w: f"/coaching/registerbureau/koppelen/{w.matching_run.pk}/",
    office_only(),
)
row(
    "coaching/registerbureau/koppelen/<int:pk>/besluit/",
    lambda w: f"/coaching/registerbureau/koppelen/{w.matching_run.pk}/besluit/",
    signed_in(NOT_ALLOWED),
    post=without(signed_in(DENIED), "office", "superuser"),
    post_data={"action": "reject"},
)
row(
    "coaching/registerbureau/koppelen/<int:pk>/alles-voorstellen/",
    lambda w: f"/coaching/registerbureau/koppelen/{w.matching_run.pk}/alles-voorstellen/",
    signed_in(NOT_ALLOWED),
    post=without(signed_in(DENIED), "office", "superuser"),
)
row(
    "coaching/registerbureau/traject/nieuw/",
    lambda w: "/coaching/registerbureau/traject/nieuw/",
    office_only(manager=OK),
    post=SAME,
)
for variant, pair in (("own", OK), ("other", DENIED)):
    who = variant
    watching = office_only(junior=pair, senior=pair, manager=pair)
    row(
        "coaching/trajecten/<int:pk>/",
        lambda w, o=who: f"/coaching/trajecten/{getattr(w, f'trajectory_{o}').pk}/",
        watching,
        variant=variant,
    )
    row(
        "coaching/trajecten/<int:pk>/gesprekken/",
        lambda w, o=who: f"/coaching/trajecten/{getattr(w, f'trajectory_{o}').pk}/gesprekken/",
        watching,
        variant=variant,
    )
    row(
        "coaching/trajecten/<int:pk>/berichten/",
        lambda w, o=who: f"/coaching/trajecten/{getattr(w, f'trajectory_{o}').pk}/berichten/",
        signed_in(NOT_ALLOWED),
        post=without(signed_in(DENIED), "junior", "senior") if pair == OK else signed_in(DENIED),
        post_data={"body": "Hoe ging de bewonersavond?"},
        variant=variant,
        reason="only the senior and the junior of a trajectory write in its thread; the "
        "office, the manager and the superuser read the trajectory, not its messages",
    )
    for route, tail in (
        ("coaching/trajecten/<int:pk>/gesprek/", "gesprek"),
        ("coaching/trajecten/<int:pk>/plannen/", "plannen"),
    ):
        row(
            route,
            lambda w, o=who, t=tail: f"/coaching/trajecten/{getattr(w, f'trajectory_{o}').pk}/{t}/",
            signed_in(DENIED, senior=pair),
            post=SAME,
            variant=variant,
            reason="a senior logs and plans sessions with their own juniors only",
        )
    row(
        "coaching/trajecten/<int:pk>/akkoord/",
        lambda w, o=who: f"/coaching/trajecten/{getattr(w, f'trajectory_{o}').pk}/akkoord/",
        signed_in(NOT_ALLOWED),
        post=without(signed_in(DENIED), "junior", "senior") if pair == OK else signed_in(DENIED),
        variant=variant,
    )
    row(
        "coaching/trajecten/<int:pk>/beeindigen/",
        lambda w, o=who: f"/coaching/trajecten/{getattr(w, f'trajectory_{o}').pk}/beeindigen/",
        signed_in(NOT_ALLOWED),
        post=without(signed_in(DENIED), "office", "superuser"),
        post_data={"reason": "Verhuisd."},
        variant=variant,
    )
    row(
        "coaching/trajecten/<int:pk>/afspraken/",
        lambda w, o=who: f"/coaching/trajecten/{getattr(w, f'trajectory_{o}').pk}/afspraken/",
        signed_in(NOT_ALLOWED),
        post=without(
            signed_in(DENIED), "office", "superuser", *(["manager"] if pair == OK else [])
        ),
        variant=variant,
        reason="the office, or the manager of the trajectory's organisation, changes its terms",
    )
    row(
        "coaching/trajecten/<int:pk>/leerdoelen/",
        lambda w, o=who: f"/coaching/trajecten/{getattr(w, f'trajectory_{o}').pk}/leerdoelen/",
        signed_in(NOT_ALLOWED),
        post=without(
            signed_in(DENIED), "office", "superuser", *(["junior", "senior"] if pair == OK else [])
        ),
        post_data={"description": "Een netwerkkaart maken."},
        variant=variant,
    )
    row(
        "coaching/gesprekken/<int:pk>/",
        lambda w, o=who: f"/coaching/gesprekken/{getattr(w, f'session_{o}').pk}/",
        watching,
        variant=variant,
    )
    for route, tail, data, allowed in (
        ("coaching/gesprekken/<int:pk>/bevestigen/", "bevestigen", {}, "junior"),
        ("coaching/gesprekken/<int:pk>/bezwaar/", "bezwaar", {"reason": "Klopt niet."}, "junior"),
        ("coaching/gesprekken/<int:pk>/intrekken/", "intrekken", {}, "senior"),
    ):
        row(
            route,
            lambda w, o=who, t=tail: f"/coaching/gesprekken/{getattr(w, f'session_{o}').pk}/{t}/",
            signed_in(NOT_ALLOWED),
            post=without(signed_in(DENIED), allowed) if pair == OK else signed_in(DENIED),
            post_data=data,
            variant=variant,
        )
row(
    "coaching/gesprekken/<int:pk>/corrigeren/",
    lambda w: f"/coaching/gesprekken/{w.session_own_confirmed.pk}/corrigeren/",
    signed_in(DENIED, senior=OK),
    post=SAME,
    variant="own",
)
row(
    "coaching/gesprekken/<int:pk>/corrigeren/",
    lambda w: f"/coaching/gesprekken/{w.session_other_confirmed.pk}/corrigeren/",
    signed_in(DENIED),
    post=SAME,
    variant="other",
)
row("coaching/praktijk/", lambda w: "/coaching/praktijk/", signed_in(OK))
row("coaching/praktijk/attesteren/", lambda w: "/coaching/praktijk/attesteren/", signed_in(OK))
row(
    "coaching/praktijk/attesteren/selectie/",
    lambda w: "/coaching/praktijk/attesteren/selectie/",
    signed_in(NOT_ALLOWED),
    post={"anonymous": LOGIN},
    reason="anyone signed in may ask; months the person may not attest are skipped, with why",
)
row(
    "coaching/praktijk/<int:pk>/attesteren/",
    lambda w: f"/coaching/praktijk/{w.month_own.pk}/attesteren/",
    signed_in(NOT_ALLOWED),
    post=without(signed_in(DENIED), "manager", "office", "superuser"),
    variant="own",
    reason="the junior's line manager (the manager) or the office attests; never the junior",
)
row(
    "coaching/praktijk/<int:pk>/attesteren/",
    lambda w: f"/coaching/praktijk/{w.month_other.pk}/attesteren/",
    signed_in(NOT_ALLOWED),
    post=without(signed_in(DENIED), "office", "superuser"),
    variant="other",
)
row("coaching/profiel/", lambda w: "/coaching/profiel/", signed_in(OK))
row(
    "coaching/belangen/",
    lambda w: "/coaching/belangen/",
    signed_in(OK),
    reason="anyone signed in declares their own conflicts; the office records any pair",
)
row(
    "coaching/belangen/<int:pk>/",
    lambda w: f"/coaching/belangen/{w.conflict.pk}/",
    office_only(),
    post=SAME,
    post_data={"action": "reject", "note": "Geen belang."},
    reason="the office answers requests and reads what the pair did for each other",
)
own_and_other(
    "coaching/profiel/<int:user_pk>/",
    lambda user: f"/coaching/profiel/{user.pk}/",
    office_only(junior=OK),
    office_only(),
    own_attr="junior",
    other_attr="other_junior",
    post=SAME,
)
row(
    "coaching/agenda/<slug:token>.ics",
    lambda w: f"/coaching/agenda/{w.calendar_token}.ics",
    everyone(OK),
    variant="token",
    reason="the secret token is the key: whoever holds it reads the feed",
)
row(
    "coaching/agenda/<slug:token>.ics",
    lambda w: "/coaching/agenda/geraden.ics",
    everyone(NOT_FOUND),
    variant="guessed",
)

# --- The register ----------------------------------------------------------------------------------

row("register/mijn-status/", lambda w: "/register/mijn-status/", signed_in(OK))
row(
    "register/mijn-status/<str:requirement>/",
    lambda w: "/register/mijn-status/practice_hours/",
    signed_in(OK),
)
row("register/aanvragen/", lambda w: "/register/aanvragen/", signed_in(OK))
own_and_other(
    "register/aanvragen/<int:pk>/dossier.pdf",
    lambda application: f"/register/aanvragen/{application.pk}/dossier.pdf",
    office_only(junior=OK),
    office_only(board=OK),
    own_attr="application_own",
    other_attr="application_other",
)
row("register/registerbureau/", lambda w: "/register/registerbureau/", office_only())
row(
    "register/registerbureau/rapportages/",
    lambda w: "/register/registerbureau/rapportages/",
    office_only(),
)
row(
    "register/registerbureau/rapportages/<slug:slug>.csv",
    lambda w: "/register/registerbureau/rapportages/verlopen-binnenkort.csv",
    office_only(),
)
row(
    "register/registerbureau/aanvraag/<int:pk>/",
    lambda w: f"/register/registerbureau/aanvraag/{w.application_other.pk}/",
    office_only(),
    post=SAME,
    post_data={"action": "decide"},
)
row("register/beoordelen/", lambda w: "/register/beoordelen/", signed_in(DENIED, board=OK))
own_and_other(
    "register/beoordelen/<int:pk>/",
    lambda assignment: f"/register/beoordelen/{assignment.pk}/",
    signed_in(DENIED, board=OK),
    signed_in(DENIED),
    own_attr="review_own",
    other_attr="review_other",
    post=SAME,
    post_data={"action": "vote", "value": "positive", "motivation": "Prima."},
)
own_and_other(
    "register/besluit/<int:pk>/brief.pdf",
    lambda decision: f"/register/besluit/{decision.pk}/brief.pdf",
    office_only(junior=OK),
    office_only(),
    own_attr="decision_own",
    other_attr="decision_other",
)
row(
    "register/besluit/<int:pk>/bezwaar/",
    lambda w: f"/register/besluit/{w.decision_own.pk}/bezwaar/",
    office_only(junior=OK),
    post=without(signed_in(DENIED), "junior"),
    post_data={"reason": "Niet eens."},
    variant="own",
)
row(
    "register/besluit/<int:pk>/bezwaar/",
    lambda w: f"/register/besluit/{w.decision_other.pk}/bezwaar/",
    office_only(),
    post=signed_in(DENIED),
    post_data={"reason": "Niet eens."},
    variant="other",
    reason="only the applicant objects; the office may read the form but not submit it",
)
row("register/openbaar/", lambda w: "/register/openbaar/?q=Welzijn", everyone(OK))
row(
    "register/openbaar/<str:number>/",
    lambda w: f"/register/openbaar/{w.registration_own.number}/",
    everyone(OK),
    reason="the public register: a registration that stands has a page for anyone",
)
row(
    "register/registratie/<slug:number>/credential/",
    lambda w: f"/register/registratie/{w.registration_own.number}/credential/",
    signed_in(NOT_FOUND, junior=OK),
)

# --- The public API (Wagtail API v2): published pages only ---------------------------------------

row("api/v2/pages/", lambda w: "/api/v2/pages/", everyone(OK))
row("api/v2/pages/<int:pk>/", lambda w: f"/api/v2/pages/{w.course_a.pk}/", everyone(OK))
row("api/v2/pages/find/", lambda w: "/api/v2/pages/find/?html_path=/", everyone(REDIRECT))
row("api/v2/courses/", lambda w: "/api/v2/courses/", everyone(OK))
row("api/v2/courses/<int:pk>/", lambda w: f"/api/v2/courses/{w.course_a.pk}/", everyone(OK))
row(
    "api/v2/courses/find/",
    lambda w: f"/api/v2/courses/find/?html_path={w.course_a.url}",
    everyone(REDIRECT),
)

# --- Accounts (django-allauth) ---------------------------------------------------------------------

row("accounts/login/", lambda w: "/accounts/login/", everyone(REDIRECT, anonymous=OK))
row("accounts/logout/", lambda w: "/accounts/logout/", everyone(OK, anonymous=REDIRECT))
row("accounts/inactive/", lambda w: "/accounts/inactive/", everyone(OK))
row("accounts/signup/", lambda w: "/accounts/signup/", everyone(REDIRECT, anonymous=OK))
row("accounts/reauthenticate/", lambda w: "/accounts/reauthenticate/", signed_in(OK))
row("accounts/reauthenticate/code/", lambda w: "/accounts/reauthenticate/code/", signed_in(OK))
row(
    "accounts/reauthenticate/code/confirm/",
    lambda w: "/accounts/reauthenticate/code/confirm/",
    signed_in(REDIRECT),
    reason="no code was sent, so there is nothing to confirm",
)
row("accounts/email/", lambda w: "/accounts/email/", signed_in(OK))
row("accounts/confirm-email/", lambda w: "/accounts/confirm-email/", everyone(OK))
row("accounts/password/change/", lambda w: "/accounts/password/change/", signed_in(OK))
row("accounts/password/set/", lambda w: "/accounts/password/set/", signed_in(REDIRECT))
row("accounts/password/reset/", lambda w: "/accounts/password/reset/", everyone(OK))
row(
    "accounts/login/code/confirm/",
    lambda w: "/accounts/login/code/confirm/",
    signed_in(REDIRECT),
    reason="login by code is not offered: no code was sent, so there is nothing to confirm",
)
row(
    "accounts/confirm-email/(?P<key>[-:\\w]+)/$",
    lambda w: "/accounts/confirm-email/verzonnen-sleutel/",
    everyone(OK),
    reason="an unknown key: the page says the link is not valid",
)
row(
    "accounts/password/reset/key/done/",
    lambda w: "/accounts/password/reset/key/done/",
    everyone(OK),
)
row(
    "accounts/password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
    lambda w: "/accounts/password/reset/key/1-verzonnen/",
    everyone(OK),
    reason="an unknown key: the page says the link is not valid",
)
row("accounts/password/reset/done/", lambda w: "/accounts/password/reset/done/", everyone(OK))
row("accounts/2fa/", lambda w: "/accounts/2fa/", signed_in(OK))
row(
    "accounts/2fa/authenticate/",
    lambda w: "/accounts/2fa/authenticate/",
    everyone(REDIRECT, anonymous=LOGIN),
    reason="only in the middle of a login with a second factor",
)
row(
    "accounts/2fa/reauthenticate/",
    lambda w: "/accounts/2fa/reauthenticate/",
    signed_in(REDIRECT, board=OK, office=OK, superuser=OK),
    reason="asks for the second factor of those who have one (tests: board, office, superuser)",
)
row(
    "accounts/2fa/totp/activate/",
    lambda w: "/accounts/2fa/totp/activate/",
    signed_in(REDIRECT),
)
row(
    "accounts/2fa/totp/deactivate/",
    lambda w: "/accounts/2fa/totp/deactivate/",
    signed_in(NOT_FOUND, board=REDIRECT, office=REDIRECT, superuser=REDIRECT),
)
row(
    "accounts/2fa/recovery-codes/",
    lambda w: "/accounts/2fa/recovery-codes/",
    signed_in(NOT_FOUND),
)
row(
    "accounts/2fa/recovery-codes/generate/",
    lambda w: "/accounts/2fa/recovery-codes/generate/",
    signed_in(REDIRECT),
)
row(
    "accounts/2fa/recovery-codes/download/",
    lambda w: "/accounts/2fa/recovery-codes/download/",
    signed_in(NOT_FOUND),
)

# --- The Wagtail admin -------------------------------------------------------------------------------
# Provider editors hold page rights on their provider's section and image/document rights on its
# collection; the board and the office only open the admin (the office also adds register
# policy versions and changes the matching weights); the superuser may do everything.

ADMIN_USABLE = wagtail(OK)  # every role with admin access may open it
SUPERUSER_ONLY = wagtail(REFUSED, superuser=OK)


def admin(route, url, get, **kwargs) -> None:
    row("admin/" + route, lambda w: "/admin/" + url(w), get, **kwargs)


admin("", lambda w: "", ADMIN_USABLE)
admin("test404/", lambda w: "test404/", wagtail(OK))
admin(
    "failwhale/",
    lambda w: "failwhale/",
    wagtail(SERVER_ERROR),
    reason="Wagtail's deliberate test error, for anyone in the admin",
)
admin("account/", lambda w: "account/", ADMIN_USABLE)
admin("logout/", lambda w: "logout/", wagtail(NOT_ALLOWED))
admin("dismissibles/", lambda w: "dismissibles/", ADMIN_USABLE)
admin(
    "block-preview/",
    lambda w: "block-preview/",
    wagtail(NOT_FOUND),
    reason="without a block to preview there is nothing to show",
)
admin("sprite/", lambda w: "sprite/", everyone(OK))
# Wagtail's login takes no password: it sends visitors to the site's login (allauth), whose
# steps (second factor, confirmed address) no other door skips; a POST of credentials signs
# nobody in and writes nothing. Its password reset is off: allauth's is the one.
admin(
    "login/",
    lambda w: "login/",
    wagtail(REDIRECT),
    post=SAME,
    post_data=CREDENTIALS,
    reason="signed in with admin access: on to the admin",
)
admin("jsi18n/", lambda w: "jsi18n/", everyone(OK))
admin(
    "password_reset/",
    lambda w: "password_reset/",
    everyone(NOT_FOUND),
    post=SAME,
    post_data={"email": "iemand@example.org"},
)
admin("password_reset/done/", lambda w: "password_reset/done/", everyone(NOT_FOUND))
admin(
    "password_reset/confirm/<uidb64>/<token>/",
    lambda w: "password_reset/confirm/MQ/verzonnen/",
    everyone(NOT_FOUND),
    post=SAME,
)
admin("password_reset/complete/", lambda w: "password_reset/complete/", everyone(NOT_FOUND))
admin(".*/$", lambda w: "bestaat-niet/", wagtail(NOT_FOUND))

# The admin API: the page tree as the admin's explorer sees it.
for kind in ("pages", "documents", "images"):
    admin(f"api/main/{kind}/", lambda w, k=kind: f"api/main/{k}/", ADMIN_USABLE)
    admin(f"api/main/{kind}/find/", lambda w, k=kind: f"api/main/{k}/find/", wagtail(NOT_FOUND))
own_and_other(
    "admin/api/main/pages/<int:pk>/",
    lambda page: f"/admin/api/main/pages/{page.pk}/",
    wagtail(NOT_FOUND, editor=OK, superuser=OK),
    wagtail(NOT_FOUND, superuser=OK),
    own_attr="course_a",
    other_attr="course_b",
    reason="the admin API shows the pages one may explore",
)
admin(
    "api/main/documents/<int:pk>/",
    lambda w: f"api/main/documents/{w.document_b.pk}/",
    ADMIN_USABLE,
)
admin("api/main/images/<int:pk>/", lambda w: f"api/main/images/{w.image_b.pk}/", ADMIN_USABLE)
admin(
    "api/main/pages/<int:pk>/action/<str:action_name>/",
    lambda w: f"api/main/pages/{w.course_b.pk}/action/copy/",
    wagtail(NOT_ALLOWED),
    post=without(wagtail(NOT_FOUND), "superuser"),
)

# Page explorer, choosers, search.
PAGE_EDITORS = wagtail(REFUSED, editor=OK, superuser=OK)  # whoever holds rights on some page
admin(
    "pages/",
    lambda w: "pages/",
    wagtail(REFUSED, editor=REDIRECT, superuser=OK),
    reason="an editor is sent on to their own provider's section",
)
admin("pages/search/", lambda w: "pages/search/?q=wijk", PAGE_EDITORS)
admin("pages/search/results/", lambda w: "pages/search/results/?q=wijk", PAGE_EDITORS)
admin("choose-page/", lambda w: "choose-page/", ADMIN_USABLE)
admin("choose-page/search/", lambda w: "choose-page/search/?q=wijk", ADMIN_USABLE)
admin(
    "choose-page/chosen-multiple/",
    lambda w: f"choose-page/chosen-multiple/?id={w.course_a.pk}",
    ADMIN_USABLE,
)
admin("choose-external-link/", lambda w: "choose-external-link/", ADMIN_USABLE)
admin("choose-email-link/", lambda w: "choose-email-link/", ADMIN_USABLE)
admin("choose-phone-link/", lambda w: "choose-phone-link/", ADMIN_USABLE)
admin("choose-anchor-link/", lambda w: "choose-anchor-link/", ADMIN_USABLE)
admin("tag-autocomplete/", lambda w: "tag-autocomplete/?term=w", ADMIN_USABLE)
admin(
    "tag-autocomplete/<slug:app_name>/<slug:model_name>/",
    lambda w: "tag-autocomplete/taggit/tag/?term=w",
    ADMIN_USABLE,
)
admin(
    "pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/",
    lambda w: "pages/usage/courses/coursepage/",
    PAGE_EDITORS,
)
admin(
    "pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/results/",
    lambda w: "pages/usage/courses/coursepage/results/",
    PAGE_EDITORS,
)
admin(
    "pages/create/<slug:app_label>/<slug:model_name>",
    lambda w: "pages/create/courses/coursepage",
    wagtail(OK, editor=REDIRECT),
    reason="an editor may add courses under one provider only, so Wagtail goes straight there",
)
admin(
    "bulk/<str:app_label>/<str:model_name>/<str:action>/",
    lambda w: f"bulk/wagtailcore/page/delete/?id={w.course_b.pk}",
    ADMIN_USABLE,
)

# Pages of a provider: the editor's own section (A) and another provider's (B). The editor and
# the superuser may; the board and the office hold no page rights. Where a POST changes a page,
# it is refused to whoever may not change it, and nothing is written.


def page_rows(
    route,
    tail,
    *,
    own=OK,
    other=REFUSED,
    others=REFUSED,
    superuser=OK,
    post=None,
    reason="",
    xfail="",
):
    """Two rows for a page-bound admin URL. ``tail`` is formatted with the course page (``p``),
    its provider page (``parent``) and its latest revision (``rev``). ``post``: the refusal a
    POST gets from someone without rights on the page (None: no POST is sent). ``xfail``: why
    those who may open it still cannot (a known bug)."""
    for variant, letter, editor in (("own", "a", own), ("other", "b", other)):
        allowed = [r for r, s in (("editor", editor), ("superuser", superuser)) if s == OK]
        refusals = None
        if post is not None:
            refusals = without(wagtail(post), "superuser", *(["editor"] if letter == "a" else []))
        admin(
            route,
            lambda w, x=letter: (
                "pages/"
                + tail.format(
                    p=getattr(w, f"course_{x}").pk,
                    parent=getattr(w, f"provider_{x}").pk,
                    rev=getattr(w, f"revision_{x}").pk,
                )
            ),
            wagtail(others, editor=editor, superuser=superuser),
            variant=variant,
            reason=reason,
            post=refusals,
            xfail=dict.fromkeys(allowed, xfail) if xfail else {},
        )


page_rows("pages/<int:parent_page_id>/", "{p}/", other=REDIRECT)
page_rows("pages/<int:parent_page_id>/results/", "{p}/results/", other=REDIRECT)
page_rows("pages/<int:page_id>/usage/", "{p}/usage/")
page_rows("pages/<int:page_id>/edit/", "{p}/edit/", post=REFUSED)
page_rows("pages/<int:page_id>/edit/preview/", "{p}/edit/preview/")
page_rows("pages/<int:page_id>/view_draft/", "{p}/view_draft/")
page_rows(
    "pages/<int:parent_page_id>/add_subpage/",
    "{p}/add_subpage/",
    own=REDIRECT,
    superuser=REDIRECT,
    reason="a course holds only lessons, so Wagtail goes straight to adding one",
)
page_rows(
    "pages/<int:page_id>/delete/",
    "{p}/delete/",
    own=REFUSED,
    superuser=REDIRECT,
    post=REFUSED,
    reason="providers add, change and publish their pages but do not delete them; a course "
    "with participants or an accreditation history is kept, even by a superuser (sent back "
    "to the listing with a message)",
)
page_rows("pages/<int:page_id>/unpublish/", "{p}/unpublish/", post=REFUSED)
page_rows(
    "pages/<int:page_id>/convert_alias/",
    "{p}/convert_alias/",
    own=NOT_FOUND,
    other=NOT_FOUND,
    others=NOT_FOUND,
    superuser=NOT_FOUND,
    reason="a course page is not an alias",
)
page_rows("pages/<int:page_to_move_id>/move/", "{p}/move/")
page_rows(
    "pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/",
    "{p}/move/{parent}/confirm/",
    other=OK,
    others=OK,
    post=REFUSED,
    reason="Wagtail asks anyone in the admin; the move itself checks the rights on the page",
)
page_rows(
    "pages/<int:page_to_move_id>/set_position/",
    "{p}/set_position/",
    own=NOT_ALLOWED,
    other=NOT_ALLOWED,
    others=NOT_ALLOWED,
    superuser=NOT_ALLOWED,
    post=REFUSED,
)
page_rows("pages/<int:page_id>/copy/", "{p}/copy/", post=REFUSED)
page_rows("pages/<int:page_id>/privacy/", "{p}/privacy/", post=REFUSED)
for action in ("lock", "unlock"):
    page_rows(
        f"pages/<int:page_id>/{action}/",
        f"{{p}}/{action}/",
        own=NOT_ALLOWED,
        other=NOT_ALLOWED,
        others=NOT_ALLOWED,
        superuser=NOT_ALLOWED,
        post=REFUSED,
    )
page_rows(
    "pages/<int:page_id>/revisions/",
    "{p}/revisions/",
    own=REDIRECT,
    other=REDIRECT,
    others=REDIRECT,
    superuser=REDIRECT,
    reason="Wagtail sends everyone on to the page's history, which checks the rights",
)
page_rows("pages/<int:page_id>/revisions/<int:revision_id>/view/", "{p}/revisions/{rev}/view/")
page_rows("pages/<int:page_id>/revisions/<int:revision_id>/revert/", "{p}/revisions/{rev}/revert/")
page_rows(
    "pages/<int:page_id>/revisions/<int:revision_id>/unschedule/",
    "{p}/revisions/{rev}/unschedule/",
    post=REFUSED,
)
page_rows(
    "pages/(?P<pk>\\d+)/revisions/compare/(?P<revision_id_a>live|earliest|\\d+)\\.\\.\\."
    "(?P<revision_id_b>live|latest|\\d+)/$",
    "{p}/revisions/compare/earliest...latest/",
)
page_rows("pages/<int:page_id>/workflow_history/", "{p}/workflow_history/")
page_rows("pages/<int:page_id>/history/", "{p}/history/")
page_rows("pages/<int:page_id>/history/results/", "{p}/history/results/")
page_rows(
    "pages/workflow/confirm_cancellation/<int:page_id>/",
    "workflow/confirm_cancellation/{p}/",
    other=OK,
    others=OK,
    reason="Wagtail's question before publishing a page in moderation: the workflow's name only",
)
page_rows(
    "pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/",
    "add/courses/coursepage/{parent}/",
    post=REFUSED,
)
page_rows(
    "pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/"
    "preview/",
    "add/courses/coursepage/{parent}/preview/",
)
for variant, letter in (("own", "a"), ("other", "b")):
    admin(
        "choose-page/<int:parent_page_id>/",
        lambda w, x=letter: f"choose-page/{getattr(w, f'provider_{x}').pk}/",
        ADMIN_USABLE,
        variant=variant,
        reason="the page chooser shows the tree's titles to anyone in the admin",
    )
admin(
    "pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
    lambda w: f"pages/workflow/action/{w.lesson_a.pk}/approve/{w.task_state.pk}/",
    wagtail(REFUSED, superuser=OK),
    post=SAME,
)
admin(
    "pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
    lambda w: f"pages/workflow/collect_action_data/{w.lesson_a.pk}/approve/{w.task_state.pk}/",
    wagtail(REFUSED, superuser=OK),
)
admin(
    "pages/workflow/preview/<int:page_id>/<int:task_id>/",
    lambda w: f"pages/workflow/preview/{w.lesson_a.pk}/{w.task.pk}/",
    wagtail(REFUSED, superuser=OK),
)
admin(
    "pages/<int:page_id>/workflow_history/detail/<int:workflow_state_id>/",
    lambda w: f"pages/{w.lesson_a.pk}/workflow_history/detail/{w.workflow_state.pk}/",
    wagtail(REFUSED, editor=OK, superuser=OK),
)

# E-learning (elearning/): the provider's package screen and its export in the admin, for the
# lesson's own editors; the learner's endpoint and "start again" for the course's participants;
# the launcher and the package files answer on the content origin only, never here.
for variant, letter, editor in (("own", "a", OK), ("other", "b", REFUSED)):
    admin(
        "e-learning/les/<int:lesson_id>/",
        lambda w, x=letter: f"e-learning/les/{getattr(w, f'elearning_{x}').lesson_id}/",
        wagtail(REFUSED, editor=editor, superuser=OK),
        post=SAME,
        variant=variant,
    )
    admin(
        "e-learning/les/<int:lesson_id>/export.<str:fmt>",
        lambda w, x=letter: f"e-learning/les/{getattr(w, f'elearning_{x}').lesson_id}/export.csv",
        wagtail(REFUSED, editor=editor, superuser=OK),
        variant=variant,
    )
for variant, letter, participant in (("own", "a", ("junior",)), ("other", "b", ())):
    for route, action in (
        ("e-learning/pakketten/<int:pk>/voortgang/", "voortgang"),
        ("e-learning/pakketten/<int:pk>/opnieuw/", "opnieuw"),
    ):
        row(
            route,
            lambda w, x=letter, a=action: (
                f"/e-learning/pakketten/{getattr(w, f'elearning_{x}').pk}/{a}/"
            ),
            everyone(NOT_ALLOWED),
            post=without(signed_in(DENIED), *participant),
            variant=variant,
        )
for route, path in (
    ("e-learning/speler/<str:token>/", "speler/{token}/"),
    ("e-learning/inhoud/<str:token>/<path:path>", "inhoud/{token}/index.html"),
):
    row(
        route,
        lambda w, p=path: (
            "/e-learning/"
            + p.format(token=token_for(package_id=w.elearning_a.pk, user_id=w.junior.pk))
        ),
        everyone(NOT_FOUND),
        reason="served on the content origin only (tests/elearning/test_views.py)",
    )

# Accreditation (courses/admin_views.py): editors of the course submit, board members without
# a stake review; the board member works at provider B's organisation.
admin("accreditatie/", lambda w: "accreditatie/", wagtail(REFUSED, board=OK))
own_and_other(
    "admin/accreditatie/aanvragen/<int:page_id>/",
    lambda course: f"/admin/accreditatie/aanvragen/{course.pk}/",
    wagtail(REFUSED, editor=OK, superuser=OK),
    wagtail(REFUSED, superuser=OK),
    own_attr="course_a",
    other_attr="course_b",
    post=SAME,
)
row(
    "admin/accreditatie/beoordelen/<int:request_id>/",
    lambda w: f"/admin/accreditatie/beoordelen/{w.accreditation_a.pk}/",
    wagtail(REFUSED, board=OK),
    post=SAME,
    variant="no stake",
)
row(
    "admin/accreditatie/beoordelen/<int:request_id>/",
    lambda w: f"/admin/accreditatie/beoordelen/{w.accreditation_b.pk}/",
    wagtail(REFUSED),
    post=SAME,
    variant="stake",
    reason="the board member works at provider B's organisation",
)

# Collections, workflows, reports: the superuser's, but for what Wagtail shows anyone in the admin.
admin("collections/", lambda w: "collections/", SUPERUSER_ONLY)
admin("collections/add/", lambda w: "collections/add/", SUPERUSER_ONLY, post=SAME)
admin(
    "collections/<int:pk>/",
    lambda w: f"collections/{w.collection_a.pk}/",
    SUPERUSER_ONLY,
    post=SAME,
)
admin(
    "collections/<int:pk>/delete/",
    lambda w: f"collections/{w.collection_a.pk}/delete/",
    wagtail(NOT_FOUND, superuser=OK),
    post=SAME,
)
admin(
    "collections/<int:collection_id>/privacy/",
    lambda w: f"collections/{w.collection_a.pk}/privacy/",
    SUPERUSER_ONLY,
    post=SAME,
)
for route, url, superuser in (
    ("workflows/list/", "workflows/list/", OK),
    ("workflows/list/results/", "workflows/list/results/", OK),
    ("workflows/add/", "workflows/add/", OK),
    ("workflows/edit/<int:pk>/", "workflows/edit/{workflow}/", OK),
    ("workflows/usage/<int:pk>/", "workflows/usage/{workflow}/", OK),
    ("workflows/usage/<int:pk>/results/", "workflows/usage/{workflow}/results/", OK),
    ("workflows/disable/<int:pk>/", "workflows/disable/{workflow}/", OK),
    (
        "workflows/tasks/add/<str:app_label>/<str:model_name>/",
        "workflows/tasks/add/wagtailcore/groupapprovaltask/",
        OK,
    ),
    ("workflows/tasks/select_type/", "workflows/tasks/select_type/", REDIRECT),
    ("workflows/tasks/index/", "workflows/tasks/index/", OK),
    ("workflows/tasks/index/results/", "workflows/tasks/index/results/", OK),
    ("workflows/tasks/edit/<int:pk>/", "workflows/tasks/edit/{task}/", OK),
    ("workflows/tasks/disable/<int:pk>/", "workflows/tasks/disable/{task}/", OK),
):
    admin(
        route,
        lambda w, u=url: u.format(workflow=w.workflow.pk, task=w.task.pk),
        wagtail(REFUSED, superuser=superuser),
        post=SAME,
    )
for route, url in (
    ("workflows/enable/<int:pk>/", "workflows/enable/{workflow}/"),
    ("workflows/tasks/enable/<int:pk>/", "workflows/tasks/enable/{task}/"),
    ("workflows/remove/<int:page_pk>/", "workflows/remove/{root}/"),
    ("workflows/remove/<int:page_pk>/<int:workflow_pk>/", "workflows/remove/{root}/{workflow}/"),
):
    admin(
        route,
        lambda w, u=url: u.format(workflow=w.workflow.pk, task=w.task.pk, root=w.root.pk),
        wagtail(NOT_ALLOWED),
        post=without(wagtail(REFUSED), "superuser"),
    )
for route, url in (
    ("workflows/task_chooser/", "workflows/task_chooser/"),
    ("workflows/task_chooser/results/", "workflows/task_chooser/results/"),
    ("workflows/task_chooser/<int:task_id>/", "workflows/task_chooser/{task}/"),
):
    admin(
        route,
        lambda w, u=url: u.format(task=w.task.pk),
        ADMIN_USABLE,
        reason="Wagtail's task chooser lists the workflow tasks' names to anyone in the admin",
    )
admin(
    "workflows/task_chooser/create/",
    lambda w: "workflows/task_chooser/create/",
    ADMIN_USABLE,
    post=without(wagtail(BAD_REQUEST), "superuser"),
    reason="anyone in the admin sees the form; only the superuser may make a task",
)
for report, editor in (
    ("locked", REFUSED),
    ("workflow", OK),
    ("workflow_tasks", OK),
    ("aging-pages", OK),
    ("page-types-usage", OK),
):
    for tail in ("", "results/"):
        admin(
            f"reports/{report}/{tail}",
            lambda w, r=report, t=tail: f"reports/{r}/{t}",
            wagtail(REFUSED, editor=editor, superuser=OK),
        )
for tail in ("", "results/"):
    admin(
        f"reports/site-history/{tail}",
        lambda w, t=tail: f"reports/site-history/{t}",
        ADMIN_USABLE,
        reason="lists only what happened to objects the person may see",
    )

# Editing sessions (the "someone else is editing" notice): POST only. A ping needs the right to
# edit the object; a release deletes only the person's own session.
admin(
    "editing-sessions/ping/<str:app_label>/<str:model_name>/<str:object_id>/<int:session_id>/",
    lambda w: f"editing-sessions/ping/wagtailcore/page/{w.course_a.pk}/{w.editing_session.pk}/",
    wagtail(NOT_ALLOWED),
    post=without(wagtail(NOT_FOUND), "editor", "superuser"),
)
admin(
    "editing-sessions/release/<int:session_id>/",
    lambda w: f"editing-sessions/release/{w.editing_session.pk}/",
    wagtail(NOT_ALLOWED),
    post={"anonymous": LOGIN, "junior": DENIED, "senior": DENIED, "manager": DENIED},
    reason="anyone in the admin may release their own sessions; someone else's stays",
)

# Form submissions, redirects, settings, embeds, snippets.
admin("forms/", lambda w: "forms/", PAGE_EDITORS)
admin("forms/results/", lambda w: "forms/results/", PAGE_EDITORS)
for route, tail, status in (
    ("forms/submissions/<int:page_id>/", "", NOT_FOUND),
    ("forms/submissions/<int:page_id>/results/", "results/", NOT_FOUND),
    ("forms/submissions/<int:page_id>/delete/", "delete/", REFUSED),
):
    admin(
        route,
        lambda w, t=tail: f"forms/submissions/{w.course_a.pk}/{t}",
        wagtail(status),
        reason="the site has no form pages; a course page is not one",
    )
for route, url, superuser in (
    ("redirects/", "redirects/", OK),
    ("redirects/results/", "redirects/results/", OK),
    ("redirects/add/", "redirects/add/", OK),
    ("redirects/<int:redirect_id>/", "redirects/{redirect}/", OK),
    ("redirects/<int:redirect_id>/delete/", "redirects/{redirect}/delete/", OK),
    ("redirects/import/", "redirects/import/", OK),
    ("redirects/import/process/", "redirects/import/process/", NOT_ALLOWED),
):
    admin(
        route,
        lambda w, u=url: u.format(redirect=w.redirect.pk),
        wagtail(REFUSED, superuser=superuser),
        post=SAME,
    )
admin(
    "settings/<slug:app_name>/<slug:model_name>/",
    lambda w: "settings/mentoring/matchingweights/",
    wagtail(REDIRECT),
    reason="Wagtail sends everyone on to the setting's own page, which checks the rights",
)
admin(
    "settings/<slug:app_name>/<slug:model_name>/<int:pk>/",
    lambda w: f"settings/mentoring/matchingweights/{w.matching_weights.pk}/",
    wagtail(REFUSED, office=OK, superuser=OK),
    post=SAME,
    variant="matching weights",
    reason="the register office sets the matching weights",
)
admin(
    "settings/<slug:app_name>/<slug:model_name>/<int:pk>/",
    lambda w: f"settings/cms/navigationsettings/{w.site.pk}/",
    SUPERUSER_ONLY,
    post=SAME,
    variant="navigation",
)
admin(
    "settings/<slug:app_name>/<slug:model_name>/<int:pk>/preview/",
    lambda w: f"settings/cms/navigationsettings/{w.site.pk}/preview/",
    wagtail(REFUSED, superuser=NOT_FOUND),
    reason="the navigation has no preview",
)
admin("embeds/chooser/", lambda w: "embeds/chooser/", ADMIN_USABLE)
admin("embeds/chooser/upload/", lambda w: "embeds/chooser/upload/", ADMIN_USABLE)
admin(
    "snippets/",
    lambda w: "snippets/",
    wagtail(REFUSED),
    reason="no snippet models are registered, so there is nothing to list",
)

# Documents and images: the editor's own collection (A) and another provider's (B). The
# choosers show, and let one pick, only what one may choose: a provider's editors their own
# provider's collection; the documents and images themselves are public course material,
# served to anyone (see documents/ above).
EDITOR_MEDIA = wagtail(REFUSED, editor=OK, superuser=OK)
for kind, single in (("documents", "document"), ("images", "image")):
    admin(f"{kind}/", lambda w, k=kind: f"{k}/", EDITOR_MEDIA)
    admin(f"{kind}/results/", lambda w, k=kind: f"{k}/results/", EDITOR_MEDIA)
    admin(f"{kind}/add/", lambda w, k=kind: f"{k}/add/", EDITOR_MEDIA, post=SAME)
    admin(f"{kind}/multiple/add/", lambda w, k=kind: f"{k}/multiple/add/", EDITOR_MEDIA, post=SAME)
    admin(f"{kind}/chooser/", lambda w, k=kind: f"{k}/chooser/", ADMIN_USABLE)
    admin(f"{kind}/chooser/results/", lambda w, k=kind: f"{k}/chooser/results/", ADMIN_USABLE)
    admin(
        f"{kind}/chooser/create/",
        lambda w, k=kind: f"{k}/chooser/create/",
        EDITOR_MEDIA,
        post=SAME,
    )
    admin(
        f"{kind}/chooser/chosen-multiple/",
        lambda w, k=kind, s=single: f"{k}/chooser/chosen-multiple/?id={getattr(w, f'{s}_a').pk}",
        ADMIN_USABLE,
    )
    admin(
        f"{kind}/multiple/delete_upload/<int:uploaded_file_id>/",
        lambda w, k=kind, s=single: f"{k}/multiple/delete_upload/{getattr(w, f'upload_{s}').pk}/",
        wagtail(NOT_ALLOWED),
        post=without(wagtail(REFUSED), "editor", "superuser"),
        reason="an upload waiting for its details belongs to the editor who uploaded it",
    )


def media_rows(
    route,
    tail,
    single,
    *,
    own=OK,
    other=REFUSED,
    others=REFUSED,
    superuser=OK,
    post=None,
    reason="",
):
    """Two rows for a document or image of collection A (the editor's) and of B."""
    for variant, letter, editor in (("own", "a", own), ("other", "b", other)):
        refusals = None
        if post is not None:
            refusals = without(wagtail(post), "superuser", *(["editor"] if letter == "a" else []))
        admin(
            route,
            lambda w, x=letter: tail.format(d=getattr(w, f"{single}_{x}").pk),
            wagtail(others, editor=editor, superuser=superuser),
            variant=variant,
            post=refusals,
            reason=reason,
        )


media_rows("documents/edit/<int:document_id>/", "documents/edit/{d}/", "document", post=REFUSED)
media_rows("documents/delete/<int:document_id>/", "documents/delete/{d}/", "document", post=REFUSED)
media_rows("documents/usage/<int:document_id>/", "documents/usage/{d}/", "document")
media_rows("documents/chooser/chosen/<str:pk>/", "documents/chooser/chosen/{d}/", "document")
media_rows("images/<int:image_id>/", "images/{d}/", "image", post=REFUSED)
media_rows("images/<int:image_id>/delete/", "images/{d}/delete/", "image", post=REFUSED)
media_rows("images/usage/<int:image_id>/", "images/usage/{d}/", "image")
media_rows(
    "images/<int:image_id>/preview/<str:filter_spec>/", "images/{d}/preview/original/", "image"
)
for route, tail in (
    ("images/<int:image_id>/generate_url/", "images/{d}/generate_url/"),
    ("images/<int:image_id>/generate_url/output/", "images/{d}/generate_url/output/"),
):
    media_rows(
        route,
        tail,
        "image",
        own=NOT_FOUND,
        other=NOT_FOUND,
        superuser=NOT_FOUND,
        reason="the site serves no dynamic image URLs; those without rights are refused first",
    )
media_rows("images/chooser/chosen/<str:pk>/", "images/chooser/chosen/{d}/", "image")
media_rows(
    "images/chooser/<int:image_id>/select_format/", "images/chooser/{d}/select_format/", "image"
)
for route, tail, single in (
    ("documents/multiple/<int:doc_id>/", "documents/multiple/{d}/", "document"),
    ("documents/multiple/<int:doc_id>/delete/", "documents/multiple/{d}/delete/", "document"),
    ("images/multiple/<int:image_id>/", "images/multiple/{d}/", "image"),
    ("images/multiple/<int:image_id>/delete/", "images/multiple/{d}/delete/", "image"),
):
    media_rows(
        route,
        tail,
        single,
        own=NOT_ALLOWED,
        other=NOT_ALLOWED,
        others=NOT_ALLOWED,
        superuser=NOT_ALLOWED,
        post=REFUSED,
    )
admin(
    "documents/multiple/create_from_uploaded_document/<int:uploaded_file_id>/",
    lambda w: f"documents/multiple/create_from_uploaded_document/{w.upload_document.pk}/",
    wagtail(NOT_ALLOWED),
    post=without(wagtail(REFUSED), "editor", "superuser"),
)
admin(
    "images/multiple/create_from_uploaded_image/<int:uploaded_file_id>/",
    lambda w: f"images/multiple/create_from_uploaded_image/{w.upload_image.pk}/",
    wagtail(NOT_ALLOWED),
    post=without(wagtail(REFUSED), "editor", "superuser"),
)

# The register policy (register/wagtail_hooks.py): the office adds and reads versions, never
# changes or deletes one.
for route, url, office in (
    ("register_policy/", "register_policy/", OK),
    ("register_policy/results/", "register_policy/results/", OK),
    ("register_policy/new/", "register_policy/new/", OK),
    ("register_policy/edit/<int:pk>/", "register_policy/edit/{p}/", REFUSED),
    ("register_policy/delete/<int:pk>/", "register_policy/delete/{p}/", REFUSED),
    ("register_policy/history/<int:pk>/", "register_policy/history/{p}/", OK),
    ("register_policy/history-results/<int:pk>/", "register_policy/history-results/{p}/", OK),
    ("register_policy/usage/<int:pk>/", "register_policy/usage/{p}/", REFUSED),
    ("register_policy/inspect/<int:pk>/", "register_policy/inspect/{p}/", OK),
):
    admin(
        route,
        lambda w, u=url: u.format(p=w.policy.pk),
        wagtail(REFUSED, office=office, superuser=OK),
        post=SAME,
    )

# Sites, users and groups: the superuser's.
for base, obj in (("sites", "site"), ("users", "junior"), ("groups", "group_a")):
    tails = ["", "results/", "new/", "edit/{p}/", "delete/{p}/", "history/{p}/"]
    tails += ["history-results/{p}/", "usage/{p}/"]
    if base != "groups":
        tails.append("copy/{p}/")
    for tail in tails:
        route = f"{base}/{tail}".replace("{p}", "<int:pk>")
        admin(
            route,
            lambda w, b=base, t=tail, o=obj: f"{b}/" + t.format(p=getattr(w, o).pk),
            SUPERUSER_ONLY,
            post=SAME,
        )

# --- The Django admin: superusers only ----------------------------------------------------------


def _django_admin_app_list() -> str:
    """The route of the admin's app index, which names every app with a model in the admin
    (django.contrib.admin.sites.AdminSite.get_urls)."""
    from django.contrib import admin as django_admin_site

    labels = []
    for model in django_admin_site.site._registry:
        if model._meta.app_label not in labels:
            labels.append(model._meta.app_label)
    return f"django-admin/(?P<app_label>{'|'.join(labels)})/$"


row("django-admin/", lambda w: "/django-admin/", django_admin(OK))
# Like Wagtail's: the Django admin's login sends visitors to the site's login and tells
# signed-in people who are not superusers that they have no access.
row(
    "django-admin/login/",
    lambda w: "/django-admin/login/",
    everyone(DENIED, anonymous=LOGIN, superuser=REDIRECT),
    post=SAME,
    post_data=CREDENTIALS,
)
row(
    "django-admin/logout/",
    lambda w: "/django-admin/logout/",
    everyone(REDIRECT, superuser=NOT_ALLOWED),
)
row("django-admin/password_change/", lambda w: "/django-admin/password_change/", django_admin(OK))
row(
    "django-admin/password_change/done/",
    lambda w: "/django-admin/password_change/done/",
    django_admin(OK),
)
row("django-admin/autocomplete/", lambda w: "/django-admin/autocomplete/", django_admin(DENIED))
row("django-admin/jsi18n/", lambda w: "/django-admin/jsi18n/", django_admin(OK))
row(
    "django-admin/r/<path:content_type_id>/<path:object_id>/",
    lambda w: f"/django-admin/r/{w.page_type.pk}/{w.course_a.pk}/",
    django_admin(NOT_FOUND),
    reason="pages have no get_absolute_url, so there is no site link to follow",
)
row(
    _django_admin_app_list(),
    lambda w: "/django-admin/accounts/",
    django_admin(OK),
    reason="the pattern lists every app in the Django admin; each model has rows of its own",
)
row("django-admin/(?P<url>.*)$", lambda w: "/django-admin/bestaat-niet/", django_admin(NOT_FOUND))
row(
    "django-admin/accounts/user/<id>/password/",
    lambda w: f"/django-admin/accounts/user/{w.junior.pk}/password/",
    django_admin(OK),
)
row(
    "django-admin/taggit/tag/merge-tags/",
    lambda w: f"/django-admin/taggit/tag/merge-tags/?selected_tag_ids={w.tag.pk}",
    django_admin(OK),
)
ADMIN_MODEL_SCREENS = {"add/": OK, "history/": OK, "delete/": OK, "change/": OK, "": REDIRECT}
READ_ONLY_SCREENS = {**ADMIN_MODEL_SCREENS, "add/": DENIED, "delete/": DENIED}
LOG_SCREENS = {**ADMIN_MODEL_SCREENS, "add/": DENIED}  # django-axes writes these, not people
DJANGO_ADMIN_MODELS = {
    # model: (world attribute of an object, what the superuser gets on each screen)
    "auth/group": ("group_a", ADMIN_MODEL_SCREENS),
    "accounts/user": ("junior", ADMIN_MODEL_SCREENS),
    "accounts/organisation": ("organisation_a", ADMIN_MODEL_SCREENS),
    "accounts/outboundemail": ("outbound_email", ADMIN_MODEL_SCREENS),
    "wagtaildocs/document": ("document_a", ADMIN_MODEL_SCREENS),
    "wagtailimages/image": ("image_a", ADMIN_MODEL_SCREENS),
    "taggit/tag": ("tag", ADMIN_MODEL_SCREENS),
    "account/emailaddress": ("email_address", ADMIN_MODEL_SCREENS),
    "mfa/authenticator": ("authenticator", ADMIN_MODEL_SCREENS),
    "axes/accessattempt": ("access_attempt", LOG_SCREENS),
    "axes/accesslog": ("access_log", LOG_SCREENS),
    "axes/accessfailurelog": ("access_failure_log", LOG_SCREENS),
    "sites/site": ("django_site", ADMIN_MODEL_SCREENS),
    # An erasure record proves an erasure happened: read only (lms/privacy/admin.py).
    "privacy/erasurerecord": ("erasure_record", READ_ONLY_SCREENS),
}
for model, (obj, screens) in DJANGO_ADMIN_MODELS.items():
    base = f"django-admin/{model}/"
    row(base, lambda w, b=base: f"/{b}", django_admin(OK))
    row(base + "add/", lambda w, b=base: f"/{b}add/", django_admin(screens["add/"]), post=SAME)
    for tail in ("history/", "delete/", "change/", ""):
        row(
            base + "<path:object_id>/" + tail,
            lambda w, b=base, o=obj, t=tail: f"/{b}{getattr(w, o).pk}/{t}",
            django_admin(screens[tail]),
            post=SAME if tail in ("delete/", "change/") else None,
        )

# --- The beroepscode ------------------------------------------------------------------------------

# The code of conduct is public: everyone downloads each version as a PDF.
row(
    "beroepscode/<str:label>.pdf",
    lambda w: f"/beroepscode/{w.code_version.label}.pdf",
    everyone(OK),
)
row(
    "beroepscode/<str:label>.pdf",
    lambda w: "/beroepscode/1999.9.pdf",
    everyone(NOT_FOUND),
    variant="unknown",
)

# --- The Kring Kwaliteitsmanagement (register/views/kring.py) --------------------------------------
# The benchmark is for Kring members; the meetings and their private agendas and minutes for
# Kring members and the register office. Only the office plans meetings and uploads documents;
# a POST without an action is refused to everyone.

KRING_AND_OFFICE = signed_in(DENIED, kring=OK, office=OK, superuser=OK)
row("register/kring/", lambda w: "/register/kring/", signed_in(DENIED, kring=OK), post=SAME)
row(
    "register/kring/bijeenkomsten/",
    lambda w: "/register/kring/bijeenkomsten/",
    KRING_AND_OFFICE,
    post=without(signed_in(DENIED), "office", "superuser"),
)
row(
    "register/kring/bijeenkomsten/<int:pk>/",
    lambda w: f"/register/kring/bijeenkomsten/{w.kring_meeting.pk}/",
    KRING_AND_OFFICE,
    post=signed_in(DENIED),
)
row(
    "register/kring/documenten/<int:pk>/",
    lambda w: f"/register/kring/documenten/{w.kring_agenda.pk}/",
    KRING_AND_OFFICE,
)

# --- Publications: the library's feed and citations, manuscripts and the College's advice ------

row("publicaties/atom.xml", lambda w: "/publicaties/atom.xml", everyone(OK))
row(
    "publicaties/<int:pk>/citatie.ris",
    lambda w: f"/publicaties/{w.publication.pk}/citatie.ris",
    everyone(OK),
)
row(
    "publicaties/<int:pk>/citatie.bib",
    lambda w: f"/publicaties/{w.publication.pk}/citatie.bib",
    everyone(OK),
)
row("mijn/manuscripten/", lambda w: "/mijn/manuscripten/", signed_in(OK))
own_and_other(
    "mijn/manuscripten/<int:pk>/",
    lambda manuscript: f"/mijn/manuscripten/{manuscript.pk}/",
    signed_in(NOT_FOUND, junior=OK),
    signed_in(NOT_FOUND),
    own_attr="manuscript_own",
    other_attr="manuscript_other",
    reason="an author's page of their manuscript is theirs alone; the office has its own",
)
own_and_other(
    "mijn/manuscripten/<int:pk>/bestand/",
    lambda manuscript: f"/mijn/manuscripten/{manuscript.pk}/bestand/",
    signed_in(NOT_FOUND, junior=OK, board=OK, office=OK, superuser=OK),
    signed_in(NOT_FOUND, office=OK, superuser=OK),
    own_attr="manuscript_own",
    other_attr="manuscript_other",
    reason="the file: its author, the College members asked to advise, the office",
)
row(
    "register/beoordelen/manuscripten/",
    lambda w: "/register/beoordelen/manuscripten/",
    signed_in(DENIED, board=OK),
)
own_and_other(
    "register/beoordelen/manuscripten/<int:pk>/",
    lambda review: f"/register/beoordelen/manuscripten/{review.pk}/",
    signed_in(DENIED, board=OK),
    signed_in(DENIED),
    own_attr="manuscript_review_own",
    other_attr="manuscript_review_other",
    post=SAME,
    post_data={"advice": "positief"},
)
row(
    "register/registerbureau/manuscripten/",
    lambda w: "/register/registerbureau/manuscripten/",
    office_only(),
)
row(
    "register/registerbureau/manuscripten/<int:pk>/",
    lambda w: f"/register/registerbureau/manuscripten/{w.manuscript_own.pk}/",
    office_only(),
    post=SAME,
    post_data={"action": "decide", "decision": "positief"},
)
row(
    "register/publicaties/<int:pk>/opvoeren/",
    lambda w: f"/register/publicaties/{w.publication.pk}/opvoeren/",
    everyone(NOT_ALLOWED, anonymous=LOGIN),
    post=without(signed_in(DENIED), "senior"),
    reason="only a POST claims, and only an author of the publication may",
)

# --- The Vakconferentie: registering, the badge, the desk, proposals and their review -------------
# The junior is registered (own); B's junior too (other). The committee member works at
# organisation C, so a proposal of someone of C is one they may not review ("conflicted").

DESK = signed_in(DENIED, desk=OK, office=OK, superuser=OK)
row(
    "vakconferentie/<int:pk>/aanmelden/",
    lambda w: f"/vakconferentie/{w.conference.pk}/aanmelden/",
    signed_in(OK, junior=REDIRECT),
    post={"anonymous": LOGIN},
    reason="the junior is registered already and is sent to Mijn Vakconferentie",
)
row(
    "vakconferentie/<int:pk>/mijn/",
    lambda w: f"/vakconferentie/{w.conference.pk}/mijn/",
    signed_in(OK),
)
for tail in ("keuze/", "annuleren/"):
    own_and_other(
        f"vakconferentie/aanmeldingen/<int:pk>/{tail}",
        lambda registration, t=tail: f"/vakconferentie/aanmeldingen/{registration.pk}/{t}",
        everyone(NOT_ALLOWED),
        everyone(NOT_ALLOWED),
        own_attr="conference_registration_own",
        other_attr="conference_registration_other",
        own_post=without(signed_in(NOT_FOUND), "junior"),
        other_post=signed_in(NOT_FOUND),
    )
own_and_other(
    "vakconferentie/aanmeldingen/<int:pk>/badge.pdf",
    lambda registration: f"/vakconferentie/aanmeldingen/{registration.pk}/badge.pdf",
    signed_in(NOT_FOUND, junior=OK),
    signed_in(NOT_FOUND),
    own_attr="conference_registration_own",
    other_attr="conference_registration_other",
)
row(
    "vakconferentie/<int:pk>/balie/",
    lambda w: f"/vakconferentie/{w.conference.pk}/balie/",
    DESK,
)
row(
    "vakconferentie/balie/aanmeldingen/<int:pk>/inchecken/",
    lambda w: f"/vakconferentie/balie/aanmeldingen/{w.conference_registration_own.pk}/inchecken/",
    everyone(NOT_ALLOWED),
    post=without(DESK, "desk", "office", "superuser"),
)
row(
    "vakconferentie/inchecken/<str:token>/",
    lambda w: f"/vakconferentie/inchecken/{w.conference_registration_own.token}/",
    DESK,
    post=SAME,
)
row(
    "vakconferentie/<int:pk>/voorstellen/nieuw/",
    lambda w: f"/vakconferentie/{w.conference.pk}/voorstellen/nieuw/",
    signed_in(OK),
    post={"anonymous": LOGIN},
)
row(
    "vakconferentie/<int:pk>/voorstellen/",
    lambda w: f"/vakconferentie/{w.conference.pk}/voorstellen/",
    signed_in(DENIED, committee=OK, office=OK, superuser=OK),
)
for variant, attr, committee in (
    ("reviewable", "proposal_other", OK),
    ("conflicted", "proposal_conflicted", DENIED),
):
    row(
        "vakconferentie/voorstellen/<int:pk>/",
        lambda w, a=attr: f"/vakconferentie/voorstellen/{getattr(w, a).pk}/",
        signed_in(DENIED, committee=committee, office=OK, superuser=OK),
        post=without(signed_in(DENIED, committee=committee), "office", "superuser", "committee")
        if committee == OK
        else SAME,
        variant=variant,
    )
