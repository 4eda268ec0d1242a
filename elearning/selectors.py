"""Reads about e-learning packages and attempts."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from courses.selectors import participant_enrolment

from .content import content_origin, launcher_url, token_for
from .models import Attempt, Package

# The one item of an H5P package.
H5P_ITEM = "h5p"


def lesson_editable_by(*, user, lesson) -> bool:
    return user.is_authenticated and lesson.permissions_for_user(user).can_edit()


def package_leaves(package: Package) -> list[dict]:
    """The package's launchable items in the order the learner moves through them."""
    found = []

    def walk(items):
        for item in items:
            if item.get("href"):
                found.append(item)
            walk(item.get("children") or [])

    walk(package.items)
    return found


def current_package(lesson) -> Package | None:
    """The lesson's package, once per lesson object (the page asks more than once)."""
    if not hasattr(lesson, "_current_package"):
        lesson._current_package = Package.objects.filter(
            lesson_id=lesson.pk, replaced_at__isnull=True
        ).first()
    return lesson._current_package


def package_for_token(*, package_id: int, user_id: int) -> Package | None:
    """The package a signed content address names, while its holder may still open it: a
    participant of the course, or an editor of the lesson."""
    package = (
        Package.objects.filter(pk=package_id, replaced_at__isnull=True)
        .select_related("lesson")
        .first()
    )
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if package is None or user is None:
        return None
    course_id = package.lesson.get_parent().pk
    if participant_enrolment(person=user, course_id=course_id) is not None:
        return package
    if lesson_editable_by(user=user, lesson=package.lesson):
        return package
    return None


def _outline(package: Package) -> list[dict]:
    rows = []

    def walk(items, depth):
        for item in items:
            rows.append(
                {
                    "identifier": item["identifier"],
                    "title": item["title"],
                    "depth": depth,
                    "launchable": bool(item.get("href")),
                }
            )
            walk(item.get("children") or [], depth + 1)

    if package.kind == Package.Kind.H5P:
        return [{"identifier": H5P_ITEM, "title": package.title, "depth": 0, "launchable": True}]
    walk(package.items, 0)
    return rows


def latest_attempt(*, enrolment, package: Package) -> Attempt | None:
    return (
        Attempt.objects.filter(enrolment=enrolment, package=package)
        .order_by("-number")
        .prefetch_related("items")
        .first()
    )


def player_for(*, user, lesson, enrolment) -> dict | None:
    """What the lesson page needs to play its package for ``user``: None without a package.
    A participant plays with their own attempt; an editor of the lesson may look at it, and
    nothing they do there is kept (they have no enrolment)."""
    package = current_package(lesson)
    if package is None or not user.is_authenticated:
        return None
    if enrolment is None and not lesson_editable_by(user=user, lesson=lesson):
        return None
    attempt = latest_attempt(enrolment=enrolment, package=package) if enrolment else None
    states = {state.item: state.cmi for state in attempt.items.all()} if attempt else {}
    outline = _outline(package)
    launchable = [row["identifier"] for row in outline if row["launchable"]]
    last = max(attempt.items.all(), key=lambda s: s.updated_at, default=None) if attempt else None
    current = last.item if last is not None and last.item in launchable else launchable[0]
    name = user.get_full_name() or user.email
    return {
        "package": package,
        "attempt": attempt,
        "preview": enrolment is None,
        "config": {
            "kind": package.kind,
            "content_origin": content_origin(),
            "launcher_url": launcher_url(token_for(package_id=package.pk, user_id=user.pk)),
            "commit_url": (
                reverse("elearning:progress", args=[package.pk]) if enrolment is not None else ""
            ),
            "items": outline,
            "current": current,
            "states": states if package.kind != Package.Kind.H5P else {},
            "learner": {"id": str(user.pk), "name": name},
            "lesson_done": bool(
                enrolment and enrolment.lesson_progress.filter(lesson_id=lesson.pk).exists()
            ),
        },
    }


def package_report(*, package: Package) -> list[dict]:
    """Per participant of the package's course who opened it: attempts, status, score, time
    and last access of their newest attempt, for the provider. One query."""
    attempts = (
        Attempt.objects.filter(package__lesson_id=package.lesson_id)
        .select_related("enrolment__person", "enrolment__edition")
        # Newest first per person, across the lesson's packages (a new upload starts at 1).
        .order_by(
            "enrolment__person__last_name", "enrolment__person__first_name", "-started_at", "-pk"
        )
    )
    rows: dict[int, dict] = {}
    for attempt in attempts:
        row = rows.get(attempt.enrolment_id)
        if row is None:
            person = attempt.enrolment.person
            rows[attempt.enrolment_id] = {
                "name": person.get_full_name() or person.email,
                "email": person.email,
                "edition": attempt.enrolment.edition.code,
                "attempts": 1,
                "latest": attempt,
                "minutes": round(attempt.total_seconds / 60),
                "done_at": attempt.done_at,
            }
        else:
            row["attempts"] += 1
            row["done_at"] = row["done_at"] or attempt.done_at
    return list(rows.values())


REPORT_HEADERS = (
    "Naam",
    "E-mail",
    "Uitvoering",
    "Pogingen",
    "Status",
    "Score (%)",
    "Tijd (minuten)",
    "Laatst geopend",
    "Les afgerond op",
)


def report_table(*, package: Package) -> tuple[tuple[str, ...], list[list]]:
    """The report as a table for the CSV/XLSX export (``lms.exports``): Dutch headers, dates
    in Amsterdam time."""
    from django.utils import timezone

    def local(moment):
        return timezone.localtime(moment).strftime("%d-%m-%Y %H:%M") if moment else ""

    rows = []
    for row in package_report(package=package):
        latest = row["latest"]
        rows.append(
            [
                row["name"],
                row["email"],
                row["edition"],
                row["attempts"],
                latest.get_status_display(),
                None if latest.score is None else float(latest.score * 100),
                round(latest.total_seconds / 60, 1),
                local(latest.last_access_at),
                local(row["done_at"]),
            ]
        )
    return REPORT_HEADERS, rows
