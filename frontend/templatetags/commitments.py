"""Template filters for the partner's commitments."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from frontend.html import esc
from frontend.templatetags.engage_site import time_tag_maker
from frontend.templatetags.report_tags import status_badge
from frontend.urls_for import pk_url_maker

register = template.Library()

NO_VALUE = "\N{EN DASH}"


@register.filter
def measure(value) -> str:
    """A commitment's value without trailing zeros, in the page's language (120,5 in
    Danish); empty for None."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value)).normalize()
    places = max(-number.as_tuple().exponent, 0) if number.is_finite() else 0
    return number_format(number, decimal_pos=places)


@register.filter
def commitment_changes(step) -> list[tuple[str, str, str]]:
    """(field label, before, after) of an agreement step that changed a partner's
    commitment; empty for any other step."""
    from partnerships.models import AgreementAction, PartnerCommitment

    if step.action != AgreementAction.COMMITMENT_CHANGED or not step.changes:
        return []
    labels = {
        field.name: str(field.verbose_name)
        for field in PartnerCommitment._meta.get_fields()
        if hasattr(field, "verbose_name")
    }

    none = "\N{EN DASH}"

    def shown(value) -> str:
        if isinstance(value, list):
            return ", ".join(str(item) for item in value) or none
        return none if value in (None, "") else str(value)

    return [
        (labels.get(field, field), shown(before), shown(after))
        for field, (before, after) in step.changes.items()
    ]


@register.simple_tag
def partner_commitment_rows(items, agreement, can_change: bool) -> SafeString:
    """The rows of the agreement page's table of the partner's measurable commitments
    (frontend/partnerships/_partner_commitments.html), written in one pass like the
    triage page's rows: each commitment with its measure and target, its derived status
    and its latest verified value with provenance. `items` are selectors.
    CommitmentProgress of agreement_page_get."""
    from partnerships.models import PartnerCommitment

    verified_at = time_tag_maker()
    edit_url = pk_url_maker(
        "frontend:partner_commitment_edit", pk_kwarg="commitment_pk", pk=str(agreement.pk)
    )
    withdraw_url = pk_url_maker(
        "frontend:partner_commitment_withdraw", pk_kwarg="commitment_pk", pk=str(agreement.pk)
    )
    # Labels by value, read once: get_FOO_display() translates every choice on each call.
    fields = PartnerCommitment._meta
    labels = {
        name: dict(fields.get_field(name).flatchoices)
        for name in ("metric", "scope", "direction", "sector")
    }

    def shown(row, name: str) -> str:
        value = getattr(row, name)
        return esc(labels[name].get(value, value))

    sdgs_label, municipality = esc(_("SDGs")), esc(_("the municipality"))
    source_label, never = esc(_("Source:")), esc(_("Never reported"))
    change_label, withdraw_label = esc(_("Change")), esc(_("Withdraw"))
    rows = []
    for item in items:
        row, value = item.commitment, item.value
        title = esc(row.title)
        about = [esc(row.focus_area.name)] if row.focus_area else []
        if row.sdg_numbers:
            about.append(f"{sdgs_label} {', '.join(str(n) for n in row.sdg_numbers)}")
        lines = [" · ".join(about), shown(row, "sector") if row.sector else ""]
        facts = "<br>".join(line for line in lines if line)
        description = (
            f'<div class="weight-normal">{esc(row.description)}</div>' if row.description else ""
        )
        scope = f"<br>{shown(row, 'scope')}" if row.scope else ""
        target = (
            f"{shown(row, 'metric')} ({esc(row.unit_label)}){scope}"
            f"<br>{shown(row, 'direction')}<br>{row.baseline_year}: "
            f"{measure(row.baseline_value)} → {row.target_year}: {measure(row.target_value)}"
        )
        status = NO_VALUE
        if item.status:
            status = (
                f'<span class="badge badge-small {status_badge(item.status)}">'
                f"{esc(item.status_label)}</span>"
            )
        if item.reported_at:
            since = _("Last reported %(since)s ago") % {"since": timesince(item.reported_at)}
            status += f'<div class="small-text">{esc(since)}</div>'
        elif item.status:
            status += f'<div class="small-text">{never}</div>'
        latest = NO_VALUE
        if value:
            verifier = esc(value.verified_by.public_name) if value.verified_by else municipality
            latest = (
                f"{measure(value.value)} {esc(row.unit)} "
                f'<span class="small-text">({esc(value.report.period_label)})</span>'
                f'<div class="small-text">{verifier}, {verified_at(value.verified_at)} · '
                f"{source_label} {esc(value.source)}</div>"
            )
        links = ""
        if can_change:
            links = (
                f'\n        <td><a href="{edit_url(row.pk)}">{change_label}'
                f'<span class="sr-only">: {title}</span></a><br>'
                f'<a href="{withdraw_url(row.pk)}">{withdraw_label}'
                f'<span class="sr-only">: {title}</span></a></td>'
            )
        rows.append(
            f"""
      <tr>
        <th scope="row">{title}{description}<div class="small-text weight-normal">{facts}</div></th>
        <td>{target}</td>
        <td>{status}</td>
        <td>{latest}</td>{links}
      </tr>"""
        )
    return mark_safe("".join(rows))  # noqa: S308 (every value above is escaped)
