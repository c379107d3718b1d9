"""Uploaded images are checked by content and come back re-encoded without metadata."""

import io
import struct
import time
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import translation
from PIL import ExifTags, Image, ImageFile

from proposals import images, services
from proposals.images import MAX_BYTES, MAX_PIXELS, MAX_SIDE, image_clean
from proposals.lifecycle import Status
from proposals.models import ProposalImage
from tests.proposals.factories import ProposalFactory

RED, BLUE = (220, 20, 20), (20, 20, 220)


def upload(data: bytes, name: str = "billede.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def encode(image: Image.Image, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **options)
    return out.getvalue()


def raw(clean) -> bytes:
    clean.content.seek(0)
    return clean.content.read()


def reopen(clean) -> Image.Image:
    image = Image.open(io.BytesIO(raw(clean)))
    image.load()
    return image


def close_to(pixel, colour, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], colour, strict=True))


def noise(size: tuple[int, int]) -> Image.Image:
    return Image.frombytes(
        "RGB", size, bytes((i * 7919) % 251 for i in range(size[0] * size[1] * 3))
    )


def test_jpeg_loses_exif_and_gps_and_is_turned_upright():
    # 80x40, left half red and right half blue, stored sideways: orientation 6 means "turn
    # 90° clockwise to show", so upright the red half is on top.
    image = Image.new("RGB", (80, 40), BLUE)
    image.paste(RED, (0, 0, 40, 40))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "Kamera A/S"
    exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: (56.0, 9.0, 30.0), 3: "E", 4: (10.0, 12.0, 0.0)}
    data = encode(image, "JPEG", exif=exif, quality=95)
    with Image.open(io.BytesIO(data)) as original:  # the test image really carries GPS
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)[1] == "N"

    clean = image_clean(upload=upload(data))

    result = reopen(clean)
    assert result.format == "JPEG"
    assert clean.content.name.endswith(".jpg")
    assert (clean.width, clean.height) == result.size == (40, 80)
    assert not result.getexif()
    assert "exif" not in result.info
    assert b"Kamera" not in raw(clean)
    assert close_to(result.getpixel((20, 10)), RED)
    assert close_to(result.getpixel((20, 70)), BLUE)


def test_png_with_alpha_stays_png_and_transparent():
    image = Image.new("RGBA", (30, 20), (0, 128, 0, 255))
    image.putpixel((0, 0), (0, 0, 0, 0))
    clean = image_clean(upload=upload(encode(image, "PNG"), "logo.png", "image/png"))
    result = reopen(clean)
    assert result.format == "PNG"
    assert clean.content.name.endswith(".png")
    assert result.mode == "RGBA"
    assert result.getpixel((0, 0))[3] == 0
    assert result.getpixel((10, 10)) == (0, 128, 0, 255)


def test_png_with_palette_transparency_stays_png():
    image = Image.new("P", (10, 10), 1)
    image.putpalette([255, 255, 255, 200, 0, 0] + [0] * 762)
    data = encode(image, "PNG", transparency=0)
    result = reopen(image_clean(upload=upload(data, "p.png", "image/png")))
    assert result.format == "PNG"


def test_opaque_png_becomes_jpeg():
    clean = image_clean(upload=upload(encode(Image.new("RGB", (10, 10), RED), "PNG"), "a.png"))
    assert reopen(clean).format == "JPEG"


def test_gif_is_accepted():
    image = Image.new("P", (24, 12), 0)
    image.putpalette([*RED, *BLUE] + [0] * 762)
    clean = image_clean(upload=upload(encode(image, "GIF"), "anim.gif", "image/gif"))
    result = reopen(clean)
    assert (clean.width, clean.height) == result.size == (24, 12)
    assert result.format in {"JPEG", "PNG"}
    assert close_to(result.convert("RGB").getpixel((5, 5)), RED)


def test_webp_is_accepted():
    clean = image_clean(upload=upload(encode(Image.new("RGB", (16, 16), BLUE), "WEBP"), "a.webp"))
    assert reopen(clean).format == "JPEG"


def test_large_image_is_scaled_down():
    clean = image_clean(upload=upload(encode(Image.new("RGB", (3000, 1000), RED), "JPEG")))
    assert (clean.width, clean.height) == (MAX_SIDE, 800)


def test_text_file_renamed_jpg_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        image_clean(upload=upload(b"Dette er ikke et billede.\n" * 20, "billede.jpg"))
    assert excinfo.value.code == "invalid_image"


def test_empty_file_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        image_clean(upload=upload(b"", "tom.jpg"))
    assert excinfo.value.code == "invalid_image"


