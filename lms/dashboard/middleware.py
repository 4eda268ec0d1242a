"""Keeps the header's to-do count honest: a person's own successful POST drops their kept
count, so the next page shows what their action settled; what others do shows within
``INBOX_COUNT_SECONDS``. (Dropping every count on any change of the rows behind it would make
the header recount on the first page after each change, for everyone.)"""

from .selectors import inbox_count_forget


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
