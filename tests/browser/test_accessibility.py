"""Every page, in both languages, signed in and out, passes axe-core's WCAG 2.1 A/AA rules;
and the real CSP lets the DKFDS stylesheet and scripts load without violations."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

pytestmark = pytest.mark.browser

LANGUAGES = ["da", "en"]
PUBLIC_PAGES = [
    "frontend:home",
    "frontend:theme",
    "frontend:focus_area",
    "frontend:accessibility",
    "frontend:privacy",
    "frontend:about",
    "frontend:partner_list",
]
# Signed-in people are redirected away from these.
SIGNED_OUT_PAGES = ["account_login", "account_signup", "account_reset_password"]
ACCOUNT_PAGES = [
    "account_settings",
    "account_email",
    "account_change_password",
    "mfa_index",
    "account_export",
    "account_delete",
    "notification_centre",
    "notification_preferences",
]


def url_for(name: str) -> str:
    """The URL of a named page; detail pages show the first theme or focus area."""
    from engage.taxonomy.models import FocusArea, Theme

    if name == "frontend:theme":
        return reverse(name, kwargs={"slug": Theme.objects.order_by("position").first().slug})
    if name == "frontend:focus_area":
        return reverse(name, kwargs={"slug": FocusArea.objects.first().slug})
    return reverse(name)


def visit(page, url: str, *, language: str) -> None:
    """Open url, which must answer 200 itself (no redirect), in the given language."""
    response = page.goto(url)
    assert response is not None and response.status == 200, (
        f"{url} answered {response and response.status}"
    )
    assert urlsplit(page.url).path == url, f"{url} redirected to {page.url}"
    assert page.evaluate("document.documentElement.lang") == language


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PUBLIC_PAGES + SIGNED_OUT_PAGES)
def test_page_signed_out(name, language, make_page, axe, taxonomy):
    page = make_page(language=language, bypass_csp=True)
    visit(page, url_for(name), language=language)
    axe(page)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PUBLIC_PAGES + ACCOUNT_PAGES)
def test_page_signed_in(name, language, make_page, make_user, axe, taxonomy):
    # A signed-in person's stored language wins over the cookie: set both.
    user = make_user(language=language)
    page = make_page(language=language, user=user, bypass_csp=True)
    visit(page, url_for(name), language=language)
    axe(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_signup_form_with_errors(language, make_page, axe):
    page = make_page(language=language, bypass_csp=True)
    visit(page, reverse("account_signup"), language=language)
    page.fill("input[name=email]", "not-an-email-address@")
    page.fill("input[name=password1]", "short")
    page.fill("input[name=password2]", "different")
    # Let the server, not the browser, validate: the error state is what we check.
    page.evaluate("document.querySelectorAll('form').forEach(f => f.noValidate = true)")
    with page.expect_navigation():
        page.locator("form:has(input[name=password1]) [type=submit]").click()
    assert page.url.endswith(reverse("account_signup"))
    errors = page.locator("form:has(input[name=password1]) [aria-invalid=true]")
    assert errors.count() >= 1, "the invalid fields are not marked aria-invalid"
    axe(page)


def test_totp_activation_for_moderator(make_page, make_user, password, axe):
    """A moderator without TOTP is sent to set it up; allauth asks for the password first."""
    moderator = make_user(moderator=True)
    page = make_page(user=moderator, bypass_csp=True)
    page.goto(reverse("frontend:home"))
    assert reverse("account_reauthenticate") in page.url, f"not asked to confirm: {page.url}"
    axe(page)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.locator("form:has(input[name=password]) [type=submit]").click()
    assert reverse("mfa_activate_totp") in page.url, f"not sent to TOTP setup: {page.url}"
    assert page.locator("input[name=code]").count() == 1
    axe(page)


@pytest.mark.parametrize(
    "name", ["frontend:home", "frontend:focus_area", "account_signup", "account_settings"]
)
def test_csp_allows_our_assets_and_nothing_inline(name, make_page, make_user, taxonomy):
    """Loads pages WITHOUT bypass_csp: the policy must not block anything we ship."""
    page = make_page(user=make_user() if name in ACCOUNT_PAGES else None)
    problems: list[str] = []
    page.on(
        "console",
        lambda m: m.type == "error" and problems.append(f"console: {m.text}"),
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on(
        "response",
        lambda r: r.status >= 400 and problems.append(f"{r.status} {r.url}"),
    )
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    # Init scripts run outside the page's CSP, so this listener is not itself blocked.
    page.add_init_script(
        """window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
            window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));"""
    )
    response = page.goto(url_for(name))
    assert response.status == 200
    assert "script-src" in response.headers.get("content-security-policy", "")
    page.wait_for_load_state("load")
    assert page.evaluate("window.__cspViolations") == []
    assert problems == []
    sheets = page.evaluate(
        """[...document.styleSheets].map(
            s => ({href: s.href || 'inline', rules: s.cssRules.length}))"""
    )
    dkfds = [s for s in sheets if s["href"].endswith("/dkfds.min.css")]
    assert dkfds and dkfds[0]["rules"] > 100, f"DKFDS stylesheet missing or empty: {sheets}"
    assert any(s["href"].endswith("/engage.css") and s["rules"] for s in sheets), sheets
    assert "IBM Plex Sans" in page.evaluate("getComputedStyle(document.body).fontFamily")
    assert page.evaluate("typeof window.DKFDS?.init") == "function", "dkfds.min.js did not run"
    assert page.evaluate("typeof window.htmx?.process") == "function", "htmx did not run"


def test_axe_check_reports_violations(make_page, axe, taxonomy):
    """The checker itself: an image without alternative text must fail it."""
    page = make_page(bypass_csp=True)
    visit(page, reverse("frontend:about"), language="da")
    page.evaluate(
        """const img = document.createElement('img');
        img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
        document.getElementById('main-content').append(img);"""
    )
    with pytest.raises(pytest.fail.Exception, match="image-alt"):
        axe(page)


def _staff_session(user) -> str:
    """Sign a TOTP-enrolled staff member in with password and code; the session key."""
    from django.conf import settings
    from django.test import Client

    from tests.factories import DEFAULT_PASSWORD, give_totp, totp_code

    secret = give_totp(user, recovery_codes=False)
    client = Client()
    client.post(reverse("account_login"), {"login": user.email, "password": DEFAULT_PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302, f"TOTP step answered {response.status_code}"
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture
def staff_world(taxonomy):
    """A moderator and a team member, with something on every staff page: waiting and
    routed proposals, a report, hidden content and audit entries."""
    from django.utils import timezone

    from proposals.lifecycle import Status
    from proposals.services.moderation import proposal_route
    from tests.factories import ModeratorFactory, UserFactory
    from tests.proposals.factories import (
        CommentFactory,
        ProposalFactory,
        ReportFactory,
        TeamFactory,
        focus_area_get,
    )

    moderator, member = ModeratorFactory(), UserFactory()
    area = focus_area_get()
    team = TeamFactory(members=[member], focus_areas=[area])
    suggestion = {"focus_area": area.slug, "theme": area.theme.slug, "score": 0.8}
    ProposalFactory(status=Status.SUBMITTED, suggestions=[suggestion])
    routed = ProposalFactory(status=Status.SUBMITTED, suggestions=[suggestion])
    proposal_route(proposal=routed, actor=moderator, focus_area=area, team=team, note="Se på det")
    ReportFactory(proposal=ProposalFactory(status=Status.PUBLISHED), details="Reklame")
    CommentFactory(hidden_at=timezone.now(), hidden_reason="Personangreb")
    return {"moderator": moderator, "member": member, "team": team}


STAFF_PAGES = [
    ("moderator", "frontend:moderation_queue"),
    ("moderator", "frontend:moderation_reports"),
    ("moderator", "frontend:moderation_hidden"),
    ("moderator", "frontend:audit_trail"),
    ("member", "frontend:team_queue"),
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("who", "name"), STAFF_PAGES)
def test_staff_page(who, name, language, staff_world, make_page, live_server, axe):
    from django.conf import settings

    user = staff_world[who]
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    kwargs = {"slug": staff_world["team"].slug} if name == "frontend:team_queue" else {}
    page = make_page(language=language, bypass_csp=True)
    session = {"name": settings.SESSION_COOKIE_NAME, "value": _staff_session(user)}
    page.context.add_cookies([{**session, "url": live_server.url}])
    url = reverse(name, kwargs=kwargs)
    visit(page, url, language=language)
    assert page.locator("table, article.card").count() >= 1, f"{url} shows nothing to check"
    axe(page)


def _answer_for(author) -> None:
    """One unread notification for `author`: the answer to a proposal of theirs."""
    from proposals.lifecycle import Outcome, Status
    from proposals.services.moderation import proposal_answer
    from tests.factories import StaffFactory
    from tests.proposals.factories import ProposalFactory, TeamFactory

    team = TeamFactory(focus_areas=["klimahandlingsplan"])
    proposal = ProposalFactory(status=Status.UNDER_REVIEW, team=team, author=author)
    proposal_answer(proposal=proposal, actor=StaffFactory(), outcome=Outcome.ACCEPTED, text="Ja")


@pytest.mark.parametrize("language", LANGUAGES)
def test_unread_count_in_the_header(language, make_page, make_user, axe, taxonomy):
    """The badge passes axe, the link says how many are unread, and the count follows
    a new notification without a reload (the answer htmx polls for, swapped in)."""
    user = make_user(language=language)
    _answer_for(user)
    _answer_for(user)
    page = make_page(language=language, user=user, bypass_csp=True)
    visit(page, reverse("frontend:home"), language=language)
    words = {"da": "Beskeder, 2 ulæste", "en": "Notifications, 2 unread"}[language]
    # What a screen reader reads as the link's name: Chromium's own accessibility tree
    # (the icon is hidden from it, the words "unread" are there for it alone).
    cdp = page.context.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    names = [n.get("name", {}).get("value") for n in nodes if n["role"].get("value") == "link"]
    assert words in names
    axe(page)
    _answer_for(user)
    page.evaluate(
        "url => htmx.ajax('GET', url, {source: document.body, swap: 'none'})",
        reverse("notification_unread_badges"),
    )
    page.locator("#unread-badge-desktop", has_text="3").wait_for()
    assert "3" in page.locator("#unread-badge-mobile").text_content()
    assert "3" in page.locator("#unread-badge-menu").text_content()


@pytest.mark.parametrize("language", LANGUAGES)
def test_unsubscribe_pages(language, make_page, make_user, axe, taxonomy):
    """The page a digest's link opens (it lists the kinds it stops), its confirmation, and
    the page for a broken link."""
    from notifications.unsubscribe import unsubscribe_token_make

    user = make_user(language=language)
    kinds = ["follower.comment", "follower.status_changed"]
    token = unsubscribe_token_make(user_id=user.pk, kinds=kinds)
    page = make_page(language=language, bypass_csp=True)
    visit(page, reverse("notification_unsubscribe", args=[token]), language=language)
    axe(page)
    button = {"da": "Stop disse e-mails", "en": "Stop these emails"}[language]
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()
    page.locator(
        "h1", has_text={"da": "Du er afmeldt", "en": "You are unsubscribed"}[language]
    ).wait_for()
    axe(page)
    response = page.goto(reverse("notification_unsubscribe", args=["not-a-token"]))
    assert response.status == 400
    axe(page)


# --- organisations (climate partnerships) -------------------------------------------------


@pytest.fixture
def organisation_world(make_user, taxonomy, settings, tmp_path):
    """An organisation with a logo, an admin and a member, an open invitation and a
    published proposal on its behalf; a second one awaiting verification."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from partnerships import services
    from partnerships.models import Membership, Role
    from tests.factories import UserFactory
    from tests.partnerships.factories import cvr_make
    from tests.proposals.factories import ProposalFactory

    settings.MEDIA_ROOT = tmp_path / "media"
    out = io.BytesIO()
    Image.new("RGB", (80, 40), (0, 90, 40)).save(out, format="PNG")
    logo = SimpleUploadedFile("logo.png", out.getvalue(), content_type="image/png")

    def world(language: str) -> dict:
        admin = make_user(language=language)
        organisation = services.organisation_create(
            creator=admin,
            name="Solgården A/S",
            kind="company",
            sector="energy",
            cvr=cvr_make(),
            size=40,
            description="Vi laver solceller.",
            website="https://solgaarden.example.dk",
            address="Solvej 1",
            logo=logo,
        )
        member = UserFactory(display_name="Mette Medlem")
        Membership.objects.create(organisation=organisation, user=member, role=Role.MEMBER)
        invitation = services.invitation_create(
            organisation=organisation, actor=admin, email="ny@example.dk"
        )
        ProposalFactory(author=member, organisation=organisation, title="Solceller på taget")
        services.organisation_create(
            creator=UserFactory(),
            name="Boligforeningen Engen",
            kind="housing",
            sector="buildings",
            size=300,
        )
        return {"admin": admin, "organisation": organisation, "invitation": invitation}

    return world


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("signed_in", [False, True], ids=["signed-out", "admin"])
def test_organisation_page(language, signed_in, organisation_world, make_page, axe):
    world = organisation_world(language)
    page = make_page(language=language, user=world["admin"] if signed_in else None, bypass_csp=True)
    visit(page, world["organisation"].get_absolute_url(), language=language)
    assert page.locator("article.proposal-card").count() == 1
    axe(page)


