"""Recordings and QA: search, the result list, the waveform with a seek line, the scoring sheet and the
score statistics."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from shared.protocol.schemas.quality import QaFormOut

from ..seats.widgets import make_table


class WaveformView(pg.PlotWidget):
    """The recording's peak outline with a draggable position line; emits ``seek_requested`` (s)."""

    seek_requested = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.setYRange(-1, 1)
        self.getPlotItem().hideAxis("left")
        self.getPlotItem().setDownsampling(mode="peak")
        self.getPlotItem().setClipToView(True)
        self.curve = self.plot([], [], pen=pg.mkPen("#1f6fb2", width=1))
        self.cursor = pg.InfiniteLine(pos=0, angle=90, movable=True, pen=pg.mkPen("#c0392b", width=1))
        self.addItem(self.cursor)
        self.cursor.sigPositionChangeFinished.connect(
            lambda line: self.seek_requested.emit(float(line.value()))
        )
        self.scene().sigMouseClicked.connect(self._clicked)

    def _clicked(self, event: object) -> None:
        pos = event.scenePos()  # type: ignore[attr-defined]
        if self.sceneBoundingRect().contains(pos):
            x = self.getPlotItem().vb.mapSceneToView(pos).x()
            self.cursor.setValue(x)
            self.seek_requested.emit(float(max(0.0, x)))


class RecordingsPane(QWidget):
    """Displays recordings and the sheet; emits intents."""

    search_requested = Signal()
    recording_selected = Signal(int)
    play_requested = Signal()
    pause_requested = Signal()
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-7), self)
        self.date_to = QDateEdit(today, self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.agent = QLineEdit(self)
        self.agent.setPlaceholderText(self.tr("Work number"))
        self.number = QLineEdit(self)
        self.number.setPlaceholderText(self.tr("Caller number"))
        self.ticket = QLineEdit(self)
        self.ticket.setPlaceholderText(self.tr("Ticket serial"))
        self.search = QPushButton(self.tr("Search"), self)
        self.search.setObjectName("primaryButton")
        for w in (
            QLabel(self.tr("From"), self),
            self.date_from,
            QLabel(self.tr("to"), self),
            self.date_to,
            self.agent,
            self.number,
            self.ticket,
            self.search,
        ):
            bar.addWidget(w)
        bar.addStretch(1)
        layout.addLayout(bar)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        layout.addWidget(split, 1)
        left = QWidget(split)
        ll = QVBoxLayout(left)
        self.results = make_table(
            left, [self.tr("Started"), self.tr("Agent"), self.tr("Length"), self.tr("Score")]
        )
        ll.addWidget(self.results, 2)
        stats_title = QLabel(self.tr("Score statistics per agent"), left)
        stats_title.setObjectName("sectionTitle")
        ll.addWidget(stats_title)
        self.stats = make_table(
            left,
            [
                self.tr("Agent"),
                self.tr("Evaluations"),
                self.tr("Average"),
                self.tr("Lowest"),
                self.tr("Highest"),
            ],
        )
        ll.addWidget(self.stats, 1)
        split.addWidget(left)
        right = QWidget(split)
        rl = QVBoxLayout(right)
        self.now_playing = QLabel(self.tr("Select a recording"), right)
        self.now_playing.setObjectName("sectionTitle")
        rl.addWidget(self.now_playing)
        self.waveform = WaveformView(right)
        self.waveform.setMinimumHeight(150)
        rl.addWidget(self.waveform)
        controls = QHBoxLayout()
        self.play = QPushButton(self.tr("Play"), right)
        self.pause = QPushButton(self.tr("Pause"), right)
        self.position = QLabel("00:00 / 00:00", right)
        controls.addWidget(self.play)
        controls.addWidget(self.pause)
        controls.addWidget(self.position)
        controls.addStretch(1)
        rl.addLayout(controls)
        self.sheet = QGroupBox(self.tr("Scoring sheet"), right)
        self.sheet_form = QFormLayout(self.sheet)
        rl.addWidget(self.sheet)
        self.comment = QPlainTextEdit(right)
        self.comment.setPlaceholderText(self.tr("Comment for the agent"))
        self.comment.setMaximumHeight(70)
        rl.addWidget(self.comment)
        save_row = QHBoxLayout()
        self.total = QLabel(right)
        self.total.setObjectName("sectionTitle")
        self.save = QPushButton(self.tr("Save score"), right)
        self.save.setObjectName("primaryButton")
        save_row.addWidget(self.total)
        save_row.addStretch(1)
        save_row.addWidget(self.save)
        rl.addLayout(save_row)
        self.history = QLabel(right)
        self.history.setWordWrap(True)
        rl.addWidget(self.history)
        rl.addStretch(1)
        split.addWidget(right)
        split.setSizes([600, 700])
        self.spins: dict[int, QSpinBox] = {}
        self.weights: dict[int, tuple[float, int]] = {}
        self.recording_ids: list[int] = []
        self.search.clicked.connect(self.search_requested)
        self.play.clicked.connect(self.play_requested)
        self.pause.clicked.connect(self.pause_requested)
        self.save.clicked.connect(self.save_requested)
        self.results.itemSelectionChanged.connect(self._selected)

    def _selected(self) -> None:
        row = self.results.currentRow()
        if 0 <= row < len(self.recording_ids):
            self.recording_selected.emit(self.recording_ids[row])

    def set_form(self, form: QaFormOut) -> None:
        while self.sheet_form.rowCount():
            self.sheet_form.removeRow(0)
        self.spins.clear()
        self.weights.clear()
        for c in sorted(form.criteria, key=lambda c: c.sort_order):
            spin = QSpinBox(self.sheet)
            spin.setRange(0, c.max_score)
            spin.setValue(c.max_score)
            spin.valueChanged.connect(self._update_total)
            self.sheet_form.addRow(f"{c.name} ({c.weight:g}%)", spin)
            self.spins[c.id] = spin
            self.weights[c.id] = (c.weight, c.max_score)
        self.sheet.setTitle(form.name)
        self._update_total()

    def scores(self) -> dict[int, int]:
        return {cid: spin.value() for cid, spin in self.spins.items()}

    def weighted_total(self) -> float:
        total_weight = sum(w for w, _m in self.weights.values())
        if not total_weight:
            return 0.0
        return (
            sum(self.weights[c][0] * s / self.weights[c][1] for c, s in self.scores().items())
            * 100
            / total_weight
        )

    def _update_total(self) -> None:
        self.total.setText(self.tr("Total %1 / 100").replace("%1", f"{self.weighted_total():.1f}"))
