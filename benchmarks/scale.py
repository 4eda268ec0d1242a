"""How many rows of each kind a benchmark run makes, from one scale factor.

Full scale (1.0) is the size the targets are stated for; smaller scales keep the proportions
but never drop below a floor that still exercises every page.
"""

from dataclasses import asdict, dataclass

NAMED_SCALES = {"tiny": 0.002, "small": 0.02, "full": 1.0}


def scale_factor(value: str | float) -> float:
    if isinstance(value, int | float):
        factor = float(value)
    elif value in NAMED_SCALES:
        factor = NAMED_SCALES[value]
    else:
        try:
            factor = float(value)
        except ValueError:
            names = ", ".join(NAMED_SCALES)
            raise ValueError(f"scale must be one of {names} or a number, not {value!r}") from None
    if not 0 < factor <= 10:
        raise ValueError(f"scale must lie between 0 and 10, not {factor}")
    return factor


def _scaled(full: int, factor: float, floor: int) -> int:
    return max(floor, round(full * factor))


@dataclass(frozen=True)
class Plan:
    factor: float
    organisations: int
    providers: int
    courses: int
    editions_per_course: int
    meetings_per_edition: int
    practitioners: int
    senior_share: float
    trajectories: int
    coaching_sessions: int
    enrolments: int
    practice_months: int
    # The practitioner whose dashboard is measured.
    dashboard_sessions: int
    dashboard_enrolments: int
    dashboard_trajectories: int

    @classmethod
    def for_scale(cls, value: str | float) -> "Plan":
        f = scale_factor(value)
        return cls(
            factor=f,
            organisations=_scaled(100, f, 3),
            providers=_scaled(50, f, 2),
            courses=_scaled(2_000, f, 6),
            editions_per_course=3,
            meetings_per_edition=2,
            practitioners=_scaled(20_000, f, 60),
            senior_share=0.2,
            trajectories=_scaled(5_000, f, 10),
            coaching_sessions=_scaled(200_000, f, 200),
            enrolments=_scaled(100_000, f, 100),
            practice_months=60,
            dashboard_sessions=_scaled(5_000, f, 50),
            dashboard_enrolments=_scaled(100, f, 5),
            dashboard_trajectories=_scaled(50, f, 2),
        )

    def as_dict(self) -> dict:
        return asdict(self)
