"""Who may do what with organisations: the one place views and the API ask.

Organisation pages are public; the partner directory lists those with an agreement the
public sees (an active one: AgreementQuerySet.public). Its members see its member list;
its admins change its profile and its members. Moderators, partnership coordinators and
admins verify organisations and look after those whose last admin left: they may invite
and change members of any organisation (that is how an organisation without an admin gets
one), but never edit its profile.

Programmes are public. Partnership coordinators and admins create them; a programme's own
coordinators (who must hold the coordinator role) and admins edit it, decide its
applications and look after its agreements. An application and an agreement are seen by
the organisation's members, the programme's coordinators and admins; the organisation's
admins apply and resubmit. Moderators and coordinators of other programmes have no part
in them.

The climate dashboard and its open data are public. Partnership coordinators and admins
import the greenhouse-gas inventory and choose the version shown; only admins change the
baseline year and the climate targets.
"""

import rules

from engage.accounts.rules import is_admin, is_coordinator, is_moderator

is_signed_in = rules.is_authenticated & rules.is_active

_CACHE_ATTRIBUTE = "_partnership_roles"


def organisation_roles(user) -> dict[int, str]:
    """{organisation id: role} of `user`'s memberships: one query per user object."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        from partnerships.models import Membership

        cached = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


_PROGRAMMES_ATTRIBUTE = "_coordinated_programmes"


def coordinated_programmes(user) -> frozenset[int]:
    """Ids of the programmes `user` coordinates: one query per user object."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, _PROGRAMMES_ATTRIBUTE, None)
    if cached is None:
        from partnerships.models import Programme

        cached = frozenset(Programme.objects.filter(coordinators=user).values_list("pk", flat=True))
        setattr(user, _PROGRAMMES_ATTRIBUTE, cached)
    return cached


def coordinated_programmes_forget(user) -> None:
    if user is not None and hasattr(user, _PROGRAMMES_ATTRIBUTE):
        delattr(user, _PROGRAMMES_ATTRIBUTE)


def organisation_roles_forget(user) -> None:
    """After a change of `user`'s memberships in this request (services call it)."""
    if user is not None and hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


@rules.predicate
def is_organisation_member(user, organisation) -> bool:
    """A member in any role (admins too)."""
    return organisation is not None and organisation.pk in organisation_roles(user)


@rules.predicate
def is_organisation_admin(user, organisation) -> bool:
    return organisation is not None and organisation_roles(user).get(organisation.pk) == "admin"


@rules.predicate
def is_programme_coordinator(user, obj) -> bool:
    """A coordinator (the role) listed on the programme of `obj`: a programme, an
    application or an agreement."""
    if obj is None:
        return False
    listed = getattr(obj, "coordinator_ids", None)
    if listed is not None:
        return is_listed_coordinator(user, obj)
    programme_id = obj.pk if obj.__class__.__name__ == "Programme" else obj.programme_id
    return programme_id in coordinated_programmes(user) and is_coordinator(user)


@rules.predicate
def is_listed_coordinator(user, obj) -> bool:
    """is_programme_coordinator answered without a query from the programme's coordinators
    a selector read with `obj` (its `coordinator_ids`: selectors.agreement_page_get), and
    False when it read none. Asked before membership, which costs a query."""
    listed = getattr(obj, "coordinator_ids", None)
    return listed is not None and user.pk in listed and is_coordinator(user)


@rules.predicate
def is_member_of_party(user, obj) -> bool:
    """A member (any role) of the organisation of an application or agreement."""
    return obj is not None and obj.organisation_id in organisation_roles(user)


@rules.predicate
def is_admin_of_party(user, obj) -> bool:
    return obj is not None and organisation_roles(user).get(obj.organisation_id) == "admin"


@rules.predicate
def is_public_partner(user, organisation) -> bool:
    """Listed as a partner in public (the directory, programme and focus-area pages): it has
    an agreement the public sees. OrganisationQuerySet.public_partners asks the same."""
    if organisation is None or organisation.pk is None:
        return False
    from partnerships.models import Organisation

    return Organisation.objects.public_partners().filter(pk=organisation.pk).exists()


is_partnership_staff = is_moderator | is_coordinator | is_admin

rules.add_perm("partnerships.view_organisation", rules.always_allow)
# Everyone sees the directory; it lists the organisations that are public partners.
rules.add_perm("partnerships.list_partner", is_public_partner)
rules.add_perm("partnerships.add_organisation", is_signed_in)
rules.add_perm("partnerships.change_organisation", is_signed_in & is_organisation_admin)
rules.add_perm(
    "partnerships.view_members",
    is_signed_in & (is_organisation_member | is_partnership_staff),
)
rules.add_perm(
    "partnerships.manage_members",
    is_signed_in & (is_organisation_admin | is_partnership_staff),
)
rules.add_perm("partnerships.submit_for_organisation", is_signed_in & is_organisation_member)
rules.add_perm("partnerships.verify_organisation", is_signed_in & is_partnership_staff)

