"""Kinds of work used for differentiation (DOMAIN.md, "Kinds of work").

The choices themselves are defined once, in ``courses.models``, where courses declare what they
train; mentoring reuses them for experience, sessions and practice months.
"""

from courses.models import Approach, Form, Setting

__all__ = ["Approach", "Form", "Setting", "DIFFERENTIATION_KINDS", "kind_label"]

# The kinds a buddy's experience can cover when a junior still lacks them.
DIFFERENTIATION_KINDS: list[str] = [*Approach.values, *Form.values]


def kind_label(value: str) -> str:
    for choices in (Approach, Form, Setting):
        if value in choices.values:
            return str(choices(value).label)
    return value
