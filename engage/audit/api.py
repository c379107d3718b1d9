"""The audit trail over the API: read-only, filtered, newest first.

Routed under /api/v1/audit/ by engage/api.py. Who may read it is engage/audit/rules.py
(admins every entry, moderators their own); the reads are engage/audit/selectors.py.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated

from engage.audit.selectors import AuditFilters, audit_entry_list_visible
from proposals.api.base import BaseApi, require_perm
from proposals.api.pagination import ProposalPagination, paginated_response


class AuditEntryListApi(BaseApi):
    """Read-only: there is no way to add, change or delete an entry (other methods → 405)."""

    permission_classes = [IsAuthenticated]
    pagination_class = ProposalPagination

    class FilterSerializer(serializers.Serializer):
        action = serializers.CharField(required=False, allow_blank=True, default="", max_length=40)
        actor = serializers.IntegerField(required=False, min_value=1, help_text="A user id.")
        target_type = serializers.RegexField(
            r"^[a-z_]+\.[a-z_]+$",
            required=False,
            allow_blank=True,
            default="",
            help_text="`app_label.model`, e.g. `proposals.proposal`.",
        )
        target_id = serializers.IntegerField(required=False, min_value=1)
        since = serializers.DateField(required=False, help_text="On or after this day.")
        until = serializers.DateField(required=False, help_text="On or before this day.")

        def validate(self, attrs):
            since, until = attrs.get("since"), attrs.get("until")
            if since and until and since > until:
                raise serializers.ValidationError(
                    {"until": [_("The end date is before the start date.")]}, code="until"
                )
            return attrs

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        created_at = serializers.DateTimeField()
        actor = serializers.IntegerField(source="actor_id", allow_null=True)
        actor_name = serializers.SerializerMethodField()
        action = serializers.CharField()
        target_type = serializers.SerializerMethodField()
        target_id = serializers.IntegerField()
        target_label = serializers.CharField()
        from_state = serializers.CharField()
        to_state = serializers.CharField()
        reason = serializers.CharField()
        data = serializers.JSONField()

        def get_actor_name(self, entry) -> str | None:
            return entry.actor.public_name if entry.actor_id else None

        def get_target_type(self, entry) -> str:
            return f"{entry.target_type.app_label}.{entry.target_type.model}"

    @extend_schema(
        tags=["audit"],
        summary="The audit trail",
        description=(
            "Every moderator and team action (and automatic hiding), newest first: who, "
            "when, what, from which state to which, and why. Admins read every entry, "
            "moderators their own. Paginated."
        ),
        parameters=[FilterSerializer],
        responses={200: OutputSerializer(many=True), 400: OpenApiResponse(), 403: None},
    )
    def get(self, request):
        require_perm(request.user, "audit.view_audit_trail")
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        params = dict(filters.validated_data)
        params["actor_id"] = params.pop("actor", None)
        return paginated_response(
            serializer_class=self.OutputSerializer,
            queryset=audit_entry_list_visible(user=request.user, filters=AuditFilters(**params)),
            request=request,
            view=self,
        )
