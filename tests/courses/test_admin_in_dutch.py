"""A provider works in the Wagtail admin in Dutch: no English word on the screens they use."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

pytestmark = pytest.mark.django_db

# Common English words of an admin screen, matched as whole words in the visible text.
ENGLISH = [
    "Save", "Delete", "Created", "Edit", "Add", "Search", "Draft", "Actions",
    "Selected", "True", "False", "approval", "Moderators", "Submit", "Publish", "Cancel",
    "Preview", "History", "Page", "Pages", "Settings", "Help", "Dashboard", "Sort", "None",
    "Yes", "No", "Title", "Updated", "Owner", "Choose", "Upload", "Unpublish", "Locked",
]  # fmt: skip
# "Status", "Type" and "Live" are left out of the list: they are Dutch words as well (Van Dale),
# and Wagtail's Dutch translation uses them ("Status", "Type", a page that is "Live").
_ENGLISH = re.compile(r"\b(" + "|".join(ENGLISH) + r")\b")


def visible_text(html: str) -> str:
    """The text a person sees: no scripts, styles, templates, icons or hidden elements."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup(["script", "style", "template", "noscript", "svg", "head"]):
        element.decompose()
    for element in soup.select("[hidden], .w-hidden, [aria-hidden='true']"):
        element.decompose()
    return " ".join(soup.get_text(" ").split())


def english_words(html: str) -> list[str]:
    text = visible_text(html)
    return sorted(
        {
            f"{m.group(1)}: …{text[max(0, m.start() - 40) : m.end() + 40]}…"
            for m in _ENGLISH.finditer(text)
        }
    )


@pytest.fixture
def provider_screens(edition, provider_a, editor_a, client):
    """The admin screens a provider's editor uses, signed in as that editor."""
    course = edition.course
    client.force_login(editor_a)
    return client, [
        "/admin/",
        f"/admin/pages/{provider_a.pk}/",
        f"/admin/pages/{course.pk}/edit/",
        f"/admin/pages/add/courses/coursepage/{provider_a.pk}/",
        f"/admin/pages/{course.pk}/history/",
        reverse("courses_accreditation:submit", args=[course.pk]),
        "/admin/pages/search/?q=wijk",
        "/admin/documents/",
        "/admin/images/",
        "/admin/account/",
    ]


def test_a_providers_admin_screens_are_in_dutch(provider_screens):
    client, urls = provider_screens
    found = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers.get("Content-Language", "nl") == "nl", url
        words = english_words(response.content.decode())
        if words:
            found[url] = words
    assert not found, "\n".join(f"{url}:\n  " + "\n  ".join(w) for url, w in found.items())


def test_the_check_finds_english_words():
    assert english_words("<main><button>Save Selected</button> Actief: True</main>") == [
        "Save: …Save Selected Actief: True…",
        "Selected: …Save Selected Actief: True…",
        "True: …Save Selected Actief: True…",
    ]
    assert english_words("<main><script>Save()</script>Opslaan <p hidden>Edit</p></main>") == []


def test_the_register_policy_screens_are_in_dutch(client, register_office):
    from register.models import RegisterPolicy

    client.force_login(register_office)
    urls = ["/admin/register_policy/"]
    policy = RegisterPolicy.objects.first()
    if policy:
        urls.append(f"/admin/register_policy/inspect/{policy.pk}/")
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert english_words(response.content.decode()) == [], url


def test_wagtails_approval_workflow_has_a_dutch_name():
    from wagtail.models import Task, Workflow

    assert Workflow.objects.filter(name="Goedkeuring door moderatoren").exists()
    assert Task.objects.filter(name="Goedkeuring door moderatoren").exists()
    assert not Workflow.objects.filter(name__icontains="approval").exists()
    assert not Task.objects.filter(name__icontains="approval").exists()
