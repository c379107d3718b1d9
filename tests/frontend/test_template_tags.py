"""The layout's template tags: <time> elements, static assets and icons."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import translation

from proposals.lifecycle import Outcome, Status
from proposals.models import Proposal

COPENHAGEN = zoneinfo.ZoneInfo("Europe/Copenhagen")
# 23:30 UTC is already the next day in Copenhagen (UTC+1 in winter).
LATE_EVENING_UTC = datetime.datetime(2026, 11, 28, 23, 30, tzinfo=datetime.UTC)


def render(source: str, **context) -> str:
    return Template("{% load engage_site %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "format_name", "shown"),
    [
        ("da", "DATE_FORMAT", "29. november 2026"),
        ("en", "DATE_FORMAT", "Nov. 29, 2026"),
        ("da", "DATETIME_FORMAT", "29. november 2026 00:30"),
        ("da", "SHORT_DATE_FORMAT", "29.11.2026"),
    ],
)
def test_time_tag_shows_local_time_in_the_language(settings, language, format_name, shown):
    settings.TIME_ZONE = "Europe/Copenhagen"
    with translation.override(language):
        html = render("{% time_tag moment format %}", moment=LATE_EVENING_UTC, format=format_name)
    local = LATE_EVENING_UTC.astimezone(COPENHAGEN).isoformat()
    assert html == f'<time datetime="{local}">{shown}</time>'


def test_time_tag_is_what_the_date_filter_gave(settings):
    """The tag replaced `<time datetime="{{ x|date:'c' }}">{{ x|date }}</time>`."""
    settings.TIME_ZONE = "Europe/Copenhagen"
    with translation.override("da"):
        old = render(
            '<time class="small-text" datetime="{{ x|date:\'c\' }}">'
            '{{ x|date:"DATETIME_FORMAT" }}</time>',
            x=LATE_EVENING_UTC,
        )
        new = render('{% time_tag x "DATETIME_FORMAT" classes="small-text" %}', x=LATE_EVENING_UTC)
    assert new == old


def test_time_tag_escapes_classes_and_skips_none():
    assert render("{% time_tag x classes=css %}", x=LATE_EVENING_UTC, css='a"b').startswith(
        '<time class="a&quot;b" '
    )
    assert render("{% time_tag x %}", x=None) == ""


def test_asset_and_icon_use_the_static_url(settings):
    settings.STATIC_URL = "/assets-a/"
    assert render("{% asset 'frontend/css/engage.css' %}") == "/assets-a/frontend/css/engage.css"
    settings.STATIC_URL = "/assets-b/"
    assert render("{% asset 'frontend/css/engage.css' %}") == "/assets-b/frontend/css/engage.css"
    assert '<use href="/assets-b/frontend/vendor/dkfds/img/all-svg-icons.svg#star">' in render(
        "{% icon 'star' %}"
    )


def test_status_badge_follows_language_status_and_outcome():
    answered = Proposal(status=Status.ANSWERED, outcome=Outcome.ACCEPTED)
    source = "{% load proposal_tags %}{% status_badge p %}"
    with translation.override("da"):
        danish = Template(source).render(Context({"p": answered}))
        review = Template(source).render(Context({"p": Proposal(status=Status.UNDER_REVIEW)}))
    with translation.override("en"):
        english = Template(source).render(Context({"p": answered}))
    assert danish == '<span class="badge badge-small badge-success">Besvaret: godkendt</span>'
    assert english == '<span class="badge badge-small badge-success">Answered: accepted</span>'
    assert review == '<span class="badge badge-small badge-warning">Under behandling</span>'


def _pagination(query: str, number: int, *, target: str = "", show: str = "") -> str:
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    page = Paginator(list(range(100)), 10).page(number)
    context = {
        "page": page,
        "page_numbers": page.paginator.get_elided_page_range(number, on_each_side=1, on_ends=1),
        "target": target,
        "show": show,
    }
    request = RequestFactory().get(f"/forslag/?{query}")
    return render_to_string("frontend/includes/pagination.html", context, request)


def test_page_links_keep_the_rest_of_the_query():
    with translation.override("da"):
        html = _pagination("q=cykel+sti&page=4&theme=klima&sdg=13&sdg=11", 4)
    rest = "q=cykel+sti&amp;theme=klima&amp;sdg=13&amp;sdg=11"
    assert f'href="?{rest}&amp;page=3" class="button button-arrow button-previous"' in html
    assert f'href="?{rest}&amp;page=5" class="button button-arrow button-next"' in html
    assert f'href="?{rest}&amp;page=4" class="button current-page" aria-current="page"' in html
    assert f'href="?{rest}&amp;page=10"' in html and "Side 4 af 10" in html
    assert "hx-boost" not in html  # ordinary links without a target


def test_page_links_without_other_parameters_and_with_an_htmx_target():
    html = _pagination("page=1", 1, target="proposal-results", show="proposal-count")
    assert 'href="?page=2" class="button button-arrow button-next"' in html
    assert "button-previous" not in html
    assert 'hx-target="#proposal-results" hx-swap="innerHTML show:#proposal-count:top"' in html
    assert 'hx-swap="innerHTML show:#triage-results:top"' in _pagination(
        "", 2, target="triage-results"
    )
