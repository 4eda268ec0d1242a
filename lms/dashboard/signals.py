"""Keeps the header's to-do count honest: a change to any row an item comes from makes every
kept count stale, and a person's own successful POST drops theirs (the middleware)."""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from .selectors import inbox_count_forget, inbox_counts_forget_all

# The models whose rows make or settle an item in someone's to-do list.
SOURCE_MODELS = (
    "mentoring.CoachingSession",
    "mentoring.Trajectory",
    "mentoring.PracticeMonth",
    "register.RegisterApplication",
    "register.ReviewerAssignment",
    "register.ReviewerRecusal",
    "register.BallotageVote",
    "courses.AccreditationRequest",
    "courses.Enrolment",
    "courses.OutsideActivity",
    "publications.Manuscript",
    "publications.ManuscriptReview",
    "accounts.Profile",
    "accounts.ConflictOfInterest",
)


def _forget_all(**kwargs) -> None:
    inbox_counts_forget_all()


def connect() -> None:
    for label in SOURCE_MODELS:
        model = apps.get_model(label)
        post_save.connect(_forget_all, sender=model, dispatch_uid=f"inbox:{label}:save")
        post_delete.connect(_forget_all, sender=model, dispatch_uid=f"inbox:{label}:delete")
    # Roles are groups: a new role brings new items.
    user_model = apps.get_model("accounts.User")
    m2m_changed.connect(
        _forget_all, sender=user_model.groups.through, dispatch_uid="inbox:user-groups"
    )


class InboxCountMiddleware:
    """After a signed-in person's successful POST their kept count is dropped, so the next page
    shows what their action settled."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            request.method == "POST"
            and response.status_code < 400
            and user is not None
            and user.is_authenticated
        ):
            inbox_count_forget(user_id=user.pk)
        return response