# Programmes, applications and agreements.
rules.add_perm("partnerships.view_programme", rules.always_allow)
rules.add_perm("partnerships.add_programme", is_signed_in & (is_coordinator | is_admin))
rules.add_perm(
    "partnerships.change_programme", is_signed_in & (is_programme_coordinator | is_admin)
)
# The object is the organisation applying; the service checks the programme (open,
# eligible kind, no application in progress).
rules.add_perm("partnerships.apply_for_organisation", is_signed_in & is_organisation_admin)
rules.add_perm(
    "partnerships.view_application",
    is_signed_in & (is_member_of_party | is_programme_coordinator | is_admin),
)
rules.add_perm("partnerships.resubmit_application", is_signed_in & is_admin_of_party)
rules.add_perm(
    "partnerships.decide_application", is_signed_in & (is_programme_coordinator | is_admin)
)
rules.add_perm(
    "partnerships.view_agreement",
    is_signed_in
    & (is_listed_coordinator | is_member_of_party | is_programme_coordinator | is_admin),
)
rules.add_perm(
    "partnerships.change_agreement", is_signed_in & (is_programme_coordinator | is_admin)
)
rules.add_perm(
    "partnerships.view_partnership_workspace", is_signed_in & (is_coordinator | is_admin)
)

# --- organisation API tokens ---------------------------------------------------------------
# Only the organisation's administrators: a token acts as its creator for the organisation,
# so staff, who are not the organisation, have none to make.
rules.add_perm("partnerships.manage_tokens", is_signed_in & is_organisation_admin)
# The municipality's greenhouse-gas inventory and climate targets. The dashboard and the
# open data are public; partnership coordinators and admins import the inventory and
# choose the version shown; only admins change the baseline year and the targets.
rules.add_perm("partnerships.view_inventory", rules.always_allow)
rules.add_perm("partnerships.manage_inventory", is_signed_in & (is_coordinator | is_admin))
rules.add_perm("partnerships.change_climate_targets", is_signed_in & is_admin)

# --- progress reports --------------------------------------------------------------------
#
# A report (and its values and evidence) belongs to the organisation: its members see and
# edit it, drafts too. The programme's coordinators and admins see a report once it has
# been submitted, and verify it. Moderators and other programmes' coordinators have no
# part in it. A verified value is public (it counts on the organisation's page), and so is
# the evidence backing it: a file stops being private once the value it backs (or, for a
# file of the whole report, the report) is verified, and anyone may then open it.
# ProgressReportQuerySet.visible_to and EvidenceQuerySet.public ask the same questions.


def _report_of(obj):
    """The report of a report, a value or an evidence file."""
    return getattr(obj, "report", obj)


@rules.predicate
def is_member_of_report_party(user, obj) -> bool:
    report = _report_of(obj)
    return report is not None and report.agreement.organisation_id in organisation_roles(user)


@rules.predicate
def is_report_coordinator(user, obj) -> bool:
    report = _report_of(obj)
    return report is not None and is_programme_coordinator(user, report.agreement)


@rules.predicate
def is_report_submitted(user, obj) -> bool:
    """Submitted at least once (not a draft)."""
    report = _report_of(obj)
    return report is not None and report.status != "draft"


@rules.predicate
def is_evidence_public(user, evidence) -> bool:
    return evidence is not None and evidence.is_public


may_see_report = is_signed_in & (
    is_member_of_report_party | ((is_report_coordinator | is_admin) & is_report_submitted)
)

# The object of start_report is the agreement; of the others, the report (or evidence).
rules.add_perm("partnerships.start_report", is_signed_in & is_member_of_party)
rules.add_perm(
    "partnerships.view_reports",
    is_signed_in
    & (is_listed_coordinator | is_member_of_party | is_programme_coordinator | is_admin),
)
rules.add_perm("partnerships.view_report", may_see_report)
rules.add_perm("partnerships.change_report", is_signed_in & is_member_of_report_party)
rules.add_perm("partnerships.submit_report", is_signed_in & is_member_of_report_party)
rules.add_perm(
    "partnerships.review_report",
    is_signed_in & (is_report_coordinator | is_admin) & is_report_submitted,
)
rules.add_perm("partnerships.view_evidence", is_evidence_public | may_see_report)
rules.add_perm("partnerships.view_report_queue", is_signed_in & (is_coordinator | is_admin))
# --- the partner's commitments (services/commitments.py) -------------------------------
# The object is the agreement. Both sides of it write the partner's commitments: the
# programme's coordinators and the organisation's admins (and site admins), until it ends.


@rules.predicate
def is_agreement_not_ended(user, agreement) -> bool:
    return agreement is not None and agreement.status != "ended"


rules.add_perm(
    "partnerships.change_partner_commitments",
    is_signed_in
    & is_agreement_not_ended
    & (is_programme_coordinator | is_admin_of_party | is_admin),
)
