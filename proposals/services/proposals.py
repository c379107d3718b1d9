from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engage.accounts.models import User
from engage.cache import listing_changed
from engage.taxonomy.models import FocusArea, Theme
from notifications.services import event_record
from proposals import geo, images, text
from proposals.lifecycle import EDITABLE_STATUSES, Outcome, Status, transition_check
from proposals.models import Proposal, ProposalEvent, ProposalFollow, ProposalImage
from proposals.notifications import EventKind
from proposals.rules import content_is_frozen
from proposals.search import search_vector_refresh
from proposals.services.limits import rate_limit
from proposals.services.routing import proposal_suggestions_refresh

MAX_IMAGES = 3
_UNSET = object()


def _check_body(body: str) -> str:
    # A TextField's max_length reaches forms only; neither full_clean nor the database checks it.
    body = body.strip()
    try:
        MaxLengthValidator(Proposal._meta.get_field("body").max_length)(body)
    except ValidationError as exc:
        raise ValidationError({"body": exc.error_list}) from exc
    return body


def _check_organisation(author: User, organisation):
    """An author submits on behalf of an organisation only if they belong to it."""
    if organisation is None:
        return None
    if not author.has_perm("partnerships.submit_for_organisation", organisation):
        raise ValidationError(
            {"organisation": _("You can only write on behalf of an organisation you belong to.")}
        )
    return organisation


def _check_classification(theme: Theme | None, focus_area: FocusArea | None) -> Theme | None:
    if focus_area is not None and theme is not None and focus_area.theme_id != theme.pk:
        raise ValidationError(
            {"focus_area": _("The focus area does not belong to the chosen theme.")}
        )
    return focus_area.theme if focus_area is not None else theme


@transaction.atomic
def proposal_create(
    *,
    author: User,
    title: str,
    body: str,
    theme: Theme | None = None,
    focus_area: FocusArea | None = None,
    location_text: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    organisation=None,
) -> Proposal:
    """Create a draft that only its author sees until it is submitted; with `organisation`
    (one the author belongs to) it is written on the organisation's behalf."""
    geo.point_check(latitude=latitude, longitude=longitude)
    proposal = Proposal(
        author=author,
        organisation=_check_organisation(author, organisation),
        title=title.strip(),
        body=_check_body(body),
        body_html=text.render(body),
        theme=_check_classification(theme, focus_area),
        focus_area=focus_area,
        location_text=location_text.strip(),
        latitude=latitude,
        longitude=longitude,
    )
    proposal.full_clean(exclude=["search_vector"])
    proposal.save()
    search_vector_refresh(proposal_ids=[proposal.pk])
    return proposal


@transaction.atomic
def proposal_update(
    *,
    proposal: Proposal,
    title: str | None = None,
    body: str | None = None,
    theme: Theme | object | None = _UNSET,
    focus_area: FocusArea | object | None = _UNSET,
    location_text: str | None = None,
    latitude: Decimal | object | None = _UNSET,
    longitude: Decimal | object | None = _UNSET,
    organisation=_UNSET,
) -> Proposal:
    """Change a draft. Raises ValidationError once the proposal has been submitted."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status not in EDITABLE_STATUSES:
        raise ValidationError(_("Only drafts can be edited."), code="not_editable")
    if content_is_frozen(None, proposal):
        raise ValidationError(
            _("A moderator has hidden this proposal; it cannot be edited until it is restored."),
            code="hidden",
        )
    changed = ["updated_at"]
    if title is not None:
        proposal.title = title.strip()
        changed.append("title")
    if body is not None:
        proposal.body = _check_body(body)
        proposal.body_html = text.render(body)
        changed += ["body", "body_html"]
    if location_text is not None:
        proposal.location_text = location_text.strip()
        changed.append("location_text")
    if latitude is not _UNSET or longitude is not _UNSET:
        proposal.latitude = None if latitude is _UNSET else latitude
        proposal.longitude = None if longitude is _UNSET else longitude
        geo.point_check(latitude=proposal.latitude, longitude=proposal.longitude)
        changed += ["latitude", "longitude"]
    if theme is not _UNSET or focus_area is not _UNSET:
        new_area = proposal.focus_area if focus_area is _UNSET else focus_area
        new_theme = proposal.theme if theme is _UNSET else theme
        if focus_area is not _UNSET and theme is _UNSET and new_area is not None:
            new_theme = None
        proposal.theme = _check_classification(new_theme, new_area)
        proposal.focus_area = new_area
        changed += ["theme", "focus_area"]
    if organisation is not _UNSET:
        proposal.organisation = _check_organisation(proposal.author, organisation)
        changed.append("organisation")
    proposal.updated_at = timezone.now()
    proposal.full_clean(exclude=["search_vector"])
    proposal.save(update_fields=changed)
    search_vector_refresh(proposal_ids=[proposal.pk])
    return proposal


@transaction.atomic
def proposal_delete_draft(*, proposal: Proposal) -> None:
    """Delete a draft and its images. A submitted proposal is never deleted this way."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != Status.DRAFT:
        raise ValidationError(_("Only drafts can be deleted."), code="not_draft")
    _delete_with_images(proposal)


