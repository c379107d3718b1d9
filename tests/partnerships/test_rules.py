"""The permission matrix for organisations, written out by hand: every role against every
action, and against every page (HTTP answers), for the organisation the member and the
organisation admin belong to ("own"), for another organisation ("other") and for a partner
with an active agreement ("partner"), which the public directory lists.

Roles: anonymous; citizen (signed in, in no organisation); member and org_admin (of the
own organisation, in no other); moderator (settings.MODERATOR_GROUP); coordinator
(settings.COORDINATOR_GROUP, a partnership coordinator); admin (superuser). `Y` =
allowed, `-` = not. Staff use MFA, so they are enrolled in TOTP here.
"""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser, Group
from django.urls import reverse

from partnerships.models import Membership
from tests.factories import AdminFactory, ModeratorFactory, UserFactory, give_totp
from tests.partnerships.factories import OrganisationFactory, agreement_make

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "citizen", "member", "org_admin", "moderator", "coordinator", "admin")

# permission               object  anon cit mem oadm mod coord admin
TABLE = """
view_organisation          own     Y    Y   Y   Y    Y   Y     Y
view_organisation          other   Y    Y   Y   Y    Y   Y     Y
add_organisation           -       -    Y   Y   Y    Y   Y     Y
change_organisation        own     -    -   -   Y    -   -     -
change_organisation        other   -    -   -   -    -   -     -
view_members               own     -    -   Y   Y    Y   Y     Y
view_members               other   -    -   -   -    Y   Y     Y
manage_members             own     -    -   -   Y    Y   Y     Y
manage_members             other   -    -   -   -    Y   Y     Y
submit_for_organisation    own     -    -   Y   Y    -   -     -
submit_for_organisation    other   -    -   -   -    -   -     -
verify_organisation        -       -    -   -   -    Y   Y     Y
verify_organisation        own     -    -   -   -    Y   Y     Y
manage_tokens              own     -    -   -   Y    -   -     -
manage_tokens              other   -    -   -   -    -   -     -
view_inventory             -       Y    Y   Y   Y    Y   Y     Y
manage_inventory           -       -    -   -   -    -   Y     Y
change_climate_targets     -       -    -   -   -    -   -     Y
list_partner               own     -    -   -   -    -   -     -
list_partner               partner Y    Y   Y   Y    Y   Y     Y
"""

LOGIN = "login"
# page                          object  anon   cit  mem  oadm mod  coord admin
PAGES = """
organisation_detail             own     200    200  200  200  200  200   200
organisation_detail             other   200    200  200  200  200  200   200
organisation_create             -       login  200  200  200  200  200   200
my_organisations                -       login  200  200  200  200  200   200
organisation_edit               own     login  403  403  200  403  403   403
organisation_edit               other   login  403  403  403  403  403   403
organisation_members            own     login  403  200  200  200  200   200
organisation_members            other   login  403  403  403  200  200   200
organisation_staff_list         -       login  403  403  403  200  200   200
organisation_tokens             own     login  403  403  200  403  403   403
organisation_tokens             other   login  403  403  403  403  403   403
climate_dashboard               -       200    200  200  200  200  200   200
climate_open_data               -       200    200  200  200  200  200   200
inventory_staff                 -       login  403  403  403  403  200   200
inventory_import                -       login  403  403  403  403  200   200
inventory_year                  -       login  403  403  403  403  200   200
climate_targets_edit            -       login  403  403  403  403  403   200
partner_list                    -       200    200  200  200  200  200   200
organisation_detail             partner 200    200  200  200  200  200   200
"""


def _parse(table: str) -> list[tuple[str, str, tuple[str, ...]]]:
    rows = []
    for line in table.strip().splitlines():
        if line.strip():
            name, target, *marks = line.split()
            assert len(marks) == len(ROLES), line
            rows.append((name, target, tuple(marks)))
    return rows


def staff(user):
    give_totp(user)
    return user


@pytest.fixture
def world():
    member, org_admin = UserFactory(), UserFactory()
    own = OrganisationFactory(admins=[org_admin], members=[member])
    other = OrganisationFactory(admins=[UserFactory()], members=[UserFactory()])
    coordinator = UserFactory()
    coordinator.groups.add(Group.objects.get_or_create(name=settings.COORDINATOR_GROUP)[0])
    people = {
        "anonymous": AnonymousUser(),
        "citizen": UserFactory(),
        "member": member,
        "org_admin": org_admin,
        "moderator": staff(ModeratorFactory()),
        "coordinator": staff(coordinator),
        "admin": staff(AdminFactory()),
    }
    # "partner": an organisation with an active agreement, listed in the directory.
    partner = agreement_make().organisation
    return {"people": people, "own": own, "other": other, "partner": partner, "-": None}


