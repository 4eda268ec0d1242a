"""The Kring's forms, fuzzed: a member's topic proposal, and the office's meeting and its
documents. Hostile input never gives a 500 and is never saved (``tests.fuzzing.submit``)."""

import datetime as dt

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from lms.accounts.models import Role
from register import services
from register.models import KringDocument, KringMeeting, KringTopic
from tests.factories import person
from tests.fuzzing import (
    MISSING,
    any_nul,
    arrives,
    client_for,
    example_scope,
    field,
    file_field,
    form_data,
    fuzz_settings,
    is_blank,
    is_evidence,
    last,
    private_files_in,
    submit,
    text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_files_in_tmp(tmp_path, monkeypatch):
    private_files_in(tmp_path / "private", monkeypatch)


@pytest.fixture
def office(db):
    return person(Role.REGISTER_OFFICE)


@pytest.fixture
def meeting(office):
    return services.kring_meeting_create(
        actor=office, date=dt.date(2027, 3, 4), place="Utrecht", topic="Kwaliteitszorg"
    )


def _too_long(data, name, limit):
    return len(str(last(data, name)).strip()) > limit


@fuzz_settings(25)
@given(
    data=form_data(
        action=st.just("topic"),
        title=field(text(60)),
        explanation=field(text(200)),
    )
)
def test_a_member_proposes_a_topic_with_any_input(meeting, data):
    member = person(Role.KRING_MEMBER)
    invalid = (
        any_nul(data, "title", "explanation")
        or is_blank(data, "title")
        or is_blank(data, "explanation")
        or _too_long(data, "title", 200)
        or _too_long(data, "explanation", 2000)
    )
    with example_scope():
        submit(
            client_for(member),
            reverse("register:kring_meeting", args=[meeting.pk]),
            data,
            watch=[KringTopic],
            invalid=invalid,
        )


@fuzz_settings(25)
@given(
    data=form_data(
        date=field(st.sampled_from(["04-03-2027", "2027-03-04", "31-02-2027", "0000-00-00"])),
        place=field(text()),
        topic=field(text()),
    )
)
def test_the_office_plans_a_meeting_with_any_input(office, data):
    invalid = any_nul(data, "date", "place", "topic") or any(
        is_blank(data, name) for name in ("date", "place", "topic")
    )
    with example_scope():
        submit(
            client_for(office),
            reverse("register:kring_meetings"),
            data,
            watch=[KringMeeting],
            invalid=invalid,
        )


@fuzz_settings(25)
@given(
    data=form_data(
        action=st.just("document"),
        kind=field(st.sampled_from(KringDocument.Kind.values)),
        title=field(text()),
    ),
    document=file_field(),
)
def test_the_office_uploads_a_document_with_any_input(office, meeting, data, document):
    files = {}
    if isinstance(document, tuple):
        files = {"file": document}
    elif document != MISSING:
        data = {**data, "file": document}
    invalid = (
        any_nul(data, "kind", "title")
        or is_blank(data, "title")
        or last(data, "kind") not in KringDocument.Kind.values
        or not files
        or not arrives(files["file"])
        or not is_evidence(files["file"])
    )
    with example_scope():
        submit(
            client_for(office),
            reverse("register:kring_meeting", args=[meeting.pk]),
            data,
            files=files,
            watch=[KringDocument],
            invalid=invalid,
        )