@transaction.atomic
def proposal_erase_unpublished(*, proposal: Proposal) -> None:
    """For account deletion: remove a draft or a proposal still awaiting moderation."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status not in {Status.DRAFT, Status.SUBMITTED}:
        raise ValidationError(_("Only unpublished proposals can be erased."), code="published")
    _delete_with_images(proposal)


def _delete_with_images(proposal: Proposal) -> None:
    files = [image.image for image in proposal.images.all()]
    pk = proposal.pk
    proposal.delete()
    search_vector_refresh(proposal_ids=[pk])  # drops its FTS5 row on SQLite
    # Files go only once the rows are gone for good.
    transaction.on_commit(lambda: [f.storage.delete(f.name) for f in files])


def proposal_image_add(*, proposal: Proposal, upload: UploadedFile, alt_text: str) -> ProposalImage:
    """Attach a re-encoded copy of `upload` to a draft (at most three images).

    The image is decoded and re-encoded before the transaction opens: that is the slow
    part, and on SQLite an open write transaction holds every other writer. The draft's
    state is checked before (so a refusal costs no decoding) and again under the lock.
    """
    if not alt_text.strip():
        raise ValidationError({"alt_text": _("Describe the image for people who cannot see it.")})
    _image_add_check(proposal=proposal, count=proposal.images.count())
    clean = images.image_clean(upload=upload)
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        count = proposal.images.count()
        _image_add_check(proposal=proposal, count=count)
        image = ProposalImage(proposal=proposal, alt_text=alt_text.strip(), position=count)
        image.image.save(clean.content.name, clean.content, save=False)
        image.save()
    return image


def _image_add_check(*, proposal: Proposal, count: int) -> None:
    if proposal.status not in EDITABLE_STATUSES:
        raise ValidationError(_("Images can only be added to drafts."), code="not_editable")
    if count >= MAX_IMAGES:
        raise ValidationError(
            _("A proposal can have at most %(count)d images.") % {"count": MAX_IMAGES},
            code="too_many_images",
        )


@transaction.atomic
def proposal_image_remove(*, image: ProposalImage) -> None:
    if image.proposal.status not in EDITABLE_STATUSES:
        raise ValidationError(_("Images can only be removed from drafts."), code="not_editable")
    image.image.delete(save=False)
    image.delete()


@transaction.atomic
def proposal_submit(*, proposal: Proposal, actor: User) -> Proposal:
    """Send a draft to moderation, or publish it at once when pre-moderation is off.

    Side effects: the author follows the proposal; a timeline entry and a notification
    event are recorded. Rate limited per author. A draft written on behalf of an
    organisation the author has since left is refused (ValidationError).
    """
    if proposal.organisation_id is not None:
        from partnerships.models import Membership

        still_member = Membership.objects.filter(
            organisation_id=proposal.organisation_id, user_id=proposal.author_id
        ).exists()
        if not still_member:
            raise ValidationError(
                {
                    "organisation": _(
                        "You are no longer a member of the organisation this draft is written "
                        "on behalf of. Save the draft again, in your own name or for an "
                        "organisation you belong to, before you submit it."
                    )
                }
            )
    rate_limit(action="submit", user=actor)
    proposal = proposal_transition(
        proposal=proposal, target=Status.SUBMITTED, actor=actor, kind=ProposalEvent.Kind.SUBMITTED
    )
    ProposalFollow.objects.get_or_create(proposal=proposal, user=proposal.author)
    proposal_suggestions_refresh(proposals=[proposal])
    event_record(kind=EventKind.PROPOSAL_SUBMITTED, target=proposal, actor=actor)
    if not settings.PROPOSALS_PREMODERATION:
        proposal = proposal_publish(proposal=proposal, actor=actor)
    return proposal


@transaction.atomic
def proposal_publish(
    *, proposal: Proposal, actor: User | None, event_data: dict[str, str] | None = None
) -> Proposal:
    """Make a submitted proposal public and tell the followers of its focus area.

    `event_data` is what the status change says beyond itself (proposal_route: where the
    proposal went, which the author's one message about it names)."""
    proposal = proposal_transition(
        proposal=proposal, target=Status.PUBLISHED, actor=actor, event_data=event_data
    )
    if proposal.focus_area_id:
        event_record(
            kind=EventKind.PROPOSAL_PUBLISHED_IN_FOCUS_AREA,
            target=proposal,
            actor=actor,
            data={"focus_area": proposal.focus_area.slug},
        )
    return proposal


_TIMESTAMPS = {
    Status.SUBMITTED: "submitted_at",
    Status.PUBLISHED: "published_at",
    Status.ANSWERED: "answered_at",
}


@transaction.atomic
def proposal_transition(
    *,
    proposal: Proposal,
    target: Status,
    actor: User | None,
    note: str = "",
    outcome: Outcome | str = "",
    merged_into: Proposal | None = None,
    kind: ProposalEvent.Kind = ProposalEvent.Kind.STATUS_CHANGED,
    public: bool = True,
    undo: bool = False,
    event_data: dict[str, str] | None = None,
) -> Proposal:
    """Move a proposal along its lifecycle; the only code that writes `status`.

    Locks the row, so two moderators acting at once cannot both succeed: the second sees
    the new status and gets InvalidTransition. Records a timeline entry and, for changes
    after submission, a notification event for the proposal's followers. `undo` allows
    the lifecycle's undo transitions instead (proposal_unmerge); `event_data` adds to what
    that event says.
    """
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    transition_check(current=locked.status, target=target, undo=undo)
    if target == Status.ANSWERED and outcome not in Outcome.values:
        raise ValidationError(_("An answer needs an outcome."), code="outcome_required")
    if target == Status.MERGED and (merged_into is None or merged_into.pk == locked.pk):
        # Refused here so the caller gets a field error, not the database's check constraint.
        message = Proposal._meta.get_field("merged_into").error_messages["blank"]
        raise ValidationError(
            {"merged_into": ValidationError(message, code="merged_into_required")}
        )
    previous = locked.status
    locked.status = target
    locked.outcome = outcome if target == Status.ANSWERED else ""
    locked.merged_into = merged_into if target == Status.MERGED else None
    now = timezone.now()
    locked.updated_at = now
    fields = ["status", "outcome", "merged_into", "updated_at"]
    stamp = _TIMESTAMPS.get(target)
    # Back from review a proposal keeps its first publication date (and its place under
    # "newest"); a new answer, though, is news again.
    if stamp and (target == Status.ANSWERED or getattr(locked, stamp) is None):
        setattr(locked, stamp, now)
        fields.append(stamp)
    locked.save(update_fields=fields)
    answered = target == Status.ANSWERED
    ProposalEvent.objects.create(
        proposal=locked,
        kind=ProposalEvent.Kind.ANSWERED if answered else kind,
        actor=actor,
        from_status=previous,
        to_status=target,
        note=note,
        # The timeline names the team that answered (as it was called then).
        team_name=locked.team.name if answered and locked.team_id else "",
        is_public=public,
    )
    listing_changed(proposal_ids=[locked.pk])
    if previous != Status.DRAFT:
        data = {**(event_data or {}), "from": previous, "to": target, "outcome": locked.outcome}
        if note:
            # What the message says: the answer, the public note, a rejection's explanation
            # (the last to its author only: `public` is false).
            data |= {"note": note, "public": public}
        if target == Status.MERGED:
            # The duplicate's followers move to the target, so the event must say where.
            data |= {"merged_into": merged_into.pk, "merged_into_title": merged_into.title}
        event_record(kind=EventKind.PROPOSAL_STATUS_CHANGED, target=locked, actor=actor, data=data)
    return locked
