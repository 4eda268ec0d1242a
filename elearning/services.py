"""Writes about e-learning packages, one function per business operation."""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import storages
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Enrolment, LessonPage
from courses.selectors import participant_enrolment
from courses.services import lesson_done_by_package
from lms.accounts.models import User

from . import cmi
from .models import Attempt, Commit, ItemState, Package
from .packages import Inspected, extract_package, inspect_package
from .selectors import H5P_ITEM, lesson_editable_by, package_leaves

logger = logging.getLogger(__name__)

# The most run-time data one commit may carry. SCORM 2004 allows 64,000 characters of
# suspend_data and a few hundred interactions; a commit beyond this is not a package at work.
MAX_COMMIT_BYTES = 512 * 1024


def package_storage():
    """Packages are private: served only through the content view's signed addresses."""
    return storages["private"]


def _item_tree(items) -> list[dict]:
    return [
        {
            "identifier": item.identifier,
            "title": item.title,
            "href": item.href,
            "children": _item_tree(item.children),
        }
        for item in items
    ]


def package_upload(*, actor: User, lesson: LessonPage, upload, name: str) -> Package:
    """Check ``upload`` (a SCORM zip or an .h5p file) and make it the lesson's package. A
    package that fails a check raises ValidationError and nothing is stored; the lesson's
    earlier package, if any, is kept for its attempts and its rule carried over."""
    if not lesson_editable_by(user=actor, lesson=lesson):
        raise PermissionDenied(_("Je beheert deze les niet."))
    inspected: Inspected = inspect_package(upload, name=name)
    storage = package_storage()
    prefix = f"elearning/{uuid.uuid4().hex}"
    upload.seek(0)
    extract_package(upload, storage=storage, prefix=prefix)
    try:
        return _package_save(
            actor=actor,
            lesson=lesson,
            inspected=inspected,
            prefix=prefix,
            name=name,
            size=getattr(upload, "size", 0) or 0,
        )
    except BaseException:
        _delete_tree(storage, prefix)
        raise


@transaction.atomic
def _package_save(*, actor, lesson, inspected: Inspected, prefix, name, size) -> Package:
    # The lesson's row orders two uploads to one lesson; the unique constraint backs it.
    LessonPage.objects.select_for_update().filter(pk=lesson.pk).first()
    now = timezone.now()
    previous = Package.objects.filter(lesson=lesson, replaced_at__isnull=True).first()
    rule = {}
    if previous is not None:
        rule = {
            "done_when": previous.done_when,
            "min_score": previous.min_score,
            "min_minutes": previous.min_minutes,
        }
        previous.replaced_at = now
        previous.save(update_fields=["replaced_at"])
    package = Package(
        lesson=lesson,
        kind=inspected.kind,
        version=inspected.version,
        title=inspected.title[:255],
        file_name=name[:255],
        size=size,
        file_count=inspected.file_count,
        unpacked_size=inspected.unpacked_size,
        storage_prefix=prefix,
        items=_item_tree(inspected.items),
        h5p_main_library=inspected.h5p_main_library,
        uploaded_by=actor,
        uploaded_at=now,
        **rule,
    )
    package.full_clean()
    package.save()
    return package


def _delete_tree(storage, prefix: str) -> None:
    try:
        directories, files = storage.listdir(prefix)
    except (FileNotFoundError, NotImplementedError):
        return
    for name in files:
        storage.delete(f"{prefix}/{name}")
    for directory in directories:
        _delete_tree(storage, f"{prefix}/{directory}")


@transaction.atomic
def package_rule_update(
    *, actor: User, package: Package, done_when: str, min_score: int, min_minutes: int
) -> Package:
    """What counts as done in the lesson's package, and the least time that is plausible."""
    if not lesson_editable_by(user=actor, lesson=package.lesson):
        raise PermissionDenied(_("Je beheert deze les niet."))
    package = Package.objects.select_for_update().get(pk=package.pk)
    package.done_when, package.min_score, package.min_minutes = done_when, min_score, min_minutes
    package.full_clean()
    package.save(update_fields=["done_when", "min_score", "min_minutes"])
    return package


# --- The learner's attempts -----------------------------------------------------------------


