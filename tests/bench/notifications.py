"""Fan-out of one event to 10,000 followers (issue goal: at least 10,000 followers a second).

Runs inside a transaction that is rolled back, so the bench database does not grow; the
followers are made for the run where the seed has too few people.
"""

import statistics
import time

from django.db import transaction

FOLLOWERS = 10_000
GOAL_PER_SECOND = 10_000


class _RollBack(Exception):
    pass


def fan_out_measure(*, followers: int = FOLLOWERS, runs: int = 3) -> dict:
    from engage.accounts.models import User
    from notifications.models import Delivery, Notification
    from notifications.services import event_record
    from proposals.lifecycle import Status
    from proposals.models import Proposal, ProposalFollow
    from proposals.notifications import EventKind

    figures: dict = {}
    try:
        with transaction.atomic():
            proposal = Proposal.objects.filter(status=Status.PUBLISHED).order_by("pk").first()
            missing = followers + 1 - User.objects.count()
            if missing > 0:
                User.objects.bulk_create(
                    [
                        User(email=f"bench-follower-{n}@example.dk", display_name=f"Følger {n}")
                        for n in range(missing)
                    ],
                    batch_size=2000,
                )
            people = list(
                User.objects.exclude(pk=proposal.author_id)
                .order_by("pk")
                .values_list("pk", flat=True)[:followers]
            )
            ProposalFollow.objects.filter(proposal=proposal).delete()
            ProposalFollow.objects.bulk_create(
                [ProposalFollow(proposal=proposal, user_id=pk) for pk in people]
            )
            seconds = []
            for _ in range(runs):
                with transaction.atomic():
                    started = time.perf_counter()
                    event = event_record(
                        kind=EventKind.COMMENT_CREATED, target=proposal, actor=None, data={}
                    )
                    seconds.append(time.perf_counter() - started)
            figures = {
                "followers": len(people),
                "notifications": Notification.objects.filter(event=event).count(),
                "deliveries": Delivery.objects.filter(event=event).count(),
                "seconds": statistics.median(seconds),
            }
            raise _RollBack
    except _RollBack:
        pass
    return figures


def log_fan_out(figures: dict, *, log) -> None:
    rate = figures["notifications"] / figures["seconds"]
    verdict = (
        "PASS" if rate >= GOAL_PER_SECOND and figures["notifications"] == FOLLOWERS else "MISS"
    )
    log(
        f"\nFan-out of one new comment to {figures['followers']:,} followers (median of 3): "
        f"{figures['notifications']:,} notifications and {figures['deliveries']:,} deliveries "
        f"in {figures['seconds'] * 1000:.0f} ms = {rate:,.0f} followers/s "
        f"(goal ≥ {GOAL_PER_SECOND:,}/s) {verdict}"
    )