ORGANISATION_PAGES = [
    "my_organisations",
    "frontend:organisation_create",
    "frontend:organisation_edit",
    "frontend:organisation_members",
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ORGANISATION_PAGES)
def test_organisation_admin_pages(name, language, organisation_world, make_page, axe):
    world = organisation_world(language)
    needs_slug = name in {"frontend:organisation_edit", "frontend:organisation_members"}
    kwargs = {"slug": world["organisation"].slug} if needs_slug else {}
    page = make_page(language=language, user=world["admin"], bypass_csp=True)
    visit(page, reverse(name, kwargs=kwargs), language=language)
    axe(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_organisation_form_with_errors(language, make_page, make_user, axe, taxonomy):
    page = make_page(language=language, user=make_user(language=language), bypass_csp=True)
    visit(page, reverse("frontend:organisation_create"), language=language)
    page.fill("input[name=name]", "Firma")
    page.check("input[name=kind][value=company]")
    page.fill("input[name=cvr]", "12345678")
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()
    assert page.locator("#id_cvr[aria-invalid=true]").count() == 1
    axe(page)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("who", ["signed-out", "invited", "someone-else"])
def test_invitation_page(language, who, organisation_world, make_page, make_user, axe):
    from allauth.account.models import EmailAddress

    from partnerships.services import invitation_token_make

    world = organisation_world(language)
    user = None
    if who != "signed-out":
        user = make_user(language=language)
        if who == "invited":
            EmailAddress.objects.create(user=user, email="ny@example.dk", verified=True)
    token = invitation_token_make(invitation=world["invitation"])
    page = make_page(language=language, user=user, bypass_csp=True)
    visit(page, reverse("frontend:invitation_accept", args=[token]), language=language)
    axe(page)
    if who == "invited":
        with page.expect_navigation():
            page.locator("main form [type=submit]").click()
        axe(page)
    response = page.goto(reverse("frontend:invitation_accept", args=["broken"]))
    assert response.status == 400
    axe(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_organisation_staff_list(language, organisation_world, make_page, live_server, axe):
    from django.conf import settings
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    organisation_world(language)
    coordinator = UserFactory(preferred_language=language)
    coordinator.groups.add(Group.objects.get_or_create(name=settings.COORDINATOR_GROUP)[0])
    page = make_page(language=language, bypass_csp=True)
    session = {"name": settings.SESSION_COOKIE_NAME, "value": _staff_session(coordinator)}
    page.context.add_cookies([{**session, "url": live_server.url}])
    visit(page, reverse("frontend:organisation_staff_list"), language=language)
    assert page.locator("article.card").count() == 2
    axe(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_member_action_with_htmx(language, organisation_world, make_page, axe):
    """The button swaps the member table in place and says what happened."""
    world = organisation_world(language)
    page = make_page(language=language, user=world["admin"], bypass_csp=True)
    url = reverse("frontend:organisation_members", args=[world["organisation"].slug])
    visit(page, url, language=language)
    button = {"da": "Gør til administrator", "en": "Make administrator"}[language]
    page.get_by_role("button", name=button).first.click()
    words = {
        "da": "Mette Medlem er nu administrator.",
        "en": "Mette Medlem is now an administrator.",
    }
    page.locator("#members-status", has_text=words[language]).wait_for()
    assert urlsplit(page.url).path == url
    axe(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_organisation_token_pages(language, organisation_world, make_page, axe):
    """The token list (with a revoked token), the answer that shows a new token once, a
    form error, and the confirmation before revoking."""
    from partnerships import services

    world = organisation_world(language)
    organisation, admin = world["organisation"], world["admin"]
    revoked = services.organisation_token_create(
        organisation=organisation, actor=admin, name="Gammelt system"
    ).token
    services.organisation_token_revoke(token=revoked, actor=admin)
    page = make_page(language=language, user=admin, bypass_csp=True)
    url = reverse("frontend:organisation_tokens", args=[organisation.slug])
    visit(page, url, language=language)
    axe(page)
    page.fill("input[name=name]", "Energistyring")
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()
    assert page.locator("#new-token").input_value().startswith("hm_")
    axe(page)
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()  # no name: the form's error
    assert page.locator("#id_name[aria-invalid=true]").count() == 1
    axe(page)
    token = organisation.tokens.get(revoked_at__isnull=True)
    visit(
        page,
        reverse("frontend:organisation_token_revoke", args=[organisation.slug, token.pk]),
        language=language,
    )
    axe(page)


# --- climate partnership programmes, applications and agreements ------------------------


@pytest.fixture
def partnership_world(make_user, taxonomy):
    """A programme with questions and focus areas; a verified company with an agreement
    (two commitments, a pause in its history); a housing association whose application
    awaits a decision; a school asked to change its application; and a company that may
    still apply."""
    from datetime import timedelta

    from django.conf import settings
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from engage.taxonomy.models import FocusArea
    from partnerships import services
    from partnerships.models import Kind
    from tests.factories import UserFactory
    from tests.partnerships.factories import (
        FestivalFactory,
        HousingFactory,
        OrganisationFactory,
        cvr_make,
        emissions_commitment,
    )

    def world(language: str) -> dict:
        coordinator = UserFactory(preferred_language=language, display_name="Karin Koordinator")
        coordinator.groups.add(Group.objects.get_or_create(name=settings.COORDINATOR_GROUP)[0])
        programme = services.programme_create(
            actor=coordinator,
            name="Klimaalliancen",
            description="Virksomheder og skoler, der vil halvere deres udledning inden 2030.",
            eligible_kinds=[Kind.COMPANY, Kind.HOUSING, Kind.SCHOOL],
            focus_areas=list(FocusArea.objects.all()[:2]),
            coordinators=[coordinator],
            questions=[
                {"text": "Hvad vil I gøre for klimaet?", "required": True},
                {"text": "Hvem er jeres kontaktperson?", "required": False},
            ],
            is_open=True,
            suggested_commitments=[emissions_commitment()],
        )
        admin = make_user(language=language)
        company = OrganisationFactory(
            name="Solgården A/S", admins=[admin], verified_at=timezone.now()
        )
        application = services.application_submit(
            programme=programme,
            organisation=company,
            actor=admin,
            answers=["Solceller", ""],
            proposed_commitments=[
                emissions_commitment(),
                emissions_commitment(
                    title="Mere vedvarende strøm",
                    metric="renewable_share",
                    scope=None,
                    direction="increase",
                    baseline_value="30",
                    target_value="100",
                ),
            ],
        )
        today = timezone.localdate()
        services.application_decide(
            application=application,
            actor=coordinator,
            decision="approved",
            message="Velkommen i alliancen.",
            review_date=today + timedelta(days=365),
        )
        agreement = application.agreement
        for text, days in [("Energirådgivning", 30), ("Data om varmeforbrug", 60)]:
            commitment = services.commitment_add(
                agreement=agreement,
                actor=coordinator,
                text=text,
                due_date=today + timedelta(days=days),
                owner=coordinator,
            )
        partner_commitment = agreement.partner_commitments.first()
        dropped = services.partner_commitment_add(
            agreement=agreement,
            actor=admin,
            data=emissions_commitment(title="Færre varebiler", scope=3),
        )
        services.partner_commitment_withdraw(commitment=dropped, actor=admin, reason="Solgt")
        services.agreement_act(
            agreement=agreement, actor=coordinator, action="paused", reason="Ombygning"
        )
        services.agreement_act(
            agreement=agreement, actor=coordinator, action="resumed", reason="Færdig"
        )
        housing_admin = UserFactory()
        housing = HousingFactory(name="Boligforeningen Engen", admins=[housing_admin])
        waiting = services.application_submit(
            programme=programme, organisation=housing, actor=housing_admin, answers=["Ja", ""]
        )
        school_admin = make_user(language=language)
        school = OrganisationFactory(
            name="Engskolen", kind=Kind.SCHOOL, cvr="", admins=[school_admin]
        )
        changes = services.application_submit(
            programme=programme, organisation=school, actor=school_admin, answers=["Affald", ""]
        )
        services.application_decide(
            application=changes,
            actor=coordinator,
            decision="changes_requested",
            message="Skriv mere om jeres mål.",
        )
        applicant = make_user(language=language)
        OrganisationFactory(name="Vindmøllen ApS", cvr=cvr_make(), admins=[applicant])
        # A festival programme with the green guide: one festival with an agreement, one
        # that may apply.
        festivals = services.programme_create(
            actor=coordinator,
            name="Bæredygtige festivaler",
            description="Festivaler og arrangementer, der følger den grønne guide.",
            eligible_kinds=[Kind.FESTIVAL],
            coordinators=[coordinator],
            reporting_rhythm="per_event",
            questions=[{"text": "Hvor mange gæster venter I?", "required": True}],
            is_open=True,
            suggested_commitments=[
                {"metric": "checklist", "checklist_action": "reusable_cups", "target_value": "90"}
            ],
        )
        festival_admin = make_user(language=language)
        festival = FestivalFactory(
            name="Engfestivalen", admins=[festival_admin], verified_at=timezone.now()
        )
        festival_application = services.application_submit(
            programme=festivals,
            organisation=festival,
            actor=festival_admin,
            answers=["8000"],
            proposed_commitments=[
                {"metric": "checklist", "checklist_action": "reusable_cups", "target_value": "90"},
                {"metric": "checklist", "checklist_action": "shuttle_buses"},
                {"metric": "checklist", "checklist_action": "water_refill"},
            ],
        )
        services.application_decide(
            application=festival_application,
            actor=coordinator,
            decision="approved",
            message="Velkommen.",
            review_date=today + timedelta(days=365),
        )
        festival_applicant = make_user(language=language)
        FestivalFactory(name="Sommerscenen", admins=[festival_applicant])
        return {
            "coordinator": coordinator,
            "admin": admin,
            "school_admin": school_admin,
            "applicant": applicant,
            "programme": programme,
            "agreement": agreement,
            "commitment": commitment,
            "waiting": waiting,
            "changes": changes,
            "partner_commitment": partner_commitment,
            "festivals": festivals,
            "festival_admin": festival_admin,
            "festival_agreement": festival_application.agreement,
            "festival_applicant": festival_applicant,
        }

    return world


def _coordinator_page(page, live_server, coordinator):
    from django.conf import settings

    session = {"name": settings.SESSION_COOKIE_NAME, "value": _staff_session(coordinator)}
    page.context.add_cookies([{**session, "url": live_server.url}])


@pytest.mark.parametrize("language", LANGUAGES)
def test_programme_pages_in_public(language, partnership_world, make_page, axe):
    world = partnership_world(language)
    page = make_page(language=language, bypass_csp=True)
    visit(page, reverse("frontend:programme_list"), language=language)
    axe(page)
    visit(page, world["programme"].get_absolute_url(), language=language)
    assert page.get_by_text("Solgården A/S").count() >= 1
    axe(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_partner_directory_and_focus_area_with_partnerships(
    language, partnership_world, make_page, axe
):
    """The directory with partners, filtered, with a value it leaves out (and names); a
    focus area's page with the programmes and partners working on it."""
    world = partnership_world(language)
    page = make_page(language=language, bypass_csp=True)
    visit(page, reverse("frontend:partner_list"), language=language)
    assert page.locator("main article.card").count() == 2
    axe(page)
    page.goto(f"{reverse('frontend:partner_list')}?kind=company&programme=findes-ikke&q=sol")
    assert page.locator("main .alert-warning").count() == 1
    assert page.locator("main article.card").count() == 1
    axe(page)
    area = world["programme"].focus_areas.order_by("pk").first()
    world["agreement"].partner_commitments.update(focus_area=area)
    visit(page, reverse("frontend:focus_area", args=[area.slug]), language=language)
    assert page.locator("#focus-area-partnerships-heading").count() == 1
    assert page.get_by_text("Solgården A/S").count() >= 1
    axe(page)


# page, who
PARTNERSHIP_PAGES = [
    ("programme_apply", "applicant"),
    ("application_resubmit", "school_admin"),
    ("application_detail", "admin"),
    ("agreement_detail", "admin"),
    ("programme_create", "coordinator"),
    ("programme_edit", "coordinator"),
    ("application_detail_waiting", "coordinator"),
    ("agreement_detail", "coordinator"),
    ("commitment_edit", "coordinator"),
    ("partnership_workspace", "coordinator"),
    # --- the partner's commitments ---
    ("partner_commitment_add", "admin"),
    ("partner_commitment_edit", "coordinator"),
    ("partner_commitment_withdraw", "admin"),
    ("festival_apply", "festival_applicant"),
    ("festival_agreement", "festival_admin"),
]


def _partnership_url(world, name: str) -> str:
    agreement = world["agreement"]
    urls = {
        "programme_apply": ("programme_apply", {"slug": world["programme"].slug}),
        "programme_edit": ("programme_edit", {"slug": world["programme"].slug}),
        "programme_create": ("programme_create", {}),
        "application_resubmit": ("application_resubmit", {"pk": world["changes"].pk}),
        "application_detail": ("application_detail", {"pk": agreement.application_id}),
        "application_detail_waiting": ("application_detail", {"pk": world["waiting"].pk}),
        "agreement_detail": ("agreement_detail", {"pk": agreement.pk}),
        "commitment_edit": (
            "commitment_edit",
            {"pk": agreement.pk, "commitment_pk": world["commitment"].pk},
        ),
        "partnership_workspace": ("partnership_workspace", {}),
        "partner_commitment_add": ("partner_commitment_add", {"pk": agreement.pk}),
        "partner_commitment_edit": (
            "partner_commitment_edit",
            {"pk": agreement.pk, "commitment_pk": world["partner_commitment"].pk},
        ),
        "partner_commitment_withdraw": (
            "partner_commitment_withdraw",
            {"pk": agreement.pk, "commitment_pk": world["partner_commitment"].pk},
        ),
        "festival_apply": ("programme_apply", {"slug": world["festivals"].slug}),
        "festival_agreement": ("agreement_detail", {"pk": world["festival_agreement"].pk}),
    }
    name, kwargs = urls[name]
    return reverse(f"frontend:{name}", kwargs=kwargs)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("name", "who"), PARTNERSHIP_PAGES, ids=lambda v: str(v))
def test_partnership_pages(name, who, language, partnership_world, make_page, live_server, axe):
    world = partnership_world(language)
    if who == "coordinator":
        world["coordinator"].preferred_language = language
        world["coordinator"].save(update_fields=["preferred_language"])
        page = make_page(language=language, bypass_csp=True)
        _coordinator_page(page, live_server, world["coordinator"])
    else:
        page = make_page(language=language, user=world[who], bypass_csp=True)
    visit(page, _partnership_url(world, name), language=language)
    axe(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_application_form_with_a_required_answer_missing(
    language, partnership_world, make_page, axe
):
    world = partnership_world(language)
    page = make_page(language=language, user=world["applicant"], bypass_csp=True)
    visit(page, _partnership_url(world, "programme_apply"), language=language)
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()
    assert page.locator("#id_answer_0_error").count() == 1
    axe(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_decision_form_with_errors(language, partnership_world, make_page, live_server, axe):
    world = partnership_world(language)
    page = make_page(language=language, bypass_csp=True)
    _coordinator_page(page, live_server, world["coordinator"])
    visit(page, _partnership_url(world, "application_detail_waiting"), language=language)
    page.check("input[name=decision][value=approved]")
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()
    assert page.locator(".form-error-message").count() >= 1
    axe(page)


# --- progress reports ----------------------------------------------------------------------


@pytest.fixture
def report_world(partnership_world, settings, tmp_path):
    """The partnership world's agreement with an emissions commitment and a green action:
    a verified report for 2023, a submitted one for 2024 (with a file) for the
    coordinator, and a draft for this year, the form the admin fills."""
    from datetime import date
    from decimal import Decimal

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from partnerships import services
    from partnerships.models import Evidence
    from tests.partnerships.factories import ChecklistCommitmentFactory, PartnerCommitmentFactory

    settings.MEDIA_ROOT = tmp_path

    def world(language: str) -> dict:
        base = partnership_world(language)
        agreement, admin, coordinator = base["agreement"], base["admin"], base["coordinator"]
        agreement.start_date = date(2023, 1, 1)
        agreement.save(update_fields=["start_date"])
        # Only the two commitments below (the world's application proposed others).
        agreement.partner_commitments.all().delete()
        emissions = PartnerCommitmentFactory(agreement=agreement, title="Halver udledningen")
        cups = ChecklistCommitmentFactory(agreement=agreement, title="Genbrugskrus")

        def report(year, emitted, share):
            made = services.report_start(agreement=agreement, actor=admin, year=year)
            services.report_values_set(
                report=made,
                actor=admin,
                story="Vi skiftede til varmepumper og genbrugskrus.",
                entries=[
                    services.ValueEntry(emissions.pk, "Energiregnskab", Decimal(emitted)),
                    services.ValueEntry(cups.pk, "Optælling", Decimal(share), True),
                ],
            )
            return services.report_submit(report=made, actor=admin)

        verified = report(2023, "92", "60")
        services.report_review(
            report=verified,
            actor=coordinator,
            decisions=[services.ValueDecision(v.pk, "verify") for v in verified.values.all()],
        )
        submitted = report(2024, "85", "80")
        evidence = Evidence(
            report=submitted,
            original_name="elregning.pdf",
            content_type="application/pdf",
            size=15,
            uploaded_by=admin,
        )
        evidence.file.save("e.pdf", ContentFile(b"%PDF-1.4\n%%EOF"), save=False)
        evidence.save()
        draft = services.report_start(
            agreement=agreement, actor=admin, year=timezone.localdate().year
        )
        return {**base, "verified": verified, "submitted": submitted, "draft": draft}

    return world


# page, who
REPORT_PAGES = [
    ("report_list", "admin"),
    ("report_detail_draft", "admin"),
    ("report_detail_submitted", "admin"),
    ("report_queue", "coordinator"),
    ("report_review", "coordinator"),
    ("agreement_detail", "coordinator"),
]


def _report_url(world, name: str) -> str:
    urls = {
        "report_list": ("report_list", {"pk": world["agreement"].pk}),
        "report_detail_draft": ("report_detail", {"pk": world["draft"].pk}),
        "report_detail_submitted": ("report_detail", {"pk": world["submitted"].pk}),
        "report_queue": ("report_queue", {}),
        "report_review": ("report_review", {"pk": world["submitted"].pk}),
        "agreement_detail": ("agreement_detail", {"pk": world["agreement"].pk}),
    }
    name, kwargs = urls[name]
    return reverse(f"frontend:{name}", kwargs=kwargs)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("name", "who"), REPORT_PAGES, ids=lambda v: str(v))
def test_report_pages(name, who, language, report_world, make_page, live_server, axe):
    world = report_world(language)
    if who == "coordinator":
        world["coordinator"].preferred_language = language
        world["coordinator"].save(update_fields=["preferred_language"])
        page = make_page(language=language, bypass_csp=True)
        _coordinator_page(page, live_server, world["coordinator"])
    else:
        page = make_page(language=language, user=world[who], bypass_csp=True)
    visit(page, _report_url(world, name), language=language)
    assert page.locator("table, form, article.card").count() >= 1
    axe(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_report_form_with_errors(language, report_world, make_page, axe):
    world = report_world(language)
    page = make_page(language=language, user=world["admin"], bypass_csp=True)
    visit(page, _report_url(world, "report_detail_draft"), language=language)
    page.locator("input[name^=value_]").first.fill("-5")
    with page.expect_navigation():
        page.locator("form:has(input[name^=value_]) [type=submit]").click()
    assert page.locator(".form-error-message").count() >= 1
    axe(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_review_form_with_errors(language, report_world, make_page, live_server, axe):
    world = report_world(language)
    page = make_page(language=language, bypass_csp=True)
    world["coordinator"].preferred_language = language
    world["coordinator"].save(update_fields=["preferred_language"])
    _coordinator_page(page, live_server, world["coordinator"])
    visit(page, _report_url(world, "report_review"), language=language)
    page.locator("input[value=return]").first.check()
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()
    assert page.locator(".form-error-message").count() >= 1
    axe(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_organisation_page_with_verified_progress(language, report_world, make_page, axe):
    world = report_world(language)
    page = make_page(language=language, bypass_csp=True)
    visit(page, world["agreement"].organisation.get_absolute_url(), language=language)
    assert page.get_by_text("Halver udledningen").count() >= 1
    # Both sides' commitments, and a small chart with its table per commitment.
    assert page.locator("main figure.partner-spark svg[role=img]").count() >= 1
    assert page.locator("main figure.partner-spark table").count() == 2
    axe(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_partner_commitment_forms_with_errors(language, partnership_world, make_page, axe):
    """A commitment refused on the agreement's add page, and a green action's target out of
    range on a festival's application: the errors sit on their fields and pass axe."""
    world = partnership_world(language)
    page = make_page(language=language, user=world["admin"], bypass_csp=True)
    visit(page, _partnership_url(world, "partner_commitment_add"), language=language)
    page.fill("#id_title", "Halvér udledningen")
    page.select_option("#id_metric", "emissions")
    page.fill("#id_baseline_year", "2022")
    page.fill("#id_target_year", "2020")
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()
    assert page.locator("#id_target_year_error").count() == 1
    assert page.locator("#id_scope_error").count() == 1
    axe(page)
    page = make_page(language=language, user=world["festival_applicant"], bypass_csp=True)
    visit(page, _partnership_url(world, "festival_apply"), language=language)
    page.fill("#id_answer_0", "5000")
    page.fill("#id_action_reusable_cups_target", "120")
    with page.expect_navigation():
        page.locator("main form [type=submit]").click()
    assert page.locator("#id_action_reusable_cups_target_error").count() == 1
    axe(page)
