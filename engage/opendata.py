"""Open data, for any app: a dataset's documented schema (fields, types, units), its rows as
CSV or JSON with the licence named, and cheap re-downloads (ETag and Last-Modified,
answered with 304 Not Modified when the client's copy is still current).

An app describes each dataset once with `Dataset` and gives, per request, a `DataState`
read before the rows (a query or two), so that a 304 costs no more than that. The CSV is
streamed row by row: give it an iterator (a queryset's .iterator(chunk_size=...)) and a
large export is never held in memory whole.
"""

import csv
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, StreamingHttpResponse
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.http import http_date, parse_etags, parse_http_date_safe, quote_etag

# Re-downloads ask the server each time (it answers 304 when nothing changed).
CACHE_CONTROL = "public, max-age=0, must-revalidate"


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # a JSON Table Schema type: integer, number, string, date, datetime, boolean
    description: str
    unit: str = ""


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    fields: tuple[Field, ...]

    def schema(self) -> dict:
        """The dataset's schema, as JSON Table Schema writes it, with units."""
        return {
            "fields": [
                {
                    "name": f.name,
                    "type": f.type,
                    "description": force_str(f.description),
                    **({"unit": f.unit} if f.unit else {}),
                }
                for f in self.fields
            ]
        }


@dataclass(frozen=True)
class DataState:
    """What a download's answer depends on: `parts` (ids, timestamps, the request's
    variant) make the ETag; `last_modified` is when the data last changed; `rows`, when
    the state counted them, how many rows the dataset holds (a page needs no count)."""

    parts: tuple
    last_modified: datetime | None
    rows: int | None = None

    @property
    def etag(self) -> str:
        text = "|".join(str(part) for part in (*self.parts, licence()))
        return quote_etag(hashlib.sha256(text.encode()).hexdigest()[:32])


def licence() -> str:
    return settings.OPEN_DATA_LICENCE


def not_modified(request: HttpRequest, state: DataState) -> HttpResponse | None:
    """304 when the client's If-None-Match names the current ETag (or, without it, when
    If-Modified-Since is not older than the data); None when it must be sent again."""
    etag = state.etag
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    fresh = False
    if if_none_match:
        tags = parse_etags(if_none_match)
        fresh = "*" in tags or etag in tags or etag in [t.removeprefix("W/") for t in tags]
    elif state.last_modified is not None:
        since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
        fresh = since is not None and int(state.last_modified.timestamp()) <= since
    if not fresh:
        return None
    return state_headers(HttpResponseNotModified(), state)


def state_headers(response: HttpResponse, state: DataState) -> HttpResponse:
    response["ETag"] = state.etag
    if state.last_modified is not None:
        response["Last-Modified"] = http_date(state.last_modified.timestamp())
    response["Cache-Control"] = CACHE_CONTROL
    return response


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


class _Line:
    """csv.writer's file: each write is one line, handed straight back."""

    def write(self, text: str) -> str:
        return text


def _csv_lines(names: list[str], rows: Iterable[Mapping], language: str | None) -> Iterator[str]:
    writer = csv.writer(_Line(), lineterminator="\r\n")
    name_of_licence = licence()
    yield writer.writerow([*names, "licence"])
    # The body is read after the view has returned: labels in the rows keep the request's
    # language.
    with translation.override(language):
        for row in rows:
            yield writer.writerow([*(_cell(row.get(name)) for name in names), name_of_licence])


def csv_response(
    *, dataset: Dataset, rows: Iterable[Mapping], state: DataState, filename: str
) -> StreamingHttpResponse:
    """The rows as CSV (UTF-8, comma-separated, decimal point, header row of field names),
    with a `licence` column on every row, streamed: `rows` is read as the body is sent."""
    names = [f.name for f in dataset.fields]
    response = StreamingHttpResponse(
        _csv_lines(names, rows, translation.get_language()),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return state_headers(response, state)


def _json_default(value):
    if isinstance(value, Decimal):
        return float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def json_response(
    *, dataset: Dataset, rows: Iterable[Mapping], state: DataState, meta: Mapping, filename: str
) -> HttpResponse:
    """{"dataset", "title", "description", "licence", "schema", **meta, "rows"}."""
    names = [f.name for f in dataset.fields]
    body = {
        "dataset": dataset.slug,
        "title": force_str(dataset.title),
        "description": force_str(dataset.description),
        "licence": licence(),
        "schema": dataset.schema(),
        **meta,
        "rows": [{name: row.get(name) for name in names} for row in rows],
    }
    text = json.dumps(body, ensure_ascii=False, default=_json_default, indent=1)
    response = HttpResponse(text, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return state_headers(response, state)
