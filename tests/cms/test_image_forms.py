"""An image upload that ends early is a form error in every place the admin takes images."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from PIL import ImageFile
from wagtail.images.models import Image
from wagtail.models import Collection

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MESSAGE = "geen volledige afbeelding"


def _image(kind: str) -> bytes:
    out = io.BytesIO()
    PILImage.effect_noise((320, 200), 60).convert("RGB").save(out, kind)
    return out.getvalue()


def _truncated(kind: str) -> bytes:
    whole = _image(kind)
    return whole[: len(whole) // 2]


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    client.raise_request_exception = True
    return client


def _post(client, where: str, name: str, content: bytes):
    upload = SimpleUploadedFile(name, content, content_type="image/" + name.rsplit(".", 1)[1])
    root = Collection.get_first_root_node().pk
    if where == "library":
        return client.post(
            "/admin/images/add/", {"title": "Wijk", "collection": root, "file": upload}
        )
    if where == "chooser":
        return client.post(
            "/admin/images/chooser/create/",
            {
                "image-chooser-upload-title": "Wijk",
                "image-chooser-upload-collection": root,
                "image-chooser-upload-file": upload,
            },
        )
    return client.post(
        "/admin/images/multiple/add/", {"collection": root, "files[]": upload, "title": "Wijk"}
    )


@pytest.fixture(params=["before", "after"], ids=["no PDF yet", "after a PDF"])
def pdf_made(request, monkeypatch):
    """WeasyPrint, on the first PDF a process makes, tells Pillow to read truncated images
    for the whole process; an image upload after that is still checked."""
    if request.param == "after":
        monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)


@pytest.mark.parametrize("where", ["library", "chooser", "multiple"])
@pytest.mark.parametrize(("kind", "name"), [("PNG", "wijk.png"), ("JPEG", "wijk.jpg")])
def test_a_truncated_image_is_refused_with_a_message(admin_client, where, kind, name, pdf_made):
    response = _post(admin_client, where, name, _truncated(kind))
    assert response.status_code == 200
    body = response.content.decode()
    if where == "multiple":
        body = json.loads(body)["error_message"]
    assert MESSAGE in body
    assert not Image.objects.exists()


@pytest.mark.parametrize("where", ["library", "chooser", "multiple"])
def test_a_whole_image_is_still_taken(admin_client, where):
    response = _post(admin_client, where, "wijk.png", _image("PNG"))
    assert response.status_code in (200, 302)
    assert Image.objects.count() == 1


def test_the_multiple_uploads_details_need_no_new_file(admin_client):
    _post(admin_client, "multiple", "wijk.png", _image("PNG"))
    image = Image.objects.get()
    response = admin_client.post(
        f"/admin/images/multiple/{image.pk}/",
        {
            f"image-{image.pk}-title": "Buurthuis",
            f"image-{image.pk}-collection": image.collection_id,
        },
    )
    assert response.status_code == 200
    assert json.loads(response.content)["success"] is True
    image.refresh_from_db()
    assert image.title == "Buurthuis"
