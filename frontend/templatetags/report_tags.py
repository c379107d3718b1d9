"""Template helpers for progress reports and the derived status of commitments."""

from decimal import Decimal

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from frontend.html import esc
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