@pytest.mark.parametrize(("perm", "target", "marks"), _parse(TABLE), ids=lambda v: str(v))
def test_permission_matrix(world, perm, target, marks):
    obj = world[target]
    for role, mark in zip(ROLES, marks, strict=True):
        user = world["people"][role]
        allowed = user.has_perm(f"partnerships.{perm}", obj)
        assert allowed is (mark == "Y"), f"{perm} on {target}: {role} should be {mark}"


@pytest.mark.parametrize(("name", "target", "marks"), _parse(PAGES), ids=lambda v: str(v))
def test_page_matrix(client, world, name, target, marks):
    organisation = world[target]
    kwargs = {"slug": organisation.slug} if organisation else {}
    namespace = "" if name == "my_organisations" else "frontend:"
    url = reverse(namespace + name, kwargs=kwargs)
    for role, mark in zip(ROLES, marks, strict=True):
        client.logout()
        user = world["people"][role]
        if user.is_authenticated:
            client.force_login(user)
        response = client.get(url)
        if mark == LOGIN:
            assert response.status_code == 302, role
            assert response["Location"].startswith(reverse("account_login")), role
        else:
            assert response.status_code == int(mark), (role, url)


# The writes each page offers answer as the rules say: a refused person changes nothing.
WRITES = ["remove", "role", "invite", "verify", "hand_over"]


@pytest.mark.parametrize("write", WRITES)
@pytest.mark.parametrize("role", ["citizen", "member"])
def test_writes_of_people_without_the_right_are_refused(client, world, role, write):
    own = world["own"]
    target = Membership.objects.get(organisation=own, role="member")
    urls = {
        "remove": (reverse("frontend:organisation_member_remove", args=[own.slug, target.pk]), {}),
        "role": (
            reverse("frontend:organisation_member_role", args=[own.slug, target.pk]),
            {"role": "admin"},
        ),
        "invite": (
            reverse("frontend:organisation_members", args=[own.slug]),
            {"email": "x@example.dk", "role": "admin"},
        ),
        "verify": (reverse("frontend:organisation_verify", args=[own.slug]), {}),
        "hand_over": (
            reverse("frontend:organisation_hand_over", args=[own.slug, target.pk]),
            {},
        ),
    }
    url, data = urls[write]
    client.force_login(world["people"][role])
    before = sorted(Membership.objects.values_list("pk", "role"))
    assert client.post(url, data).status_code == 403
    assert sorted(Membership.objects.values_list("pk", "role")) == before
    own.refresh_from_db()
    assert own.verified_at is None
    assert not own.invitations.exists()


# --- programmes, applications and agreements -------------------------------------------
#
# Roles: as above, with the coordinator split into "coordinator of this programme"
# (coord: listed on it) and "coordinator of another programme" (ocoord). "own": the own
# organisation's application (changes asked for) and agreement; "other": another
# organisation's in the same programme. The admin (superuser) belongs to no organisation.
# "fresh": another open programme nobody has applied to (in "prog" the own organisation
# already has an application in progress and an agreement, so it is not offered to apply).

PROGRAMME_ROLES = (
    "anonymous",
    "citizen",
    "member",
    "org_admin",
    "coordinator",
    "other_coordinator",
    "moderator",
    "admin",
)

# permission                  object  anon cit mem oadm coord ocoord mod admin
PROGRAMME_TABLE = """
view_programme                prog    Y    Y   Y   Y    Y     Y      Y   Y
add_programme                 -       -    -   -   -    Y     Y      -   Y
change_programme              prog    -    -   -   -    Y     -      -   Y
apply_for_organisation        own     -    -   -   Y    -     -      -   -
apply_for_organisation        other   -    -   -   -    -     -      -   -
view_application              own     -    -   Y   Y    Y     -      -   Y
view_application              other   -    -   -   -    Y     -      -   Y
resubmit_application          own     -    -   -   Y    -     -      -   -
resubmit_application          other   -    -   -   -    -     -      -   -
decide_application            own     -    -   -   -    Y     -      -   Y
decide_application            other   -    -   -   -    Y     -      -   Y
view_agreement                own     -    -   Y   Y    Y     -      -   Y
view_agreement                other   -    -   -   -    Y     -      -   Y
change_agreement              own     -    -   -   -    Y     -      -   Y
change_agreement              other   -    -   -   -    Y     -      -   Y
view_partnership_workspace    -       -    -   -   -    Y     Y      -   Y
change_partner_commitments    own     -    -   -   Y    Y     -      -   Y
change_partner_commitments    other   -    -   -   -    Y     -      -   Y
change_partner_commitments    ended   -    -   -   -    -     -      -   -
"""

