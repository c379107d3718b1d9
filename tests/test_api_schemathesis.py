"""The whole REST API against its own OpenAPI schema, with schemathesis (in-process WSGI).

Every operation in /api/schema/ is called with generated valid and invalid input, as an
anonymous visitor, a citizen, a team member and a moderator: no answer may be a server
error, and every answer (status, content type, body) must be one the schema describes.
The run is bounded and derandomized, so it gives the same verdict every time.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from engage.wsgi import application
from proposals.lifecycle import Status
from tests.factories import ModeratorFactory, UserFactory, give_totp
from tests.partnerships.factories import OrganisationFactory
from tests.proposals.factories import CommentFactory, ProposalFactory, TeamFactory, focus_area_get

MAX_EXAMPLES = 6
# Body fields that name another object by slug or id.
# ("programme" and "organisation": slugs in an application to the partnerships API.)
REFERENCE_FIELDS = {
    "theme",
    "focus_area",
    "secondary_focus_areas",
    "team",
    "into",
    "parent",
    "programme",
    "organisation",
}
CSRF_SECRET = "schemathesisschemathesisschemath"  # 32 characters: Django takes it as the secret


def _config() -> schemathesis.Config:
    config = schemathesis.Config(seed=20261202)
    config.projects.default.generation.update(
        max_examples=MAX_EXAMPLES,
        deterministic=True,
        database="none",
        with_security_parameters=False,
    )
    return config


# Loaded once at collection (the schema view needs no database); schemathesis's
# from_fixture loader does not run on this pytest.
schema = schemathesis.openapi.from_wsgi("/api/schema/", application, config=_config())


@pytest.fixture(autouse=True)
def _requests_keep_the_connection():
    """As in Django's test client: a request must not close the test's connection (and
    with it the transaction that keeps every test's rows apart)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def world(db):
    """A little of everything, so generated ids sometimes hit a real object."""
    author = UserFactory()
    member = UserFactory()
    TeamFactory(slug="vej-og-park", members=[member], focus_areas=["klimahandlingsplan"])
    moderator = ModeratorFactory()
    give_totp(moderator, recovery_codes=False)
    area = focus_area_get()
    published = ProposalFactory(author=author, focus_area=area)
    ProposalFactory(author=author, status=Status.SUBMITTED)
    ProposalFactory(author=author, status=Status.DRAFT)
    CommentFactory(proposal=published)
    organisation = OrganisationFactory(slug="solgaarden", admins=[author], members=[member])
    _inventory_make()
    _partners_make(organisation)
    return {"citizen": author, "team_member": member, "moderator": moderator}


def _inventory_make() -> None:
    """One version of the greenhouse-gas inventory, for the open-data endpoints."""
    from datetime import date
    from decimal import Decimal

    from partnerships.services import InventoryRowData, inventory_import

    rows = [
        InventoryRowData(year, sector, Decimal(100))
        for year in (1990, 2020)
        for sector in ("energy", "transport", "agriculture", "industry", "waste")
    ]
    inventory_import(
        actor=None,
        rows=rows,
        label="Regnskab",
        source="Energistyrelsen",
        published_on=date(2025, 1, 1),
    )


def _partners_make(organisation) -> None:
    """An active agreement with an emissions commitment and a green action, each with a
    verified value, for the partners' open-data endpoints."""
    from decimal import Decimal

    from tests.partnerships.factories import (
        ChecklistCommitmentFactory,
        PartnerCommitmentFactory,
        agreement_make,
        verified_value_make,
    )

    agreement = agreement_make(organisation=organisation)
    emissions = PartnerCommitmentFactory(agreement=agreement)
    action = ChecklistCommitmentFactory(agreement=agreement)
    verified_value_make(commitment=emissions, year=2024, value=Decimal("80.5"))
    verified_value_make(commitment=action, year=2024, done=True)


def _cookies(user) -> dict[str, str]:
    cookies = {"csrftoken": CSRF_SECRET}
    if user is not None:
        client = Client()
        client.force_login(user)
        cookies["sessionid"] = client.cookies["sessionid"].value
    return cookies


def _conformance_test(role: str):
    @schema.parametrize()
    # `world` is made once per operation and shared by its examples, on purpose.
    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
    def test(case, world):
        cache.clear()  # throttle counters: every example starts within the limits
        # On the case itself, so the check that auth is enforced can take the session away.
        case.cookies = {**(case.cookies or {}), **_cookies(world.get(role))}
        case.headers = {**(case.headers or {}), "X-CSRFToken": CSRF_SECRET}
        # What schemathesis's own auth providers mark: the session was given, not generated.
        case._has_explicit_auth = world.get(role) is not None
        response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
        _check_positive_data_accepted(case, response)

    return test


def _check_positive_data_accepted(case, response) -> None:
    """schemathesis's positive_data_acceptance, except that a well-formed reference to
    something that does not exist (a slug, an id in the body) may be refused with a 400
    naming only those fields: a schema cannot list the rows of a table."""
    if not case.meta.generation.mode.is_positive or response.status_code < 400:
        return
    if response.status_code == 400:
        refused = set(response.json())
        assert refused <= REFERENCE_FIELDS, (
            f"{case.operation.label}: schema-valid input refused: {response.text}"
        )
        return
    assert response.status_code in (401, 403, 404, 409, 429), (
        f"{case.operation.label}: schema-valid input got {response.status_code}: {response.text}"
    )


test_api_as_anonymous = _conformance_test("anonymous")
test_api_as_citizen = _conformance_test("citizen")
test_api_as_team_member = _conformance_test("team_member")
test_api_as_moderator = _conformance_test("moderator")
