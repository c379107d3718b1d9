"""The reads of one proposal's page: the proposal a person may see, its comments and its
public timeline.

They run on every first view of a page, so they are hand-written (engage.sqlrows): the
querysets they replace took longer to build than PostgreSQL took to answer them. The page
itself asks all three in one statement (proposal_page_get_visible); the API and the
page's fragments ask for the parts they need.
"""

import functools
from dataclasses import dataclass
from typing import NamedTuple

from django.db import connection

from engage.accounts.models import User
from engage.sqlrows import ModelColumns, model_columns, placeholders, statement_run
from proposals.lifecycle import PUBLIC_STATUSES
from proposals.models import (
    Comment,
    Proposal,
    ProposalEvent,
    ProposalFollow,
    ProposalImage,
    Support,
)
from proposals.selectors.public import _can_moderate, taxonomy_attach

# In one order, so that each process writes the same SQL.
_PUBLIC_SORTED = tuple(sorted(PUBLIC_STATUSES))


@dataclass(frozen=True)
class ProposalPage:
    proposal: Proposal
    comments: list[Comment]  # top-level, oldest first, each with its `reply_list`
    timeline: list[ProposalEvent]  # public events, oldest first


def proposal_get_visible(*, pk: int, user: User | None) -> Proposal:
    """A proposal that `user` may see: public, their own, or any for moderators.

    Raises Proposal.DoesNotExist otherwise, so callers answer 404 and reveal nothing.
    Sets `image_list` (the images in order), and for a signed-in `user` `is_supported` and
    `is_followed`. Theme, focus area (with its theme and SDGs) come from the cached
    taxonomy, and the proposal it was merged into from a second query only when there is
    one: the page that shows one proposal pays for one narrow query, not a five-table join.
    The search vector, the biggest column, is deferred: no page shows it.
    """
    case = _Case.of(user)
    with connection.cursor() as cursor:
        statement_run(cursor, sql=_visible_sql(case), params=case.params(pk))
        row = cursor.fetchone()
    if row is None:
        raise Proposal.DoesNotExist(f"No proposal {pk} visible to this user.")
    return _proposal_build(row, case=case)


def proposal_page_get_visible(*, pk: int, user: User | None) -> ProposalPage:
    """proposal_get_visible, with the comments and the public timeline: one statement.

    Raises Proposal.DoesNotExist as proposal_get_visible does; comments and events of a
    proposal `user` may not see are read and dropped, never returned.
    """
    case = _Case.of(user)
    statement = _page_statement(case)
    with connection.cursor() as cursor:
        statement_run(cursor, sql=statement.sql, params=[*case.params(pk), pk, pk, True])
        rows = cursor.fetchall()
    if not rows or rows[0][0] != _PROPOSAL:
        raise Proposal.DoesNotExist(f"No proposal {pk} visible to this user.")
    proposal = _proposal_build(rows[0], case=case, start=1)
    comments = [
        _comment_build(row, start=statement.comments_at) for row in rows if row[0] == _COMMENT
    ]
    events = model_columns(ProposalEvent, "e")
    timeline = [events.build(row, statement.events_at) for row in rows if row[0] == _EVENT]
    return ProposalPage(
        proposal=proposal, comments=_comment_tree(comments, proposal=proposal), timeline=timeline
    )


def comment_list_for_proposal(*, proposal: Proposal) -> list[Comment]:
    """Top-level comments, oldest first, each with `reply_list` (its replies, oldest
    first) and every author loaded: one query in all."""
    with connection.cursor() as cursor:
        statement_run(cursor, sql=_comments_sql(vendor=connection.vendor), params=[proposal.pk])
        rows = cursor.fetchall()
    return _comment_tree([_comment_build(row) for row in rows], proposal=proposal)


def proposal_timeline(*, proposal: Proposal) -> list[ProposalEvent]:
    """The public events of `proposal`, oldest first."""
    with connection.cursor() as cursor:
        sql = _timeline_sql(vendor=connection.vendor)
        statement_run(cursor, sql=sql, params=[proposal.pk, True])
        rows = cursor.fetchall()
    events = model_columns(ProposalEvent, "e")
    return [events.build(row) for row in rows]


# ---------- building rows into instances ---------------------------------------------------