# page                        object  anon   cit  mem  oadm coord ocoord mod  admin
PROGRAMME_PAGES = """
programme_list                -       200    200  200  200  200   200    200  200
programme_detail              prog    200    200  200  200  200   200    200  200
programme_create              -       login  403  403  403  200   200    403  200
programme_edit                prog    login  403  403  403  200   403    403  200
programme_apply               prog    login  403  403  403  403   403    403  403
programme_apply               fresh   login  403  403  200  403   403    403  403
application_detail            own     login  403  200  200  200   403    403  200
application_detail            other   login  403  403  403  200   403    403  200
application_resubmit          own     login  403  403  200  403   403    403  403
application_resubmit          other   login  403  403  403  403   403    403  403
agreement_detail              own     login  403  200  200  200   403    403  200
agreement_detail              other   login  403  403  403  200   403    403  200
commitment_edit               own     login  403  403  403  200   403    403  200
partnership_workspace         -       login  403  403  403  200   200    403  200
partner_commitment_add        own     login  403  403  200  200   403    403  200
partner_commitment_add        other   login  403  403  403  200   403    403  200
partner_commitment_add        ended   login  403  403  403  403   403    403  403
partner_commitment_edit       own     login  403  403  200  200   403    403  200
partner_commitment_withdraw   own     login  403  403  200  200   403    403  200
"""


def _parse_programme(table: str):
    rows = []
    for line in table.strip().splitlines():
        name, target, *marks = line.split()
        assert len(marks) == len(PROGRAMME_ROLES), line
        rows.append((name, target, tuple(marks)))
    return rows


@pytest.fixture
def programme_world(world):
    from django.utils import timezone

    from partnerships.models import (
        Agreement,
        Application,
        ApplicationStatus,
        Commitment,
    )
    from tests.partnerships.factories import ProgrammeFactory

    people = dict(world["people"])
    other_coordinator = UserFactory()
    other_coordinator.groups.add(Group.objects.get_or_create(name=settings.COORDINATOR_GROUP)[0])
    people["other_coordinator"] = staff(other_coordinator)
    programme = ProgrammeFactory(coordinators=[people["coordinator"]])
    fresh = ProgrammeFactory(coordinators=[other_coordinator])
    own, other = world["own"], world["other"]
    today = timezone.localdate()

    def agreement_for(organisation):
        approved = Application.objects.create(
            programme=programme, organisation=organisation, status=ApplicationStatus.APPROVED
        )
        return Agreement.objects.create(
            application=approved,
            programme=programme,
            organisation=organisation,
            start_date=today,
            review_date=today.replace(year=today.year + 1),
        )

    own_agreement = agreement_for(own)
    other_agreement = agreement_for(other)
    commitment = Commitment.objects.create(
        agreement=own_agreement, text="Rådgivning", due_date=today
    )
    from partnerships.models import AgreementStatus, PartnerCommitment

    ended = Agreement.objects.create(
        application=Application.objects.create(
            programme=programme, organisation=own, status=ApplicationStatus.APPROVED
        ),
        programme=programme,
        organisation=own,
        status=AgreementStatus.ENDED,
        start_date=today.replace(year=today.year - 2),
        review_date=today.replace(year=today.year - 1),
    )
    partner_commitment = PartnerCommitment.objects.create(
        agreement=own_agreement,
        title="Halvér udledningen",
        metric="emissions",
        unit="tCO2e",
        scope=1,
        direction="reduce",
        baseline_year=2022,
        baseline_value=100,
        target_year=2030,
        target_value=50,
    )
    return {
        "people": people,
        "prog": programme,
        "fresh": fresh,
        "-": None,
        "organisation": {"own": own, "other": other},
        "application": {
            "own": Application.objects.create(
                programme=programme,
                organisation=own,
                status=ApplicationStatus.CHANGES_REQUESTED,
                answers=[{"text": "Hvad?", "required": True, "answer": "Det"}],
            ),
            "other": Application.objects.create(programme=programme, organisation=other),
        },
        "agreement": {"own": own_agreement, "other": other_agreement, "ended": ended},
        "commitment": commitment,
        "partner_commitment": partner_commitment,
    }