def test_truncated_jpeg_is_refused():
    data = encode(noise((300, 300)), "JPEG", quality=90)
    with pytest.raises(ValidationError) as excinfo:
        image_clean(upload=upload(data[: len(data) // 2]))
    assert excinfo.value.code == "invalid_image"


def test_truncated_png_is_refused():
    data = encode(noise((200, 200)), "PNG")
    with pytest.raises(ValidationError) as excinfo:
        image_clean(upload=upload(data[: len(data) // 2], "x.png"))
    assert excinfo.value.code == "invalid_image"


def test_other_image_formats_are_refused():
    with pytest.raises(ValidationError) as excinfo:
        image_clean(upload=upload(encode(Image.new("RGB", (10, 10)), "BMP"), "x.bmp"))
    assert excinfo.value.code == "format"


def test_file_over_5_mb_is_refused():
    with pytest.raises(ValidationError) as excinfo:
        image_clean(upload=upload(b"\xff\xd8\xff" + b"\0" * MAX_BYTES))
    assert excinfo.value.code == "too_large"


def test_file_over_5_mb_is_refused_even_when_its_size_lies():
    data = encode(Image.new("RGB", (10, 10)), "JPEG") + b"\0" * MAX_BYTES
    liar = InMemoryUploadedFile(
        io.BytesIO(data), None, "klein.jpg", "image/jpeg", size=1000, charset=None
    )
    with pytest.raises(ValidationError) as excinfo:
        image_clean(upload=liar)
    assert excinfo.value.code == "too_large"


def test_just_under_5_mb_is_read():
    data = encode(Image.new("RGB", (10, 10), RED), "JPEG")
    padded = data + b"\0" * (MAX_BYTES - len(data))  # trailing bytes after the JPEG end
    assert len(padded) == MAX_BYTES
    clean = image_clean(upload=upload(padded))
    assert len(raw(clean)) < 10_000


def test_decompression_bomb_is_refused():
    """64 megapixels in an 8 kB file: refused before it is decoded."""
    data = encode(Image.new("1", (8000, 8000)), "PNG")
    assert len(data) < 50_000
    with pytest.raises(ValidationError) as excinfo:
        image_clean(upload=upload(data, "bombe.png", "image/png"))
    assert excinfo.value.code == "too_many_pixels"


def _png_header_only(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 100))
        + chunk(b"IEND", b"")
    )


def test_huge_declared_dimensions_are_refused_for_too_many_pixels():
    """A tiny file claiming 100 000 x 100 000 pixels: past Pillow's own bomb limit too."""
    data = _png_header_only(100_000, 100_000)
    assert len(data) < 200
    with pytest.raises(ValidationError) as excinfo:
        image_clean(upload=upload(data, "bombe.png", "image/png"))
    assert excinfo.value.code == "too_many_pixels"


def bomb_png(width: int, height: int) -> bytes:
    """A valid RGBA PNG of `width` x `height` transparent pixels: a few hundred kB that
    decode to width * height * 4 bytes."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    compressor = zlib.compressobj(9)
    row = b"\0" * (width * 4 + 1)  # filter byte + RGBA
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("side", [6300, 9500, 14000])
def test_a_small_png_with_huge_dimensions_is_refused_before_decoding(side, monkeypatch):
    """40 to 196 megapixels in a few hundred kB: refused from the header with a message
    that says why, without decoding a pixel."""
    data = bomb_png(side, side)
    assert len(data) < MAX_BYTES
    decoded = []
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self, *a: decoded.append(self))
    started = time.perf_counter()
    with translation.override("da"), pytest.raises(ValidationError) as excinfo:
        image_clean(upload=upload(data, "bombe.png", "image/png"))
    assert excinfo.value.code == "too_many_pixels"
    assert "for mange pixels" in excinfo.value.messages[0]
    assert decoded == []
    assert time.perf_counter() - started < 1.0  # decoding one would take seconds


@pytest.mark.parametrize("size", [(4032, 3024), (6000, 4000)])
def test_phone_and_camera_photos_are_accepted(size):
    """A 12 Mpx phone photo and a 24 Mpx camera photo fit under the pixel limit."""
    assert size[0] * size[1] <= MAX_PIXELS
    clean = image_clean(upload=upload(encode(Image.new("RGB", size, RED), "JPEG")))
    assert max(clean.width, clean.height) == MAX_SIDE
    assert close_to(reopen(clean).getpixel((10, 10)), RED)


# --- through the service and the page: refused, and nothing written ---


@pytest.fixture
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _bomb_upload():
    return upload(bomb_png(6300, 6300), "bombe.png", "image/png")


@pytest.mark.django_db
def test_the_edit_page_refuses_a_bomb_with_the_reason_and_keeps_nothing(client, media_root):
    draft = ProposalFactory(status=Status.DRAFT)
    client.force_login(draft.author)
    url = reverse("frontend:proposal_image_add", kwargs={"pk": draft.pk})
    response = client.post(url, {"image": _bomb_upload(), "alt_text": "Et billede"})
    assert response.status_code == 200
    assert "Billedet har for mange pixels (højst 25 megapixels)" in response.content.decode()
    assert not ProposalImage.objects.exists()
    assert [path for path in media_root.rglob("*") if path.is_file()] == []


@pytest.mark.django_db(transaction=True)
def test_an_image_is_decoded_while_no_transaction_holds_the_database(
    monkeypatch, media_root, taxonomy
):
    """On SQLite an open write transaction blocks every other writer for as long as it
    lasts: the slow decoding must happen before the service opens one."""
    draft = ProposalFactory(status=Status.DRAFT)
    seen = []
    decode = images.image_clean

    def watching(**kwargs):
        seen.append(connection.in_atomic_block)
        return decode(**kwargs)

    monkeypatch.setattr(images, "image_clean", watching)
    image = services.proposal_image_add(
        proposal=draft, upload=upload(encode(noise((60, 40)), "JPEG")), alt_text="Et foto"
    )
    assert seen == [False]
    assert image.pk and ProposalImage.objects.filter(proposal=draft).count() == 1


@pytest.mark.django_db
def test_a_draft_that_cannot_take_more_images_refuses_before_decoding(monkeypatch, media_root):
    draft = ProposalFactory(status=Status.SUBMITTED)
    monkeypatch.setattr(images, "image_clean", lambda **kwargs: pytest.fail("decoded"))
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_image_add(proposal=draft, upload=_bomb_upload(), alt_text="Et foto")
    assert excinfo.value.code == "not_editable"
