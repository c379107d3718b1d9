"""Uploaded images: checked by content, size-limited, re-encoded without metadata."""

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
# 25 megapixels: a 24 Mpx camera (6000 x 4000) and every phone's default photo (12 to 16
# Mpx, 50 Mpx modes give files over 5 MB anyway) fit; what is shown is MAX_SIDE at most.
# The header's size is checked before any pixel is decoded, so a small file that claims
# far more (a decompression bomb) costs nothing but reading its header.
MAX_PIXELS = 25_000_000
MAX_SIDE = 2400
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


@dataclass(frozen=True)
class CleanImage:
    content: ContentFile
    width: int
    height: int


def image_clean(*, upload: UploadedFile) -> CleanImage:
    """Return a re-encoded copy of `upload` (JPEG, or PNG when it has transparency).

    Raises ValidationError when the file is too large, not an image, malformed or huge.
    EXIF and every other metadata block is dropped by re-encoding from pixels only.
    """
    if upload.size is not None and upload.size > MAX_BYTES:
        raise ValidationError(
            _("The image is larger than 5 MB. Please choose a smaller one."), code="too_large"
        )
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError(
            _("The image is larger than 5 MB. Please choose a smaller one."), code="too_large"
        )
    try:
        # Pillow's own bomb check (a warning, then an error, far above MAX_PIXELS) is a
        # refusal for too many pixels like ours, never "not an image".
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:  # reads the header only
                _check_header(probe)
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                if image.format == "JPEG":
                    # libjpeg decodes at 1/2, 1/4 or 1/8 scale directly: less memory, less time.
                    image.draft("RGB", (MAX_SIDE, MAX_SIDE))
                image.load()
                image = ImageOps.exif_transpose(image)
                return _encode(image)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels() from exc
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ValidationError(
            _("The file is not an image we can read. Please upload a JPEG, PNG or WebP image."),
            code="invalid_image",
        ) from exc


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _(
            "The image has too many pixels (at most %(megapixels)d megapixels). "
            "Please choose a smaller one or reduce its size."
        )
        % {"megapixels": MAX_PIXELS // 1_000_000},
        code="too_many_pixels",
    )


def _check_header(probe: Image.Image) -> None:
    if probe.format not in ACCEPTED_FORMATS:
        raise ValidationError(_("Please upload a JPEG, PNG, WebP or GIF image."), code="format")
    if probe.width * probe.height > MAX_PIXELS:
        raise _too_many_pixels()


def _encode(image: Image.Image) -> CleanImage:
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    has_alpha = image.mode in {"RGBA", "LA"} or "transparency" in image.info
    out = io.BytesIO()
    if has_alpha:
        clean = image.convert("RGBA")
        clean.save(out, format="PNG", optimize=True)
        name = "image.png"
    else:
        clean = image.convert("RGB")
        clean.save(out, format="JPEG", quality=85, optimize=True)
        name = "image.jpg"
    return CleanImage(
        content=ContentFile(out.getvalue(), name=name), width=clean.width, height=clean.height
    )
