"""HTTP endpoints for knowledge articles (paths relative to /api/v1).

Everyone signed in reads articles and the change feed; admins create, edit and delete. Every change
publishes ``knowledge_did_change`` with the new version after the commit.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

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
from ..errors import NotFound

logger = logging.getLogger(__name__)

router = APIRouter(tags=["knowledge"])


def _load(session: SessionDep, article_id: int) -> ArticleRow:
    article = service.get_article(session, article_id=article_id)
    if article is None:
        raise NotFound(f"There is no knowledge article {article_id}.", details={"article_id": article_id})
    return article


def _changed(events: EventsDep, version: int) -> None:
    events.publish(EventType.KNOWLEDGE_DID_CHANGE, KnowledgeDidChange(latest_version=version))


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
    body: KnowledgeArticleCreate, session: SessionDep, admin: AdminOnly, events: EventsDep
) -> KnowledgeArticle:
    article = service.create_article(session, data=body, author=admin, now=datetime.now(UTC))
    session.commit()
    _changed(events, article.version)
    return service.articles_out(session, [article])[0]


@router.patch("/knowledge/articles/{article_id}", response_model=KnowledgeArticle)
def update_article(
    article_id: int, body: KnowledgeArticleUpdate, session: SessionDep, admin: AdminOnly, events: EventsDep
) -> KnowledgeArticle:
    article = service.update_article(
        session, article=_load(session, article_id), data=body, author=admin, now=datetime.now(UTC)
    )
    session.commit()
    _changed(events, article.version)
    return service.articles_out(session, [article])[0]


@router.delete("/knowledge/articles/{article_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_article(article_id: int, session: SessionDep, admin: AdminOnly, events: EventsDep) -> Response:
    """Soft delete: the article disappears from lists but reaches the seats through the feed."""
    article = _load(session, article_id)
    was_deleted = article.deleted
    service.delete_article(session, article=article, author=admin, now=datetime.now(UTC))
    session.commit()
    if not was_deleted:
        _changed(events, article.version)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
