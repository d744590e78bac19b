"""Keeps the local Whoosh index in step with the server and answers search-as-you-type off the GUI thread.

A new seat first installs the server's snapshot (if the server offers one), then pages the change feed
from the snapshot's version; afterwards every ``knowledge_did_change`` event pulls what changed.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from agent_app.context import AppContext
from shared.client.errors import ApiClientError
from shared.protocol.events import EventEnvelope, EventType
from shared.protocol.knowledge import KnowledgeArticle

from .widgets import KnowledgePane

if TYPE_CHECKING:  # jieba/pypinyin/Whoosh load on the worker at the first sync, not at start-up
    from shared.knowledge.index import KnowledgeIndex, SearchHit

logger = logging.getLogger(__name__)

FEED_PAGE = 500


class KnowledgeController(QObject):
    """Threading contract: GUI thread. Index work runs on the bridge: one sync at a time, searches
    concurrently (the index allows many readers); only the newest search's results are shown."""

    progress = Signal(int, int, str)  # emitted from the worker; Qt queues it to the GUI thread
    synced = Signal(int)  # applied version
    results_shown = Signal(int)  # number of hits

    def __init__(
        self, ctx: AppContext, pane: KnowledgePane, index_dir: Path, *, debounce_ms: int = 120
    ) -> None:
        super().__init__(pane)
        self._ctx = ctx
        self.pane = pane
        self.index_dir = index_dir
        self.index: KnowledgeIndex | None = None
        self._syncing = False
        self._sync_again = False
        self._generation = 0
        self._query = ("", "", "")
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self._run_search)
        pane.query_changed.connect(self._on_query)
        pane.article_requested.connect(self.open_article)
        pane.first_result_requested.connect(self._open_first)
        self.progress.connect(pane.show_progress)
        self._last_hits: list[SearchHit] = []

    # ---- sync ---------------------------------------------------------------------------------

    def sync(self) -> None:
        if self._syncing:
            self._sync_again = True
            return
        self._syncing = True
        self._ctx.bridge.run(self._sync_worker, success=self._synced, failure=self._sync_failed)

    def _sync_worker(self) -> tuple[int, list[tuple[str, ...]], list[str]]:
        from shared.knowledge.index import KnowledgeIndex

        api = self._ctx.api
        index = self.index
        if index is None:
            self.progress.emit(0, 0, self.tr("Opening the knowledge base…"))
            index = KnowledgeIndex(self.index_dir)
            if index.applied_version == 0:
                index = self._install_snapshot(index)
            index.warm_up()
            self.index = index
        total_hint = 0
        while True:
            feed = api.knowledge_feed(index.applied_version, FEED_PAGE)
            total_hint = max(total_hint, feed.latest_version)
            if feed.articles:
                index.apply_feed(feed)
            elif feed.latest_version > index.applied_version:
                index.apply([], latest_version=feed.latest_version)
            done = index.applied_version
            self.progress.emit(
                done,
                max(total_hint, done),
                self.tr("Updating the knowledge base: %1 articles").replace("%1", str(index.article_count)),
            )
            if not feed.has_more:
                break
        return index.article_count, index.categories(), index.departments()

    def _install_snapshot(self, index: KnowledgeIndex) -> KnowledgeIndex:
        from shared.knowledge.index import KnowledgeIndex
        from shared.knowledge.snapshot import SnapshotError, install_snapshot

        api = self._ctx.api
        target = self.index_dir.parent / "knowledge-snapshot.zip"
        downloading = self.tr("Downloading the knowledge base…")
        installing = self.tr("Installing the knowledge base…")
        try:
            snapshot = api.download_knowledge_snapshot(
                target, lambda done, total: self.progress.emit(done, total or done + 1, downloading)
            )
            if snapshot is None:
                return index
            index.close()
            install_snapshot(
                snapshot.path,
                self.index_dir,
                lambda done, total: self.progress.emit(done, total, installing),
                expected_sha256=snapshot.sha256,
            )
        except (ApiClientError, SnapshotError) as exc:
            logger.warning("snapshot not installed, indexing from the feed instead: %s", exc)
        finally:
            target.unlink(missing_ok=True)
        return KnowledgeIndex(self.index_dir)

    def _synced(self, result: tuple[int, list[tuple[str, ...]], list[str]]) -> None:
        count, categories, departments = result
        self._syncing = False
        top_level = sorted({path[0] for path in categories if path})
        self.pane.set_filters(top_level, departments)
        self.pane.show_progress(1, 1, self.tr("%1 articles searchable").replace("%1", str(count)))
        if self.index is not None:
            self.synced.emit(self.index.applied_version)
        if self._query[0]:
            self._run_search()
        if self._sync_again:
            self._sync_again = False
            self.sync()

    def _sync_failed(self, error: ApiClientError) -> None:
        self._syncing = False
        count = self.index.article_count if self.index is not None else 0
        self.pane.show_progress(
            1,
            1,
            self.tr("Knowledge base not updated (%1); %2 articles searchable.")
            .replace("%1", error.message)
            .replace("%2", str(count)),
        )

    def on_server_event(self, envelope: EventEnvelope) -> None:
        if envelope.type in (EventType.KNOWLEDGE_DID_CHANGE, EventType.SNAPSHOT):
            self.sync()

    # ---- search -------------------------------------------------------------------------------

    def _on_query(self, text: str, category: str, department: str) -> None:
        self._query = (text, category, department)
        self._debounce.start()

    def search_now(self, text: str, category: str = "", department: str = "") -> None:
        self._query = (text, category, department)
        self._run_search()

    def _run_search(self) -> None:
        index = self.index
        text, category, department = self._query
        if index is None:
            return
        self._generation += 1
        generation = self._generation

        def work() -> list[SearchHit]:
            return index.search(text, category=category or None, department=department or None, limit=20)

        def show(hits: list[SearchHit]) -> None:
            if generation != self._generation:
                return  # the call-taker typed on; a newer search is coming
            self._last_hits = hits
            self.pane.show_results(hits, text)
            self.results_shown.emit(len(hits))

        self._ctx.bridge.run(work, success=show)

    def _open_first(self) -> None:
        if self._last_hits:
            self.open_article(self._last_hits[0].article_id)

    def open_article(self, article_id: int) -> None:
        index = self.index
        if index is None:
            return

        hit = next((h for h in self._last_hits if h.article_id == article_id), None)
        marks = (hit.title.matched + hit.snippet.matched) if hit is not None else []

        def show(article: KnowledgeArticle | None) -> None:
            self.pane.show_article(article, marks)

        self._ctx.bridge.run(lambda: index.get(article_id), success=show)

    def close(self) -> None:
        if self.index is not None:
            self.index.close()
            self.index = None
