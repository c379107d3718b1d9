from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def coordinate_bounds(*, axis: str) -> tuple[float, float]:
    """(lowest, highest) value of "latitude" or "longitude" inside the municipality."""
    min_lon, min_lat, max_lon, max_lat = settings.MUNICIPALITY_BBOX
    return (min_lat, max_lat) if axis == "latitude" else (min_lon, max_lon)


def point_check(*, latitude: Decimal | None, longitude: Decimal | None) -> None:
    """Both or neither coordinate, and the point inside the municipality's bounding box."""
    if latitude is None and longitude is None:
        return
    if latitude is None or longitude is None:
        raise ValidationError(_("A location needs both latitude and longitude."), code="point")
    for axis, value in (("latitude", latitude), ("longitude", longitude)):
        low, high = coordinate_bounds(axis=axis)
        if not low <= float(value) <= high:
            raise ValidationError(
                _("The location must be inside the municipality."), code="outside_municipality"
            )
