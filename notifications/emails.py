"""What a notification email says and carries, in the recipient's language.

Builds unsaved outbox rows (engage.mail.models.OutgoingEmail); notifications.sending
decides what to build and stores them. Every email is multipart (plain text and HTML that
needs no images), says why the person got it with a link to exactly that setting, and has
the list headers mail programs use: List-Id, and a one-click List-Unsubscribe (RFC 8058).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from engage.mail.models import OutgoingEmail
from engage.mail.services import mail_domain
from notifications.models import Delivery
from notifications.registry import Channel, Message, NotificationKind
from notifications.selectors import preference_setting_url
from notifications.unsubscribe import unsubscribe_url


@dataclass(frozen=True)
class EmailItem:
    """One notification in an email: its delivery, kind and words (in the recipient's
    language), why the person got it, the absolute link to the thing itself and the link to
    the setting of its kind."""

    delivery: Delivery
    kind: NotificationKind
    message: Message
    reason: str
    link: str
    setting_url: str

    @property
    def details(self) -> str:
        return self.message.details


def site_link(path: str) -> str:
    """An absolute link to a path on this site, for emails read outside it."""
    return path if urlsplit(path).scheme else settings.SITE_URL.rstrip("/") + path


def list_id() -> str:
    return settings.MAIL_LIST_ID or f"Hverdagsmål <notifications.{mail_domain()}>"


def email_item_build(
    *, delivery: Delivery, kind: NotificationKind, words: dict | None = None
) -> EmailItem:
    """Precondition: the recipient's language is active and `delivery.event.target` loaded.

    An event's words do not depend on who reads them: a batch that passes the same `words`
    dict to every call builds them once per event and language.
    """
    key = (delivery.event_id, kind.key, translation.get_language())
    shared = words.get(key) if words is not None else None
    if shared is None:
        message = kind.message(delivery.event)
        shared = (
            message,
            kind.reason(delivery.event),
            site_link(message.url),
            preference_setting_url(kind_key=kind.key),
        )
        if words is not None:
            words[key] = shared
    message, reason, link, setting_url = shared
    return EmailItem(
        delivery=delivery,
        kind=kind,
        message=message,
        reason=reason,
        link=link,
        setting_url=setting_url,
    )


def language_of(user) -> str:
    languages = {code for code, _name in settings.LANGUAGES}
    return user.preferred_language if user.preferred_language in languages else "da"


def _headers(*, unsubscribe: str) -> dict[str, str]:
    return {
        "List-Id": list_id(),
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",  # RFC 3834: out-of-office replies stay away
    }


def _outgoing(
    *,
    user,
    key: str,
    message_id: str,
    category: str,
    subject: str,
    context: dict,
    template: str,
    kind_keys: Iterable[str],
) -> OutgoingEmail:
    """Precondition: the recipient's language is active. `kind_keys` are the kinds a
    one-click unsubscribe from this email stops: every kind it carries."""
    unsubscribe = unsubscribe_url(user_id=user.pk, kinds=kind_keys)
    context = {
        **context,
        "recipient": user,
        "site_url": settings.SITE_URL,
        "unsubscribe": unsubscribe,
        "lang": translation.get_language(),
    }
    return OutgoingEmail(
        key=key,
        category=category,
        recipient=user,
        message_id=f"<{message_id}@{mail_domain()}>",
        subject=subject,
        body=render_to_string(f"notifications/email/{template}.txt", context),
        html_body=render_to_string(f"notifications/email/{template}.html", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers=_headers(unsubscribe=unsubscribe),
    )


def notification_email_build(*, item: EmailItem) -> OutgoingEmail:
    """One notification, sent at once. Precondition: the recipient's language is active."""
    user = item.delivery.recipient
    delivery = item.delivery
    return _outgoing(
        user=user,
        key=f"delivery:{delivery.pk}",
        message_id=f"delivery-{delivery.pk}.{delivery.event_id}",
        category=OutgoingEmail.Category.NOTIFICATION,
        subject=item.message.subject,
        context={
            "item": item,
            "setting_url": item.setting_url,
        },
        template="notification",
        kind_keys=[item.kind.key],
    )


@dataclass(frozen=True)
class Group:
    title: str
    items: list[EmailItem]


@dataclass(frozen=True)
class Why:
    kind: NotificationKind
    reason: str
    setting_url: str


def _groups(items: Sequence[EmailItem]) -> list[Group]:
    """Items under the proposal or focus area they concern, oldest first within each."""
    groups: dict[str, list[EmailItem]] = {}
    for item in sorted(items, key=lambda item: (item.delivery.created_at, item.delivery.pk)):
        groups.setdefault(item.message.group, []).append(item)
    return [Group(title=title, items=group) for title, group in groups.items()]


def _whys(items: Sequence[EmailItem]) -> list[Why]:
    """Each reason in the email once (a kind about two proposals has two), with the
    setting of its kind."""
    whys: dict[tuple[str, str], Why] = {}
    for item in items:
        whys.setdefault(
            (item.kind.key, item.reason),
            Why(kind=item.kind, reason=item.reason, setting_url=item.setting_url),
        )
    return list(whys.values())


def bundle_email_build(*, user, items: Sequence[EmailItem]) -> OutgoingEmail:
    """The notifications held back because the person had many emails within the hour."""
    first = min(item.delivery.pk for item in items)
    return _outgoing(
        user=user,
        key=f"bundle:{first}:{len(items)}",
        message_id=f"bundle-{first}-{len(items)}",
        category=OutgoingEmail.Category.BUNDLE,
        subject=ngettext(
            "%(count)d new notification from Hverdagsmål",
            "%(count)d new notifications from Hverdagsmål",
            len(items),
        )
        % {"count": len(items)},
        context={
            "intro": _(
                "You had many notifications within an hour, so we collected the rest in "
                "this one email."
            ),
            "groups": _groups(items),
            "whys": _whys(items),
            "count": len(items),
        },
        template="digest",
        # One click stops exactly what the person read about here, nothing they did not see.
        kind_keys={item.kind.key for item in items},
    )


def digest_email_build(
    *, user, channel: Channel, period, items: Sequence[EmailItem]
) -> OutgoingEmail:
    """One person's digest for one period. Precondition: their language is active."""
    count = len(items)
    if channel == Channel.WEEKLY:
        subject = ngettext(
            "Your weekly digest: %(count)d new notification",
            "Your weekly digest: %(count)d new notifications",
            count,
        )
        intro = _("What happened this week in what you follow on Hverdagsmål.")
    else:
        subject = ngettext(
            "Your daily digest: %(count)d new notification",
            "Your daily digest: %(count)d new notifications",
            count,
        )
        intro = _("What happened since yesterday in what you follow on Hverdagsmål.")
    return _outgoing(
        user=user,
        key=f"digest:{channel}:{period.isoformat()}:{user.pk}",
        message_id=f"digest-{channel}-{period.isoformat()}-{user.pk}",
        category=OutgoingEmail.Category.DIGEST,
        subject=subject % {"count": count},
        context={
            "intro": intro,
            "groups": _groups(items),
            "whys": _whys(items),
            "count": count,
        },
        template="digest",
        # One click stops exactly what the person read about here, nothing they did not see.
        kind_keys={item.kind.key for item in items},
    )