@dataclass(frozen=True)
class _Case:
    """Who asks, as far as the statement cares: flags and visibility differ."""

    user_pk: int | None  # signed in
    moderator: bool
    vendor: str

    @classmethod
    def of(cls, user: User | None) -> "_Case":
        signed_in = user is not None and user.is_authenticated
        return cls(
            user_pk=user.pk if signed_in else None,
            moderator=_can_moderate(user),
            vendor=connection.vendor,
        )

    @property
    def signed_in(self) -> bool:
        return self.user_pk is not None

    def params(self, pk: int) -> list:
        """The values of _visible_from_where's placeholders (after the flags'), in order."""
        params: list = [self.user_pk, self.user_pk] if self.signed_in else []
        params.append(pk)
        if not self.moderator:
            params += _PUBLIC_SORTED
            if self.signed_in:
                params.append(self.user_pk)
        return params


def _proposal_build(row, *, case: _Case, start: int = 0) -> Proposal:
    proposals, authors = _proposal_columns()
    proposal = proposals.build(row, start)
    proposal.author = authors.build(row, start + len(proposals))
    flags = row[start + len(proposals) + len(authors) : start + _visible_width(case)]
    proposal.has_images = bool(flags[0])
    if case.signed_in:
        proposal.is_supported, proposal.is_followed = bool(flags[1]), bool(flags[2])
    taxonomy_attach(proposals=[proposal])
    # Most proposals have no image: ask for them only when there are some.
    proposal.image_list = list(proposal.images.all()) if proposal.has_images else []
    if proposal.merged_into_id is not None:
        proposal.merged_into = Proposal.objects.only("pk", "title", "status").get(
            pk=proposal.merged_into_id
        )
    return proposal


def _comment_build(row, *, start: int = 0) -> Comment:
    comments, authors = _comment_columns()
    comment = comments.build(row, start)
    comment.author = authors.build(row, start + len(comments))
    return comment


def _comment_tree(comments: list[Comment], *, proposal: Proposal) -> list[Comment]:
    """The top-level comments, each with its replies as `reply_list`, in the given order."""
    by_pk = {comment.pk: comment for comment in comments}
    top_level = []
    for comment in comments:
        comment.proposal = proposal
        comment.reply_list = []
        if comment.parent_id is None:
            top_level.append(comment)
    for comment in comments:
        if comment.parent_id is not None:
            by_pk[comment.parent_id].reply_list.append(comment)
    return top_level


# ---------- the statements -----------------------------------------------------------------
# Identifiers only, from the models and quoted; every value is a parameter.

_PROPOSAL, _COMMENT, _EVENT = 0, 1, 2


def _proposal_columns() -> tuple[ModelColumns, ModelColumns]:
    return (
        model_columns(Proposal, "p", exclude=("search_vector",)),
        model_columns(User, "a"),
    )


def _comment_columns() -> tuple[ModelColumns, ModelColumns]:
    return model_columns(Comment, "c"), model_columns(User, "ca")


def _flags(*, signed_in: bool) -> list[str]:
    """has_images, and for a signed-in person is_supported and is_followed."""
    proposal_id = _proposal_columns()[0].column("id")
    flags = [model_columns(ProposalImage, "i").exists(proposal=proposal_id)]
    if signed_in:
        for model in (Support, ProposalFollow):
            flags.append(model_columns(model, "x").exists(proposal=proposal_id, user="%s"))
    return flags


def _visible_width(case: _Case) -> int:
    return sum(map(len, _proposal_columns())) + len(_flags(signed_in=case.signed_in))


def _visible_from_where(*, signed_in: bool, moderator: bool) -> str:
    proposals, authors = _proposal_columns()
    where = [f"{proposals.column('id')} = %s"]
    if not moderator:
        public = (
            f"{proposals.column('status')} IN ({placeholders(_PUBLIC_SORTED)})"
            f" AND {proposals.column('hidden_at')} IS NULL"
        )
        own = f" OR {proposals.column('author')} = %s" if signed_in else ""
        where.append(f"(({public}){own})")
    return (
        f" FROM {proposals.table} JOIN {authors.table}"
        f" ON {authors.column('id')} = {proposals.column('author')}"
        f" WHERE {' AND '.join(where)}"
    )


