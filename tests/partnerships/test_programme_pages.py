"""The programme, application and agreement pages as people use them, from a
coordinator's new programme to an agreement with the municipality's commitments."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from partnerships.models import (
    Agreement,
    AgreementStatus,
    Application,
    ApplicationStatus,
    Commitment,
    Programme,
)
from tests.factories import UserFactory, give_totp
from tests.partnerships.factories import (
    HousingFactory,
    OrganisationFactory,
    ProgrammeFactory,
    coordinator_make,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _isolated():
    cache.clear()


def text_of(response) -> str:
    return response.content.decode()


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def _world():
    coordinator = coordinator_make()
    give_totp(coordinator)
    admin = UserFactory()
    organisation = OrganisationFactory(admins=[admin], verified_at=timezone.now())
    programme = ProgrammeFactory(coordinators=[coordinator])
    return {
        "coordinator": coordinator,
        "admin": admin,
        "organisation": organisation,
        "programme": programme,
    }


def test_a_coordinator_creates_a_programme_with_questions(client, taxonomy):
    coordinator = coordinator_make()
    give_totp(coordinator)
    client.force_login(coordinator)
    url = reverse("frontend:programme_create")
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(
        url,
        {
            "name": "Grønne skoler",
            "description": "Skoler, der vil spare på energien.",
            "eligible_kinds": ["school"],
            "reporting_rhythm": "annual",
            "questions": "* Hvor mange elever har skolen?\nHvem er kontaktperson?",
            "coordinators": [str(coordinator.pk)],
            "is_open": "on",
        },
        follow=True,
    )
    programme = Programme.objects.get()
    assert response.redirect_chain[-1][0] == programme.get_absolute_url()
    assert programme.questions == [
        {"text": "Hvor mange elever har skolen?", "required": True},
        {"text": "Hvem er kontaktperson?", "required": False},
    ]
    assert list(programme.coordinators.all()) == [coordinator]
    edit = client.get(reverse("frontend:programme_edit", args=[programme.slug]))
    assert "* Hvor mange elever har skolen?" in text_of(edit)


def test_a_programme_form_without_kinds_says_so(client, taxonomy):
    coordinator = coordinator_make()
    give_totp(coordinator)
    client.force_login(coordinator)
    response = client.post(
        reverse("frontend:programme_create"),
        {"name": "X", "description": "Y", "reporting_rhythm": "annual"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "Vælg mindst én type organisation" in text_of(response)
    assert not Programme.objects.exists()


def test_the_whole_way_from_application_to_agreement(client, taxonomy):
    world = _world()
    programme, admin, coordinator = world["programme"], world["admin"], world["coordinator"]
    public = client.get(programme.get_absolute_url())
    assert "Apply on behalf" not in text_of(public)

    client.force_login(admin)
    detail = client.get(programme.get_absolute_url())
    assert reverse("frontend:programme_apply", args=[programme.slug]) in text_of(detail)
    apply_url = reverse("frontend:programme_apply", args=[programme.slug])
    missing = client.post(apply_url, {"organisation": world["organisation"].slug})
    assert missing.status_code == 200
    assert not Application.objects.exists()
    assert 'id="id_answer_0_error"' in text_of(missing)
    response = client.post(
        apply_url,
        {"organisation": world["organisation"].slug, "answer_0": "Varmepumper", "answer_1": ""},
    )
    application = Application.objects.get()
    assert response["Location"] == application.get_absolute_url()
    assert client.get(application.get_absolute_url()).status_code == 200

    client.force_login(coordinator)
    workspace = client.get(reverse("frontend:partnership_workspace"))
    assert application.get_absolute_url() in text_of(workspace)
    decide = reverse("frontend:application_decide", args=[application.pk])
    asked = client.post(decide, {"decision": "changes_requested", "message": "Mere om målene."})
    assert asked.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CHANGES_REQUESTED

    client.force_login(admin)
    resubmit = reverse("frontend:application_resubmit", args=[application.pk])
    form = client.get(resubmit)
    assert "Mere om målene." in text_of(form)
    assert "Varmepumper" in text_of(form)
    client.post(resubmit, {"answer_0": "Varmepumper og solceller"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED

    client.force_login(coordinator)
    review = timezone.localdate() + timedelta(days=365)
    no_review = client.post(decide, {"decision": "approved", "message": "Velkommen"})
    assert no_review.status_code == 400
    client.post(
        decide, {"decision": "approved", "message": "Velkommen", "review_date": review.isoformat()}
    )
    agreement = Agreement.objects.get()
    page = client.get(agreement.get_absolute_url())
    assert page.status_code == 200
    due = (timezone.localdate() + timedelta(days=30)).isoformat()
    client.post(
        reverse("frontend:commitment_add", args=[agreement.pk]),
        {"text": "Energirådgivning", "due_date": due, "owner": str(coordinator.pk)},
    )
    commitment = Commitment.objects.get()
    assert commitment.owner == coordinator
    edit_url = reverse("frontend:commitment_edit", args=[agreement.pk, commitment.pk])
    assert client.get(edit_url).status_code == 200
    client.post(
        edit_url,
        {
            "text": "Energirådgivning",
            "due_date": due,
            "owner": str(coordinator.pk),
            "status": "done",
        },
    )
    commitment.refresh_from_db()
    assert commitment.status == "done"
    act = reverse("frontend:agreement_act", args=[agreement.pk])
    # The choices say what the coordinator does; the history says what was done.
    choices = text_of(client.get(agreement.get_absolute_url()))
    assert "Sæt aftalen på pause" in choices and "Afslut aftalen" in choices
    refused = client.post(act, {"action": "paused", "reason": ""})
    assert refused.status_code == 400
    client.post(act, {"action": "paused", "reason": "Ombygning"})
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.PAUSED
    shown = text_of(client.get(agreement.get_absolute_url()))
    assert "Ombygning" in shown and "Energirådgivning" in shown
    assert "Genoptag aftalen" in shown and "Sat på pause" in shown  # the choice, the step

    # The public organisation page lists active agreements only.
    client.logout()
    organisation_page = text_of(client.get(world["organisation"].get_absolute_url()))
    assert programme.name not in organisation_page
    client.force_login(coordinator)
    client.post(act, {"action": "resumed", "reason": "Færdig"})
    client.logout()
    organisation_page = text_of(client.get(world["organisation"].get_absolute_url()))
    assert programme.name in organisation_page
    partners = text_of(client.get(programme.get_absolute_url()))
    assert world["organisation"].name in partners


def test_approving_an_unverified_organisation_shows_why_it_cannot(client, taxonomy):
    world = _world()
    housing_admin = UserFactory()
    housing = HousingFactory(admins=[housing_admin])
    from partnerships import services

    application = services.application_submit(
        programme=world["programme"], organisation=housing, actor=housing_admin, answers=["Ja"]
    )
    client.force_login(world["coordinator"])
    response = client.post(
        reverse("frontend:application_decide", args=[application.pk]),
        {
            "decision": "approved",
            "message": "Velkommen",
            "review_date": (timezone.localdate() + timedelta(days=30)).isoformat(),
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "er endnu ikke verificeret. Verificer organisationen" in text_of(response)
    assert not Agreement.objects.exists()


def test_the_workspace_runs_a_constant_number_of_queries(client, taxonomy):
    world = _world()
    from partnerships import services

    def add_applications(n):
        for _ in range(n):
            admin = UserFactory()
            organisation = OrganisationFactory(admins=[admin])
            services.application_submit(
                programme=world["programme"], organisation=organisation, actor=admin, answers=["x"]
            )

    client.force_login(world["coordinator"])
    url = reverse("frontend:partnership_workspace")
    add_applications(1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    add_applications(5)
    with CaptureQueriesContext(connection) as six:
        assert client.get(url).status_code == 200
    assert len(six) == len(one)


def test_the_admin_shows_programmes_applications_and_agreements_read_only(client, taxonomy):
    from tests.factories import AdminFactory

    world = _world()
    from partnerships import services

    application = services.application_submit(
        programme=world["programme"],
        organisation=world["organisation"],
        actor=world["admin"],
        answers=["Ja"],
    )
    services.application_decide(
        application=application,
        actor=world["coordinator"],
        decision="approved",
        message="Velkommen",
        review_date=timezone.localdate() + timedelta(days=30),
    )
    superuser = AdminFactory()
    give_totp(superuser)
    client.force_login(superuser)
    agreement = Agreement.objects.get()
    for name, pk in [
        ("programme", world["programme"].pk),
        ("application", application.pk),
        ("agreement", agreement.pk),
    ]:
        assert client.get(reverse(f"admin:partnerships_{name}_changelist")).status_code == 200
        page = client.get(reverse(f"admin:partnerships_{name}_change", args=[pk]))
        assert page.status_code == 200
        assert (
            client.post(reverse(f"admin:partnerships_{name}_change", args=[pk]), {}).status_code
            == 403
        )


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # A second view: the first after a change of the person's notifications counts them
    # and keeps the count in their session (once, whatever the page).
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_programme_list_and_page_run_a_constant_number_of_queries(client, taxonomy):
    from engage.cache import climate_dashboard_changed
    from engage.taxonomy.models import FocusArea
    from partnerships.models import Agreement as AgreementModel
    from partnerships.models import Application as ApplicationModel

    programme = ProgrammeFactory()
    programme.focus_areas.set(FocusArea.objects.all()[:1])
    today = timezone.localdate()

    def add_partner():
        organisation = OrganisationFactory(verified_at=timezone.now())
        application = ApplicationModel.objects.create(
            programme=programme, organisation=organisation, status="approved"
        )
        AgreementModel.objects.create(
            application=application,
            programme=programme,
            organisation=organisation,
            start_date=today,
            review_date=today + timedelta(days=1),
        )

    ProgrammeFactory()
    add_partner()
    list_url = reverse("frontend:programme_list")
    detail_url = programme.get_absolute_url()
    counts = (_queries(client, list_url), _queries(client, detail_url))
    for _ in range(4):
        ProgrammeFactory().focus_areas.set(FocusArea.objects.all()[:3])
        add_partner()
    climate_dashboard_changed()  # as the services that add partners do
    assert (_queries(client, list_url), _queries(client, detail_url)) == counts


def test_the_agreement_page_runs_a_constant_number_of_queries(client, taxonomy):
    from partnerships import services

    world = _world()
    application = services.application_submit(
        programme=world["programme"],
        organisation=world["organisation"],
        actor=world["admin"],
        answers=["Ja"],
    )
    approve = services.application_decide(
        application=application,
        actor=world["coordinator"],
        decision="approved",
        message="Velkommen",
        review_date=timezone.localdate() + timedelta(days=30),
    )
    agreement = approve.agreement

    def add(n):
        for i in range(n):
            services.commitment_add(
                agreement=agreement,
                actor=world["coordinator"],
                text=f"Rådgivning {i}",
                due_date=timezone.localdate(),
                owner=world["coordinator"],
            )
            services.agreement_act(
                agreement=agreement,
                actor=world["coordinator"],
                action="renewed",
                reason="Et år mere",
                review_date=timezone.localdate() + timedelta(days=40 + i),
            )

    client.force_login(world["coordinator"])
    add(1)
    one = _queries(client, agreement.get_absolute_url())
    add(5)
    assert _queries(client, agreement.get_absolute_url()) == one


def test_an_organisation_with_an_application_or_agreement_is_not_offered_to_apply(client, taxonomy):
    from partnerships import services

    world = _world()
    apply_url = reverse("frontend:programme_apply", args=[world["programme"].slug])
    client.force_login(world["admin"])
    assert client.get(apply_url).status_code == 200
    services.application_submit(
        programme=world["programme"],
        organisation=world["organisation"],
        actor=world["admin"],
        answers=["Ja"],
    )
    detail = text_of(client.get(world["programme"].get_absolute_url()))
    assert apply_url not in detail
    assert client.get(apply_url).status_code == 403


def test_a_programmes_breadcrumbs_name_it_once_as_the_current_page(client, taxonomy):
    programme = ProgrammeFactory(name="Grønne skoler")
    page = text_of(client.get(programme.get_absolute_url()))
    crumbs = page[
        page.index('class="breadcrumbs"') : page.index("</nav>", page.index('class="breadcrumbs"'))
    ]
    assert crumbs.count("Grønne skoler") == 1
    assert 'aria-current="page">' in crumbs


def test_the_main_menu_leads_to_the_climate_partnerships(client, taxonomy):
    page = text_of(client.get(reverse("frontend:home")))
    assert f'href="{reverse("frontend:programme_list")}"' in page
    listing = text_of(client.get(reverse("frontend:programme_list")))
    assert 'aria-current="page"><span>Klimapartnerskaber</span>' in listing


def test_the_organisations_applications_read_a_constant_number_of_queries(client, taxonomy):
    """Its page lists its applications (and agreements) to its members: one per programme."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from partnerships import services
    from tests.partnerships.factories import ProgrammeFactory

    admin = UserFactory()
    organisation = OrganisationFactory(admins=[admin])

    def apply(n: int) -> None:
        for _ in range(n):
            services.application_submit(
                programme=ProgrammeFactory(),
                organisation=organisation,
                actor=admin,
                answers=["Solceller", ""],
            )

    client.force_login(admin)
    counts = []
    for n in (1, 5):
        apply(n)
        cache.clear()
        client.get(organisation.get_absolute_url())
        with CaptureQueriesContext(connection) as queries:
            response = client.get(organisation.get_absolute_url())
        assert response.status_code == 200
        assert len(response.context["applications"]) == {1: 1, 5: 6}[n]
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
