"""The partner's measurable commitments: one validation for every place a commitment is
written (a programme's suggestions, an application's proposals, an agreement's
PartnerCommitment rows), and the writes of an agreement's commitments.

A commitment travels as a dict of PartnerCommitment's fields (focus area as its slug, SDGs
as their numbers, values as decimal strings); `commitment_clean` turns what a form or the
API sent into that shape or raises a ValidationError keyed by field name, `commitments_clean`
does it for a list, keyed `commitment_<n>_<field>` (n from 0). Adding, changing and
withdrawing a commitment is kept in the agreement's history (AgreementStep) and tells the
other side (the programme's coordinators, or the organisation's admins).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from engage.accounts.models import User
from engage.cache import climate_dashboard_changed
from engage.taxonomy.models import SDG, FocusArea
from notifications.services import event_record
from partnerships.metrics import (
    CUSTOM_UNIT_MAX_LENGTH,
    GREEN_ACTIONS,
    METRIC_UNITS,
    Direction,
    Metric,
    Scope,
)
from partnerships.models import (
    Agreement,
    AgreementAction,
    AgreementStatus,
    AgreementStep,
    PartnerCommitment,
    ProgressValue,
    Sector,
    ValueState,
)
from partnerships.notifications import EventKind
from partnerships.rules import coordinated_programmes

__all__ = [
    "COMMITMENT_FIELDS",
    "LOCKED_FIELDS",
    "YEAR_MAX",
    "YEAR_MIN",
    "commitment_clean",
    "commitment_data",
    "commitment_is_locked",
    "commitments_clean",
    "commitments_from_application",
    "partner_commitment_add",
    "partner_commitment_update",
    "partner_commitment_withdraw",
]

YEAR_MIN = 1990
YEAR_MAX = 2100
TITLE_MAX_LENGTH = PartnerCommitment._meta.get_field("title").max_length
DESCRIPTION_MAX_LENGTH = 4000
REASON_MAX_LENGTH = 4000
MAX_COMMITMENTS = 50
_VALUE_FIELD = PartnerCommitment._meta.get_field("target_value")
_MAX_WHOLE_DIGITS = _VALUE_FIELD.max_digits - _VALUE_FIELD.decimal_places

# The fields of a commitment, in the order forms show them and errors are listed.
COMMITMENT_FIELDS = (
    "title",
    "description",
    "metric",
    "checklist_action",
    "unit",
    "scope",
    "direction",
    "baseline_year",
    "baseline_value",
    "target_year",
    "target_value",
    "focus_area",
    "sdgs",
    "sector",
)
# What verified progress values were judged against: fixed once one exists.
LOCKED_FIELDS = (
    "metric",
    "checklist_action",
    "unit",
    "scope",
    "direction",
    "baseline_year",
    "baseline_value",
    "target_year",
    "target_value",
)


@dataclass(frozen=True)
class _Known:
    focus_areas: frozenset[str]
    sdgs: frozenset[int]


def _known_load() -> _Known:
    return _Known(
        focus_areas=frozenset(FocusArea.objects.values_list("slug", flat=True)),
        sdgs=frozenset(SDG.objects.values_list("number", flat=True)),
    )


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _year(value: Any, errors: dict, field: str, *, required_message: str) -> int | None:
    text = _text(value)
    if not text:
        errors[field] = ValidationError(required_message, code="required")
        return None
    try:
        year = int(text)
    except ValueError:
        errors[field] = ValidationError(_("Enter a year as a whole number."), code="invalid")
        return None
    if not YEAR_MIN <= year <= YEAR_MAX:
        errors[field] = ValidationError(
            _("A year must be between %(min)d and %(max)d.") % {"min": YEAR_MIN, "max": YEAR_MAX},
            code="year_range",
        )
        return None
    return year


def _decimal(value: Any, errors: dict, field: str, *, is_share: bool) -> Decimal | None:
    """A quantity: a number, not negative, a share at most 100, that fits the column."""
    if isinstance(value, float):
        value = repr(value)
    text = _text(value).replace(",", ".") if not isinstance(value, Decimal) else value
    try:
        number = Decimal(text)
    except (InvalidOperation, TypeError, ValueError):
        errors[field] = ValidationError(_("Enter a number."), code="invalid")
        return None
    if not number.is_finite():
        errors[field] = ValidationError(_("Enter a number."), code="invalid")
        return None
    if number < 0:
        errors[field] = ValidationError(_("A quantity cannot be negative."), code="negative")
        return None
    if is_share and number > 100:
        errors[field] = ValidationError(
            _("A share must be between 0 and 100 %."), code="share_range"
        )
        return None
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -_VALUE_FIELD.decimal_places:
        errors[field] = ValidationError(
            _("Give at most %(places)d decimals.") % {"places": _VALUE_FIELD.decimal_places},
            code="decimal_places",
        )
        return None
    if number >= Decimal(10) ** _MAX_WHOLE_DIGITS:
        errors[field] = ValidationError(_("The number is too large."), code="too_large")
        return None
    return number


def _sdg_numbers(value: Any, errors: dict, known: _Known) -> list[int]:
    """SDG numbers from a list or a text such as "7, 13"; each must be one that exists."""
    if value in (None, ""):
        return []
    items = value.replace(";", ",").split(",") if isinstance(value, str) else value
    if not isinstance(items, Iterable):
        items = [items]
    numbers: list[int] = []
    for item in items:
        text = _text(item)
        if not text:
            continue
        try:
            number = int(text)
        except ValueError:
            number = None
        if number is None or number not in known.sdgs:
            errors["sdgs"] = ValidationError(
                _("Unknown SDG: %(value)s. The SDGs are numbered 1 to 17.") % {"value": text},
                code="unknown_sdg",
            )
            return []
        if number not in numbers:
            numbers.append(number)
    return sorted(numbers)


def _clean_one(data: Mapping[str, Any], known: _Known) -> tuple[dict, dict]:
    """(the commitment in its stored shape, {field: ValidationError})."""
    errors: dict[str, ValidationError] = {}
    metric = _text(data.get("metric"))
    clean: dict[str, Any] = {
        "title": _text(data.get("title")),
        "description": _text(data.get("description")),
        "metric": metric,
        "checklist_action": "",
        "unit": "",
        "scope": None,
        "direction": "",
        "baseline_year": None,
        "baseline_value": None,
        "target_year": None,
        "target_value": None,
        "focus_area": "",
        "sdgs": [],
        "sector": "",
    }
    if metric not in Metric.values:
        errors["metric"] = ValidationError(
            _("Unknown metric: choose one of the list.") if metric else _("Choose a metric."),
            code="unknown_metric" if metric else "required",
        )
    unit = _text(data.get("unit"))
    scope = _text(data.get("scope"))
    action_code = _text(data.get("checklist_action"))

    if metric == Metric.CHECKLIST:
        action = GREEN_ACTIONS.get(action_code)
        if action is None:
            errors["checklist_action"] = ValidationError(
                _("Unknown green action: choose one from the guide.")
                if action_code
                else _("Choose a green action from the guide."),
                code="unknown_action" if action_code else "required",
            )
        else:
            clean["checklist_action"] = action.code
            clean["unit"] = action.result_unit or ""
            if unit and unit != clean["unit"]:
                errors["unit"] = ValidationError(
                    _("Unknown unit for this action: its result is counted in “%(unit)s”.")
                    % {"unit": action.result_unit}
                    if action.result_unit
                    else _("This action is only ticked: it has no unit."),
                    code="unknown_unit",
                )
            if not clean["title"]:
                clean["title"] = str(action.label)
        for field in ("direction", "baseline_year", "baseline_value", "target_year"):
            if _text(data.get(field)):
                errors[field] = ValidationError(
                    _(
                        "A green action has no direction, baseline or target year: give only "
                        "the result you aim for, if any."
                    ),
                    code="not_for_checklist",
                )
        target = _text(data.get("target_value")) if action is not None else ""
        if target:
            if not action.result_unit:
                errors["target_value"] = ValidationError(
                    _("This action is only ticked: it has no measured result."),
                    code="no_result",
                )
            else:
                clean["target_value"] = _decimal(
                    data.get("target_value"),
                    errors,
                    "target_value",
                    is_share=action.result_is_share,
                )
    elif metric in Metric.values:
        if action_code:
            errors["checklist_action"] = ValidationError(
                _("Only a green action from the guide names an action."),
                code="not_checklist",
            )
        if metric == Metric.CUSTOM:
            if not unit:
                errors["unit"] = ValidationError(
                    _("Name the unit of a custom metric."), code="required"
                )
            elif len(unit) > CUSTOM_UNIT_MAX_LENGTH:
                errors["unit"] = ValidationError(
                    _("A unit may be at most %(max)d characters long.")
                    % {"max": CUSTOM_UNIT_MAX_LENGTH},
                    code="max_length",
                )
            clean["unit"] = unit
            is_share = False
        else:
            own = METRIC_UNITS[metric]
            if unit and unit != own.unit:
                errors["unit"] = ValidationError(
                    _("Unknown unit for %(metric)s: it is counted in “%(unit)s”.")
                    % {"metric": Metric(metric).label.lower(), "unit": own.unit},
                    code="unknown_unit",
                )
            clean["unit"] = own.unit
            is_share = own.is_share
        if metric == Metric.EMISSIONS:
            if scope not in {str(value) for value in Scope.values}:
                errors["scope"] = ValidationError(
                    _("Choose scope 1, 2 or 3 for emissions."),
                    code="required" if not scope else "unknown_scope",
                )
            else:
                clean["scope"] = int(scope)
        elif scope:
            errors["scope"] = ValidationError(
                _("Only greenhouse gas emissions have a scope."), code="scope_not_emissions"
            )
        direction = _text(data.get("direction"))
        if direction not in Direction.values:
            errors["direction"] = ValidationError(
                _("Choose whether the commitment reduces or increases."), code="required"
            )
        else:
            clean["direction"] = direction
        clean["baseline_year"] = _year(
            data.get("baseline_year"),
            errors,
            "baseline_year",
            required_message=_("Give the baseline year."),
        )
        clean["target_year"] = _year(
            data.get("target_year"),
            errors,
            "target_year",
            required_message=_("Give the target year."),
        )
        for field, message in (
            ("baseline_value", _("Give the baseline value.")),
            ("target_value", _("Give the target value.")),
        ):
            if not _text(data.get(field)):
                errors[field] = ValidationError(message, code="required")
            else:
                clean[field] = _decimal(data.get(field), errors, field, is_share=is_share)
        baseline_year, target_year = clean["baseline_year"], clean["target_year"]
        if baseline_year and target_year and target_year <= baseline_year:
            errors["target_year"] = ValidationError(
                _("The target year must come after the baseline year (%(year)d).")
                % {"year": baseline_year},
                code="target_before_baseline",
            )
        baseline, target = clean["baseline_value"], clean["target_value"]
        if baseline is not None and target is not None and clean["direction"]:
            if clean["direction"] == Direction.REDUCE and target >= baseline:
                errors["target_value"] = ValidationError(
                    _("To reduce, the target must be lower than the baseline."),
                    code="wrong_direction",
                )
            elif clean["direction"] == Direction.INCREASE and target <= baseline:
                errors["target_value"] = ValidationError(
                    _("To increase, the target must be higher than the baseline."),
                    code="wrong_direction",
                )

    if not clean["title"]:
        errors["title"] = ValidationError(_("Give the commitment a title."), code="required")
    elif len(clean["title"]) > TITLE_MAX_LENGTH:
        errors["title"] = ValidationError(
            _("A title may be at most %(max)d characters long.") % {"max": TITLE_MAX_LENGTH},
            code="max_length",
        )
    if len(clean["description"]) > DESCRIPTION_MAX_LENGTH:
        errors["description"] = ValidationError(
            _("A description may be at most %(max)d characters long.")
            % {"max": DESCRIPTION_MAX_LENGTH},
            code="max_length",
        )
    focus_area = _text(data.get("focus_area"))
    if focus_area and focus_area not in known.focus_areas:
        errors["focus_area"] = ValidationError(
            _("Unknown focus area: choose one of the list."), code="unknown_focus_area"
        )
    clean["focus_area"] = focus_area
    clean["sdgs"] = _sdg_numbers(data.get("sdgs"), errors, known)
    sector = _text(data.get("sector"))
    if sector and sector not in Sector.values:
        errors["sector"] = ValidationError(
            _("Unknown emission sector: choose one of the list."), code="unknown_sector"
        )
    clean["sector"] = sector
    for field in ("baseline_value", "target_value"):
        if isinstance(clean[field], Decimal):
            clean[field] = _decimal_text(clean[field])
    return clean, errors


def _decimal_text(number: Decimal) -> str:
    return format(number.normalize(), "f")


def commitment_clean(*, data: Mapping[str, Any]) -> dict:
    """One commitment in its stored shape; raises ValidationError keyed by field name.
    Two queries (the focus areas and SDGs that exist)."""
    clean, errors = _clean_one(data, _known_load())
    if errors:
        raise ValidationError(errors)
    return clean


def commitments_clean(
    *, items: Iterable[Mapping[str, Any]], allow_checklist: bool = True
) -> list[dict]:
    """A list of commitments (a programme's suggestions, an application's proposals):
    errors keyed `commitment_<n>_<field>`, n counting from 0. A green action comes once,
    and only where the green guide is offered (`allow_checklist`)."""
    items = list(items)
    if len(items) > MAX_COMMITMENTS:
        raise ValidationError(
            {
                "commitments": _("At most %(max)d commitments.") % {"max": MAX_COMMITMENTS},
            }
        )
    known = _known_load() if items else None
    errors: dict[str, ValidationError] = {}
    result = []
    actions: set[str] = set()
    for n, item in enumerate(items):
        if not isinstance(item, Mapping):
            errors[f"commitment_{n}_title"] = ValidationError(
                _("A commitment must be an object of its fields."), code="invalid"
            )
            continue
        clean, item_errors = _clean_one(item, known)
        if clean["metric"] == Metric.CHECKLIST and "metric" not in item_errors:
            if not allow_checklist:
                item_errors["metric"] = ValidationError(
                    _("This programme does not use the green guide's checklist."),
                    code="checklist_not_offered",
                )
            elif clean["checklist_action"] in actions:
                item_errors["checklist_action"] = ValidationError(
                    _("This green action is already on the list."), code="duplicate_action"
                )
            actions.add(clean["checklist_action"])
        for field, error in item_errors.items():
            errors[f"commitment_{n}_{field}"] = error
        result.append(clean)
    if errors:
        raise ValidationError(errors)
    return result


def commitment_data(commitment: PartnerCommitment) -> dict:
    """A PartnerCommitment in the stored shape (its SDGs from a prefetch if there is one)."""
    return {
        "title": commitment.title,
        "description": commitment.description,
        "metric": commitment.metric,
        "checklist_action": commitment.checklist_action,
        "unit": commitment.unit,
        "scope": commitment.scope,
        "direction": commitment.direction,
        "baseline_year": commitment.baseline_year,
        "baseline_value": _decimal_text(commitment.baseline_value)
        if commitment.baseline_value is not None
        else None,
        "target_year": commitment.target_year,
        "target_value": _decimal_text(commitment.target_value)
        if commitment.target_value is not None
        else None,
        "focus_area": commitment.focus_area.slug if commitment.focus_area_id else "",
        "sdgs": sorted(sdg.number for sdg in commitment.sdgs.all()),
        "sector": commitment.sector,
    }


# --- an agreement's commitments --------------------------------------------------------


def _agreement_lock(agreement: Agreement) -> Agreement:
    agreement = (
        Agreement.objects.select_for_update().select_related("programme").get(pk=agreement.pk)
    )
    if agreement.status == AgreementStatus.ENDED:
        raise ValidationError(
            _("The agreement has ended: its commitments can no longer change."), code="ended"
        )
    return agreement


def _row_fill(commitment: PartnerCommitment, clean: dict) -> None:
    for field in COMMITMENT_FIELDS:
        if field in {"focus_area", "sdgs"}:
            continue
        value = clean[field]
        if field in {"baseline_value", "target_value"} and value is not None:
            value = Decimal(value)
        setattr(commitment, field, value)
    slug = clean["focus_area"]
    commitment.focus_area = FocusArea.objects.get(slug=slug) if slug else None


def _sdgs_set(commitment: PartnerCommitment, numbers: list[int]) -> None:
    commitment.sdgs.set(SDG.objects.filter(number__in=numbers) if numbers else [])


def _checklist_taken(agreement: Agreement, clean: dict, *, exclude_pk: int | None = None) -> None:
    if clean["metric"] != Metric.CHECKLIST:
        return
    if not agreement.programme.uses_green_guide:
        raise ValidationError(
            {"metric": _("This programme does not use the green guide's checklist.")}
        )
    taken = PartnerCommitment.objects.filter(
        agreement=agreement,
        checklist_action=clean["checklist_action"],
        withdrawn_at__isnull=True,
    ).exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationError(
            {"checklist_action": _("The agreement already has this green action.")}
        )


def _from_municipality(agreement: Agreement, actor: User) -> bool:
    """Whether `actor` acts for the municipality (the programme's coordinator or a site
    admin) rather than for the organisation: it decides who is told."""
    return actor.is_superuser or agreement.programme_id in coordinated_programmes(actor)


def _tell(
    agreement: Agreement,
    *,
    actor: User,
    commitment: PartnerCommitment,
    change: str,
    reason: str,
) -> None:
    event_record(
        kind=EventKind.PARTNER_COMMITMENT_CHANGED,
        target=agreement,
        actor=actor,
        data={
            "change": change,
            "commitment": commitment.pk,
            "title": commitment.title,
            "reason": reason,
            "by": "municipality" if _from_municipality(agreement, actor) else "organisation",
        },
    )


def _reason_clean(reason: str, *, required: bool) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise ValidationError({"reason": _("Say why.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {
                "reason": _("The reason may be at most %(max)d characters long.")
                % {"max": REASON_MAX_LENGTH}
            }
        )
    return reason


@transaction.atomic
def partner_commitment_add(
    *, agreement: Agreement, actor: User, data: Mapping[str, Any], reason: str = ""
) -> PartnerCommitment:
    """A new commitment of the partner in an agreement that has not ended, validated by
    `commitment_clean`. Kept in the agreement's history; the other side is told."""
    reason = _reason_clean(reason, required=False)
    agreement = _agreement_lock(agreement)
    clean = commitment_clean(data=data)
    _checklist_taken(agreement, clean)
    return _commitment_create(agreement, actor=actor, clean=clean, reason=reason, tell=True)