def _programme_object(world, perm: str, target: str):
    if target in {"prog", "-"}:
        return world[target]
    if perm == "change_partner_commitments":  # its object is the agreement
        return world["agreement"][target]
    kind = next(k for k in ("organisation", "application", "agreement") if k in perm)
    return world[kind][target]


@pytest.mark.parametrize(
    ("perm", "target", "marks"), _parse_programme(PROGRAMME_TABLE), ids=lambda v: str(v)
)
def test_programme_permission_matrix(programme_world, perm, target, marks):
    obj = _programme_object(
        programme_world, perm.replace("apply_for_organisation", "organisation"), target
    )
    for role, mark in zip(PROGRAMME_ROLES, marks, strict=True):
        user = programme_world["people"][role]
        allowed = user.has_perm(f"partnerships.{perm}", obj)
        assert allowed is (mark == "Y"), f"{perm} on {target}: {role} should be {mark}"


def _page_url(world, name: str, target: str) -> str:
    if target == "-":
        return reverse(f"frontend:{name}")
    if target in {"prog", "fresh"}:
        return reverse(f"frontend:{name}", kwargs={"slug": world[target].slug})
    if name.startswith("application"):
        return reverse(f"frontend:{name}", kwargs={"pk": world["application"][target].pk})
    agreement = world["agreement"][target]
    if name == "commitment_edit":
        return reverse(
            "frontend:commitment_edit",
            kwargs={"pk": agreement.pk, "commitment_pk": world["commitment"].pk},
        )
    if name in {"partner_commitment_edit", "partner_commitment_withdraw"}:
        return reverse(
            f"frontend:{name}",
            kwargs={"pk": agreement.pk, "commitment_pk": world["partner_commitment"].pk},
        )
    return reverse(f"frontend:{name}", kwargs={"pk": agreement.pk})


@pytest.mark.parametrize(
    ("name", "target", "marks"), _parse_programme(PROGRAMME_PAGES), ids=lambda v: str(v)
)
def test_programme_page_matrix(client, programme_world, taxonomy, name, target, marks):
    url = _page_url(programme_world, name, target)
    for role, mark in zip(PROGRAMME_ROLES, marks, strict=True):
        client.logout()
        user = programme_world["people"][role]
        if user.is_authenticated:
            client.force_login(user)
        response = client.get(url)
        if mark == LOGIN:
            assert response.status_code == 302, role
            assert response["Location"].startswith(reverse("account_login")), role
        else:
            assert response.status_code == int(mark), (role, url)


PROGRAMME_WRITES = [
    "decide",
    "resubmit",
    "act",
    "commitment_add",
    "commitment_edit",
    "apply",
    "partner_add",
    "partner_edit",
    "partner_withdraw",
]


@pytest.mark.parametrize("write", PROGRAMME_WRITES)
@pytest.mark.parametrize("role", ["citizen", "member", "other_coordinator", "moderator"])
def test_programme_writes_of_people_without_the_right_are_refused(
    client, programme_world, role, write
):
    from partnerships.models import (
        Agreement,
        Application,
        ApplicationStep,
        Commitment,
        PartnerCommitment,
    )

    world = programme_world
    application = world["application"]["other"]
    agreement = world["agreement"]["own"]
    urls = {
        "decide": (
            reverse("frontend:application_decide", args=[application.pk]),
            {"decision": "declined", "message": "Nej"},
        ),
        "resubmit": (
            reverse("frontend:application_resubmit", args=[world["application"]["own"].pk]),
            {"answer_0": "Nyt"},
        ),
        "act": (
            reverse("frontend:agreement_act", args=[agreement.pk]),
            {"action": "ended", "reason": "Slut"},
        ),
        "commitment_add": (
            reverse("frontend:commitment_add", args=[agreement.pk]),
            {"text": "Data", "due_date": "2030-01-01"},
        ),
        "commitment_edit": (
            reverse("frontend:commitment_edit", args=[agreement.pk, world["commitment"].pk]),
            {"text": "Data", "due_date": "2030-01-01", "status": "dropped"},
        ),
        "apply": (
            reverse("frontend:programme_apply", args=[world["prog"].slug]),
            {"organisation": world["organisation"]["own"].slug, "answer_0": "Ja"},
        ),
        "partner_add": (
            reverse("frontend:partner_commitment_add", args=[agreement.pk]),
            {"title": "Mere", "metric": "people", "direction": "increase"},
        ),
        "partner_edit": (
            reverse(
                "frontend:partner_commitment_edit",
                args=[agreement.pk, world["partner_commitment"].pk],
            ),
            {"title": "Ændret", "metric": "emissions", "scope": "2"},
        ),
        "partner_withdraw": (
            reverse(
                "frontend:partner_commitment_withdraw",
                args=[agreement.pk, world["partner_commitment"].pk],
            ),
            {"reason": "Væk"},
        ),
    }
    url, data = urls[write]
    client.force_login(world["people"][role])

    def state():
        return (
            sorted(Application.objects.values_list("pk", "status")),
            sorted(Agreement.objects.values_list("pk", "status")),
            sorted(Commitment.objects.values_list("pk", "text", "status")),
            sorted(PartnerCommitment.objects.values_list("pk", "title", "withdrawn_at")),
            ApplicationStep.objects.count(),
        )

    before = state()
    assert client.post(url, data).status_code == 403
    assert state() == before


