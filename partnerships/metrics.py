"""What a partner's commitment can measure: the metrics with their units, and the green
guide's checklist of actions for festivals and events.

Pure data: the models store the codes, services validate against these tables, pages and the
API show the translated labels.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Metric(models.TextChoices):
    EMISSIONS = "emissions", _("Greenhouse gas emitted")
    ENERGY = "energy", _("Energy used")
    RENEWABLE_SHARE = "renewable_share", _("Share of renewable energy")
    WASTE = "waste", _("Waste")
    WASTE_SORTED_SHARE = "waste_sorted_share", _("Share of waste sorted")
    FOOD_WASTE = "food_waste", _("Food waste")
    CAR_KM = "car_km", _("Distance driven by car")
    TRIPS = "trips", _("Number of trips")
    PEOPLE = "people", _("People involved")
    CHECKLIST = "checklist", _("Green action from the guide")
    CUSTOM = "custom", _("Custom metric")


class Direction(models.TextChoices):
    REDUCE = "reduce", _("Reduce")
    INCREASE = "increase", _("Increase")


class Scope(models.IntegerChoices):
    """The Greenhouse Gas Protocol's scopes; only emissions have one."""

    SCOPE_1 = 1, _("Scope 1: own direct emissions")
    SCOPE_2 = 2, _("Scope 2: purchased electricity and heat")
    SCOPE_3 = 3, _("Scope 3: the value chain")


@dataclass(frozen=True)
class MetricUnit:
    unit: str  # the code stored and sent by the API
    label: Promise
    is_share: bool = False  # a percentage: 0-100


# One unit per metric, so that every value of a metric adds up; a custom metric names its own.
METRIC_UNITS: dict[str, MetricUnit] = {
    Metric.EMISSIONS: MetricUnit("tCO2e", _("tonnes CO₂e")),
    Metric.ENERGY: MetricUnit("MWh", _("MWh")),
    Metric.RENEWABLE_SHARE: MetricUnit("%", _("%"), is_share=True),
    Metric.WASTE: MetricUnit("t", _("tonnes")),
    Metric.WASTE_SORTED_SHARE: MetricUnit("%", _("%"), is_share=True),
    Metric.FOOD_WASTE: MetricUnit("kg", _("kg")),
    Metric.CAR_KM: MetricUnit("km", _("km")),
    Metric.TRIPS: MetricUnit("trips", _("trips")),
    Metric.PEOPLE: MetricUnit("people", _("people")),
}

CUSTOM_UNIT_MAX_LENGTH = 20


@dataclass(frozen=True)
class GreenAction:
    code: str
    label: Promise
    topic: Promise
    # What a measured result of the action counts, if it has one (None: ticked or not).
    result_unit: str | None = None
    result_label: Promise | None = None
    result_is_share: bool = False


WASTE = _("Waste")
FOOD = _("Food and drink")
FOOD_WASTE = _("Food waste")
TRANSPORT = _("Transport")
ENERGY = _("Energy")

# The municipality's green guide for festivals and events, as a checklist.
GREEN_GUIDE: tuple[GreenAction, ...] = (
    GreenAction(
        "reusable_cups",
        _("Reusable cups and tableware instead of disposables"),
        WASTE,
        "%",
        _("share of drinks served in reusable cups (%)"),
        True,
    ),
    GreenAction(
        "sorting_stations",
        _("Sorted waste stations across the site"),
        WASTE,
        "%",
        _("share of the waste sorted (%)"),
        True,
    ),
    GreenAction(
        "plant_based_menu",
        _("A plant-based share of the menu"),
        FOOD,
        "%",
        _("plant-based share of the dishes sold (%)"),
        True,
    ),
    GreenAction(
        "local_organic_food",
        _("Local and organic food and drink"),
        FOOD,
        "%",
        _("organic share of food bought (%)"),
        True,
    ),
    GreenAction(
        "leftover_food_donated",
        _("Leftover food donated or redistributed"),
        FOOD_WASTE,
        "kg",
        _("food donated (kg)"),
    ),
    GreenAction(
        "food_waste_measured",
        _("Food waste weighed and reduced in the kitchens"),
        FOOD_WASTE,
        "kg",
        _("food waste (kg)"),
    ),
    GreenAction(
        "shuttle_buses",
        _("Shuttle buses from stations and town"),
        TRANSPORT,
        "trips",
        _("passenger trips"),
    ),
    GreenAction(
        "bike_parking",
        _("Guarded bike parking"),
        TRANSPORT,
        "bikes",
        _("bikes parked"),
    ),
    GreenAction(
        "grid_power",
        _("Green power or a grid connection instead of diesel generators"),
        ENERGY,
        "%",
        _("share of power from the grid or renewable sources (%)"),
        True,
    ),
    GreenAction(
        "water_refill",
        _("Free drinking water refill points"),
        WASTE,
    ),
)

GREEN_ACTIONS: dict[str, GreenAction] = {action.code: action for action in GREEN_GUIDE}
