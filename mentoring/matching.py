"""Suggesting buddies: the hard rules, the score and the exact optimal assignment.

Every rule is computed for a whole pool at once as numpy arrays (juniors × seniors), so that
the same code answers "may this senior coach this junior?" for one proposed trajectory and
for a pool of thousands. The suggestion maximises the total score over all assignments in
which each junior has at most one senior and no senior exceeds their free places.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from scipy.optimize import linear_sum_assignment

from lms.accounts.models import Role, User
from lms.accounts.selectors import conflict_pairs_binding

from .kinds import DIFFERENTIATION_KINDS, kind_label
from .models import MatchingWeights, Trajectory, Weekday
from .signals import kinds_lacking

_POPCOUNT = np.array([bin(i).count("1") for i in range(128)], dtype=np.int64)

RULES = ("role", "capacity", "organisation", "line_manager", "conflict", "ended_early", "same")


def optimal_assignment(
    scores: np.ndarray, allowed: np.ndarray, free: np.ndarray
) -> list[tuple[int, int]]:
    """Pairs (junior index, senior index) with the highest total score.

    Each senior is repeated once per free place (a column each). Allowed pairs cost minus
    their benefit, every other cell costs 0, the same as leaving the junior without a senior:
    with no positive cost anywhere, a full assignment of the rectangular matrix is as good as
    the best partial matching, so juniors stay unmatched exactly when that is optimal.
    Scores count in hundredths; ties go to the assignment that matches more juniors.
    """
    n_juniors, n_seniors = scores.shape
    if n_juniors == 0 or n_seniors == 0:
        return []
    free = np.minimum(np.asarray(free, dtype=np.int64).clip(min=0), allowed.sum(axis=0))
    rows = np.flatnonzero(allowed[:, free > 0].any(axis=1))
    columns = np.repeat(np.arange(n_seniors), free)
    if rows.size == 0 or columns.size == 0:
        return []
    cents = np.rint(scores[np.ix_(rows, columns)] * 100).astype(np.int64)
    benefit = cents * (n_juniors + 1) + 1
    ok = allowed[np.ix_(rows, columns)]
    cost = np.where(ok, -benefit, 0).astype(np.float64)
    row_index, column_index = linear_sum_assignment(cost)
    keep = ok[row_index, column_index]
    return [
        (int(rows[r]), int(columns[c]))
        for r, c in zip(row_index[keep], column_index[keep], strict=True)
    ]


@dataclass
class Pool:
    """Juniors and seniors with everything the rules and the score look at, as arrays."""

    juniors: list[User]
    seniors: list[User]
    free: np.ndarray
    capacity: np.ndarray
    blocked: dict[str, np.ndarray]
    lacking: np.ndarray
    experience: np.ndarray
    region_same: np.ndarray
    language_shared: np.ndarray
    weekdays_shared: np.ndarray
    weekdays_fraction: np.ndarray
    weights: dict[str, int] = field(default_factory=dict)

    @property
    def allowed(self) -> np.ndarray:
        allowed = np.ones((len(self.juniors), len(self.seniors)), dtype=bool)
        for mask in self.blocked.values():
            allowed &= ~mask
        return allowed

    @property
    def coverage(self) -> np.ndarray:
        lacking = self.lacking.astype(np.float64)
        covered = lacking @ self.experience.astype(np.float64).T
        n_lacking = lacking.sum(axis=1, keepdims=True)
        return np.divide(covered, n_lacking, out=np.zeros_like(covered), where=n_lacking > 0)

    @property
    def scores(self) -> np.ndarray:
        w = self.weights
        raw = (
            w["differentiation"] * self.coverage
            + w["region"] * self.region_same
            + w["language"] * self.language_shared
            + w["weekdays"] * self.weekdays_fraction
        )
        return np.round(raw, 2)

    def refusals(self, j: int, s: int) -> list[str]:
        """Why senior ``s`` may not coach junior ``j``, in Dutch; empty when allowed."""
        junior, senior = self.juniors[j], self.seniors[s]
        messages = {
            "same": _("Senior en junior moeten twee verschillende mensen zijn."),
            "role": _("%(senior)s is geen actieve senior opbouwwerker.") % {"senior": senior},
            "capacity": _("%(senior)s heeft geen vrije plaats meer (capaciteit %(n)s).")
            % {"senior": senior, "n": int(self.capacity[s])},
            "organisation": _(
                "%(senior)s werkt niet bij de organisatie van %(junior)s, en die staat geen "
                "koppelingen met andere organisaties toe."
            )
            % {"senior": senior, "junior": junior},
            "line_manager": _("%(senior)s is de leidinggevende van %(junior)s.")
            % {"senior": senior, "junior": junior},
            "conflict": _("Er is een belangenverstrengeling gemeld tussen %(a)s en %(b)s.")
            % {"a": senior, "b": junior},
            "ended_early": _(
                "%(senior)s en %(junior)s hadden al een traject dat voortijdig is beëindigd."
            )
            % {"senior": senior, "junior": junior},
        }
        return [messages[rule] for rule in RULES if self.blocked[rule][j, s]]

    def reasons(self, j: int, s: int) -> list[str]:
        """Why this pair scores what it scores, in Dutch."""
        reasons = []
        lacking = [
            k for k, flag in zip(DIFFERENTIATION_KINDS, self.lacking[j], strict=True) if flag
        ]
        covered = [k for k in lacking if self.experience[s][DIFFERENTIATION_KINDS.index(k)]]
        if covered:
            reasons.append(
                _("ervaring met %(kinds)s (%(n)s van %(m)s werksoorten die de junior mist)")
                % {
                    "kinds": ", ".join(kind_label(k).lower() for k in covered),
                    "n": len(covered),
                    "m": len(lacking),
                }
            )
        if self.region_same[j, s]:
            reasons.append(_("zelfde regio"))
        if self.language_shared[j, s]:
            reasons.append(_("gedeelde taal"))
        days = int(self.weekdays_shared[j, s])
        if days:
            reasons.append(
                ngettext("%(n)s gemeenschappelijke dag", "%(n)s gemeenschappelijke dagen", days)
                % {"n": days}
            )
        return reasons or [_("voldoet aan de regels, zonder bijzondere overeenkomsten")]

    def unmatched_reasons(self, j: int, allowed_row: np.ndarray) -> list[str]:
        n_allowed = int(allowed_row.sum())
        if n_allowed:
            return [
                ngettext(
                    "De enige toegestane senior is in de beste verdeling aan een andere junior "
                    "gekoppeld.",
                    "Alle %(n)s toegestane seniors zijn in de beste verdeling aan andere juniors "
                    "gekoppeld.",
                    n_allowed,
                )
                % {"n": n_allowed}
            ]
        if not self.seniors:
            return [_("Er zijn geen seniors om uit te kiezen.")]
        labels = {
            "role": _("geen actieve senior"),
            "capacity": _("geen vrije plaats"),
            "organisation": _("andere organisatie, zonder toestemming voor koppelingen"),
            "line_manager": _("is de leidinggevende"),
            "conflict": _("belangenverstrengeling gemeld"),
            "ended_early": _("eerder traject voortijdig beëindigd"),
            "same": _("dezelfde persoon"),
        }
        counts = [
            f"{labels[rule]}: {int(self.blocked[rule][j].sum())}"
            for rule in RULES
            if self.blocked[rule][j].any()
        ]
        return [_("Geen enkele senior mag deze junior begeleiden."), *counts]


def _bitmask(values: Sequence, universe: Sequence) -> int:
    return sum(1 << universe.index(v) for v in values if v in universe)


def kinds_lacking_for(*, person_ids: Sequence[int], on) -> dict[int, set[str]]:
    """Per junior the kinds of work they still lack, asked of the register (``kinds_lacking``):
    matching keeps no threshold of its own."""
    answers = [
        answer
        for _receiver, answer in kinds_lacking.send(sender=Pool, person_ids=person_ids, on=on)
        if answer is not None
    ]
    if len(answers) != 1:
        raise ImproperlyConfigured("One app must answer mentoring.signals.kinds_lacking.")
    return answers[0]


def weights_current() -> dict[str, int]:
    weights = MatchingWeights.load()
    return {
        "differentiation": weights.differentiation,
        "region": weights.region,
        "language": weights.language,
        "weekdays": weights.weekdays,
    }


def _people(ids: Sequence[int]) -> list[User]:
    order = {pk: i for i, pk in enumerate(ids)}
    people = list(
        User.objects.filter(pk__in=ids)
        .select_related("profile", "profile__organisation", "practitioner")
        .annotate(
            is_senior_role=Exists(
                User.groups.through.objects.filter(user_id=OuterRef("pk"), group__name=Role.SENIOR)
            ),
            open_count=Coalesce(
                Subquery(
                    Trajectory.objects.filter(
                        senior=OuterRef("pk"), status__in=Trajectory.OPEN_STATUSES
                    )
                    .values("senior")
                    .annotate(n=Count("pk"))
                    .values("n"),
                    output_field=IntegerField(),
                ),
                Value(0),
            ),
        )
    )
    people.sort(key=lambda u: order[u.pk])
    return people


def _practitioner(user: User):
    return getattr(user, "practitioner", None) if hasattr(user, "practitioner") else None


def _profile(user: User):
    return getattr(user, "profile", None) if hasattr(user, "profile") else None


def pool_build(
    *,
    junior_ids: Sequence[int],
    senior_ids: Sequence[int],
    weights: dict[str, int] | None = None,
    progress: Callable[[int], None] | None = None,
) -> Pool:
    """Load a pool with a fixed number of queries, whatever its size."""
    progress = progress or (lambda pct: None)
    juniors = _people(junior_ids)
    seniors = _people(senior_ids)
    progress(10)
    nj, ns = len(juniors), len(seniors)
    j_ids = np.array([u.pk for u in juniors], dtype=np.int64)
    s_ids = np.array([u.pk for u in seniors], dtype=np.int64)
    s_index = {pk: i for i, pk in enumerate(s_ids.tolist())}
    j_index = {pk: i for i, pk in enumerate(j_ids.tolist())}

    def pairs_mask(pairs) -> np.ndarray:
        mask = np.zeros((nj, ns), dtype=bool)
        rows, cols = [], []
        for junior_id, senior_id in pairs:
            if junior_id in j_index and senior_id in s_index:
                rows.append(j_index[junior_id])
                cols.append(s_index[senior_id])
        mask[rows, cols] = True
        return mask

    capacity = np.array(
        [p.capacity if (p := _practitioner(u)) else 2 for u in seniors], dtype=np.int64
    )
    open_counts = np.array([u.open_count for u in seniors], dtype=np.int64)
    free = (capacity - open_counts).clip(min=0)
    is_senior = np.array([bool(u.is_senior_role and u.is_active) for u in seniors], dtype=bool)

    def org_of(u):
        p = _profile(u)
        return p.organisation_id if p and p.organisation_id else 0

    org_j = np.array([org_of(u) or -1 for u in juniors], dtype=np.int64)
    org_s = np.array([org_of(u) or -2 for u in seniors], dtype=np.int64)
    cross_j = np.array(
        [
            bool(p and p.organisation and p.organisation.allows_cross_organisation_pairs)
            for p in map(_profile, juniors)
        ],
        dtype=bool,
    )
    line_manager = pairs_mask(
        (u.pk, p.line_manager_id) for u in juniors if (p := _profile(u)) and p.line_manager_id
    )
    # Only a binding conflict keeps two people apart; a request waits for the office.
    conflict_pairs = conflict_pairs_binding(j_ids.tolist(), s_ids.tolist())
    ended_early = Trajectory.objects.filter(
        status=Trajectory.Status.ENDED_EARLY,
        junior__in=j_ids.tolist(),
        senior__in=s_ids.tolist(),
    ).values_list("junior_id", "senior_id")
    blocked = {
        "same": j_ids[:, None] == s_ids[None, :],
        "role": np.broadcast_to(~is_senior[None, :], (nj, ns)),
        "capacity": np.broadcast_to((free <= 0)[None, :], (nj, ns)),
        "organisation": (org_j[:, None] != org_s[None, :]) & ~cross_j[:, None],
        "line_manager": line_manager,
        "conflict": pairs_mask(conflict_pairs),
        "ended_early": pairs_mask(ended_early),
    }
    progress(25)

    # What each junior still lacks for the register's differentiation, as the register says.
    missing = kinds_lacking_for(person_ids=j_ids.tolist(), on=timezone.localdate())
    lacking = np.array(
        [[kind in missing.get(u.pk, ()) for kind in DIFFERENTIATION_KINDS] for u in juniors],
        dtype=bool,
    ).reshape(nj, len(DIFFERENTIATION_KINDS))
    experience = np.array(
        [
            [
                k in ((p.experience or []) if (p := _practitioner(u)) else [])
                for k in DIFFERENTIATION_KINDS
            ]
            for u in seniors
        ],
        dtype=bool,
    ).reshape(ns, len(DIFFERENTIATION_KINDS))

    region_codes: dict[str, int] = {}

    def region(u) -> int:
        p = _profile(u)
        return region_codes.setdefault(p.region, len(region_codes) + 1) if p and p.region else 0

    reg_j = np.array([region(u) for u in juniors], dtype=np.int64)
    reg_s = np.array([region(u) for u in seniors], dtype=np.int64)

    language_codes: list[str] = []

    def languages(u) -> int:
        pr = _practitioner(u)
        chosen = list(pr.languages) if pr and pr.languages else []
        if not chosen and (p := _profile(u)):
            chosen = [p.preferred_language]
        for code in chosen:
            if code not in language_codes:
                language_codes.append(code)
        return _bitmask(chosen, language_codes)

    lang_j = np.array([languages(u) for u in juniors], dtype=np.int64)
    lang_s = np.array([languages(u) for u in seniors], dtype=np.int64)
    days = list(Weekday.values)

    def weekdays(u) -> int:
        pr = _practitioner(u)
        return _bitmask(pr.available_weekdays if pr else [], days)

    days_j = np.array([weekdays(u) for u in juniors], dtype=np.int64)
    days_s = np.array([weekdays(u) for u in seniors], dtype=np.int64)
    shared_days = _POPCOUNT[days_j[:, None] & days_s[None, :]]
    own_days = _POPCOUNT[days_j][:, None]
    fraction = np.divide(
        shared_days, own_days, out=np.zeros(shared_days.shape, dtype=np.float64), where=own_days > 0
    )
    progress(40)
    return Pool(
        juniors=juniors,
        seniors=seniors,
        free=free,
        capacity=capacity,
        blocked=blocked,
        lacking=lacking,
        experience=experience,
        region_same=(reg_j[:, None] == reg_s[None, :]) & (reg_j[:, None] > 0),
        language_shared=(lang_j[:, None] & lang_s[None, :]) != 0,
        weekdays_shared=shared_days,
        weekdays_fraction=fraction,
        weights=weights or weights_current(),
    )


def _person(user: User) -> dict:
    return {"id": user.pk, "name": str(user), "email": user.email}


def suggest(pool: Pool, *, progress: Callable[[int], None] | None = None) -> dict:
    """The optimal suggestion, with the score and reasons of each pair and alternatives."""
    progress = progress or (lambda pct: None)
    allowed = pool.allowed
    scores = pool.scores
    progress(60)
    pairs = optimal_assignment(scores, allowed, pool.free)
    progress(90)
    matched = dict(pairs)
    masked = np.where(allowed, scores, -1.0)
    top = min(3, len(pool.seniors))

    def alternatives(j: int) -> list[dict]:
        if top == 0:
            return []
        best = np.argsort(-masked[j], kind="stable")[:top]
        return [
            {**_person(pool.seniors[s]), "score": float(scores[j, s])}
            for s in best
            if allowed[j, s]
        ]

    result_pairs = [
        {
            "junior": _person(pool.juniors[j]),
            "senior": _person(pool.seniors[s]),
            "score": float(scores[j, s]),
            "reasons": pool.reasons(j, s),
            "alternatives": alternatives(j),
        }
        for j, s in sorted(pairs, key=lambda p: str(pool.juniors[p[0]]))
    ]
    unmatched = [
        {
            "junior": _person(pool.juniors[j]),
            "reasons": pool.unmatched_reasons(j, allowed[j]),
            "alternatives": alternatives(j),
        }
        for j in range(len(pool.juniors))
        if j not in matched
    ]
    return {
        "pairs": result_pairs,
        "unmatched": unmatched,
        "total_score": round(sum(p["score"] for p in result_pairs), 2),
        "junior_count": len(pool.juniors),
        "senior_count": len(pool.seniors),
        "weights": pool.weights,
    }


def allowed_pairs(pool: Pool) -> list[dict]:
    """Every allowed pair with its score, for exports and checks."""
    allowed = pool.allowed
    scores = pool.scores
    js, ss = np.nonzero(allowed)
    return [
        {
            "senior": pool.seniors[s].email,
            "junior": pool.juniors[j].email,
            "score": float(scores[j, s]),
        }
        for j, s in zip(js.tolist(), ss.tolist(), strict=True)
    ]


def pool_junior_ids(*, organisation=None) -> list[int]:
    """Juniors without a buddy: no proposed or active trajectory."""
    qs = User.objects.filter(groups__name=Role.JUNIOR, is_active=True).exclude(
        Exists(
            Trajectory.objects.filter(junior=OuterRef("pk"), status__in=Trajectory.OPEN_STATUSES)
        )
    )
    if organisation is not None:
        qs = qs.filter(profile__organisation=organisation)
    return list(qs.order_by("pk").values_list("pk", flat=True).distinct())


def pool_senior_ids() -> list[int]:
    return list(
        User.objects.filter(groups__name=Role.SENIOR, is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )
