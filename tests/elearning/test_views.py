"""The two origins kept apart, the signed content addresses, the one JSON endpoint with its
CSRF check, the provider's upload screen, and the lesson page with its player."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.models import LessonProgress
from elearning.content import content_host, token_for
from elearning.demo_packages import package_bytes
from elearning.models import Attempt, Commit, Package
from elearning.services import package_storage, package_upload
from tests.clients import Client

from .scorm_samples import sample

pytestmark = pytest.mark.django_db


def on_content(client, url, **extra):
    return client.get(url, HTTP_HOST=content_host(), **extra)


@pytest.fixture
def uploaded(elearning_course, editor_a):
    _course, lesson = elearning_course
    name, content = package_bytes("scorm12-wijkanalyse")
    return package_upload(
        actor=editor_a, lesson=lesson, upload=SimpleUploadedFile(name, content), name=name
    )


def test_the_content_origin_serves_nothing_of_the_site_and_the_site_no_package(client, uploaded):
    token = token_for(package_id=uploaded.pk, user_id=1)
    assert on_content(client, "/mijn/").status_code == 404
    assert on_content(client, "/").status_code == 404
    assert client.get(f"/e-learning/inhoud/{token}/index.html").status_code == 404
    assert client.get(f"/e-learning/speler/{token}/").status_code == 404


def test_a_participant_s_address_serves_the_launcher_and_the_files_under_a_strict_policy(
    client, uploaded, learner
):
    junior, _enrolment = learner
    token = token_for(package_id=uploaded.pk, user_id=junior.pk)
    launcher = on_content(client, f"/e-learning/speler/{token}/")
    assert launcher.status_code == 200
    policy = launcher["Content-Security-Policy"]
    assert "sandbox allow-scripts allow-same-origin allow-forms allow-modals" in policy
    assert "connect-src 'self'" in policy
    assert "form-action 'self'" in policy
    assert "frame-ancestors 'self' http://127.0.0.1:8000" in policy
    assert "X-Frame-Options" not in launcher
    page = launcher.content.decode()
    assert f"/e-learning/inhoud/{token}/index.html" in page
    assert "set-cookie" not in {name.lower() for name in launcher.headers}

    found = on_content(client, f"/e-learning/inhoud/{token}/index.html")
    assert found.status_code == 200
    assert found["Content-Type"].startswith("text/html")
    assert b"".join(found.streaming_content).startswith(b"<!DOCTYPE html>")
    assert "sandbox" in found["Content-Security-Policy"]
    for escape in ("../../settings.py", "..%2F..%2Fsettings.py", "%00", "/etc/passwd"):
        assert on_content(client, f"/e-learning/inhoud/{token}/{escape}").status_code == 404


def test_an_address_for_someone_who_may_not_open_the_package_or_a_forged_one_serves_nothing(
    client, uploaded, senior
):
    outsider = token_for(package_id=uploaded.pk, user_id=senior.pk)
    assert on_content(client, f"/e-learning/speler/{outsider}/").status_code == 404
    assert on_content(client, f"/e-learning/inhoud/{outsider}/index.html").status_code == 404
    forged = outsider[:-3] + ("aaa" if not outsider.endswith("aaa") else "bbb")
    assert on_content(client, f"/e-learning/inhoud/{forged}/index.html").status_code == 404


def _post(client, package, body):
    return client.post(
        reverse("elearning:progress", args=[package.pk]),
        data=json.dumps(body),
        content_type="application/json",
    )


def test_the_endpoint_needs_the_csrf_token_and_records_with_it(uploaded, learner):
    junior, enrolment = learner
    client = Client(enforce_csrf_checks=True)
    client.force_login(junior)
    body = {"item": uploaded.items[0]["identifier"], "event": "commit"}
    body["cmi"] = {"core": {"lesson_status": "passed", "score": {"raw": "100"}}}
    assert _post(client, uploaded, body).status_code == 403
    assert not Commit.objects.exists()

    page = client.get(uploaded.lesson.url).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    answer = client.post(
        reverse("elearning:progress", args=[uploaded.pk]),
        data=json.dumps(body),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert answer.status_code == 200
    assert answer.json() == {
        "ok": True,
        "lesson_done": True,
        "message": "Je hebt deze les afgerond.",
    }
    assert LessonProgress.objects.filter(enrolment=enrolment, by_package=True).exists()


@pytest.mark.parametrize(
    "raw, status",
    [(b"{niet json", 400), (b"[1, 2]", 400), (json.dumps({"item": "x", "event": "commit"}), 400)],
)
def test_unreadable_requests_get_a_dutch_error_and_change_nothing(
    client, uploaded, learner, raw, status
):
    junior, _enrolment = learner
    client.force_login(junior)
    answer = client.post(
        reverse("elearning:progress", args=[uploaded.pk]),
        data=raw,
        content_type="application/json",
    )
    assert answer.status_code == status
    assert answer.json()["ok"] is False
    assert answer.json()["error"]
    assert not Commit.objects.exists()


def test_someone_not_in_the_course_is_refused(client, uploaded, senior):
    client.force_login(senior)
    answer = _post(client, uploaded, {"item": "x", "event": "commit", "cmi": {}})
    assert answer.status_code in (400, 403)
    assert not Attempt.objects.exists()


def test_the_lesson_page_plays_the_package_instead_of_the_done_button(client, uploaded, learner):
    junior, _enrolment = learner
    client.force_login(junior)
    page = client.get(uploaded.lesson.url).content.decode()
    assert 'id="elearning-frame"' in page
    assert 'sandbox="allow-scripts allow-same-origin allow-forms allow-modals"' in page
    assert "Markeer deze les als afgerond" not in page
    config = json.loads(
        page.split('<script id="elearning-config" type="application/json">')[1].split("</script>")[
            0
        ]
    )
    assert config["launcher_url"].startswith("http://localhost:8000/e-learning/speler/")
    assert config["commit_url"] == reverse("elearning:progress", args=[uploaded.pk])
    assert config["kind"] == "scorm12"
    response = client.get(uploaded.lesson.url)
    assert "http://localhost:8000" in response["Content-Security-Policy"].split("frame-src")[1]


def _zip(files: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return out.getvalue()


@pytest.mark.parametrize(
    "name, reason",
    [
        ("badscorm.zip", "hoofdmap"),
        ("invalid.zip", "imsmanifest.xml"),
        ("singlescobasic_missingorg.zip", "organisatie"),
    ],
)
def test_the_provider_s_upload_refuses_a_broken_package_with_its_reason(
    client, elearning_course, editor_a, name, reason
):
    _course, lesson = elearning_course
    client.force_login(editor_a)
    url = reverse("elearning_admin:lesson", args=[lesson.pk])
    with open(sample(name), "rb") as handle:
        response = client.post(url, {"action": "upload", "file": handle})
    assert response.status_code == 200
    errors = response.context["upload_form"].errors["file"]
    assert any(reason in error for error in errors), errors
    assert not Package.objects.exists()
    storage = package_storage()
    assert not storage.exists("elearning") or not any(storage.listdir("elearning"))


def test_the_provider_uploads_a_real_package_and_sees_it_in_the_lesson(
    client, elearning_course, editor_a, editor_b
):
    _course, lesson = elearning_course
    url = reverse("elearning_admin:lesson", args=[lesson.pk])
    client.force_login(editor_b)
    with open(sample("singlescobasic.zip"), "rb") as handle:
        refused = client.post(url, {"action": "upload", "file": handle})
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert not Package.objects.exists()

    client.force_login(editor_a)
    with open(sample("singlescobasic.zip"), "rb") as handle:
        response = client.post(url, {"action": "upload", "file": handle})
    assert response.status_code == 302
    package = Package.objects.get(lesson=lesson)
    assert package.kind == "scorm12"
    assert package_storage().exists(f"{package.storage_prefix}/imsmanifest.xml")
    page = client.get(url).content.decode()
    assert package.title in page
    assert "Nog niemand heeft dit pakket geopend." in page

    response = client.post(
        url, {"action": "rule", "done_when": "score", "min_score": "80", "min_minutes": "5"}
    )
    assert response.status_code == 302
    package.refresh_from_db()
    assert (package.done_when, package.min_score, package.min_minutes) == ("score", 80, 5)
    response = client.post(
        url, {"action": "rule", "done_when": "score", "min_score": "180", "min_minutes": "5"}
    )
    assert response.status_code == 200
    package.refresh_from_db()
    assert package.min_score == 80


def test_a_new_upload_replaces_the_package_and_keeps_its_rule_and_attempts(
    uploaded, editor_a, learner
):
    junior, enrolment = learner
    uploaded.done_when, uploaded.min_minutes = "passed", 3
    uploaded.save()
    Attempt.objects.create(
        package=uploaded,
        enrolment=enrolment,
        started_at=uploaded.uploaded_at,
        last_access_at=uploaded.uploaded_at,
    )
    name, content = package_bytes("scorm12-wijkanalyse")
    newer = package_upload(
        actor=editor_a, lesson=uploaded.lesson, upload=SimpleUploadedFile(name, content), name=name
    )
    uploaded.refresh_from_db()
    assert uploaded.replaced_at is not None
    assert (newer.done_when, newer.min_minutes) == ("passed", 3)
    assert Attempt.objects.filter(package=uploaded).count() == 1


def test_the_report_and_its_export_list_each_participant(client, uploaded, learner, editor_a):
    from elearning.services import attempt_record

    junior, _enrolment = learner
    attempt_record(
        person=junior,
        package=uploaded,
        item=uploaded.items[0]["identifier"],
        event="commit",
        data={"core": {"lesson_status": "incomplete", "session_time": "00:12:00"}},
    )
    client.force_login(editor_a)
    page = client.get(reverse("elearning_admin:lesson", args=[uploaded.lesson_id])).content.decode()
    assert junior.get_full_name() in page
    assert "bezig" in page
    csv = client.get(reverse("elearning_admin:export", args=[uploaded.lesson_id, "csv"]))
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Naam,E-mail,Uitvoering,Pogingen,Status")
    assert junior.email in text and "bezig" in text and ",12.0," in text
    xlsx = client.get(reverse("elearning_admin:export", args=[uploaded.lesson_id, "xlsx"]))
    assert xlsx.content[:2] == b"PK"


def test_marking_a_package_lesson_done_by_hand_is_refused_with_a_message(client, uploaded, learner):
    junior, enrolment = learner
    client.force_login(junior)
    response = client.post(reverse("courses:lesson_done", args=[uploaded.lesson_id]), follow=True)
    assert response.status_code == 200
    assert "zodra je het e-learningonderdeel hebt afgerond" in response.content.decode()
    assert not LessonProgress.objects.filter(enrolment=enrolment).exists()


def test_a_content_origin_on_the_site_s_own_host_keeps_the_site_and_serves_no_package(
    client, settings, uploaded, learner
):
    settings.ELEARNING_CONTENT_URL = settings.SITE_URL
    junior, _enrolment = learner
    token = token_for(package_id=uploaded.pk, user_id=junior.pk)
    site = settings.SITE_URL.split("://")[1]
    assert client.get("/", HTTP_HOST=site).status_code == 200
    assert client.get(f"/e-learning/speler/{token}/", HTTP_HOST=site).status_code == 404
    assert client.get(f"/e-learning/inhoud/{token}/index.html", HTTP_HOST=site).status_code == 404


def test_the_deploy_check_refuses_a_content_origin_on_the_site_s_own_site(settings):
    from elearning.checks import content_origin_apart

    settings.SITE_URL = "https://leren.example.org"
    settings.ELEARNING_CONTENT_URL = "https://inhoud.leren.example.org"
    assert [error.id for error in content_origin_apart(None)] == ["elearning.E001"]
    settings.ELEARNING_CONTENT_URL = "https://leren-inhoud.example.net"
    assert content_origin_apart(None) == []


def test_the_lesson_s_editor_looks_at_the_package_and_nothing_of_theirs_is_kept(
    client, uploaded, editor_a
):
    client.force_login(editor_a)
    page = client.get(uploaded.lesson.url).content.decode()
    assert "wat je hier doet, wordt niet bewaard" in page
    config = json.loads(
        page.split('<script id="elearning-config" type="application/json">')[1].split("</script>")[
            0
        ]
    )
    assert config["commit_url"] == ""
    assert config["launcher_url"].startswith("http://localhost:8000/e-learning/speler/")
