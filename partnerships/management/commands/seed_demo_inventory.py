"""A demo greenhouse-gas inventory for `make run`: 1990 and every year from 2010 to two
years ago (the Danish Energy Agency's accounts come out about two years late), the five
sectors, totals falling from about 750,000 to about 360,000 tCO2e. Invented figures, and
labelled so on the dashboard.

Idempotent: a version with the demo label is made once. Refuses to run with DEBUG off
unless told to with --force.
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from engage.accounts.models import User
from partnerships import services
from partnerships.models import InventoryVersion

DEMO_LABEL = "Demotal: opfundne tal til afprøvning"
DEMO_SOURCE = "Opfundne tal i samme form som Energistyrelsens energi- og CO2-regnskab"
# sector: (1990, 2010, the last year), tCO2e; the years between fall evenly, with a wobble.
SHAPE = {
    "energy": (380_000, 230_000, 70_000),
    "transport": (150_000, 165_000, 130_000),
    "agriculture": (170_000, 150_000, 135_000),
    "industry": (25_000, 20_000, 14_000),
    "waste": (25_000, 15_000, 9_000),
}
WOBBLE = (0, 3, -2, 4, -1, 2, -3, 1, 0, 2, -2, 1, 3, -1, 0, 1, -2, 2)  # per cent


def demo_rows(*, last_year: int) -> list[services.InventoryRowData]:
    rows = []
    for sector, (start, middle, end) in SHAPE.items():
        rows.append(services.InventoryRowData(1990, sector, Decimal(start)))
        span = max(last_year - 2010, 1)
        for n, year in enumerate(range(2010, last_year + 1)):
            value = middle + (end - middle) * n / span
            if 0 < n < span:
                value *= 1 + WOBBLE[n % len(WOBBLE)] / 100
            rows.append(services.InventoryRowData(year, sector, Decimal(round(value))))
    return rows


class Command(BaseCommand):
    help = "Create the demo greenhouse-gas inventory (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args, force: bool = False, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError("seed_demo_inventory is for demo databases; use --force if so.")
        version = InventoryVersion.objects.filter(label=DEMO_LABEL).first()
        created = version is None
        if created:
            this_year = timezone.localdate().year
            version = services.inventory_import(
                actor=User.objects.filter(email="admin@example.com").first(),
                rows=demo_rows(last_year=this_year - 2),
                label=DEMO_LABEL,
                source=DEMO_SOURCE,
                published_on=date(this_year - 1, 3, 1),
                note="Demotal til afprøvning af klimadashboardet; ikke kommunens rigtige tal.",
                show=not InventoryVersion.objects.exists(),
            )
        self.stdout.write(self.style.MIGRATE_HEADING("Demo climate inventory:"))
        self.stdout.write(
            f"  {version.label} ({'created' if created else 'already there'}): /klima/"
        )
