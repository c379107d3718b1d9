"""Uploaded images are checked by content and come back re-encoded without metadata."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile
from PIL import ExifTags, Image

from proposals.images import MAX_BYTES, MAX_SIDE, image_clean

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


def test_huge_declared_dimensions_are_refused():
    """A tiny file claiming 100 000 x 100 000 pixels (Pillow's own bomb check fires)."""
    data = _png_header_only(100_000, 100_000)
    assert len(data) < 200
    with pytest.raises(ValidationError) as excinfo:
        image_clean(upload=upload(data, "bombe.png", "image/png"))
    assert excinfo.value.code in {"too_many_pixels", "invalid_image"}
