"""What a person's name may hold."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Never part of a name, and each a way to make one read or act as something else: control
# characters (a line break in an e-mail header, a tab, NUL), format characters (right-to-left
# overrides, zero-width spaces and joiners), line and paragraph separators, private-use,
# surrogate and unassigned code points.
REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"})


def validate_person_name(value: str) -> None:
    """Refuse a name with a character that is invisible or changes how the text around it
    reads; letters, marks, digits, spaces and punctuation of every script are welcome."""
    for char in value:
        if unicodedata.category(char) in REFUSED_CATEGORIES:
            raise ValidationError(
                _(
                    "Een naam mag geen regeleinden, tabs, onzichtbare tekens of tekens die de "
                    "leesrichting omdraaien bevatten (gevonden: %(code)s)."
                ),
                code="invalid_name_character",
                params={"code": f"U+{ord(char):04X}"},
            )
