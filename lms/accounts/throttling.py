"""Which account a login attempt is for, whichever login form it came through.

The site's form (allauth) names the field ``login``; the Wagtail admin's form names it
``username``. Both count toward the same lockout, so a guesser cannot switch forms.
"""


def attempted_login(request, credentials) -> str:
    credentials = credentials or {}
    data = getattr(request, "POST", {}) or {}
    value = (
        credentials.get("username")
        or credentials.get("email")
        or data.get("login")
        or data.get("username")
        or ""
    )
    return str(value).strip().lower()
