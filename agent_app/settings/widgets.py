"""Settings: microphone, speaker and ring devices (test tone, level meter), server, language, font size."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from agent_app.widgets_common import BannerKind, InlineBanner


class SettingsWidget(QWidget):
    """Displays the settings; emits intents. Threading contract: GUI thread."""

    save_requested = Signal()
    test_tone_requested = Signal()
    meter_toggled = Signal(bool)
    rescan_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        audio = QGroupBox(self.tr("Audio devices"), self)
        form = QFormLayout(audio)
        self.microphone = QComboBox(audio)
        self.speaker = QComboBox(audio)
        self.ring = QComboBox(audio)
        form.addRow(self.tr("Microphone"), self.microphone)
        form.addRow(self.tr("Speaker (headset)"), self.speaker)
        form.addRow(self.tr("Ring device"), self.ring)
        meter_row = QHBoxLayout()
        self.level = QProgressBar(audio)
        self.level.setRange(-60, 0)
        self.level.setValue(-60)
        self.level.setFormat(self.tr("%v dBFS"))
        self.meter_button = QPushButton(self.tr("Test microphone"), audio)
        self.meter_button.setCheckable(True)
        meter_row.addWidget(self.level, 1)
        meter_row.addWidget(self.meter_button)
        form.addRow(self.tr("Level"), meter_row)
        tone_row = QHBoxLayout()
        self.tone_button = QPushButton(self.tr("Play test tone"), audio)
        self.rescan_button = QPushButton(self.tr("Look for new devices"), audio)
        tone_row.addWidget(self.tone_button)
        tone_row.addWidget(self.rescan_button)
        tone_row.addStretch(1)
        form.addRow("", tone_row)
        layout.addWidget(audio)
        general = QGroupBox(self.tr("General"), self)
        gform = QFormLayout(general)
        self.server = QLineEdit(general)
        self.server_source = QLabel(general)
        self.server_source.setObjectName("hint")
        gform.addRow(self.tr("Server"), self.server)
        gform.addRow("", self.server_source)
        self.language = QComboBox(general)
        self.language.addItem(self.tr("Follow the system"), "")
        self.language.addItem("简体中文", "zh_CN")
        self.language.addItem("English", "en")
        gform.addRow(self.tr("Language"), self.language)
        self.font_size = QSpinBox(general)
        self.font_size.setRange(9, 24)
        self.font_size.setSuffix(" pt")
        gform.addRow(self.tr("Font size"), self.font_size)
        layout.addWidget(general)
        keys = QGroupBox(self.tr("Hotkeys"), self)
        kform = QFormLayout(keys)
        self.hotkeys: dict[str, QKeySequenceEdit] = {}
        for name, label in (
            ("answer", self.tr("Answer")),
            ("hangup", self.tr("Hang up")),
            ("hold", self.tr("Hold / resume")),
            ("mute", self.tr("Mute")),
            ("ready", self.tr("Ready")),
        ):
            edit = QKeySequenceEdit(keys)
            edit.setMaximumSequenceLength(1)
            edit.setClearButtonEnabled(True)
            self.hotkeys[name] = edit
            kform.addRow(label, edit)
        self.hotkeys_global = QCheckBox(self.tr("Also when another program is in front"), keys)
        kform.addRow("", self.hotkeys_global)
        self.hotkeys_status = QLabel(keys)  # whether the keys are global, or why not
        self.hotkeys_status.setObjectName("hint")
        self.hotkeys_status.setWordWrap(True)
        self.hotkeys_status.hide()
        kform.addRow("", self.hotkeys_status)
        layout.addWidget(keys)
        self.banner = InlineBanner(self)
        layout.addWidget(self.banner)
        row = QHBoxLayout()
        row.addStretch(1)
        self.save = QPushButton(self.tr("Save settings"), self)
        self.save.setObjectName("primaryButton")
        row.addWidget(self.save)
        layout.addLayout(row)
        layout.addStretch(1)
        self.save.clicked.connect(self.save_requested)
        self.tone_button.clicked.connect(self.test_tone_requested)
        self.meter_button.toggled.connect(self.meter_toggled)
        self.rescan_button.clicked.connect(self.rescan_requested)

    def set_devices(self, inputs: list[str], outputs: list[str], mic: str, speaker: str, ring: str) -> None:
        default = self.tr("System default")
        for box, names, chosen in (
            (self.microphone, inputs, mic),
            (self.speaker, outputs, speaker),
            (self.ring, outputs, ring),
        ):
            box.clear()
            box.addItem(default, "")
            for name in names:
                box.addItem(name, name)
            if chosen and box.findData(chosen) < 0:
                box.addItem(self.tr("%1 (not connected)").replace("%1", chosen), chosen)
            box.setCurrentIndex(max(0, box.findData(chosen)))

    def show_level(self, dbfs: float) -> None:
        self.level.setValue(int(max(-60.0, min(0.0, dbfs))))

    def show_message(self, text: str, kind: BannerKind = BannerKind.INFO) -> None:
        self.banner.show_message(text, kind)
