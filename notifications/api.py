"""A person's own notifications and settings over the API, under /api/v1/notifications/.

Routed by engage/api.py. Who may do what is notifications/rules.py; reads are
notifications/selectors.py, writes notifications/services.py. Everything here is the
caller's own: another person's notification is a 404, as if it did not exist.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from notifications.registry import Audience, Channel, kind_get, kinds_all
from notifications.selectors import (
    notification_list,
    notification_rows,
    notification_unread_count,
    preference_list_visible,
)
from notifications.services import (
    notification_mark_read,
    notifications_mark_all_read,
    preferences_save,
)
from proposals.api.base import BaseApi, JsonInput, require_perm
from proposals.api.pagination import ProposalPagination

TAGS = ["notifications"]


class NotificationSerializer(serializers.Serializer):
    """A NotificationRow: the notification with its message in the caller's language."""

    id = serializers.IntegerField(source="notification.pk")
    kind = serializers.CharField(source="notification.kind")
    created_at = serializers.DateTimeField(source="notification.created_at")
    read_at = serializers.DateTimeField(source="notification.read_at", allow_null=True)
    subject = serializers.CharField(source="message.subject")
    body = serializers.CharField(source="message.body")
    url = serializers.CharField(source="message.url", help_text="The thing itself, on this site.")


class NotificationListApi(BaseApi):
    permission_classes = [IsAuthenticated]
    pagination_class = ProposalPagination

    @extend_schema(
        tags=TAGS,
        summary="My notifications",
        description="Your own notifications, newest first, read and unread. Paginated.",
        responses={200: NotificationSerializer(many=True)},
    )
    def get(self, request):
        require_perm(request.user, "notifications.view_notifications")
        paginator = ProposalPagination()
        page = paginator.paginate_queryset(notification_list(user=request.user), request, view=self)
        rows = notification_rows(notifications=page)
        return paginator.get_paginated_response(NotificationSerializer(rows, many=True).data)


class NotificationUnreadCountApi(BaseApi):
    permission_classes = [IsAuthenticated]

    class OutputSerializer(serializers.Serializer):
        unread = serializers.IntegerField(min_value=0)

    @extend_schema(
        tags=TAGS,
        summary="How many of my notifications are unread",
        responses={200: OutputSerializer},
    )
    def get(self, request):
        require_perm(request.user, "notifications.view_notifications")
        return Response({"unread": notification_unread_count(user=request.user)})


class NotificationReadApi(BaseApi):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=TAGS,
        summary="Mark one of my notifications read",
        description="Marking it again changes nothing. Someone else's notification is a 404.",
        request=None,
        responses={200: NotificationSerializer},
    )
    def post(self, request, pk: int):
        require_perm(request.user, "notifications.view_notifications")
        # Only the caller's own are found (Notification.objects.for_recipient, which
        # agrees with notifications.mark_notification_read).
        notification = notification_mark_read(user=request.user, notification_id=pk)
        rows = notification_rows(notifications=[notification]) if notification else []
        if not rows:
            raise NotFound
        return Response(NotificationSerializer(rows[0]).data)


class NotificationReadAllApi(BaseApi):
    permission_classes = [IsAuthenticated]

    class OutputSerializer(serializers.Serializer):
        marked = serializers.IntegerField(min_value=0, help_text="How many were unread.")

    @extend_schema(
        tags=TAGS,
        summary="Mark all my notifications read",
        request=None,
        responses={200: OutputSerializer},
    )
    def post(self, request):
        require_perm(request.user, "notifications.view_notifications")
        return Response({"marked": notifications_mark_all_read(user=request.user)})


class PreferenceSerializer(serializers.Serializer):
    """A PreferenceRow."""

    kind = serializers.CharField(source="kind.key")
    label = serializers.CharField(source="kind.label")
    audience = serializers.ChoiceField(source="kind.audience", choices=Audience.choices)
    channel = serializers.ChoiceField(choices=Channel.choices)
    default_channel = serializers.ChoiceField(
        source="kind.default_channel", choices=Channel.choices
    )


@extend_schema_field(
    {
        "type": "object",
        "description": "Kind → channel, for the kinds to change; the others keep theirs.",
        "properties": {
            kind.key: {"type": "string", "enum": Channel.values, "description": str(kind.label)}
            for kind in kinds_all()
        },
        "additionalProperties": False,
    }
)
class _ChoicesField(serializers.DictField):
    child = serializers.ChoiceField(choices=Channel.choices)


class PreferencesApi(BaseApi):
    permission_classes = [IsAuthenticated]

    class InputSerializer(JsonInput):
        preferences = _ChoicesField()

        def validate_preferences(self, value: dict) -> dict:
            message = _("There is no such kind of notification.")
            unknown = {key: [message] for key in value if kind_get(key) is None}
            if unknown:
                raise serializers.ValidationError(unknown)
            return value

    @extend_schema(
        tags=TAGS,
        summary="My notification settings",
        description=(
            "How you get each kind by email: at once, in the daily or weekly digest, or "
            "not at all (the app shows every notification either way). Kinds about work "
            "for the municipality are listed only for moderators, team members and staff."
        ),
        responses={200: PreferenceSerializer(many=True)},
    )
    def get(self, request):
        require_perm(request.user, "notifications.change_preferences")
        rows = preference_list_visible(user=request.user)
        return Response(PreferenceSerializer(rows, many=True).data)

    @extend_schema(
        tags=TAGS,
        summary="Change my notification settings",
        description=(
            "Sets the channel of each kind given, all or none; kinds not given keep "
            "theirs. A kind about staff work, for someone who does none, is a 403. "
            "Answers with every setting, as GET does."
        ),
        request=InputSerializer,
        responses={
            200: PreferenceSerializer(many=True),
            403: OpenApiResponse(description="Not signed in, or a kind that is for staff."),
        },
    )
    def put(self, request):
        require_perm(request.user, "notifications.change_preferences")
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        preferences_save(user=request.user, choices=serializer.validated_data["preferences"])
        rows = preference_list_visible(user=request.user)
        return Response(PreferenceSerializer(rows, many=True).data, status=status.HTTP_200_OK)
