"""The knowledge pane: search box with filters, highlighted results, article view, "insert answer"."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from shared.protocol.knowledge import KnowledgeArticle

if TYPE_CHECKING:  # the index pulls in jieba/pypinyin/Whoosh (~1.3 s): loaded by the worker, not at start
    from shared.knowledge.index import SearchHit

_MARK_OPEN = '<span style="background:#ffe8a3;color:#222;">'
_MARK_CLOSE = "</span>"


def _marked(text: str, marks: list[str]) -> str:
    """HTML-escaped ``text`` with every occurrence of a mark wrapped in the highlight span."""
    spans = [False] * len(text)
    for mark in {m for m in marks if m.strip()}:
        start = text.find(mark)
        while start >= 0:
            for i in range(start, start + len(mark)):
                spans[i] = True
            start = text.find(mark, start + len(mark))
    out: list[str] = []
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and spans[j] == spans[i]:
            j += 1
        chunk = html.escape(text[i:j])
        out.append(f"{_MARK_OPEN}{chunk}{_MARK_CLOSE}" if spans[i] else chunk)
        i = j
    return "".join(out)


class KnowledgePane(QFrame):
    """Displays results and one article; emits what the call-taker typed, picked and inserted. Threading
    contract: GUI thread."""

    query_changed = Signal(str, str, str)  # text, category ('' = all), department ('' = all)
    article_requested = Signal(int)
    insert_requested = Signal(str)
    first_result_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("knowledgePane")
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Knowledge base"), self)
        title.setObjectName("sectionTitle")
        layout.addWidget(title)
        self.search = QLineEdit(self)
        self.search.setObjectName("knowledgeSearch")
        self.search.setPlaceholderText(self.tr("Search: words, pinyin initials (gjjtq), short code…"))
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        filters = QHBoxLayout()
        self.category = QComboBox(self)
        self.department = QComboBox(self)
        filters.addWidget(self.category, 1)
        filters.addWidget(self.department, 1)
        layout.addLayout(filters)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = QLabel(self)
        self.status.setObjectName("hint")
        layout.addWidget(self.status)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.results = QTextBrowser(splitter)
        self.results.setOpenLinks(False)
        self.results.setObjectName("knowledgeResults")
        article_box = QWidget(splitter)
        article_layout = QVBoxLayout(article_box)
        article_layout.setContentsMargins(0, 0, 0, 0)
        self.article = QTextBrowser(article_box)
        article_layout.addWidget(self.article, 1)
        self.insert = QPushButton(self.tr("Insert answer into ticket"), article_box)
        self.insert.setEnabled(False)
        article_layout.addWidget(self.insert)
        splitter.setSizes([300, 260])
        layout.addWidget(splitter, 1)
        self._article_text = ""
        self.set_filters([], [])
        self.search.textChanged.connect(self._emit_query)
        self.search.returnPressed.connect(self.first_result_requested)
        self.category.currentIndexChanged.connect(self._emit_query)
        self.department.currentIndexChanged.connect(self._emit_query)
        self.results.anchorClicked.connect(self._anchor)
        self.insert.clicked.connect(lambda: self.insert_requested.emit(self._article_text))

    def _emit_query(self, *_args: object) -> None:
        self.query_changed.emit(
            self.search.text(), self.category.currentData() or "", self.department.currentData() or ""
        )

    def _anchor(self, url: QUrl) -> None:
        if url.scheme() == "article":
            self.article_requested.emit(int(url.path() or url.host()))

    def set_filters(self, categories: list[str], departments: list[str]) -> None:
        for box, values, everything in (
            (self.category, categories, self.tr("All categories")),
            (self.department, departments, self.tr("All departments")),
        ):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(everything, "")
            for value in values:
                box.addItem(value, value)
            index = box.findData(current)
            box.setCurrentIndex(max(0, index))
            box.blockSignals(False)

    def show_progress(self, done: int, total: int, text: str) -> None:
        self.progress.setVisible(total > 0 and done < total)
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)
        self.status.setText(text)

    def show_status(self, text: str) -> None:
        self.status.setText(text)

    def match_text(self, kind: str) -> str:
        """Badge for why a hit matched (``MatchKind`` values); plain text matches need none."""
        return {
            "short_code": self.tr("short code"),
            "pinyin": self.tr("pinyin"),
            "fuzzy": self.tr("similar spelling"),
        }.get(str(kind), "")

    def show_results(self, hits: list[SearchHit], query: str) -> None:
        if not hits:
            self.results.setHtml(
                f"<p style='color:#777'>{html.escape(self.tr('No matching articles.'))}</p>"
                if query.strip()
                else ""
            )
            return
        parts = []
        for hit in hits:
            badge = self.match_text(hit.match)
            badge_html = (
                f" <span style='color:#1f7a8c;font-size:small'>[{html.escape(badge)}]</span>" if badge else ""
            )
            path = " › ".join(hit.category_path)
            code = f" · {html.escape(hit.short_code)}" if hit.short_code else ""
            title = hit.title.to_html(_MARK_OPEN, _MARK_CLOSE)
            parts.append(
                f"<p style='margin:4px 0 10px 0'><a href='article:{hit.article_id}' style='font-weight:bold;"
                f"text-decoration:none;color:#1d4f86'>{title}</a>{badge_html}"
                f"<br/><span style='color:#777;font-size:small'>{html.escape(path)}{code}</span>"
                f"<br/>{hit.snippet.to_html(_MARK_OPEN, _MARK_CLOSE)}</p>"
            )
        self.results.setHtml("".join(parts))

    def show_article(self, article: KnowledgeArticle | None, marks: list[str] | None = None) -> None:
        """``marks``: words the search matched; they are highlighted in the article too."""
        if article is None:
            self.article.clear()
            self.insert.setEnabled(False)
            self._article_text = ""
            return
        self._article_text = article.body
        meta = " › ".join(article.category_path)
        if article.department:
            meta += f" · {article.department}"
        body = "<br/>".join(_marked(line, marks or []) for line in article.body.splitlines())
        self.article.setHtml(
            f"<h3>{html.escape(article.title)}</h3><p style='color:#777'>{html.escape(meta)}</p><p>{body}</p>"
        )
        self.insert.setEnabled(True)
