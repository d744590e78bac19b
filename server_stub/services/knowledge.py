"""Knowledge articles: admin CRUD and the change feed seats follow to keep their local index in sync.

Every change (create, edit, delete) bumps the single-row ``knowledge_version`` counter in the same
transaction and stamps the article with the new value, so "everything since version N" is an indexed
range. The bump is an ``UPDATE … RETURNING`` — on PostgreSQL the row lock orders concurrent editors, so a
version becomes visible only after every smaller one. Deletes are soft: a deleted article stays in the
feed (``deleted=True``) so seats drop it too.
"""

from __future__ import annotations

import logging
import tempfile
import threading
import uuid
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, sessionmaker

from shared.protocol.knowledge import (
    KnowledgeArticle as KnowledgeArticleOut,
)
from shared.protocol.knowledge import (
    KnowledgeArticleCreate,
    KnowledgeArticleUpdate,
    KnowledgeFeed,
)

from ..api.errors import Conflict, InvalidInput
from ..db.models import Agent, KnowledgeArticle, KnowledgeVersion
from . import categories as category_service
from .departments import names_by_id, require_active_department

if TYPE_CHECKING:
    from shared.knowledge.snapshot import PublishedSnapshot

logger = logging.getLogger(__name__)

MAX_FEED_PAGE = 1000


def current_version(session: Session) -> int:
    return session.scalar(select(KnowledgeVersion.current).where(KnowledgeVersion.id == 1)) or 0


def bump_version(session: Session) -> int:
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    session.execute(insert(KnowledgeVersion).values(id=1, current=0).on_conflict_do_nothing())
    return session.execute(
        update(KnowledgeVersion)
        .where(KnowledgeVersion.id == 1)
        .values(current=KnowledgeVersion.current + 1)
        .returning(KnowledgeVersion.current)
    ).scalar_one()


def articles_out(session: Session, articles: Sequence[KnowledgeArticle]) -> list[KnowledgeArticleOut]:
    categories = category_service.load_with_ancestors(session, (a.category_id for a in articles))
    departments = names_by_id(session, (a.department_id for a in articles))
    return [
        KnowledgeArticleOut(
            id=a.id,
            title=a.title,
            body=a.body,
            category_path=category_service.path_of(a.category_id, categories),
            keywords=list(a.keywords or []),
            short_code=a.short_code,
            department=departments.get(a.department_id) if a.department_id is not None else None,
            version=a.version,
            updated_at=a.updated_at,
            deleted=a.deleted,
        )
        for a in articles
    ]


def get_article(session: Session, *, article_id: int) -> KnowledgeArticle | None:
    return session.get(KnowledgeArticle, article_id)


def list_articles(
    session: Session, *, category_id: int | None = None, offset: int = 0, limit: int = 50
) -> tuple[Sequence[KnowledgeArticle], int]:
    conditions: list[ColumnElement[bool]] = [KnowledgeArticle.deleted.is_(False)]
    if category_id is not None:
        conditions.append(KnowledgeArticle.category_id == category_id)
    total = session.scalar(select(func.count()).select_from(KnowledgeArticle).where(*conditions)) or 0
    rows = session.scalars(
        select(KnowledgeArticle).where(*conditions).order_by(KnowledgeArticle.id).offset(offset).limit(limit)
    ).all()
    return rows, total


def feed(session: Session, *, since: int, limit: int = 500) -> KnowledgeFeed:
    """Changes after version ``since``, oldest first; ``latest_version`` is where the seat stands after it."""
    if since < 0:
        raise InvalidInput("since must be 0 or a version the server gave you.", error_id="invalid_since")
    latest = current_version(session)
    rows = session.scalars(
        select(KnowledgeArticle)
        .where(KnowledgeArticle.version > since)
        .order_by(KnowledgeArticle.version, KnowledgeArticle.id)
        .limit(limit + 1)
    ).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    reached = rows[-1].version if has_more else max(latest, since)
    return KnowledgeFeed(
        since=since, latest_version=reached, articles=articles_out(session, rows), has_more=has_more
    )


def _check_refs(session: Session, *, category_id: int | None, department_id: int | None) -> None:
    if category_id is not None:
        category_service.require_category(session, category_id)
    if department_id is not None:
        require_active_department(session, department_id)


def _check_short_code(session: Session, short_code: str | None, own_id: int | None) -> None:
    if short_code is None:
        return
    other = session.scalar(select(KnowledgeArticle.id).where(KnowledgeArticle.short_code == short_code))
    if other is not None and other != own_id:
        raise Conflict(
            f"The short code {short_code!r} is already used by article {other}.",
            error_id="duplicate",
            details={"article_id": other},
        )


def _clean_keywords(keywords: Sequence[str]) -> list[str]:
    cleaned: list[str] = []
    for word in keywords:
        word = word.strip()
        if len(word) > 32:
            raise InvalidInput(
                f"Keyword {word[:20]!r}… is longer than 32 characters.", error_id="invalid_keyword"
            )
        if word and word not in cleaned:
            cleaned.append(word)
    return cleaned


