"""Template helpers for progress reports and the derived status of commitments."""

from decimal import Decimal

from django import template
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from frontend.html import esc
from frontend.templatetags.dkfds_forms import dkfds_field
from frontend.templatetags.engage_site import time_tag_maker
from frontend.urls_for import pk_url_maker

register = template.Library()

STATUS_BADGES = {
    "achieved": "badge-success",
    "on_track": "badge-info",
    "behind": "badge-warning",
    "not_reported": "badge-error",
}


@register.filter
def plain_number(value):
    """A Decimal without trailing zeros (12.500 → 12.5, 100.000 → 100), still a number
    so the template localises it (12,5 in Danish). Empty for None."""
    if value is None:
        return ""
    if not isinstance(value, Decimal):
        return value
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


@register.filter
def status_badge(status: str | None) -> str:
    """The DKFDS badge class of a derived status."""
    return STATUS_BADGES.get(status or "", "")


@register.simple_tag
def report_queue_cards(reports) -> SafeString:
    """The coordinators' queue (frontend/partnerships/reports/queue.html): a card per
    report of selectors.report_list_awaiting_names, written in one pass like the triage
    page's rows."""
    review_url = pk_url_maker("frontend:report_review")
    submitted = time_tag_maker()
    submitted_label = esc(_("Submitted"))
    cards = []
    for report in reports:
        pending = ngettext(
            "%(counter)s value to verify", "%(counter)s values to verify", report.pending_count
        ) % {"counter": report.pending_count}
        cards.append(
            f"""
  <li class="mt-5">
    <article class="card" aria-labelledby="report-{report.pk}">
      <div class="card-content">
        <p class="card-subheading mt-0">{esc(report.programme_name)}</p>
        <h2 id="report-{report.pk}" class="card-heading h3"><a href="{review_url(report.pk)}">{esc(report.organisation_name)} · {esc(report.period_label)}</a></h2>
        <p class="small-text mb-0">{submitted_label} {submitted(report.submitted_at)} · {esc(pending)}</p>
      </div>
    </article>
  </li>"""  # noqa: E501
        )
    return mark_safe("".join(cards))  # noqa: S308 (every value above is escaped)


def _shown_number(value) -> str:
    # {{ value|plain_number }}: trailing zeros dropped, localised as the template would.
    return "" if value is None else esc(localize(plain_number(value)))


@register.simple_tag
def review_rows(rows) -> SafeString:
    """The review page's values (ReviewForm.rows), a fieldset each with what was entered,
    by whom and against which target, and the decision's fields: written in one pass, the
    words and choice labels looked up once per page rather than once per value."""
    from partnerships.models import ProgressValue

    time_tag = time_tag_maker()
    carried_out, not_carried_out = esc(_("Carried out")), esc(_("Not carried out"))
    source = esc(_("Source:"))
    via = {k: esc(v) for k, v in ProgressValue._meta.get_field("entered_via").flatchoices}
    states = {k: esc(v) for k, v in ProgressValue._meta.get_field("state").flatchoices}
    baseline_text = _(
        "baseline %(baseline)s %(unit)s (%(baseline_year)s), target %(target)s %(unit)s "
        "(%(target_year)s)"
    )
    parts = []
    for row in rows:
        v = row["value"]
        c = v.commitment
        if c.is_checklist:
            figure = carried_out if v.done else not_carried_out
            if v.value is not None:
                figure += f" · {_shown_number(v.value)}"
            target = ""
        else:
            figure = f"{_shown_number(v.value)} {esc(c.unit)}"
            target = " · " + baseline_text % {
                "baseline": _shown_number(c.baseline_value),
                "unit": esc(c.unit),
                "baseline_year": esc(localize(c.baseline_year)),
                "target": _shown_number(c.target_value),
                "target_year": esc(localize(c.target_year)),
            }
        who = f"{esc(v.entered_by.public_name)}, " if v.entered_by else ""
        if row["bound"]:
            decision = "".join(dkfds_field(field) for field in row["bound"]) + "\n        "
        else:
            verifier = f" · {esc(v.verified_by.public_name)}" if v.verified_by else ""
            decision = f"<p>{states.get(v.state, esc(v.state))}{verifier}</p>"
        parts.append(
            f"""
      <fieldset class="mt-6">
        <legend class="h4">{esc(c.display_title)}</legend>
        <p><strong>{figure}</strong> · {source} {esc(v.source)}</p>
        <p class="small-text">{who}{time_tag(v.entered_at)} · {via.get(v.entered_via, esc(v.entered_via))}{target}</p>
        {decision}
      </fieldset>
      """  # noqa: E501
        )
    return mark_safe("".join(parts))  # noqa: S308 (every value above is escaped)
