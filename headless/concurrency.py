"""No lost updates: optimistic concurrency (ETag / If-Match) and serialised page writes.

Wagtail's v3 page writes read the page's latest revision, change it and save a new one. Two
writes at once both start from the same revision and the last one silently undoes the other
(on SQLite the loser failed with "database is locked" instead). So, for v3 page writes
(create, PATCH, DELETE and the ``actions/``):

* **ETag**: a page's detail (and the answer to a write) carries ``ETag: "<revision id>"``,
  the page's latest revision for a token (the version writes change), its live revision for
  an anonymous reader.
* **If-Match**: a write that sends it only goes ahead if the page is still at that revision;
  otherwise it is a ``412 Precondition Failed`` saying someone else changed the page and to
  fetch it again. ``*`` matches any revision.
* **Serialised writes**: writes without ``If-Match`` are still allowed (existing clients), but
  each runs in one transaction that first locks the pages it touches (``SELECT ... FOR
  UPDATE`` on PostgreSQL), so concurrent writes to one page run one after the other, each
  starting from the revision the previous one saved: nothing is lost.
* **SQLite** allows one writer at a time: writes in this process queue for it
  (:data:`SQLITE_WRITES`), a transaction takes the database's write lock before reading, and
  a database that stays locked (another process writing) is a ``503`` with ``Retry-After``.
"""

import json
import threading
from contextlib import contextmanager
from http import HTTPStatus

from django.db import DatabaseError, IntegrityError, OperationalError, connection, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse

from wagtail.api.v3.errors import problem_response
from wagtail.api.v3.querysets import get_pages_queryset
from wagtail.models import Page

from .guide_filters import ID_DIGITS

#: Seconds a write waits for other writes (to the page, on PostgreSQL; of this process, on SQLite).
WRITE_WAIT = 10
#: Seconds a client is asked to wait before trying a write again.
RETRY_AFTER = 1
#: v3 operations that answer with a page's detail (whose ETag is the page's revision).
PAGE_READS = {"pages_detail"}
#: v3 page operations that are not single-page writes.
NOT_PAGE_WRITES = {"pages_list", "pages_find", "pages_revisions_list", "pages_revisions_detail"}
#: PostgreSQL errors that mean "busy, try again": serialization failure, deadlock, lock timeout.
RETRYABLE_SQLSTATES = {"40001", "40P01", "55P03"}

#: One SQLite writer at a time in this process (SQLite itself allows only one).
SQLITE_WRITES = threading.Lock()


def etag(revision_id: int | None) -> str:
    return f'"{revision_id or 0}"'


def _opaque(tag: str) -> str:
    tag = tag.strip()
    return tag[2:] if tag.startswith("W/") else tag  # a proxy may have weakened ours


def if_match_allows(header: str, current: str) -> bool:
    """Whether an ``If-Match`` header value matches the current entity tag."""
    tags = {_opaque(tag) for tag in header.split(",")}
    return "*" in tags or current in tags or current.strip('"') in tags


def busy(detail: str) -> HttpResponse:
    response = problem_response(status=503, detail=detail)
    response["Retry-After"] = str(RETRY_AFTER)
    return response


def database_busy(error: DatabaseError) -> bool:
    """Whether ``error`` means the database was busy with other writes (worth retrying)."""
    message = str(error).lower()
    if connection.vendor == "sqlite":
        return isinstance(error, OperationalError) and "locked" in message
    cause = error.__cause__
    code = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)  # psycopg 3, 2
    return code in RETRYABLE_SQLSTATES


def database_errors(call) -> HttpResponse:
    """``call()``, with a busy database a 503 and a clash with existing rows a 409."""
    try:
        return call()
    except IntegrityError:
        return problem_response(
            status=409,
            detail="This change clashes with what is already saved (something with the same "
            "unique value, say). Fetch the current content and try again.",
        )
    except DatabaseError as error:
        if not database_busy(error):
            raise
        return busy("The database is busy with other changes: try again in a moment.")


