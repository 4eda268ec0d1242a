"""A chosen id that no database row can have is refused as an invalid choice."""

import pytest
from django.core.exceptions import ValidationError

from mentoring.forms import ChosenRowsField
from mentoring.models import Goal

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("pk", [str(2**63), str(-(2**63) - 1), str(2**80)])
def test_an_id_past_64_bits_is_an_invalid_choice(pk):
    field = ChosenRowsField(queryset=Goal.objects.all())
    with pytest.raises(ValidationError) as refused:
        field.clean([pk])
    assert refused.value.code == "invalid_pk_value"


def test_what_is_no_list_or_no_number_is_left_to_django():
    field = ChosenRowsField(queryset=Goal.objects.all(), required=False)
    assert list(field.clean([])) == []
    with pytest.raises(ValidationError) as refused:
        field.clean("1")
    assert refused.value.code == "invalid_list"
    with pytest.raises(ValidationError) as refused:
        field.clean(["abc"])
    assert refused.value.code == "invalid_pk_value"
