"""CVR numbers are checked offline: 8 digits with a valid modulus-11 check."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from partnerships.cvr import cvr_check, cvr_is_valid, cvr_normalise
from tests.partnerships.factories import cvr_make


@pytest.mark.parametrize("number", ["12345674", "10150817", "25313763", "29403473"])
def test_valid_numbers(number):
    assert cvr_is_valid(number)
    cvr_check(number)


@pytest.mark.parametrize("number", ["12345678", "10150818", "00000001", "29403474"])
def test_a_wrong_check_digit_is_refused(number):
    with pytest.raises(ValidationError) as caught:
        cvr_check(number)
    assert caught.value.code == "cvr_checksum"


@pytest.mark.parametrize("number", ["", "1234567", "123456789", "1234567a", "١٢٣٤٥٦٧٤"])
def test_anything_but_eight_digits_is_refused(number):
    with pytest.raises(ValidationError) as caught:
        cvr_check(number)
    assert caught.value.code == "cvr_format"


def test_spaces_and_dk_prefix_are_ignored():
    assert cvr_normalise(" DK 1234 5674 ") == "12345674"
    assert cvr_normalise("dk12345674") == "12345674"


def test_generated_numbers_are_valid():
    assert all(cvr_is_valid(cvr_make()) for _ in range(200))


@pytest.mark.parametrize(
    ("language", "words"),
    [("da", "ikke et gyldigt CVR-nummer"), ("en", "not a valid CVR number")],
)
def test_the_error_is_in_the_persons_language(language, words):
    with translation.override(language), pytest.raises(ValidationError) as caught:
        cvr_check("12345678")
    assert words in caught.value.messages[0]
