"""Output shapes shared by several proposal endpoints.

Every field reads attributes the selectors have already loaded (select_related, prefetch,
annotations), so serialising a page of proposals or a comment thread runs no queries.
Authors appear by their public name only, never by email.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from proposals.models import Comment
from proposals.rules import comment_text_visible_to


class ProposalListItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField(source="get_absolute_url")
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    outcome = serializers.CharField()
    theme = serializers.CharField(source="theme.slug", allow_null=True)
    focus_area = serializers.CharField(source="focus_area.slug", allow_null=True)
    author = serializers.CharField(source="author.public_name")
    organisation = serializers.SlugField(
        source="organisation.slug",
        allow_null=True,
        help_text="The organisation it is written on behalf of (its slug), or null.",
    )
    location_text = serializers.CharField()
    support_count = serializers.IntegerField()
    comment_count = serializers.IntegerField()
    published_at = serializers.DateTimeField(allow_null=True)
    answered_at = serializers.DateTimeField(allow_null=True)
    # Annotated by the selectors for a signed-in user; anonymous people support nothing.
    is_supported = serializers.BooleanField(default=False)

    # The fields a list item reads, for the list's query.
    MODEL_FIELDS = (
        "title",
        "status",
        "outcome",
        "theme__slug",
        "focus_area__slug",
        "author__display_name",
        "author__deleted_at",
        "organisation__slug",
        "location_text",
        "support_count",
        "comment_count",
        "published_at",
        "answered_at",
    )

    def to_representation(self, proposal) -> dict:
        """The fields above, built directly: a page of 100 items spent most of its time in
        DRF's generic per-field lookups. test_api checks both give the same."""
        datetime_field = self.fields["published_at"]
        return {
            "id": proposal.pk,
            "title": proposal.title,
            "url": proposal.get_absolute_url(),
            "status": proposal.status,
            "status_display": proposal.get_status_display(),
            "outcome": proposal.outcome,
            "theme": proposal.theme.slug if proposal.theme_id else None,
            "focus_area": proposal.focus_area.slug if proposal.focus_area_id else None,
            "author": proposal.author.public_name,
            "organisation": proposal.organisation.slug if proposal.organisation_id else None,
            "location_text": proposal.location_text,
            "support_count": proposal.support_count,
            "comment_count": proposal.comment_count,
            # DRF's DateTimeField gives None for a missing date.
            "published_at": datetime_field.to_representation(proposal.published_at),
            "answered_at": datetime_field.to_representation(proposal.answered_at),
            "is_supported": bool(getattr(proposal, "is_supported", False)),
        }


class ProposalImageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField(source="get_absolute_url")
    alt_text = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class ProposalEventSerializer(serializers.Serializer):
    kind = serializers.CharField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    note = serializers.CharField()
    created_at = serializers.DateTimeField()


class ProposalPermissionsSerializer(serializers.Serializer):
    """What the signed-in user may do with this proposal (the same rules as the pages)."""

    change = serializers.BooleanField()
    delete = serializers.BooleanField()
    submit = serializers.BooleanField()
    support = serializers.BooleanField()
    comment = serializers.BooleanField()
    follow = serializers.BooleanField()
    report = serializers.BooleanField()


class ProposalDetailSerializer(ProposalListItemSerializer):
    """Needs a proposal from selectors.proposal_get_visible with `timeline` set on it."""

    # One proposal: DRF's generic field by field, for these fields and the inherited ones.
    to_representation = serializers.Serializer.to_representation

    body = serializers.CharField()
    body_html = serializers.CharField()
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    sdgs = serializers.SerializerMethodField()
    images = ProposalImageSerializer(many=True, source="image_list")
    merged_into = serializers.IntegerField(source="merged_into_id", allow_null=True)
    created_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    is_followed = serializers.BooleanField(default=False)
    is_own = serializers.SerializerMethodField()
    timeline = ProposalEventSerializer(many=True)
    permissions = serializers.SerializerMethodField()

    def get_sdgs(self, obj) -> list[int]:
        return [sdg.number for sdg in obj.sdg_list]

    def get_is_own(self, obj) -> bool:
        return obj.author_id == self.context["request"].user.pk

    @extend_schema_field(ProposalPermissionsSerializer)
    def get_permissions(self, obj) -> dict[str, bool]:
        user = self.context["request"].user
        actions = ProposalPermissionsSerializer().fields
        return {action: user.has_perm(f"proposals.{action}_proposal", obj) for action in actions}


class CommentSerializer(serializers.Serializer):
    """A deleted or hidden comment keeps its place as a marker: no author, body or body_html.

    Moderators and the comment's author still get the text of a hidden comment
    (proposals.rules.comment_text_visible_to).
    """

    id = serializers.IntegerField()
    parent = serializers.IntegerField(source="parent_id", allow_null=True)
    author = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()
    body_html = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    edited_at = serializers.DateTimeField(allow_null=True)
    deleted = serializers.BooleanField(source="is_deleted")
    hidden = serializers.BooleanField(source="is_hidden")

    def _withheld(self, obj: Comment) -> bool:
        if obj.is_deleted:
            return True
        user = self.context["request"].user if "request" in self.context else None
        return obj.is_hidden and not comment_text_visible_to.test(user, obj)

    def get_author(self, obj: Comment) -> str | None:
        return None if self._withheld(obj) else obj.author.public_name

    def get_body(self, obj: Comment) -> str | None:
        return None if self._withheld(obj) else obj.body

    def get_body_html(self, obj: Comment) -> str | None:
        return None if self._withheld(obj) else obj.body_html


class CommentThreadSerializer(CommentSerializer):
    replies = CommentSerializer(many=True, source="reply_list")