def _commitment_create(
    agreement: Agreement, *, actor: User, clean: dict, reason: str, tell: bool
) -> PartnerCommitment:
    """Precondition: `agreement` is locked and `clean` came from commitment(s)_clean."""
    now = timezone.now()
    position = (
        PartnerCommitment.objects.filter(agreement=agreement).aggregate(last=Max("position"))[
            "last"
        ]
        or 0
    )
    commitment = PartnerCommitment(
        agreement=agreement, created_by=actor, created_at=now, updated_at=now, position=position + 1
    )
    _row_fill(commitment, clean)
    commitment.full_clean(exclude=["agreement", "created_by", "focus_area"])
    commitment.save()
    _sdgs_set(commitment, clean["sdgs"])
    AgreementStep.objects.create(
        agreement=agreement,
        action=AgreementAction.COMMITMENT_ADDED,
        actor=actor,
        commitment=commitment,
        reason=reason,
        changes={field: [None, clean[field]] for field in COMMITMENT_FIELDS if clean[field]},
        created_at=now,
    )
    if tell:
        _tell(agreement, actor=actor, commitment=commitment, change="added", reason=reason)
    climate_dashboard_changed()
    return commitment


def commitments_from_application(*, agreement: Agreement, actor: User, items: list[dict]) -> None:
    """The rows of a new agreement from its application's proposals (already cleaned by
    `commitments_clean`). Precondition: inside the approval's transaction. Nobody is told
    apart from the decision itself."""
    for item in items:
        _commitment_create(agreement, actor=actor, clean=item, reason="", tell=False)