def learner_enrolment(*, person: User, package: Package) -> Enrolment:
    """The enrolment in which ``person`` follows the package's course, or PermissionDenied."""
    enrolment = participant_enrolment(person=person, course_id=package.lesson.get_parent().pk)
    if enrolment is None:
        raise PermissionDenied(_("Alleen deelnemers van deze cursus kunnen dit doen."))
    return enrolment


def attempt_current(*, enrolment: Enrolment, package: Package) -> Attempt:
    """The attempt that resumes: the newest, or a first one."""
    attempt = (
        Attempt.objects.filter(enrolment=enrolment, package=package).order_by("-number").first()
    )
    if attempt is not None:
        return attempt
    now = timezone.now()
    try:
        with transaction.atomic():
            return Attempt.objects.create(
                enrolment=enrolment, package=package, number=1, started_at=now, last_access_at=now
            )
    except IntegrityError:  # opened in two tabs at once: the other made it
        return Attempt.objects.get(enrolment=enrolment, package=package, number=1)


@transaction.atomic
def attempt_restart(*, person: User, package: Package) -> Attempt:
    """Start again from the beginning: a new attempt; the earlier ones stay as they were."""
    enrolment = learner_enrolment(person=person, package=package)
    Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    last = Attempt.objects.filter(enrolment=enrolment, package=package).order_by("-number").first()
    now = timezone.now()
    return Attempt.objects.create(
        enrolment=enrolment,
        package=package,
        number=(last.number + 1) if last else 1,
        started_at=now,
        last_access_at=now,
    )


@dataclass(frozen=True)
class Recorded:
    """What a commit led to, for the learner's screen."""

    lesson_done: bool
    message: str = ""


def _data_size(data) -> int:
    try:
        return len(json.dumps(data, separators=(",", ":")))
    except (TypeError, ValueError) as error:
        raise ValidationError(_("De gegevens van het pakket zijn onleesbaar.")) from error


def _result(package: Package, event: str, data) -> cmi.ItemResult | None:
    if not isinstance(data, dict):
        raise ValidationError(_("De gegevens van het pakket zijn onleesbaar."))
    if package.kind == Package.Kind.H5P:
        if event != Commit.Event.XAPI:
            raise ValidationError(_("Een H5P-onderdeel meldt zich met xAPI-verklaringen."))
        return cmi.xapi_result(data)
    if event == Commit.Event.XAPI:
        raise ValidationError(_("Een SCORM-pakket meldt zich met zijn eigen gegevens."))
    if package.kind == Package.Kind.SCORM12:
        return cmi.scorm12_result(data)
    return cmi.scorm2004_result(data)


def _rolled_up(package: Package, states: list[ItemState]) -> tuple[str, Decimal | None, int]:
    """The attempt's status, score and time from its items' (README: "What of SCORM 2004
    sequencing is honoured"): completed when every launchable item is; passed when every item
    that reports success passed, failed when one failed; the score the mean of the items that
    report one; the time their sum."""
    expected = (
        [H5P_ITEM]
        if package.kind == Package.Kind.H5P
        else [leaf["identifier"] for leaf in package_leaves(package)]
    )
    by_item = {state.item: state for state in states}
    present = [by_item[item] for item in expected if item in by_item]
    scores = [state.score for state in present if state.score is not None]
    score = (sum(scores) / len(scores)).quantize(Decimal("0.0001")) if scores else None
    seconds = sum(state.total_seconds for state in present)
    if not present:
        return Attempt.Status.NOT_ATTEMPTED, score, seconds
    all_completed = len(present) == len(expected) and all(
        state.completion_status == "completed" for state in present
    )
    successes = [state.success_status for state in present if state.success_status != "unknown"]
    if "failed" in successes and all_completed:
        return Attempt.Status.FAILED, score, seconds
    if successes and all(s == "passed" for s in successes) and all_completed:
        return Attempt.Status.PASSED, score, seconds
    if all_completed:
        return Attempt.Status.COMPLETED, score, seconds
    return Attempt.Status.INCOMPLETE, score, seconds


def meets_rule(package: Package, attempt: Attempt) -> bool:
    """Whether ``attempt`` does what the lesson's rule asks (``Package.done_when``). For H5P
    the rule is always a score: a completed or answered statement at or above the minimum."""
    if package.kind == Package.Kind.H5P or package.done_when == Package.DoneWhen.SCORE:
        return attempt.score is not None and attempt.score >= package.min_score_fraction
    if package.done_when == Package.DoneWhen.PASSED:
        return attempt.status == Attempt.Status.PASSED
    return attempt.status in (
        Attempt.Status.COMPLETED,
        Attempt.Status.PASSED,
        Attempt.Status.FAILED,
    )