# --- progress reports --------------------------------------------------------------------
#
# Roles as for programmes. Reports: "own_draft" and "own_sub" (submitted) of the own
# organisation, "other_draft" and "other_sub" of another organisation in the same
# programme. Evidence: "ev_own" (an unverified value's file in own_sub), "ev_verified" (a
# verified value's file), "ev_other_draft" (a file of other_draft), "ev_other_sub" (an
# unverified value's file in other_sub). Agreements: "own", "other".

# permission            object          anon cit mem oadm coord ocoord mod admin
REPORT_TABLE = """
view_reports            own             -    -   Y   Y    Y     -      -   Y
view_reports            other           -    -   -   -    Y     -      -   Y
start_report            own             -    -   Y   Y    -     -      -   -
start_report            other           -    -   -   -    -     -      -   -
view_report             own_draft       -    -   Y   Y    -     -      -   -
view_report             own_sub         -    -   Y   Y    Y     -      -   Y
view_report             other_draft     -    -   -   -    -     -      -   -
view_report             other_sub       -    -   -   -    Y     -      -   Y
change_report           own_draft       -    -   Y   Y    -     -      -   -
change_report           other_draft     -    -   -   -    -     -      -   -
submit_report           own_draft       -    -   Y   Y    -     -      -   -
submit_report           other_draft     -    -   -   -    -     -      -   -
review_report           own_sub         -    -   -   -    Y     -      -   Y
review_report           own_draft       -    -   -   -    -     -      -   -
review_report           other_sub       -    -   -   -    Y     -      -   Y
view_evidence           ev_own          -    -   Y   Y    Y     -      -   Y
view_evidence           ev_verified     Y    Y   Y   Y    Y     Y      Y   Y
view_evidence           ev_other_draft  -    -   -   -    -     -      -   -
view_evidence           ev_other_sub    -    -   -   -    Y     -      -   Y
view_report_queue       -               -    -   -   -    Y     Y      -   Y
"""

# page                  object          anon   cit  mem  oadm coord ocoord mod  admin
REPORT_PAGES = """
report_list             own             login  403  200  200  200   403    403  200
report_list             other           login  403  403  403  200   403    403  200
report_detail           own_draft       login  403  200  200  403   403    403  403
report_detail           own_sub         login  403  200  200  200   403    403  200
report_detail           other_draft     login  403  403  403  403   403    403  403
report_review           own_sub         login  403  403  403  200   403    403  200
report_review           other_sub       login  403  403  403  200   403    403  200
report_queue            -               login  403  403  403  200   200    403  200
evidence_file           ev_own          404    404  200  200  200   404    404  200
evidence_file           ev_verified     200    200  200  200  200   200    200  200
evidence_file           ev_other_draft  404    404  404  404  404   404    404  404
evidence_file           ev_other_sub    404    404  404  404  200   404    404  200
"""