def create_article(
    session: Session, *, data: KnowledgeArticleCreate, author: Agent, now: datetime
) -> KnowledgeArticle:
    _check_refs(session, category_id=data.category_id, department_id=data.department_id)
    _check_short_code(session, data.short_code, None)
    article = KnowledgeArticle(
        title=data.title,
        body=data.body,
        category_id=data.category_id,
        keywords=_clean_keywords(data.keywords),
        short_code=data.short_code,
        department_id=data.department_id,
        version=bump_version(session),
        created_at=now,
        updated_at=now,
        updated_by_id=author.id,
        deleted=False,
    )
    session.add(article)
    session.flush()
    return article


def update_article(
    session: Session, *, article: KnowledgeArticle, data: KnowledgeArticleUpdate, author: Agent, now: datetime
) -> KnowledgeArticle:
    if article.deleted:
        raise Conflict("This article was deleted; create a new one instead.", error_id="article_deleted")
    fields = data.model_fields_set
    category_id = data.category_id if "category_id" in fields else article.category_id
    department_id = data.department_id if "department_id" in fields else article.department_id
    _check_refs(session, category_id=category_id, department_id=department_id)
    short_code = (data.short_code or None) if "short_code" in fields else article.short_code
    _check_short_code(session, short_code, article.id)
    if data.title is not None:
        article.title = data.title
    if data.body is not None:
        article.body = data.body
    if data.keywords is not None:
        article.keywords = _clean_keywords(data.keywords)
    article.category_id = category_id
    article.department_id = department_id
    article.short_code = short_code
    article.version = bump_version(session)
    article.updated_at = now
    article.updated_by_id = author.id
    session.flush()
    return article


def delete_article(
    session: Session, *, article: KnowledgeArticle, author: Agent, now: datetime
) -> KnowledgeArticle:
    if article.deleted:
        return article
    article.deleted = True
    # the short code is free for a new article; the tombstone keeps title and body for the audit trail
    article.short_code = None
    article.version = bump_version(session)
    article.updated_at = now
    article.updated_by_id = author.id
    session.flush()
    return article


class KnowledgeSnapshots:
    """Builds the seats' index snapshot in the background after knowledge changes, and hands out the latest.

    Thread-safe: ``request_build`` / ``latest`` / ``wait_for_snapshot`` may be called from any thread
    (request handlers run on a thread pool). One daemon worker thread builds; requests arriving during a
    build coalesce into one more build afterwards. A snapshot older than the newest change is still
    served — the seat installs it and then follows the feed from the snapshot's version.
    """

    def __init__(self, *, session_factory: sessionmaker[Session], directory: Path) -> None:
        self._session_factory = session_factory
        self._directory = directory
        self._lock = threading.Condition()
        self._wanted = False
        self._building = False
        self._latest: PublishedSnapshot | None = None
        self._last_error: str | None = None
        self._thread: threading.Thread | None = None

    def request_build(self) -> None:
        with self._lock:
            self._wanted = True
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="knowledge-snapshot", daemon=True)
                self._thread.start()
            self._lock.notify_all()

    def latest(self) -> PublishedSnapshot | None:
        with self._lock:
            return self._latest

    @property
    def last_error(self) -> str | None:
        with self._lock:
            return self._last_error

    def wait_for_snapshot(self, timeout: float) -> PublishedSnapshot | None:
        """The latest snapshot, waiting up to ``timeout`` seconds for a first one (starting a build)."""
        with self._lock:
            if self._latest is None and not self._building:
                self._wanted = True
                self._last_error = None
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="knowledge-snapshot", daemon=True)
                self._thread.start()
            self._lock.notify_all()
            self._lock.wait_for(
                lambda: self._latest is not None or self._last_error is not None, timeout=timeout
            )
            return self._latest

    def _run(self) -> None:
        while True:
            with self._lock:
                if not self._lock.wait_for(lambda: self._wanted, timeout=60.0):
                    self._thread = None
                    return
                self._wanted = False
                self._building = True
            try:
                published = self._build()
            except Exception as exc:  # a failed build must not kill the worker; the seats use the feed
                logger.exception("knowledge snapshot build failed")
                with self._lock:
                    self._last_error = str(exc)
                    self._building = False
                    self._lock.notify_all()
                continue
            with self._lock:
                self._latest = published
                self._last_error = None
                self._building = False
                self._lock.notify_all()
            self._prune(keep=published.path)

    def _prune(self, *, keep: Path) -> None:
        """Delete all but the newest two snapshots: a download of the previous one may still be running."""
        files = sorted(self._directory.glob("knowledge-snapshot-*.zip"), key=lambda p: p.stat().st_mtime)
        for old in files[:-2]:
            if old != keep:
                old.unlink(missing_ok=True)

    def _build(self) -> PublishedSnapshot:
        from shared.knowledge.build import build_index
        from shared.knowledge.snapshot import write_snapshot

        with self._session_factory() as session:
            version = current_version(session)
            rows = session.scalars(
                select(KnowledgeArticle)
                .where(KnowledgeArticle.deleted.is_(False))
                .order_by(KnowledgeArticle.id)
            ).all()
            articles = articles_out(session, rows)
        self._directory.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=self._directory, prefix=".build-") as tmp:
            index_dir = Path(tmp) / "index"
            build_index(articles, index_dir, processes=1, applied_version=version)
            out = self._directory / f"knowledge-snapshot-v{version}-{uuid.uuid4().hex[:8]}.zip"
            return write_snapshot(index_dir, out)
