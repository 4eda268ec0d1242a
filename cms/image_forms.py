"""The Wagtail admin's image form (``WAGTAILIMAGES_IMAGE_FORM_BASE``): an upload that Pillow
cannot read to the end is refused with a message, in every place the admin takes an image
(the image library, the chooser's upload and the multiple upload)."""

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import ImageFile
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

# What Pillow raises on image data that ends early or is damaged: "image file is truncated"
# (OSError), "broken PNG file" (SyntaxError), a short read (EOFError) or a bad value.
_UNREADABLE = (OSError, SyntaxError, EOFError, ValueError)


@contextmanager
def _truncated_images_refused():
    """Pillow reads damaged data only when ``LOAD_TRUNCATED_IMAGES`` is off, and WeasyPrint
    turns it on for the whole process when it is first imported (the first PDF). The check
    turns it off while it reads, and restores it afterwards."""
    before = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = before


class WholeImageField(WagtailImageField):
    """Wagtail's image field, which reads every pixel of the upload to count them; damaged data
    then becomes a form error instead of an error page."""

    def check_image_pixel_size(self, f):
        try:
            with _truncated_images_refused():
                super().check_image_pixel_size(f)
        except _UNREADABLE as error:
            raise ValidationError(
                _(
                    "Dit bestand is geen volledige afbeelding: het is beschadigd of maar voor "
                    "een deel geüpload. Upload het opnieuw."
                ),
                code="invalid_image",
            ) from error


class ImageForm(BaseImageForm):
    file = WholeImageField(label=_("Bestand"), widget=BaseImageForm.Meta.widgets["file"])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A declared field outlives Meta.fields and Meta.exclude: the forms Wagtail makes
        # without the file (the multiple upload's details) must not ask for one.
        meta = self._meta
        if "file" in (meta.exclude or ()) or (
            meta.fields is not None and "file" not in meta.fields
        ):
            del self.fields["file"]