def attempt_record(*, person: User, package: Package, item: str, event: str, data) -> Recorded:
    """Keep what the learner's browser committed for ``item`` of the current attempt, and
    complete the lesson when the attempt meets its rule.

    Every commit is kept as evidence (``Commit``). A malformed one, or one that meets the rule
    sooner after the attempt began than the provider's minimum time, is kept with its reason
    and changes nothing else (ValidationError, in Dutch, for the learner)."""
    enrolment = learner_enrolment(person=person, package=package)
    if event not in Commit.Event.values:
        raise ValidationError(_("Onbekende soort vastlegging."))
    if package.replaced_at is not None:
        raise ValidationError(
            _("Dit pakket is vervangen door een nieuwere versie. Open de les opnieuw.")
        )
    known = (
        [H5P_ITEM]
        if package.kind == Package.Kind.H5P
        else [leaf["identifier"] for leaf in package_leaves(package)]
    )
    if item not in known:
        raise ValidationError(_("Dit onderdeel hoort niet bij het pakket."))
    if _data_size(data) > MAX_COMMIT_BYTES:
        raise ValidationError(_("Deze vastlegging is te groot."))
    with transaction.atomic():
        attempt = attempt_current(enrolment=enrolment, package=package)
        attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
        now = timezone.now()
        try:
            result = _result(package, event, data)
        except ValidationError as error:
            Commit.objects.create(
                attempt=attempt,
                item=item,
                event=event,
                data=data if isinstance(data, dict) else {"value": str(data)[:1000]},
                received_at=now,
                refused=" ".join(error.messages)[:255],
            )
            attempt.last_access_at = now
            attempt.save(update_fields=["last_access_at"])
            return Recorded(lesson_done=attempt.done_at is not None, message=error.messages[0])
        states = {state.item: state for state in attempt.items.all()}
        state = states.get(item) or ItemState(attempt=attempt, item=item)
        if result is not None:
            state.completion_status = result.completion
            state.success_status = result.success
            state.score = result.score
            state.total_seconds = max(state.total_seconds, result.seconds)
        if package.kind != Package.Kind.H5P:
            state.cmi = data
        elif result is not None:
            state.cmi = {"statement": data}
        state.updated_at = now
        states[item] = state
        status, score, seconds = _rolled_up(package, list(states.values()))
        before = attempt.status, attempt.score, attempt.total_seconds
        attempt.status, attempt.score, attempt.total_seconds = status, score, seconds
        newly_done = attempt.done_at is None and meets_rule(package, attempt)
        elapsed = (now - attempt.started_at).total_seconds()
        if newly_done and (attempt.too_fast_at or elapsed < package.min_minutes * 60):
            reason = _(
                "Dit resultaat kwam sneller binnen dan de %(minimum)d minuten die de aanbieder "
                "voor deze les vraagt, en telt niet. Begin opnieuw en neem de les rustig door."
            ) % {"minimum": package.min_minutes}
            attempt.too_fast_at = attempt.too_fast_at or now
            Commit.objects.create(
                attempt=attempt,
                item=item,
                event=event,
                data=data,
                received_at=now,
                refused=reason[:255],
            )
            attempt.status, attempt.score, attempt.total_seconds = before
            attempt.last_access_at = now
            attempt.save(update_fields=["last_access_at", "too_fast_at"])
            return Recorded(lesson_done=False, message=reason)
        state.save()
        Commit.objects.create(attempt=attempt, item=item, event=event, data=data, received_at=now)
        attempt.last_access_at = now
        if newly_done:
            attempt.done_at = now
        attempt.save(
            update_fields=["status", "score", "total_seconds", "last_access_at", "done_at"]
        )
        if newly_done:
            lesson_done_by_package(enrolment=enrolment, lesson=package.lesson)
            return Recorded(lesson_done=True, message=_("Je hebt deze les afgerond."))
    return Recorded(lesson_done=_lesson_done(enrolment, package))


def _lesson_done(enrolment: Enrolment, package: Package) -> bool:
    return enrolment.lesson_progress.filter(lesson_id=package.lesson_id).exists()
