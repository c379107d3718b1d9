"""Create, migrate and fill a benchmark database fast: COPY in batches, not the per-row services.

The data is what the services would have produced (statuses with their timestamps and
timeline events, counters equal to the rows they count, authors following their proposals),
generated from a fixed random seed. A marker table records what was seeded, so the next run
reuses a database of the right size and shape instead of seeding again.
"""

import random
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from urllib.parse import urlsplit

import psycopg
from psycopg import sql

# Bump when the generated data changes shape: older bench databases are then re-seeded.
SEED_VERSION = 6
MARKER_TABLE = "bench_seed"
# Staff the moderation scenarios sign in as (all enrolled in TOTP, as RequireMFAMiddleware
# demands): a moderator, a member of the team with the most routed proposals, and an admin
# (who reads the audit trail whoever else may).
MODERATOR_EMAIL = "moderator@bench.example"
TEAM_MEMBER_EMAIL = "team@bench.example"
ADMIN_EMAIL = "admin@bench.example"


@dataclass(frozen=True)
class Scale:
    proposals: int
    users: int
    supports: int
    comments: int
    reports: int
    open_reports: int  # reports no moderator has resolved yet: the reports workspace
    hidden_comments: int  # hidden by a moderator, with a reason: the hidden-content page
    waiting: int  # submitted proposals in the triage queue, all with stored suggestions


FULL = Scale(
    proposals=100_000,
    users=5_000,
    supports=300_000,
    comments=200_000,
    reports=2_000,
    open_reports=800,
    hidden_comments=60,
    waiting=5_000,
)
SMALL = Scale(
    proposals=1_000,
    users=200,
    supports=3_000,
    comments=2_000,
    reports=20,
    open_reports=8,
    hidden_comments=6,
    waiting=50,
)
SCALES = {"full": FULL, "small": SMALL}

# Everything but the triage queue, whose size is Scale.waiting.
STATUS_WEIGHTS = {
    "draft": 4,
    "published": 50,
    "under_review": 20,
    "answered": 18,
    "rejected": 3,
    "merged": 2,
}
OPEN = ("published", "under_review", "answered")
OUTCOMES = ("accepted", "in_progress", "implemented", "not_feasible")
REPORT_REASONS = ("spam", "offensive", "personal_data", "off_topic", "other")
# Counters follow a heavy tail; the caps keep the busiest detail page plausible.
MAX_SUPPORTS = 2_500
MAX_COMMENTS = 150
# Days a proposal has waited in triage: mostly recent, about half past the 5-working-day
# service target, none older than a quarter.
WAITING_MEAN_DAYS = 10
WAITING_MAX_DAYS = 90


def _connect_admin(url: str) -> psycopg.Connection:
    parts = urlsplit(url)
    return psycopg.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or None,
        dbname="postgres",
        autocommit=True,
        connect_timeout=5,
    )


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def marker_read(url: str) -> dict | None:
    """What the database at `url` was seeded with, or None (missing database or marker)."""
    parts = urlsplit(url)
    try:
        with psycopg.connect(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 5432,
            user=parts.username or "postgres",
            password=parts.password or None,
            dbname=database_name(url),
            connect_timeout=5,
        ) as conn:
            row = conn.execute("SELECT to_regclass(%s) IS NOT NULL", (MARKER_TABLE,)).fetchone()
            if not row[0]:
                return None
            row = conn.execute(
                sql.SQL("SELECT version, scale FROM {} ORDER BY seeded_at DESC LIMIT 1").format(
                    sql.Identifier(MARKER_TABLE)
                )
            ).fetchone()
            return {"version": row[0], "scale": row[1]} if row else None
    except psycopg.OperationalError:
        return None


def database_ensure(url: str) -> bool:
    """Create the database at `url` unless it exists (never drops one); True if created."""
    name = database_name(url)
    with _connect_admin(url) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if found is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return found is None


def database_ready(url: str, scale: Scale) -> bool:
    marker = marker_read(url)
    return bool(marker and marker["version"] == SEED_VERSION and marker["scale"] == asdict(scale))


def database_recreate(url: str) -> None:
    """Drop and create the bench database. Refuses any name that is not engage_bench*."""
    name = database_name(url)
    if not name.startswith("engage_bench"):
        raise SystemExit(f"Refusing to drop database {name!r}: bench databases are engage_bench*")
    with _connect_admin(url) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


