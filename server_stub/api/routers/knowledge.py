"""HTTP endpoints for knowledge articles (paths relative to /api/v1).

Everyone signed in reads articles and the change feed; admins create, edit and delete. Every change
publishes ``knowledge_did_change`` with the new version after the commit.
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status
from fastapi.responses import FileResponse

from shared.protocol.events import EventType, KnowledgeDidChange
from shared.protocol.knowledge import (
    KnowledgeArticle,
    KnowledgeArticleCreate,
    KnowledgeArticlePage,
    KnowledgeArticleUpdate,
    KnowledgeFeed,
)

from ...db.models import KnowledgeArticle as ArticleRow
from ...services import knowledge as service
from ..deps import AdminOnly, CurrentAgent, EventsDep, SessionDep
from ..errors import ApiError, NotFound

logger = logging.getLogger(__name__)

router = APIRouter(tags=["knowledge"])


def _load(session: SessionDep, article_id: int) -> ArticleRow:
    article = service.get_article(session, article_id=article_id)
    if article is None:
        raise NotFound(f"There is no knowledge article {article_id}.", details={"article_id": article_id})
    return article


#: How long a snapshot request may wait for the very first build before the seat is told to use the feed.
SNAPSHOT_WAIT_SECONDS = 60.0
_snapshots_lock = threading.Lock()


class SnapshotUnavailable(ApiError):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    error_id = "snapshot_unavailable"


def snapshots(request: Request) -> service.KnowledgeSnapshots:
    """The app's snapshot builder, created on first use (its files live in ``<data_dir>/knowledge``)."""
    state = request.app.state
    with _snapshots_lock:
        builder: service.KnowledgeSnapshots | None = getattr(state, "knowledge_snapshots", None)
        if builder is None:
            builder = service.KnowledgeSnapshots(
                session_factory=state.session_factory, directory=state.settings.data_dir / "knowledge"
            )
            state.knowledge_snapshots = builder
    return builder


def _changed(request: Request, events: EventsDep, version: int) -> None:
    events.publish(EventType.KNOWLEDGE_DID_CHANGE, KnowledgeDidChange(latest_version=version))
    builder: service.KnowledgeSnapshots | None = getattr(request.app.state, "knowledge_snapshots", None)
    if builder is not None:
        # only once some seat asked for a snapshot: a server nobody downloads from never builds one
        builder.request_build()


@router.get("/knowledge/snapshot", response_class=FileResponse)
def knowledge_snapshot(request: Request, _agent: CurrentAgent) -> FileResponse:
    """The seats' prebuilt search index (ZIP, see ``shared.knowledge.snapshot``). Install it, then follow
    the feed from ``X-Knowledge-Version``. 503 ``snapshot_unavailable`` if none could be built in time."""
    published = snapshots(request).wait_for_snapshot(SNAPSHOT_WAIT_SECONDS)
    if published is None or not published.path.exists():
        raise SnapshotUnavailable(
            "No knowledge snapshot is ready yet; build the index from GET /api/v1/knowledge/feed?since=0 "
            "or try again in a minute.",
        )
    return FileResponse(
        published.path,
        media_type="application/zip",
        filename=published.path.name,
        headers={
            "X-Knowledge-Version": str(published.manifest.version),
            "X-Snapshot-Sha256": published.archive_sha256,
            "ETag": f'"{published.archive_sha256}"',
        },
    )


@router.get("/knowledge/feed", response_model=KnowledgeFeed)
def knowledge_feed(
    session: SessionDep,
    _agent: CurrentAgent,
    since: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=service.MAX_FEED_PAGE)] = 500,
) -> KnowledgeFeed:
    """Every article changed after version ``since`` (deleted ones with ``deleted=true``), oldest first."""
    return service.feed(session, since=since, limit=limit)


@router.get("/knowledge/articles", response_model=KnowledgeArticlePage)
def list_articles(
    session: SessionDep,
    _agent: CurrentAgent,
    category_id: int | None = None,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> KnowledgeArticlePage:
    rows, total = service.list_articles(session, category_id=category_id, offset=offset, limit=limit)
    return KnowledgeArticlePage(
        items=service.articles_out(session, rows),
        total=total,
        offset=offset,
        limit=limit,
        latest_version=service.current_version(session),
    )


@router.get("/knowledge/articles/{article_id}", response_model=KnowledgeArticle)
def get_article(article_id: int, session: SessionDep, _agent: CurrentAgent) -> KnowledgeArticle:
    return service.articles_out(session, [_load(session, article_id)])[0]


@router.post("/knowledge/articles", status_code=status.HTTP_201_CREATED, response_model=KnowledgeArticle)
def create_article(
    body: KnowledgeArticleCreate, session: SessionDep, admin: AdminOnly, events: EventsDep, request: Request
) -> KnowledgeArticle:
    article = service.create_article(session, data=body, author=admin, now=datetime.now(UTC))
    session.commit()
    _changed(request, events, article.version)
    return service.articles_out(session, [article])[0]


@router.patch("/knowledge/articles/{article_id}", response_model=KnowledgeArticle)
def update_article(
    article_id: int,
    body: KnowledgeArticleUpdate,
    session: SessionDep,
    admin: AdminOnly,
    events: EventsDep,
    request: Request,
) -> KnowledgeArticle:
    article = service.update_article(
        session, article=_load(session, article_id), data=body, author=admin, now=datetime.now(UTC)
    )
    session.commit()
    _changed(request, events, article.version)
    return service.articles_out(session, [article])[0]


@router.delete("/knowledge/articles/{article_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_article(
    article_id: int, session: SessionDep, admin: AdminOnly, events: EventsDep, request: Request
) -> Response:
    """Soft delete: the article disappears from lists but reaches the seats through the feed."""
    article = _load(session, article_id)
    was_deleted = article.deleted
    service.delete_article(session, article=article, author=admin, now=datetime.now(UTC))
    session.commit()
    if not was_deleted:
        _changed(request, events, article.version)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