def _commitment_lock(commitment: PartnerCommitment) -> PartnerCommitment:
    commitment = (
        PartnerCommitment.objects.select_for_update(of=("self",))
        .select_related("focus_area")
        .get(pk=commitment.pk)
    )
    if commitment.withdrawn_at is not None:
        raise ValidationError(
            _("This commitment is withdrawn: it can no longer change."), code="withdrawn"
        )
    return commitment


def commitment_is_locked(commitment: PartnerCommitment) -> bool:
    """Whether a verified progress value exists for it (its measure is then fixed)."""
    return ProgressValue.objects.filter(commitment=commitment, state=ValueState.VERIFIED).exists()


@transaction.atomic
def partner_commitment_update(
    *,
    commitment: PartnerCommitment,
    actor: User,
    data: Mapping[str, Any],
    reason: str = "",
) -> PartnerCommitment:
    """Change a commitment that is not withdrawn, in an agreement that has not ended. Once
    a verified progress value exists, its metric, unit, scope, direction, baseline and target
    are fixed (withdraw it and add a new one instead). A change is kept in the history with
    what changed, and the other side is told; saving it unchanged does neither."""
    reason = _reason_clean(reason, required=False)
    agreement = _agreement_lock(commitment.agreement)
    commitment = _commitment_lock(commitment)
    clean = commitment_clean(data=data)
    before = commitment_data(commitment)
    changed = [field for field in COMMITMENT_FIELDS if before[field] != clean[field]]
    if not changed:
        return commitment
    locked = [field for field in changed if field in LOCKED_FIELDS]
    if locked and commitment_is_locked(commitment):
        message = _(
            "Verified progress was judged against this: it can no longer change. Withdraw "
            "the commitment and add a new one instead."
        )
        raise ValidationError(
            {field: ValidationError(message, code="verified") for field in locked}
        )
    _checklist_taken(agreement, clean, exclude_pk=commitment.pk)
    now = timezone.now()
    _row_fill(commitment, clean)
    commitment.updated_at = now
    commitment.full_clean(exclude=["agreement", "created_by", "focus_area"])
    commitment.save()
    if "sdgs" in changed:
        _sdgs_set(commitment, clean["sdgs"])
    AgreementStep.objects.create(
        agreement=agreement,
        action=AgreementAction.COMMITMENT_CHANGED,
        actor=actor,
        commitment=commitment,
        reason=reason,
        changes={field: [before[field], clean[field]] for field in changed},
        created_at=now,
    )
    _tell(agreement, actor=actor, commitment=commitment, change="changed", reason=reason)
    climate_dashboard_changed()
    return commitment


@transaction.atomic
def partner_commitment_withdraw(
    *, commitment: PartnerCommitment, actor: User, reason: str
) -> PartnerCommitment:
    """Withdraw a commitment, saying why: it stays in the history and in the reports
    already made, but takes no new values. The other side is told."""
    reason = _reason_clean(reason, required=True)
    agreement = _agreement_lock(commitment.agreement)
    commitment = _commitment_lock(commitment)
    now = timezone.now()
    commitment.withdrawn_at = now
    commitment.updated_at = now
    commitment.save(update_fields=["withdrawn_at", "updated_at"])
    AgreementStep.objects.create(
        agreement=agreement,
        action=AgreementAction.COMMITMENT_WITHDRAWN,
        actor=actor,
        commitment=commitment,
        reason=reason,
        created_at=now,
    )
    _tell(agreement, actor=actor, commitment=commitment, change="withdrawn", reason=reason)
    climate_dashboard_changed()
    return commitment
