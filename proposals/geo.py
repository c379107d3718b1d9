from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def point_check(*, latitude: Decimal | None, longitude: Decimal | None) -> None:
    """Both or neither coordinate, and the point inside the municipality's bounding box."""
    if latitude is None and longitude is None:
        return
    if latitude is None or longitude is None:
        raise ValidationError(_("A location needs both latitude and longitude."), code="point")
    min_lon, min_lat, max_lon, max_lat = settings.MUNICIPALITY_BBOX
    if not (min_lat <= float(latitude) <= max_lat and min_lon <= float(longitude) <= max_lon):
        raise ValidationError(
            _("The location must be inside the municipality."), code="outside_municipality"
        )
