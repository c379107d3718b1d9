"""URLs for many rows at the cost of one `reverse`."""

from collections.abc import Callable
from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

_SENTINEL = 918273645  # a number no path of the site contains


def pk_url_maker(name: str, *, pk_kwarg: str = "pk", **kwargs: str) -> Callable[[int], str]:
    """A function giving `reverse(name, kwargs={**kwargs, pk_kwarg: pk})` for any integer pk.

    A list of fifty rows with two links each spent a millisecond in reverse().
    """
    fixed = tuple(sorted(kwargs.items()))
    head, tail = _split(name, pk_kwarg, fixed, get_urlconf(), get_script_prefix(), get_language())
    return lambda pk: f"{head}{int(pk)}{tail}"


@lru_cache(maxsize=256)
def _split(name: str, pk_kwarg: str, fixed: tuple, _urlconf, _prefix, _language) -> tuple[str, str]:
    # Keyed on all that can change what reverse() gives.
    url = reverse(name, kwargs={**dict(fixed), pk_kwarg: _SENTINEL})
    head, tail = url.split(str(_SENTINEL))
    return head, tail
