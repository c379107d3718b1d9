"""The layout's template tags: <time> elements, static assets and icons."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import translation

from proposals.lifecycle import Outcome, Status, label_of
from proposals.models import Proposal, ProposalEvent

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


def test_choice_labels_are_what_get_display_gave():
    with translation.override("da"):
        for status in Status:
            assert Proposal(status=status).get_status_display() == str(status.label)
            assert ProposalEvent(to_status=status).get_to_status_display() == str(status.label)
        assert (
            Proposal(outcome=Outcome.NOT_FEASIBLE).get_outcome_display() == "Kan ikke gennemføres"
        )
    # Blank and unknown values show as they are, as Django's get_FOO_display does.
    assert Proposal(outcome="").get_outcome_display() == ""
    assert label_of(Status, "archived") == "archived"


@pytest.mark.parametrize("debug", [False, True], ids=["kept", "DEBUG"])
def test_status_badge_is_kept_per_language_status_and_outcome(settings, debug):
    settings.DEBUG = debug
    answered = Proposal(status=Status.ANSWERED, outcome=Outcome.ACCEPTED)
    source = "{% load proposal_tags %}{% status_badge p %}"
    with translation.override("da"):
        danish = Template(source).render(Context({"p": answered}))
        review = Template(source).render(Context({"p": Proposal(status=Status.UNDER_REVIEW)}))
    with translation.override("en"):
        english = Template(source).render(Context({"p": answered}))
    assert danish == '<span class="badge badge-small badge-success">Besvaret: godkendt</span>\n'
    assert english == '<span class="badge badge-small badge-success">Answered: accepted</span>\n'
    assert review == '<span class="badge badge-small badge-warning">Under behandling</span>\n'
