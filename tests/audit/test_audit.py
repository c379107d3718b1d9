"""The audit trail is append-only: neither the ORM, raw SQL nor the admin rewrites it."""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from engage.audit.models import AuditEntry, ImmutableError
from engage.audit.selectors import AuditFilters, audit_entry_list
from engage.audit.services import audit_record
from proposals.lifecycle import Status
from proposals.models import Proposal
from tests.factories import AdminFactory, ModeratorFactory, StaffFactory, give_totp
from tests.proposals.factories import CommentFactory, ProposalFactory

pytestmark = pytest.mark.django_db

FIELDS = ("actor_id", "action", "target_id", "target_label", "from_state", "to_state", "reason")


@pytest.fixture
def entry() -> AuditEntry:
    proposal = ProposalFactory(status=Status.SUBMITTED, title="Flere bænke")
    return audit_record(
        actor=ModeratorFactory(),
        action="proposal.reject",
        target=proposal,
        from_state="submitted",
        to_state="rejected",
        reason="Spam",
        data={"reason": "spam"},
    )


def stored(entry: AuditEntry) -> tuple:
    row = AuditEntry.objects.get(pk=entry.pk)
    return (*(getattr(row, field) for field in FIELDS), row.data, row.created_at)


def test_audit_record_writes_who_what_and_why(entry):
    row = AuditEntry.objects.get(pk=entry.pk)
    assert row.target_type == ContentType.objects.get_for_model(Proposal)
    assert row.target_label == "Flere bænke"
    assert (row.action, row.from_state, row.to_state, row.reason) == (
        "proposal.reject",
        "submitted",
        "rejected",
        "Spam",
    )
    assert row.data == {"reason": "spam"}
    assert row.actor.groups.filter(name="moderators").exists()
    assert "proposal.reject" in str(row)


def test_audit_record_without_a_person_has_no_actor():
    proposal = ProposalFactory()
    for actor in (None, AnonymousUser()):
        assert audit_record(actor=actor, action="proposal.auto_hide", target=proposal).actor is None


def test_saving_an_existing_entry_is_refused(entry):
    before = stored(entry)
    entry.reason = "Noget andet"
    with pytest.raises(ImmutableError):
        entry.save()
    with pytest.raises(ImmutableError):
        entry.save(update_fields=["reason"])
    assert stored(entry) == before


def test_queryset_update_and_delete_are_refused(entry):
    before = stored(entry)
    with pytest.raises(ImmutableError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="Noget andet")
    with pytest.raises(ImmutableError):
        AuditEntry.objects.all().update(actor=None)
    with pytest.raises(ImmutableError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(ImmutableError):
        AuditEntry.objects.all().delete()
    assert stored(entry) == before


def test_deleting_an_entry_is_refused(entry):
    before = stored(entry)
    with pytest.raises(ImmutableError):
        entry.delete()
    assert stored(entry) == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL-only")
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditentry SET reason = 'rewritten' WHERE id = %s",
        "UPDATE audit_auditentry SET created_at = created_at - interval '1 day' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
    ],
)
def test_the_database_refuses_raw_updates_and_deletes(entry, sql):
    before = stored(entry)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [entry.pk])
    assert stored(entry) == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL-only")
def test_the_database_still_accepts_new_entries(entry):
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_auditentry (created_at, action, target_type_id, target_id,"
            " target_label, from_state, to_state, reason, data)"
            " SELECT now(), 'raw.insert', target_type_id, target_id, target_label, '', '', '',"
            " '{}'::jsonb FROM audit_auditentry WHERE id = %s",
            [entry.pk],
        )
    assert AuditEntry.objects.filter(action="raw.insert").count() == 1


# --- reading the trail ---


def test_audit_entry_list_filters(entry):
    proposal = Proposal.objects.get(pk=entry.target_id)
    comment = CommentFactory(proposal=proposal)
    other_actor = ModeratorFactory()
    hide = audit_record(actor=other_actor, action="comment.hide", target=comment)
    old = AuditEntry.objects.create(
        actor=None,
        action="proposal.route",
        target_type=ContentType.objects.get_for_model(Proposal),
        target_id=proposal.pk,
        target_label=proposal.title,
        created_at=timezone.now() - timedelta(days=10),
    )

    def listed(**filters) -> list[int]:
        return [row.pk for row in audit_entry_list(filters=AuditFilters(**filters))]

    assert listed() == [hide.pk, entry.pk, old.pk]  # newest first
    assert listed(action="comment.hide") == [hide.pk]
    assert listed(actor_id=other_actor.pk) == [hide.pk]
    assert listed(target_type="proposals.proposal") == [entry.pk, old.pk]
    assert listed(target_type="proposals.proposal", target_id=proposal.pk) == [entry.pk, old.pk]
    assert listed(target_type="proposals.comment", target_id=comment.pk) == [hide.pk]
    today = timezone.localdate()
    assert listed(since=today - timedelta(days=1)) == [hide.pk, entry.pk]
    assert listed(until=today - timedelta(days=5)) == [old.pk]


def test_audit_entry_list_in_one_query(entry, django_assert_num_queries):
    proposal = Proposal.objects.get(pk=entry.target_id)
    for _ in range(5):
        audit_record(actor=ModeratorFactory(), action="proposal.answer", target=proposal)
    with django_assert_num_queries(1):
        rows = list(audit_entry_list(filters=AuditFilters()))
        labels = [(str(row.actor), row.target_type.model) for row in rows]
    assert len(labels) == 6


# --- the admin reads, nobody writes ---


def _model_admin():
    return admin.site._registry[AuditEntry]


@pytest.mark.parametrize(
    ("factory", "may_view"),
    [(AdminFactory, True), (StaffFactory, False), (ModeratorFactory, False)],
)
def test_admin_is_read_only_and_for_superusers(entry, factory, may_view):
    request = RequestFactory().get("/admin/audit/auditentry/")
    request.user = factory()
    model_admin = _model_admin()
    assert model_admin.has_view_permission(request) is may_view
    assert model_admin.has_view_permission(request, entry) is may_view
    assert model_admin.has_add_permission(request) is False
    assert model_admin.has_change_permission(request) is False
    assert model_admin.has_change_permission(request, entry) is False
    assert model_admin.has_delete_permission(request) is False
    assert model_admin.has_delete_permission(request, entry) is False


def test_admin_pages_show_but_do_not_change_the_trail(client, entry):
    superuser = AdminFactory()
    give_totp(superuser, recovery_codes=False)
    client.force_login(superuser)
    before = stored(entry)

    changelist = client.get(reverse("admin:audit_auditentry_changelist"))
    assert changelist.status_code == 200
    assert "Flere bænke" in changelist.text
    change_url = reverse("admin:audit_auditentry_change", args=[entry.pk])
    assert client.get(change_url).status_code == 200  # shown read-only
    assert client.post(change_url, {"reason": "Omskrevet"}).status_code == 403
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    delete_url = reverse("admin:audit_auditentry_delete", args=[entry.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    bulk = client.post(
        reverse("admin:audit_auditentry_changelist"),
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    assert bulk.status_code in {200, 302, 403}
    assert stored(entry) == before


def test_staff_cannot_open_the_trail_in_the_admin(client, entry):
    staff = StaffFactory()
    give_totp(staff, recovery_codes=False)
    client.force_login(staff)
    assert client.get(reverse("admin:audit_auditentry_changelist")).status_code == 403
