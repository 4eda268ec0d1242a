"""What anyone may put in a URL, fuzzed: the catalogue's filters, the site search, the public
register, the API, certificate codes and calendar tokens, and the language switch.

None of these write anything; the site must only never answer 500, on SQLite and on
PostgreSQL (which refuses a NUL character in a query and an integer past 2^63).

The forms behind a login are fuzzed per app: ``tests/<app>/test_forms_fuzz.py``.
"""

import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from courses.models import CourseKind
from courses.services import catalogue_ensure
from lms.accounts.models import Role
from tests.courses.factories import CoursePageFactory, EditionFactory, make_provider
from tests.factories import person
from tests.fuzzing import (
    NUL,
    client_for,
    example_scope,
    extra_fields,
    field,
    form_data,
    fuzz_settings,
    ids,
    junk,
    submit,
    text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(site):
    catalogue = catalogue_ensure(home=site)
    provider = make_provider(catalogue=catalogue, title="Kenniscentrum Wijkwerk")
    course = CoursePageFactory(parent=provider, title="Wijkanalyse in de praktijk")
    EditionFactory(course=course)
    course.save_revision().publish()
    return catalogue


def _catalogue_query(provider_ids):
    return form_data(
        q=field(st.sampled_from(["wijk", "analyse praktijk", "\"'", "wijk-"])),
        kind=field(st.sampled_from(CourseKind.values)),
        approach=field(st.sampled_from(["zelfredzaamheid", "strategisch"])),
        form=field(st.sampled_from(["project", "campagne"])),
        provider=field(ids(*provider_ids)),
        place=field(st.sampled_from(["Utrecht", "online"])),
        month=field(st.sampled_from(["2027-01", "2026-13", "0000-00"])),
        online=field(st.just("on")),
        accredited=field(st.just("on")),
        seats=field(st.just("on")),
        page=field(st.integers(-2, 10**20).map(str)),
    )


@fuzz_settings(25)
@given(data=st.data())
@example(data=None)
def test_catalogue_filters_take_any_query(catalogue, data):
    from courses.models import ProviderPage

    providers = list(ProviderPage.objects.values_list("pk", flat=True))
    if data is None:  # the explicit example: NUL and an integer past 64 bits everywhere
        query = dict.fromkeys(("q", "kind", "place", "month"), f"a{NUL}b")
        query |= {"provider": str(2**70), "page": str(2**70)}
    else:
        query = data.draw(_catalogue_query(providers))
    with example_scope():
        outcome = submit(client_for(), catalogue.url, query, watch=[], method="get")
        assert outcome.status == 200


@fuzz_settings(20)
@given(data=form_data(q=field(st.sampled_from(["wijk", "cursus buurtwerk"])), page=field()))
@example(data={"q": f"wijk{NUL}", "page": str(2**70)})
def test_site_search_takes_any_query(catalogue, data):
    with example_scope():
        outcome = submit(client_for(), reverse("search"), data, watch=[], method="get")
        assert outcome.status == 200


@fuzz_settings(20)
@given(data=form_data(q=field(st.sampled_from(["Jansen", "OW-2026-00001", "Zwolle"]))))
@example(data={"q": f"Jansen{NUL}"})
@example(data={"q": "%_\\"})
def test_public_register_takes_any_query(site, data):
    with example_scope():
        outcome = submit(client_for(), reverse("register:public"), data, watch=[], method="get")
        assert outcome.status == 200


API_PARAMETERS = [
    "type",
    "fields",
    "limit",
    "offset",
    "order",
    "search",
    "search_operator",
    "child_of",
    "descendant_of",
    "ancestor_of",
    "translation_of",
    "locale",
    "id",
    "title",
    "slug",
    "kind",
    "code",
    "show_in_menus",
    "format",
]


@st.composite
def _api_query(draw):
    names = draw(st.lists(st.sampled_from(API_PARAMETERS), max_size=4, unique=True))
    query = {
        name: draw(field(st.sampled_from(["courses.CoursePage", "*", "1", "title"])))
        for name in names
    }
    query.update(draw(extra_fields))
    return {k: v for k, v in query.items() if v != "<missing>"}


@fuzz_settings(30)
@given(query=_api_query(), endpoint=st.sampled_from(["courses", "pages"]))
@example(query={"title": f"Wijk{NUL}"}, endpoint="courses")
@example(query={"code": NUL, "kind": NUL, "slug": NUL}, endpoint="pages")
@example(query={"child_of": str(2**70), "limit": str(2**70)}, endpoint="pages")
@example(query={"search": f"wijk{NUL}", "order": NUL}, endpoint="courses")
@example(query={"fields": f"*,{NUL}", "type": NUL}, endpoint="pages")
@example(query={"search": "\"wijk' OR", "search_operator": "and"}, endpoint="pages")
@example(query={"search": "wijk", "search_operator": "courses.CoursePage"}, endpoint="courses")
@example(query={"search": "'"}, endpoint="courses")
def test_api_takes_any_query(catalogue, query, endpoint):
    url = f"/api/v2/{endpoint}/"
    with example_scope():
        submit(client_for(), url, query, watch=[], method="get")


@fuzz_settings(20)
@given(token=text(40).filter(lambda s: s.strip() and "/" not in s), where=st.integers(0, 4))
@example(token=NUL, where=0)
@example(token=f"abc{NUL}", where=1)
@example(token=f"OW-2026{NUL}", where=2)
@example(token=f"wijk{NUL}", where=3)
@example(token=NUL, where=4)
def test_codes_tokens_and_page_paths_in_public_urls(catalogue, token, where):
    url = [
        reverse("courses:verify", args=["CODE"]).replace("CODE", "{}"),
        reverse("courses:personal_calendar", args=["TOKEN"]).replace("TOKEN", "{}"),
        reverse("mentoring:calendar", args=["TOKEN"]).replace("TOKEN", "{}"),
        "/cursussen/{}/",  # a page path that Wagtail routes through the page tree
        "/{}/",
    ][where].format(token)
    with example_scope():
        submit(client_for(), url, {}, watch=[], method="get")


@fuzz_settings(15)
@given(
    data=form_data(
        language=field(st.sampled_from(["nl", "en", "de"])),
        next=field(st.sampled_from(["/cursussen/", "https://evil.example/"])),
    )
)
@example(data={"language": NUL, "next": NUL})
def test_language_switch_takes_any_input(site, data):
    with example_scope():
        outcome = submit(client_for(), reverse("set_language"), data, watch=[])
        if outcome.status == 302:
            assert "evil.example" not in outcome.response["Location"]


@fuzz_settings(10)
@given(requirement=st.one_of(junk, st.just("practice_hours")).filter(lambda s: "/" not in s))
@example(requirement=NUL)
def test_my_status_entries_take_any_requirement(site, requirement):
    url = reverse("register:my_status_entries", args=["R"]).replace("/R/", f"/{requirement}/")
    with example_scope():
        submit(client_for(person(Role.JUNIOR)), url, {}, watch=[], method="get")
