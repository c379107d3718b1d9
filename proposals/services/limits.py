from django.conf import settings

from engage.accounts.models import User
from engage.ratelimit import ratelimit_hit


def rate_limit(*, action: str, user: User) -> None:
    """Count one `action` by `user` against PROPOSALS_RATE_LIMITS; raises RateLimited."""
    limit, period = settings.PROPOSALS_RATE_LIMITS[action]
    ratelimit_hit(scope=f"proposals:{action}", key=str(user.pk), limit=limit, period=period)
