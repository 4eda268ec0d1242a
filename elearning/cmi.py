"""Reading what a package reports: the SCORM run-time data (CMI) and H5P's xAPI statements.

Results come from the learner's browser, as in every LMS. What is read here is checked against
the vocabularies of the standards, so that a malformed commit is refused instead of stored
half-understood.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SCORM12_STATUSES = {"passed", "completed", "failed", "incomplete", "browsed", "not attempted"}
COMPLETION_STATUSES = {"completed", "incomplete", "not attempted", "unknown"}
SUCCESS_STATUSES = {"passed", "failed", "unknown"}
XAPI_DONE_VERBS = ("completed", "answered")


@dataclass(frozen=True)
class ItemResult:
    """What one SCO (or the H5P item) says of itself, in SCORM 2004's terms."""

    completion: str  # completed, incomplete, not attempted, unknown
    success: str  # passed, failed, unknown
    score: Decimal | None  # scaled, 0–1
    seconds: int

    @property
    def completed(self) -> bool:
        return self.completion == "completed"

    @property
    def passed(self) -> bool:
        return self.success == "passed"


def _refuse(message: str):
    raise ValidationError(message)


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def _decimal(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        _refuse(_("De score is geen getal."))
    if not number.is_finite():
        _refuse(_("De score is geen getal."))
    return number


def _scaled(raw: Decimal | None, low: Decimal | None, high: Decimal | None) -> Decimal | None:
    """A raw score as a fraction of its range; SCORM 1.2 scores are 0–100 without a range."""
    if raw is None:
        return None
    low = Decimal(0) if low is None else low
    high = Decimal(100) if high is None else high
    if high <= low:
        _refuse(_("Het bereik van de score klopt niet."))
    fraction = (raw - low) / (high - low)
    if not Decimal(0) <= fraction <= Decimal(1):
        _refuse(_("De score ligt buiten het bereik."))
    return fraction.quantize(Decimal("0.0001"))


_HMS = re.compile(r"^(\d{1,4}):([0-5]?\d):([0-5]?\d)(\.\d{1,2})?$")
_ISO = re.compile(
    r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,2})?)S)?)?$"
)


def seconds_of(value) -> int:
    """A SCORM time span in whole seconds: SCORM 1.2's HHHH:MM:SS.SS or 2004's ISO 8601
    duration (PT1H2M3S). Empty is 0; anything else is refused."""
    text = _text(value)
    if not text:
        return 0
    if match := _HMS.match(text):
        hours, minutes, seconds, _fraction = match.groups()
        return int(hours) * 3600 + int(minutes) * 60 + int(seconds)
    if (match := _ISO.match(text)) and text not in ("P", "PT"):
        years, months, days, hours, minutes, seconds = (Decimal(g or 0) for g in match.groups())
        total = (
            years * 365 * 86400
            + months * 30 * 86400
            + days * 86400
            + hours * 3600
            + minutes * 60
            + seconds
        )
        return int(total)
    _refuse(
        _("Een tijdsduur in de gegevens van het pakket klopt niet: %(value)s")
        % {"value": text[:40]}
    )


def _time_spent(total_time, session_time) -> int:
    """The time spent in an item so far. The launcher commits the total with this session in it
    (scorm-again's ``alwaysSendTotalTime``), and loads that total back on the next launch; a
    commit without a total has only its session to go by. Both are checked."""
    total, session = seconds_of(total_time), seconds_of(session_time)
    return total or session


def _cmi(data: dict) -> dict:
    cmi = data.get("cmi", data)
    if not isinstance(cmi, dict):
        _refuse(_("De gegevens van het pakket zijn onleesbaar."))
    return cmi


def _section(cmi: dict, name: str) -> dict:
    section = cmi.get(name) or {}
    if not isinstance(section, dict):
        _refuse(_("De gegevens van het pakket zijn onleesbaar."))
    return section


def scorm12_result(data: dict) -> ItemResult:
    """SCORM 1.2: ``cmi.core.lesson_status`` carries both completion and success."""
    core = _section(_cmi(data), "core")
    status = _text(core.get("lesson_status")) or "not attempted"
    if status not in SCORM12_STATUSES:
        _refuse(_("Onbekende status van de les: %(status)s") % {"status": status[:40]})
    score = _section(core, "score")
    scaled = _scaled(
        _decimal(score.get("raw")), _decimal(score.get("min")), _decimal(score.get("max"))
    )
    completion = {
        "passed": "completed",
        "completed": "completed",
        "failed": "completed",
        "incomplete": "incomplete",
        "browsed": "incomplete",
    }.get(status, "not attempted")
    success = {"passed": "passed", "failed": "failed"}.get(status, "unknown")
    seconds = _time_spent(core.get("total_time"), core.get("session_time"))
    return ItemResult(completion, success, scaled, seconds)


def scorm2004_result(data: dict) -> ItemResult:
    """SCORM 2004: completion and success apart; the score scaled (-1–1) or raw over its range."""
    cmi = _cmi(data)
    completion = _text(cmi.get("completion_status")) or "unknown"
    success = _text(cmi.get("success_status")) or "unknown"
    if completion not in COMPLETION_STATUSES:
        _refuse(_("Onbekende voltooiingsstatus: %(status)s") % {"status": completion[:40]})
    if success not in SUCCESS_STATUSES:
        _refuse(_("Onbekende slaagstatus: %(status)s") % {"status": success[:40]})
    score = _section(cmi, "score")
    scaled = _decimal(score.get("scaled"))
    if scaled is not None:
        if not Decimal(-1) <= scaled <= Decimal(1):
            _refuse(_("De score ligt buiten het bereik."))
        scaled = max(scaled, Decimal(0)).quantize(Decimal("0.0001"))
    else:
        scaled = _scaled(
            _decimal(score.get("raw")), _decimal(score.get("min")), _decimal(score.get("max"))
        )
    seconds = _time_spent(cmi.get("total_time"), cmi.get("session_time"))
    return ItemResult(completion, success, scaled, seconds)


def xapi_result(statement: dict) -> ItemResult | None:
    """An H5P xAPI statement: done on the verb "completed" or "answered" with a score. Other
    statements (attempted, interacted) say nothing about being done: None."""
    if not isinstance(statement, dict):
        _refuse(_("De gegevens van het pakket zijn onleesbaar."))
    verb = statement.get("verb") or {}
    verb_id = _text(verb.get("id") if isinstance(verb, dict) else "")
    if verb_id.rsplit("/", 1)[-1] not in XAPI_DONE_VERBS:
        return None
    result = statement.get("result") or {}
    if not isinstance(result, dict):
        _refuse(_("De gegevens van het pakket zijn onleesbaar."))
    score = result.get("score") or {}
    if not isinstance(score, dict):
        _refuse(_("De gegevens van het pakket zijn onleesbaar."))
    scaled = _decimal(score.get("scaled"))
    if scaled is None:
        scaled = _scaled(
            _decimal(score.get("raw")), _decimal(score.get("min")), _decimal(score.get("max"))
        )
    elif not Decimal(0) <= scaled <= Decimal(1):
        _refuse(_("De score ligt buiten het bereik."))
    if scaled is None:
        return None
    success = result.get("success")
    return ItemResult(
        completion="completed",
        success={True: "passed", False: "failed"}.get(success, "unknown"),
        score=scaled.quantize(Decimal("0.0001")),
        seconds=seconds_of(result.get("duration")),
    )