def _visible_sql(case: _Case) -> str:
    return _visible_sql_for(signed_in=case.signed_in, moderator=case.moderator, vendor=case.vendor)


@functools.cache
def _visible_sql_for(*, signed_in: bool, moderator: bool, vendor: str) -> str:
    proposals, authors = _proposal_columns()
    columns = ", ".join([proposals.select, authors.select, *_flags(signed_in=signed_in)])
    from_where = _visible_from_where(signed_in=signed_in, moderator=moderator)
    return f"SELECT {columns}{from_where}"


class _PageStatement(NamedTuple):
    sql: str
    comments_at: int  # where in a row the comment's columns start (the proposal's at 1)
    events_at: int  # and the event's


def _page_statement(case: _Case) -> _PageStatement:
    return _page_statement_for(
        signed_in=case.signed_in, moderator=case.moderator, vendor=case.vendor
    )


@functools.cache
def _page_statement_for(*, signed_in: bool, moderator: bool, vendor: str) -> _PageStatement:
    """Three kinds of row in one result: the proposal, its comments, its public events.

    Each kind fills its own columns and leaves the others NULL; ORDER BY names columns
    by position, as a UNION's must.
    """
    proposals, authors = _proposal_columns()
    comments, comment_authors = _comment_columns()
    events = model_columns(ProposalEvent, "e")
    flags = _flags(signed_in=signed_in)
    blocks = [
        # (its own columns, typed NULLs in their place for the other kinds)
        (
            ", ".join([proposals.select, authors.select, *flags]),
            ", ".join([proposals.nulls, authors.nulls, *["CAST(NULL AS boolean)"] * len(flags)]),
        ),
        (
            f"{comments.select}, {comment_authors.select}",
            f"{comments.nulls}, {comment_authors.nulls}",
        ),
        (events.select, events.nulls),
    ]

    def row_of(kind: int) -> str:
        cells = [own if index == kind else nulls for index, (own, nulls) in enumerate(blocks)]
        return ", ".join([str(kind), *cells])

    # Indexes in a row: `kind` comes first. ORDER BY positions count from 1.
    comments_at = 1 + sum(map(len, (proposals, authors))) + len(flags)
    events_at = comments_at + len(comments) + len(comment_authors)
    order = [
        "1",
        str(1 + comments_at + comments.position("created_at")),
        str(1 + comments_at + comments.position("id")),
        str(1 + events_at + events.position("created_at")),
        str(1 + events_at + events.position("id")),
    ]
    from_where = _visible_from_where(signed_in=signed_in, moderator=moderator)
    sql = (
        f"SELECT {row_of(_PROPOSAL)}{from_where}"  # noqa: S608
        f" UNION ALL SELECT {row_of(_COMMENT)} FROM {comments.table}"
        f" JOIN {comment_authors.table}"
        f" ON {comment_authors.column('id')} = {comments.column('author')}"
        f" WHERE {comments.column('proposal')} = %s"
        f" UNION ALL SELECT {row_of(_EVENT)} FROM {events.table}"
        f" WHERE {events.column('proposal')} = %s AND {events.column('is_public')} = %s"
        f" ORDER BY {', '.join(order)}"
    )
    return _PageStatement(sql=sql, comments_at=comments_at, events_at=events_at)


@functools.cache
def _comments_sql(*, vendor: str) -> str:
    comments, authors = _comment_columns()
    return (
        f"SELECT {comments.select}, {authors.select} FROM {comments.table}"  # noqa: S608
        f" JOIN {authors.table} ON {authors.column('id')} = {comments.column('author')}"
        f" WHERE {comments.column('proposal')} = %s"
        f" ORDER BY {comments.column('created_at')}, {comments.column('id')}"
    )


@functools.cache
def _timeline_sql(*, vendor: str) -> str:
    events = model_columns(ProposalEvent, "e")
    return (
        f"SELECT {events.select} FROM {events.table}"  # noqa: S608
        f" WHERE {events.column('proposal')} = %s AND {events.column('is_public')} = %s"
        f" ORDER BY {events.column('created_at')}, {events.column('id')}"
    )


__all__ = [
    "ProposalPage",
    "comment_list_for_proposal",
    "proposal_get_visible",
    "proposal_page_get_visible",
    "proposal_timeline",
]