# --- the fill itself, with Django set up against the fresh database ---


def _copy(cursor, model, fields: list[str], rows) -> int:
    """COPY `rows` (tuples in the order of `fields`) into `model`'s table.

    Columns not listed get their model default, so a field added later with a default
    does not break the seeding; a NOT NULL field without one stops it with a clear error.
    """
    from django.db import connection
    from django.db.models import NOT_PROVIDED

    qn = connection.ops.quote_name
    listed = {model._meta.get_field(f).column for f in fields}
    extra_fields, extra_values = [], []
    for field in model._meta.concrete_fields:
        if field.column in listed or field.primary_key:
            continue
        if field.null and not field.has_default():
            continue
        value = field.get_default()  # "" for a string field without a default
        if value is None and not field.null:
            if field.db_default is not NOT_PROVIDED:
                continue
            raise SystemExit(f"bench seed: {model.__name__}.{field.name} needs a value")
        extra_fields.append(field)
        extra_values.append(field.get_db_prep_save(value, connection))
    columns = [qn(model._meta.get_field(f).column) for f in fields]
    columns += [qn(f.column) for f in extra_fields]
    extra = tuple(extra_values)
    count = 0
    with cursor.copy(f"COPY {qn(model._meta.db_table)} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(tuple(row) + extra if extra else row)
            count += 1
    return count


def _indexes_drop(cursor, tables: list[str]) -> list[str]:
    """Drop the indexes of `tables` that back no constraint; return their definitions.

    The definitions come from the database itself, so whatever the migrations created
    (including the GIN search index) is rebuilt exactly.
    """
    cursor.execute(
        """
        SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i
        WHERE i.indrelid = ANY(%s::regclass[])
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        """,
        [tables],
    )
    rows = cursor.fetchall()
    for name, _definition in rows:
        cursor.execute(f"DROP INDEX {name}")
    return [definition for _name, definition in rows]


def _heavy_tail(rng: random.Random, n: int, total: int, cap: int) -> list[int]:
    """n non-negative counts summing to about `total`, Pareto-shaped, each at most `cap`."""
    weights = [rng.paretovariate(1.3) for _ in range(n)]
    scale = total / sum(weights)
    counts = [min(cap, int(w * scale)) for w in weights]
    # The cap and rounding lose some; spread the shortfall over random rows.
    shortfall = total - sum(counts)
    while shortfall > 0:
        i = rng.randrange(n)
        if counts[i] < cap:
            counts[i] += 1
            shortfall -= 1
    return counts


def _between(rng: random.Random, start: datetime, end: datetime) -> datetime:
    if end <= start:
        return start
    return start + timedelta(seconds=rng.uniform(0, (end - start).total_seconds()))


def seed(*, scale: Scale, log) -> float:
    """Fill the (migrated, empty) database; returns the seconds it took."""
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.postgres.search import SearchVector
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.utils import timezone
    from psycopg.types.json import Jsonb

    from engage.accounts.models import User
    from engage.audit.models import AuditEntry
    from engage.taxonomy.models import FocusArea, Team
    from proposals import text
    from proposals.models import Comment, Proposal, ProposalEvent, ProposalFollow, Report, Support
    from proposals.routing import Suggester, area_texts
    from proposals.search import SEARCH_CONFIG
    from tests.bench import words

    started = time.perf_counter()
    outer_log = log

    def log(message: str) -> None:
        outer_log(f"{message}  [{time.perf_counter() - started:.0f} s]")

    rng = random.Random(20240601)
    now = timezone.now().replace(microsecond=0)
    render_short = lru_cache(maxsize=None)(text.render)

    focus_areas = list(FocusArea.objects.select_related("theme").order_by("pk"))
    if not focus_areas:
        raise SystemExit("No focus areas: the taxonomy data migration did not run.")
    area_weights = [rng.uniform(0.4, 2.0) for _ in focus_areas]
    # The suggester as proposal_submit uses it before any routing decision (day one).
    suggester = Suggester(areas=area_texts(), learned={})

    tables = [User, Proposal, Support, Comment, ProposalFollow, ProposalEvent, Report, AuditEntry]
    with transaction.atomic():
        cursor = connection.cursor().cursor  # the psycopg cursor, for COPY
        # Bulk-load as PostgreSQL's manual advises: the generated rows are consistent by
        # construction, so skip the per-row foreign-key triggers, and build the plain
        # indexes once at the end instead of updating them row by row.
        cursor.execute("SET LOCAL session_replication_role = replica")
        index_definitions = _indexes_drop(cursor, [m._meta.db_table for m in tables])

        # Users: the first is the signed-in bench user; authors are a heavy-tailed few.
        user_ids = list(range(1, scale.users + 1))
        users = []
        for uid in user_ids:
            joined = now - timedelta(days=rng.uniform(0, 4 * 365))
            deleted = joined + timedelta(days=30) if uid > 1 and rng.random() < 0.01 else None
            users.append(
                (
                    uid,
                    "!bench-unusable",
                    f"user{uid}@bench.example",
                    "" if deleted else words.display_name(rng),
                    "en" if rng.random() < 0.1 else "da",
                    False,
                    False,
                    True,
                    joined,
                    deleted,
                )
            )
        moderator_id, member_id, admin_id = scale.users + 1, scale.users + 2, scale.users + 3
        for uid, email, name in [
            (moderator_id, MODERATOR_EMAIL, "Bench Moderator"),
            (member_id, TEAM_MEMBER_EMAIL, "Bench Teammedlem"),
            (admin_id, ADMIN_EMAIL, "Bench Admin"),
        ]:
            is_staff, is_superuser = uid != moderator_id, uid == admin_id
            users.append(
                (uid, "!bench-unusable", email, name, "da", is_staff, is_superuser, True, now, None)
            )
        _copy(
            cursor,
            User,
            [
                "id",
                "password",
                "email",
                "display_name",
                "preferred_language",
                "is_staff",
                "is_superuser",
                "is_active",
                "date_joined",
                "deleted_at",
            ],
            users,
        )
        author_weights = [rng.paretovariate(1.5) for _ in user_ids]
        log(f"  users: {len(users):,}")

        # One team per focus area, as admins would set them up; the routed proposals below
        # go to their focus area's team.
        teams = Team.objects.bulk_create(
            Team(slug=area.slug, name=f"Team {area.name_da}") for area in focus_areas
        )
        team_of_area = {}
        for area, team in zip(focus_areas, teams, strict=True):
            FocusArea.objects.filter(pk=area.pk).update(team=team)
            team_of_area[area.pk] = team.pk

        # Proposals: ids follow creation time, like real rows. The waiting ones are dated
        # by their submission, recent (see WAITING_MEAN_DAYS), and mixed in by that date.
        n = scale.proposals
        waiting_ages = [
            min(rng.expovariate(1 / WAITING_MEAN_DAYS), WAITING_MAX_DAYS)
            for _ in range(scale.waiting)
        ]
        timeline = sorted(
            [(rng.betavariate(1.0, 2.2) * 3 * 365, False) for _ in range(n - scale.waiting)]
            + [(age, True) for age in waiting_ages],
            reverse=True,
        )
        ages = [age for age, _waiting in timeline]
        statuses = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()), k=n)
        statuses = [
            "submitted" if waiting else s
            for (_age, waiting), s in zip(timeline, statuses, strict=True)
        ]
        areas = rng.choices(focus_areas, weights=area_weights, k=n)
        authors = rng.choices(user_ids, weights=author_weights, k=n)
        proposals = []
        public_so_far: list[int] = []
        meta: dict[int, tuple[str, datetime | None, int]] = {}
        for i in range(n):
            pid = i + 1
            status = statuses[i]
            area = areas[i]
            created = now - timedelta(days=ages[i])
            submitted = published = answered = None
            if status == "submitted":
                # ages[i] is how long it has waited: it was written a little earlier.
                submitted = created
                created = submitted - timedelta(hours=rng.uniform(0.1, 48))
            outcome = ""
            merged_into = None
            if status == "merged" and not public_so_far:
                status = "published"
            if status not in ("draft", "submitted"):
                submitted = created + timedelta(hours=rng.uniform(0.1, 48))
            if status in (*OPEN, "merged"):
                published = submitted + timedelta(hours=rng.uniform(1, 72))
            if status == "answered":
                answered = _between(rng, published + timedelta(days=7), now)
                outcome = rng.choice(OUTCOMES)
            if status == "merged":
                merged_into = rng.choice(public_so_far[-500:])
            stamps = [s for s in (created, submitted, published, answered) if s]
            title, body, location = words.proposal_text(area.theme.slug, rng)
            lat = lon = None
            if rng.random() < 0.2:
                lat = Decimal(f"{rng.uniform(56.9, 57.2):.6f}")
                lon = Decimal(f"{rng.uniform(9.6, 10.4):.6f}")
            # proposal_route publishes and routes in one step; merged ones were routed first.
            team = team_of_area[area.pk] if published else None
            suggested, suggestions = "", []
            if status == "submitted":
                # What proposal_submit stores: the suggester's top three.
                top = suggester.suggest(title=title, body=body, limit=3)[:3]
                suggested = top[0].focus_area
                suggestions = [
                    {"focus_area": s.focus_area, "theme": s.theme, "score": s.score} for s in top
                ]
            proposals.append(
                [
                    pid,
                    authors[i],
                    title,
                    body,
                    text.render(body),
                    area.theme_id,
                    area.pk,
                    location,
                    lat,
                    lon,
                    status,
                    outcome,
                    merged_into,
                    0,
                    0,
                    created,
                    max(stamps),
                    submitted,
                    published,
                    answered,
                    team,
                    published if team else None,
                    suggested,
                    Jsonb(suggestions),
                ]
            )
            if status in OPEN:
                public_so_far.append(pid)
            meta[pid] = (status, published, authors[i])
        log(f"  proposals generated: {n:,}")

        # Supports and comments only on open proposals, heavy-tailed.
        open_ids = public_so_far
        support_counts = _heavy_tail(
            rng, len(open_ids), scale.supports, min(MAX_SUPPORTS, scale.users - 1)
        )
        supports = []
        support_id = 0
        for pid, count in zip(open_ids, support_counts, strict=True):
            if not count:
                continue
            published = meta[pid][1]
            for uid in rng.sample(user_ids, count):
                support_id += 1
                supports.append((support_id, pid, uid, _between(rng, published, now)))
            proposals[pid - 1][13] = count

        comment_counts = _heavy_tail(rng, len(open_ids), scale.comments, MAX_COMMENTS)
        # Drawn in one go: choices() with weights is O(users) per call.
        commenters = iter(rng.choices(user_ids, weights=author_weights, k=sum(comment_counts)))
        comments = []
        follows: set[tuple[int, int]] = set()
        comment_id = 0
        for pid, count in zip(open_ids, comment_counts, strict=True):
            if not count:
                continue
            published = meta[pid][1]
            times = sorted(_between(rng, published, now) for _ in range(count))
            top_level: list[int] = []
            live = 0
            for at in times:
                comment_id += 1
                is_reply = bool(top_level) and rng.random() < 0.3
                parent = rng.choice(top_level) if is_reply else None
                author = next(commenters)
                deleted = at + timedelta(hours=2) if rng.random() < 0.02 else None
                edited = at + timedelta(minutes=5) if not deleted and rng.random() < 0.03 else None
                body = "" if deleted else words.comment_text(rng, reply=is_reply)
                comments.append(
                    (
                        comment_id,
                        pid,
                        author,
                        parent,
                        body,
                        render_short(body) if body else "",
                        at,
                        edited,
                        deleted,
                    )
                )
                if not is_reply:
                    top_level.append(comment_id)
                if not deleted:
                    live += 1
                follows.add((pid, author))
            proposals[pid - 1][14] = live

        for pid, (status, _published, author) in meta.items():
            if status != "draft":
                follows.add((pid, author))

        _copy(
            cursor,
            Proposal,
            [
                "id",
                "author",
                "title",
                "body",
                "body_html",
                "theme",
                "focus_area",
                "location_text",
                "latitude",
                "longitude",
                "status",
                "outcome",
                "merged_into",
                "support_count",
                "comment_count",
                "created_at",
                "updated_at",
                "submitted_at",
                "published_at",
                "answered_at",
                "team",
                "routed_at",
                "suggested_focus_area",
                "suggestions",
            ],
            proposals,
        )
        log(f"  proposals: {len(proposals):,} ({scale.waiting:,} waiting in triage)")
        _copy(cursor, Support, ["id", "proposal", "user", "created_at"], supports)
        log(f"  supports: {len(supports):,}")
        _copy(
            cursor,
            Comment,
            [
                "id",
                "proposal",
                "author",
                "parent",
                "body",
                "body_html",
                "created_at",
                "edited_at",
                "deleted_at",
            ],
            comments,
        )
        log(f"  comments: {len(comments):,} ({sum(1 for c in comments if c[3]):,} replies)")
        _copy(
            cursor,
            ProposalFollow,
            ["proposal", "user", "created_at"],
            ((pid, uid, now) for pid, uid in sorted(follows)),
        )
        log(f"  proposal follows: {len(follows):,}")

        # The public timeline, as proposal_transition writes it.
        def events():
            for row in proposals:
                pid, author, status = row[0], row[1], row[10]
                submitted, published, answered = row[17], row[18], row[19]
                if status == "draft":
                    continue
                yield (pid, "submitted", author, "draft", "submitted", "", submitted)
                if status == "rejected":
                    yield (pid, "status_changed", None, "submitted", "rejected", "", submitted)
                    continue
                if status == "submitted":
                    continue
                yield (pid, "status_changed", None, "submitted", "published", "", published)
                if status == "under_review":
                    at = published + timedelta(days=3)
                    yield (pid, "status_changed", None, "published", "under_review", "", at)
                elif status == "answered":
                    note = rng.choice(words.ANSWERS)
                    yield (pid, "answered", None, "published", "answered", note, answered)
                elif status == "merged":
                    at = published + timedelta(days=1)
                    yield (pid, "status_changed", None, "published", "merged", "", at)

        event_count = _copy(
            cursor,
            ProposalEvent,
            [
                "proposal",
                "kind",
                "actor",
                "from_status",
                "to_status",
                "note",
                "created_at",
                "is_public",
            ],
            ((*event, True) for event in events()),
        )
        log(f"  timeline events: {event_count:,}")

        # The audit trail the moderation services would have written for those changes.
        area_slugs = {area.pk: area.slug for area in focus_areas}
        team_slugs = {team.pk: team.slug for team in teams}
        proposal_type = ContentType.objects.get_for_model(Proposal).pk

        def audit_entries():
            for row in proposals:
                pid, title, status, into = row[0], row[2][:200], row[10], row[12]
                submitted, published, answered = row[17], row[18], row[19]
                entry = (proposal_type, pid, title)
                if status == "rejected":
                    data = Jsonb({})
                    yield (submitted, moderator_id, "proposal.reject", *entry, "submitted",
                           "rejected", "Ligner et andet forslag.", data)  # fmt: skip
                if not published:
                    continue
                data = Jsonb({"focus_area": area_slugs[row[6]], "team": team_slugs[row[20]]})
                yield (published, moderator_id, "proposal.route", *entry, "submitted",
                       "published", "", data)  # fmt: skip
                if status == "under_review":
                    yield (published + timedelta(days=3), member_id, "proposal.under_review",
                           *entry, "published", "under_review", "", Jsonb({}))  # fmt: skip
                elif status == "answered":
                    yield (answered, member_id, "proposal.answer", *entry, "published",
                           "answered", "", Jsonb({"outcome": row[11]}))  # fmt: skip
                elif status == "merged":
                    yield (published + timedelta(days=1), moderator_id, "proposal.merge", *entry,
                           "published", "merged", "", Jsonb({"into": into}))  # fmt: skip

        audit_count = _copy(
            cursor,
            AuditEntry,
            [
                "created_at",
                "actor",
                "action",
                "target_type",
                "target_id",
                "target_label",
                "from_state",
                "to_state",
                "reason",
                "data",
            ],
            audit_entries(),
        )
        log(f"  audit entries: {audit_count:,}")

        # Reports: mostly on proposals, some on comments; some already resolved.
        reports = []
        seen: set[tuple[str, int, int]] = set()
        live_comments = [c[0] for c in comments if not c[8]]
        while len(reports) < scale.reports:
            reporter = rng.choice(user_ids)
            on_comment = live_comments and rng.random() < 0.3
            target = rng.choice(live_comments) if on_comment else rng.choice(open_ids)
            key = ("c" if on_comment else "p", reporter, target)
            if key in seen:
                continue
            seen.add(key)
            reason = rng.choice(REPORT_REASONS)
            created = now - timedelta(days=rng.uniform(0, 365))
            reports.append(
                (
                    reporter,
                    None if on_comment else target,
                    target if on_comment else None,
                    reason,
                    "Upassende indhold." if reason == "other" else "",
                    created,
                    None if len(reports) < scale.open_reports else created + timedelta(days=1),
                )
            )
        _copy(
            cursor,
            Report,
            ["reporter", "proposal", "comment", "reason", "details", "created_at", "resolved_at"],
            reports,
        )
        log(f"  reports: {len(reports):,}")

        # Comments a moderator hid, each with the reason its author is shown.
        hidden = rng.sample(live_comments, min(scale.hidden_comments, len(live_comments)))
        Comment.objects.filter(pk__in=hidden).update(
            hidden_at=now - timedelta(days=1), hidden_reason="Personangreb."
        )
        log(f"  hidden comments: {len(hidden):,}")

        for statement in connection.ops.sequence_reset_sql(no_style(), tables):
            connection.cursor().execute(statement)
        _staff_setup(
            moderator_id=moderator_id,
            member_id=member_id,
            admin_id=admin_id,
            team_id=_busiest_team(proposals, teams),
        )
        log("  moderator, team member and admin with TOTP")

        # One UPDATE with the same expression as proposals.search.search_vector_refresh.
        vector_started = time.perf_counter()
        Proposal.objects.update(
            search_vector=SearchVector("title", weight="A", config=SEARCH_CONFIG)
            + SearchVector("body", weight="B", config=SEARCH_CONFIG)
            + SearchVector("location_text", weight="C", config=SEARCH_CONFIG)
        )
        log(f"  search vectors: {time.perf_counter() - vector_started:.1f} s")
        for definition in index_definitions:
            cursor.execute(definition)
        log(f"  indexes rebuilt: {len(index_definitions)}")

    with connection.cursor() as c:
        # The UPDATE above left a dead copy of every row: reclaim it and refresh statistics.
        c.execute("VACUUM ANALYZE")
        log("  vacuum analyze done")
        c.execute(
            f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} "
            "(version integer, scale jsonb, seeded_at timestamptz, seconds double precision)"
        )
        seconds = time.perf_counter() - started
        c.execute(
            f"INSERT INTO {MARKER_TABLE} VALUES (%s, %s::jsonb, now(), %s)",  # noqa: S608
            [SEED_VERSION, _json(asdict(scale)), seconds],
        )
    return seconds


