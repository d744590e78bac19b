"""Emergency notices (the IVR reads them first), broadcast messages to every seat, the blacklist."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..seats.widgets import make_table

EXPIRY_CHOICES_DAYS = (0, 1, 7, 30, 90, 365)


class BroadcastPane(QWidget):
    """Displays notices and the blacklist, emits intents; knows nothing about the network."""

    publish_requested = Signal(str, str, str, bool)  # title, body, hotline ("" = all), play in IVR
    withdraw_requested = Signal(int)
    broadcast_requested = Signal(str)
    block_requested = Signal(str, str, int)  # number, reason, days (0 = until lifted)
    lift_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QHBoxLayout(self)
        left = QVBoxLayout()
        outer.addLayout(left, 1)
        right = QVBoxLayout()
        outer.addLayout(right, 1)

        notice_box = QGroupBox(self.tr("Emergency notice"), self)
        form = QFormLayout(notice_box)
        self.notice_title = QLineEdit(notice_box)
        self.notice_title.setMaxLength(128)
        self.notice_body = QPlainTextEdit(notice_box)
        self.notice_body.setPlaceholderText(self.tr("The text seats see and the IVR plays first"))
        self.notice_body.setMaximumHeight(110)
        self.notice_line = QComboBox(notice_box)
        self.notice_line.addItem(self.tr("Every line"), "")
        for number in ("12345", "12329", "12315"):
            self.notice_line.addItem(number, number)
        self.notice_ivr = QCheckBox(self.tr("Play in the IVR before the menu"), notice_box)
        self.notice_ivr.setChecked(True)
        self.publish = QPushButton(self.tr("Publish notice"), notice_box)
        self.publish.setObjectName("primaryButton")
        form.addRow(self.tr("Title"), self.notice_title)
        form.addRow(self.tr("Text"), self.notice_body)
        form.addRow(self.tr("Line"), self.notice_line)
        form.addRow("", self.notice_ivr)
        form.addRow("", self.publish)
        left.addWidget(notice_box)
        self.notices = make_table(
            self, [self.tr("Title"), self.tr("Line"), self.tr("IVR"), self.tr("Published")]
        )
        left.addWidget(self.notices, 1)
        self.withdraw = QPushButton(self.tr("Withdraw selected notice"), self)
        left.addWidget(self.withdraw)

        message_box = QGroupBox(self.tr("Message to every seat"), self)
        mrow = QHBoxLayout(message_box)
        self.message = QLineEdit(message_box)
        self.message.setMaxLength(2000)
        self.send = QPushButton(self.tr("Send to all"), message_box)
        mrow.addWidget(self.message, 1)
        mrow.addWidget(self.send)
        left.addWidget(message_box)

        block_box = QGroupBox(self.tr("Blacklist"), self)
        bform = QFormLayout(block_box)
        self.block_number = QLineEdit(block_box)
        self.block_number.setPlaceholderText("13800138000")
        self.block_reason = QLineEdit(block_box)
        self.block_expiry = QComboBox(block_box)
        for days in EXPIRY_CHOICES_DAYS:
            self.block_expiry.addItem(
                self.tr("Until lifted") if days == 0 else self.tr("%n day(s)", "", days), days
            )
        self.block = QPushButton(self.tr("Block number"), block_box)
        bform.addRow(self.tr("Number"), self.block_number)
        bform.addRow(self.tr("Reason"), self.block_reason)
        bform.addRow(self.tr("Expires"), self.block_expiry)
        bform.addRow("", self.block)
        right.addWidget(block_box)
        self.blacklist = make_table(
            self, [self.tr("Number"), self.tr("Reason"), self.tr("Blocked"), self.tr("Expires")]
        )
        right.addWidget(self.blacklist, 1)
        self.lift = QPushButton(self.tr("Lift selected block"), self)
        right.addWidget(self.lift)

        self.notice_ids: list[int] = []
        self.block_ids: list[int] = []
        self.publish.clicked.connect(self._publish)
        self.withdraw.clicked.connect(self._withdraw)
        self.send.clicked.connect(lambda: self.broadcast_requested.emit(self.message.text().strip()))
        self.block.clicked.connect(self._block)
        self.lift.clicked.connect(self._lift)

    def _publish(self) -> None:
        self.publish_requested.emit(
            self.notice_title.text().strip(),
            self.notice_body.toPlainText().strip(),
            str(self.notice_line.currentData()),
            self.notice_ivr.isChecked(),
        )

    def _withdraw(self) -> None:
        row = self.notices.currentRow()
        if 0 <= row < len(self.notice_ids):
            self.withdraw_requested.emit(self.notice_ids[row])

    def _block(self) -> None:
        self.block_requested.emit(
            self.block_number.text().strip(),
            self.block_reason.text().strip(),
            int(self.block_expiry.currentData()),
        )

    def _lift(self) -> None:
        row = self.blacklist.currentRow()
        if 0 <= row < len(self.block_ids):
            self.lift_requested.emit(self.block_ids[row])