@contextmanager
def one_writer(request: HttpRequest):
    """On SQLite, let one write of this process at a time through (yields False if the wait
    ran out); elsewhere, and for reads, a no-op."""
    if request.method in ("GET", "HEAD", "OPTIONS") or connection.vendor != "sqlite":
        yield True
        return
    if not SQLITE_WRITES.acquire(timeout=WRITE_WAIT):
        yield False
        return
    try:
        yield True
    finally:
        SQLITE_WRITES.release()


def _body(request: HttpRequest) -> dict:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _page_id(value) -> int | None:
    return int(value) if str(value).isdigit() and len(str(value)) < ID_DIGITS else None


def pages_written(request: HttpRequest, operation_id: str, kwargs: dict) -> list[int]:
    """Ids of the pages a v3 page write changes: the page, its new parent or destination."""
    if not operation_id.startswith("pages_") or operation_id in NOT_PAGE_WRITES:
        return []
    ids = [_page_id(kwargs.get("page_id"))]
    body = _body(request)
    meta = body.get("meta") if isinstance(body.get("meta"), dict) else {}
    ids += [_page_id(body.get("destination_id")), _page_id(meta.get("parent_id"))]
    return sorted({page_id for page_id in ids if page_id is not None})


def lock_pages(page_ids: list[int]) -> None:
    """Lock the pages' rows until the transaction ends: other writes to them wait."""
    pages = Page.objects.filter(pk__in=page_ids).order_by("pk")
    if connection.vendor == "postgresql":  # wait for another write at most WRITE_WAIT (then 503)
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = '{int(WRITE_WAIT)}s'")
    if connection.features.has_select_for_update:
        list(pages.select_for_update().values_list("pk", flat=True))
    else:  # SQLite: a write takes the database's write lock now, before anything is read
        pages.update(depth=F("depth"))


def precondition_failed(request: HttpRequest, page_id: int | None) -> HttpResponse | None:
    """A 412 if ``If-Match`` names another revision than the page's latest one."""
    header = request.headers.get("If-Match")
    if header is None or page_id is None or not request.user.is_authenticated:
        return None  # no condition, or the view answers (401, 404) without looking at it
    row = get_pages_queryset(request).filter(pk=page_id).values_list("latest_revision_id")
    if not row:
        return None  # a page this token cannot change: the view says so
    current = etag(row[0][0])
    if if_match_allows(header, current):
        return None
    response = problem_response(
        status=412,
        detail=f"Someone else changed this page since you read it (it is now at revision "
        f"{current}, you sent If-Match: {header[:80]}). Fetch it again with GET "
        f"/api/v3/pages/{page_id}/, make your change to that version and send it with the "
        "new ETag in If-Match.",
    )
    response["ETag"] = current
    return response


def guarded_page_write(request: HttpRequest, operation_id: str, kwargs: dict, call):
    """Run the v3 view ``call`` for a page write in one transaction, its pages locked and
    ``If-Match`` checked; anything but a success is rolled back."""
    page_ids = pages_written(request, operation_id, kwargs)
    if not page_ids or not request.user.is_authenticated:
        return call()  # not a page write, or one the view refuses (401)
    with transaction.atomic():
        lock_pages(page_ids)
        response = precondition_failed(request, _page_id(kwargs.get("page_id"))) or call()
        if response.status_code >= HTTPStatus.BAD_REQUEST:
            transaction.set_rollback(True)
    return response


def add_etag(request: HttpRequest, operation_id: str, response: HttpResponse) -> None:
    """The page's revision as the ETag of a page detail, or of a write's answer."""
    if response.status_code not in (200, 201) or response.has_header("ETag"):
        return
    if operation_id not in PAGE_READS and (
        request.method in ("GET", "HEAD")
        or not operation_id.startswith("pages_")
        or operation_id in NOT_PAGE_WRITES
    ):
        return
    if not response.get("Content-Type", "").startswith("application/json"):
        return
    try:
        page_id = json.loads(response.content).get("id")
    except (ValueError, AttributeError):
        return
    field = "latest_revision_id" if request.user.is_authenticated else "live_revision_id"
    row = Page.objects.filter(pk=_page_id(page_id)).values_list(field)
    if row:
        response["ETag"] = etag(row[0][0])
