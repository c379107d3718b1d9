"""Danish CVR numbers (the central business register), checked offline.

A CVR number is eight digits whose weighted sum (weights 2, 7, 6, 5, 4, 3, 2, 1) is a
multiple of 11. Nothing is looked up: the check only catches typing mistakes.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def cvr_normalise(value: str) -> str:
    """`value` without the spaces and a leading "DK" people often write ("DK 1234 5678")."""
    text = "".join(str(value).split()).upper()
    return text.removeprefix("DK")


def cvr_is_valid(value: str) -> bool:
    if len(value) != 8 or not value.isascii() or not value.isdigit():
        return False
    return sum(int(digit) * weight for digit, weight in zip(value, WEIGHTS, strict=True)) % 11 == 0


def cvr_check(value: str) -> None:
    """Raise ValidationError unless `value` (already normalised) is a valid CVR number."""
    if len(value) != 8 or not value.isascii() or not value.isdigit():
        raise ValidationError(
            _("A CVR number has exactly 8 digits, for example 12345674."), code="cvr_format"
        )
    if not cvr_is_valid(value):
        raise ValidationError(
            _("This is not a valid CVR number: please check the digits."), code="cvr_checksum"
        )