def _busiest_team(proposals: list[list], teams) -> int:
    """The team with the most proposals waiting for its answer (published, under review)."""
    from collections import Counter

    waiting = Counter(row[20] for row in proposals if row[10] in ("published", "under_review"))
    return waiting.most_common(1)[0][0] if waiting else teams[0].pk


def _staff_setup(*, moderator_id: int, member_id: int, admin_id: int, team_id: int) -> None:
    """Group, team and TOTP for the three staff users; allauth writes the authenticators."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.conf import settings
    from django.contrib.auth.models import Group

    from engage.accounts.models import User
    from engage.taxonomy.models import Team

    moderator = User.objects.get(pk=moderator_id)
    member = User.objects.get(pk=member_id)
    admin = User.objects.get(pk=admin_id)
    group, _created = Group.objects.get_or_create(name=settings.MODERATOR_GROUP)
    moderator.groups.add(group)
    Team.objects.get(pk=team_id).members.add(member)
    for user in (moderator, member, admin):
        TOTP.activate(user, generate_totp_secret())


def _json(value) -> str:
    import json

    return json.dumps(value)


def seeded_counts() -> dict[str, int]:
    from django.db import connection

    tables = {
        "proposals": "proposals_proposal",
        "users": "accounts_user",
        "supports": "proposals_support",
        "comments": "proposals_comment",
        "reports": "proposals_report",
        "audit entries": "audit_auditentry",
    }
    with connection.cursor() as c:
        result = {}
        for name, table in tables.items():
            c.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed table names
            result[name] = c.fetchone()[0]
        c.execute("SELECT count(*) FROM proposals_proposal WHERE status = 'submitted'")
        result["waiting in triage"] = c.fetchone()[0]
        c.execute("SELECT count(*) FROM taxonomy_team")
        result["teams"] = c.fetchone()[0]
    return result