@pytest.fixture
def report_world(programme_world, settings, tmp_path):
    from datetime import date

    from django.core.files.base import ContentFile

    from partnerships.models import Evidence, ProgressReport
    from tests.partnerships.factories import PartnerCommitmentFactory

    settings.MEDIA_ROOT = tmp_path
    world = programme_world

    def report(agreement, status, year):
        commitment = PartnerCommitmentFactory(agreement=agreement)
        made = ProgressReport.objects.create(
            agreement=agreement,
            period_start=date(year, 1, 1),
            period_end=date(year, 12, 31),
            due_date=date(year + 1, 3, 31),
            status=status,
        )
        value = made.values.create(
            commitment=commitment,
            value=10,
            source="Måler",
            state="verified" if status == "verified" else "pending",
        )
        return made, value

    def evidence(report, value):
        file = Evidence(
            report=report,
            value=value,
            original_name="faktura.pdf",
            content_type="application/pdf",
            size=12,
        )
        file.file.save("x.pdf", ContentFile(b"%PDF-1.4 %%EOF"), save=False)
        file.save()
        return file

    own, other = world["agreement"]["own"], world["agreement"]["other"]
    own_draft, _ = report(own, "draft", 2022)
    own_sub, own_value = report(own, "submitted", 2023)
    verified, verified_value = report(own, "verified", 2024)
    other_draft, other_draft_value = report(other, "draft", 2023)
    other_sub, other_value = report(other, "submitted", 2024)
    world["report"] = {
        "own_draft": own_draft,
        "own_sub": own_sub,
        "other_draft": other_draft,
        "other_sub": other_sub,
        "ev_own": evidence(own_sub, own_value),
        "ev_verified": evidence(verified, verified_value),
        "ev_other_draft": evidence(other_draft, other_draft_value),
        "ev_other_sub": evidence(other_sub, other_value),
    }
    return world


def _report_object(world, target: str):
    if target == "-":
        return None
    if target in {"own", "other"}:
        return world["agreement"][target]
    return world["report"][target]


@pytest.mark.parametrize(
    ("perm", "target", "marks"), _parse_programme(REPORT_TABLE), ids=lambda v: str(v)
)
def test_report_permission_matrix(report_world, perm, target, marks):
    obj = _report_object(report_world, target)
    for role, mark in zip(PROGRAMME_ROLES, marks, strict=True):
        user = report_world["people"][role]
        allowed = user.has_perm(f"partnerships.{perm}", obj)
        assert allowed is (mark == "Y"), f"{perm} on {target}: {role} should be {mark}"


def _report_page_url(world, name: str, target: str) -> str:
    obj = _report_object(world, target)
    if name == "evidence_file":
        return reverse("frontend:evidence_file", args=[obj.report_id, obj.pk])
    return reverse(f"frontend:{name}", kwargs={"pk": obj.pk} if obj else {})


@pytest.mark.parametrize(
    ("name", "target", "marks"), _parse_programme(REPORT_PAGES), ids=lambda v: str(v)
)
def test_report_page_matrix(client, report_world, name, target, marks):
    url = _report_page_url(report_world, name, target)
    for role, mark in zip(PROGRAMME_ROLES, marks, strict=True):
        client.logout()
        user = report_world["people"][role]
        if user.is_authenticated:
            client.force_login(user)
        response = client.get(url)
        if mark == LOGIN:
            assert response.status_code == 302, role
            assert response["Location"].startswith(reverse("account_login")), role
        else:
            assert response.status_code == int(mark), (role, url)


REPORT_WRITES = ["start", "save", "submit", "upload", "review"]


@pytest.mark.parametrize("write", REPORT_WRITES)
@pytest.mark.parametrize("role", ["citizen", "other_coordinator", "moderator"])
def test_report_writes_of_people_without_the_right_are_refused(client, report_world, role, write):
    from partnerships.models import Evidence, ProgressReport, ProgressValue

    world = report_world
    draft, submitted = world["report"]["own_draft"], world["report"]["own_sub"]
    value = submitted.values.get()
    urls = {
        "start": (reverse("frontend:report_start", args=[draft.agreement_id]), {"year": "2025"}),
        "save": (reverse("frontend:report_detail", args=[draft.pk]), {"story": "Hej"}),
        "submit": (reverse("frontend:report_submit", args=[draft.pk]), {}),
        "upload": (reverse("frontend:evidence_upload", args=[draft.pk]), {}),
        "review": (
            reverse("frontend:report_review", args=[submitted.pk]),
            {f"value_{value.pk}": "verify"},
        ),
    }
    url, data = urls[write]
    client.force_login(world["people"][role])

    def state():
        return (
            sorted(ProgressReport.objects.values_list("pk", "status", "story")),
            sorted(ProgressValue.objects.values_list("pk", "state")),
            Evidence.objects.count(),
        )

    before = state()
    assert client.post(url, data).status_code == 403
    assert state() == before
