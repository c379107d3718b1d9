"""Every write in the partnerships app, re-exported: `from partnerships import services`.

organisations.py: organisations, members and invitations; programmes.py: programmes,
applications, agreements and the municipality's commitments; reminders.py: the daily
reminder of commitments falling due.
"""

from partnerships.services.organisations import *  # noqa: F403
from partnerships.services.programmes import *  # noqa: F403
from partnerships.services.reminders import *  # noqa: F403
