"""The climate dashboard's shared rendering: visitors who are not signed in get one copy
per language and filters, signed-in people their own page, and every service that changes
what the dashboard shows retires the copy, so the next anonymous view shows the change."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from engage.cache import public_pages_changed
from engage.taxonomy.models import FocusArea
from partnerships import services
from partnerships.models import (
    InventoryVersion,
    Kind,
    PartnerCommitment,
    ProgressValue,
    ValueState,
)
from partnerships.services.commitments import commitment_data
from partnerships.services.reports import VERIFY
from tests.factories import UserFactory, give_totp
from tests.partnerships import test_dashboard_partners as partners
from tests.partnerships.factories import (
    OrganisationFactory,
    ProgrammeFactory,
    coordinator_make,
    emissions_commitment,
)
from tests.partnerships.test_inventory import (
    FIGURES,
    danish,
    english,
    page_text,
    rows_of,
)

pytestmark = pytest.mark.django_db

URL, figure, section_rows, table_rows = (
    partners.URL,
    partners.figure,
    partners.section_rows,
    partners.table_rows,
)
world = partners.world  # the fixture of three partners

PARTNERS = (
    "2 partners have committed to cut 100 tCO2e of scope 1 and 2 within the municipality "
    "and 100 tCO2e of scope 3 in their value chains."
)
INVENTORY = "In 2020 emissions were 640 tCO2e: 36 % less than in 1990."


def test_a_visitor_not_signed_in_gets_the_shared_copy(world, django_assert_num_queries):
    first = english().get(URL)
    assert PARTNERS in page_text(first)
    with django_assert_num_queries(0):
        again = english().get(URL)
    # The same page but for each visitor's own CSRF token.
    assert without_token(again) == without_token(first)
    assert "shared-page-csrf-token-placeholder" not in again.content.decode()


def without_token(response) -> str:
    html = response.content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    return html.replace(token, "")


def test_each_language_and_filter_has_its_own_copy(world, django_assert_num_queries):
    assert PARTNERS in page_text(english().get(URL))
    assert "2 partnere har forpligtet sig til at reducere 100 tCO2e" in page_text(danish().get(URL))
    beta = (
        "1 partner has committed to cut 40 tCO2e of scope 1 and 2 within the municipality "
        "and 0 tCO2e of scope 3 in its value chain."
    )
    assert beta in page_text(english().get(URL, {"programme": "beta"}))
    # The same filters, in another order and with empty ones: the same copy.
    with django_assert_num_queries(0):
        text = page_text(english().get(f"{URL}?sector=&year_to=&programme=beta"))
    assert beta in text
    with django_assert_num_queries(0):
        assert PARTNERS in page_text(english().get(f"{URL}?sector="))
    # A filter given twice counts by its last value, in whichever order.
    waste = "No active partner commitment in tCO2e matches the filters."
    assert waste in page_text(english().get(f"{URL}?sector=transport&sector=waste"))
    assert waste not in page_text(english().get(f"{URL}?sector=waste&sector=transport"))


def test_a_query_string_with_more_than_the_filters_is_not_shared(world):
    english().get(f"{URL}?programme=beta&ref=nyhedsbrev")
    response = english().get(f"{URL}?programme=beta&ref=avis")
    # Rendered for this visitor: the language forms return to this visitor's own address.
    assert 'name="next" value="/klima/?programme=beta&amp;ref=avis"' in response.content.decode()
    assert "nyhedsbrev" not in response.content.decode()


def test_signed_in_people_get_their_own_page_and_never_the_shared_one(world):
    coordinator = coordinator_make(display_name="Kirsten Koordinator")
    give_totp(coordinator)
    citizen = UserFactory(display_name="Bo Borger")
    manage = f'href="{reverse("frontend:inventory_staff")}"'
    anonymous = english().get(URL).content.decode()
    assert manage not in anonymous
    staff = english()
    staff.force_login(coordinator)
    page = staff.get(URL).content.decode()
    assert manage in page and "Kirsten Koordinator" in page
    signed_in = english()
    signed_in.force_login(citizen)
    page = signed_in.get(URL).content.decode()
    assert "Bo Borger" in page and manage not in page
    # Nothing of theirs went into the shared copy.
    again = english().get(URL).content.decode()
    assert "Kirsten Koordinator" not in again and "Bo Borger" not in again
    assert manage not in again


# --- every change shows at once on the next anonymous view --------------------------------


def _verify_pending(world):
    report = ProgressValue.objects.get(state=ValueState.PENDING).report
    services.report_review(
        report=report,
        actor=world["coordinator"],
        decisions=[
            services.ValueDecision(value_id=v.pk, decision=VERIFY) for v in report.values.all()
        ],
    )


def _food_waste_target(world):
    commitment = PartnerCommitment.objects.get(metric="food_waste")
    services.partner_commitment_update(
        commitment=commitment,
        actor=world["coordinator"],
        data=commitment_data(commitment) | {"target_value": "500"},
    )


def _company_kind(world):
    organisation = world["company"].organisation
    services.organisation_update(
        organisation=organisation,
        actor=world["coordinator"],
        name=organisation.name,
        kind=Kind.ASSOCIATION,
        sector=organisation.sector,
    )


def _rename_alfa(world):
    programme = world["company"].programme
    services.programme_update(
        programme=programme,
        actor=world["coordinator"],
        name="Gamma",
        description=programme.description,
        eligible_kinds=programme.eligible_kinds,
    )


def _approve_a_partner(world):
    admin = UserFactory()
    programme = ProgrammeFactory(coordinators=[world["coordinator"]])
    organisation = OrganisationFactory(admins=[admin], verified_at=timezone.now())
    application = services.application_submit(
        programme=programme,
        organisation=organisation,
        actor=admin,
        answers=["Ja", ""],
        proposed_commitments=[emissions_commitment()],
    )
    services.application_decide(
        application=application,
        actor=world["coordinator"],
        decision="approved",
        message="Velkommen.",
        review_date=timezone.localdate() + timedelta(days=365),
    )


CHANGES = {
    "an agreement paused": (
        lambda w: services.agreement_act(
            agreement=w["company"], actor=w["coordinator"], action="paused", reason="Pause"
        ),
        "1 partner has committed to cut 40 tCO2e of scope 1 and 2",
    ),
    "an agreement resumed": (
        lambda w: services.agreement_act(
            agreement=w["paused"], actor=w["coordinator"], action="resumed", reason="Igen"
        ),
        "3 partners have committed to cut 500 tCO2e of scope 1 and 2",
    ),
    "an agreement approved with a commitment": (
        _approve_a_partner,
        "3 partners have committed to cut 161 tCO2e of scope 1 and 2",
    ),
    "a commitment added": (
        lambda w: services.partner_commitment_add(
            agreement=w["housing"], actor=w["coordinator"], data=emissions_commitment()
        ),
        "2 partners have committed to cut 161 tCO2e of scope 1 and 2",
    ),
    "a commitment withdrawn": (
        lambda w: services.partner_commitment_withdraw(
            commitment=PartnerCommitment.objects.get(scope=2),
            actor=w["coordinator"],
            reason="Solgt",
        ),
        "2 partners have committed to cut 90 tCO2e of scope 1 and 2",
    ),
    "a value verified": (
        _verify_pending,
        "Verified values show 105 tCO2e cut within the municipality (3 of 3",
    ),
    "an inventory imported": (
        lambda w: services.inventory_import(
            actor=w["coordinator"],
            rows=rows_of({1990: FIGURES[1990], 2020: (100, 100, 100, 40, 20)}),
            label="Rettet",
            source="Energistyrelsen",
            published_on=date(2025, 6, 1),
        ),
        "In 2020 emissions were 360 tCO2e",
    ),
    "a year typed in": (
        lambda w: services.inventory_year_enter(
            actor=w["coordinator"],
            year=2024,
            values=dict.fromkeys(
                ("energy", "transport", "agriculture", "industry", "waste"), Decimal(50)
            ),
            base=None,
            label="2024",
            source="Kommunen",
            published_on=date(2025, 6, 1),
        ),
        "In 2024 emissions were 250 tCO2e",
    ),
    "the climate targets": (
        lambda w: services.climate_targets_update(
            actor=w["coordinator"], baseline_year=2010, targets=[(2030, Decimal(70))]
        ),
        "less than in 2010",
    ),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_change_shows_at_once_on_the_next_anonymous_view(world, change):
    make, words = CHANGES[change]
    before = page_text(english().get(URL))
    assert PARTNERS in before and INVENTORY in before and words not in before
    make(world)
    assert words in page_text(english().get(URL))


def test_a_change_shows_at_once_to_a_signed_in_visitor_too(world):
    visitor = english()
    visitor.force_login(UserFactory(preferred_language="en"))
    assert PARTNERS in page_text(visitor.get(URL))
    _verify_pending(world)
    words = "Verified values show 105 tCO2e cut within the municipality (3 of 3"
    assert words in page_text(visitor.get(URL))


def test_an_older_version_shown_again_shows_at_once(world):
    shown = services.inventory_import(
        actor=world["coordinator"],
        rows=rows_of({1990: FIGURES[1990], 2020: (100, 100, 100, 40, 20)}),
        label="Rettet",
        source="Energistyrelsen",
        published_on=date(2025, 6, 1),
    )
    assert "In 2020 emissions were 360 tCO2e" in page_text(english().get(URL))
    older = InventoryVersion.objects.exclude(pk=shown.pk).get()
    services.inventory_version_show(actor=world["coordinator"], version=older)
    assert INVENTORY in page_text(english().get(URL))


def test_a_changed_measure_shows_at_once(world):
    html = english().get(URL).content.decode()
    assert section_rows(html, "partner-measures")[1] == ["Food waste", "kg", "400", "0", "1", "0"]
    _food_waste_target(world)
    html = english().get(URL).content.decode()
    assert section_rows(html, "partner-measures")[1] == ["Food waste", "kg", "500", "0", "1", "0"]


def test_an_organisation_of_another_kind_shows_at_once(world):
    html = english().get(URL).content.decode()
    assert table_rows(figure(html, "chart-partners-kind"))[0][0] == "Company"
    _company_kind(world)
    html = english().get(URL).content.decode()
    assert [row[0] for row in table_rows(figure(html, "chart-partners-kind"))] == [
        "Association or NGO",
        "Housing association",
    ]


def test_a_renamed_or_new_programme_shows_at_once(world):
    html = english().get(URL).content.decode()
    assert table_rows(figure(html, "chart-partners-programme"))[0][0] == "Alfa"
    _rename_alfa(world)
    html = english().get(URL).content.decode()
    assert [row[0] for row in table_rows(figure(html, "chart-partners-programme"))] == [
        "Beta",
        "Gamma",
    ]
    coordinator = world["coordinator"]
    programme = services.programme_create(
        actor=coordinator,
        name="Delta",
        description="Nyt.",
        eligible_kinds=[Kind.COMPANY],
        coordinators=[coordinator],
    )
    html = english().get(URL).content.decode()
    assert f'<option value="{programme.slug}">Delta</option>' in html


def test_a_renamed_focus_area_shows_at_once(world):
    html = english().get(URL).content.decode()
    area = FocusArea.objects.get(slug="klimahandlingsplan")
    assert table_rows(figure(html, "chart-partners-focus-area"))[0][0] == area.name_en
    area.name_en = "A joint climate plan"
    area.save()
    html = english().get(URL).content.decode()
    assert table_rows(figure(html, "chart-partners-focus-area"))[0][0] == "A joint climate plan"


def test_a_change_elsewhere_renders_the_page_again_from_the_kept_sections(
    world, django_assert_num_queries
):
    english().get(URL)
    public_pages_changed()  # e.g. a person's name: the page, not the dashboard's figures
    # The programmes of the filter and both sections are kept under the climate version.
    with django_assert_num_queries(0):
        assert PARTNERS in page_text(english().get(URL))


def test_the_kept_sections_are_in_each_visitors_language(world):
    area = FocusArea.objects.get(slug="klimahandlingsplan")
    assert area.name_da != area.name_en
    english().get(URL)
    public_pages_changed()
    html = danish().get(URL).content.decode()
    assert table_rows(figure(html, "chart-partners-focus-area"))[0][0] == area.name_da


def test_an_organisation_changed_in_the_admin_shows_at_once(world, client):
    from tests.factories import AdminFactory

    html = english().get(URL).content.decode()
    assert table_rows(figure(html, "chart-partners-kind"))[0][0] == "Company"
    organisation = world["company"].organisation
    superuser = AdminFactory()
    give_totp(superuser, recovery_codes=False)
    client.force_login(superuser)
    url = reverse("admin:partnerships_organisation_change", args=[organisation.pk])
    form = {
        "name": organisation.name,
        "kind": Kind.ASSOCIATION,
        "sector": organisation.sector,
        "description": organisation.description,
        "website": organisation.website,
        "address": organisation.address,
        "size": "",  # an association has no size
        "cvr": organisation.cvr,
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    html = english().get(URL).content.decode()
    assert [row[0] for row in table_rows(figure(html, "chart-partners-kind"))] == [
        "Association or NGO",
        "Housing association",
    ]
