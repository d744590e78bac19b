"""The server-side conference room as the softphone panel shows it: one compact row per party."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from shared.client.models import (
    ConferenceDidChange,
    ConferenceParty,
    ConferencePartyKind,
    ConferencePartyState,
)
from shared.protocol.schemas.conference import ConferencePartyReason

_STATE_COLOUR = {
    ConferencePartyState.RINGING: "#b7791f",
    ConferencePartyState.JOINED: "#2e9e5b",
    ConferencePartyState.FAILED: "#c0392b",
    ConferencePartyState.LEFT: "#80868b",
}
_PRESENT = (ConferencePartyState.RINGING, ConferencePartyState.JOINED)
_SIP_SUFFIX = re.compile(r"\s*\((?:SIP )?\d{3}\)$")


class ConferencePartyRow(QWidget):
    """Name/number, state (and why it failed or left), and a remove button for the room's owner.
    Threading contract: GUI thread."""

    def __init__(self, party: ConferenceParty, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.party_id = party.party_id
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 1, 0, 1)
        layout.setSpacing(6)
        self.name = QLabel(self)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        text_box = QVBoxLayout()
        text_box.setSpacing(0)
        text_box.addWidget(self.name)
        text_box.addWidget(self.status)
        layout.addLayout(text_box, 1)
        self.remove = QPushButton(self.tr("Remove"), self)
        self.remove.setObjectName("removePartyButton")
        self.remove.setMaximumHeight(26)
        layout.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignVCenter)


class ConferenceRoomView(QFrame):
    """Everyone in the room of the current call; emits ``remove_requested(party_id)`` when the owner
    removes someone. Displays only. Threading contract: GUI thread."""

    remove_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conferenceRoom")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(2)
        self.title = QLabel(self)
        self.title.setObjectName("conferenceTitle")
        self.title.setStyleSheet("font-weight:bold;")
        layout.addWidget(self.title)
        self._rows_box = QVBoxLayout()
        self._rows_box.setSpacing(2)
        layout.addLayout(self._rows_box)
        self.rows: list[ConferencePartyRow] = []
        self.hide()

    def state_text(self, party: ConferenceParty) -> str:
        words = {
            ConferencePartyState.RINGING: self.tr("ringing…"),
            ConferencePartyState.JOINED: self.tr("in the conference"),
            ConferencePartyState.FAILED: self.tr("could not join"),
            ConferencePartyState.LEFT: self.tr("left"),
        }
        text = words[party.state]
        if party.state not in (ConferencePartyState.FAILED, ConferencePartyState.LEFT):
            return text
        why = self.code_text(party.reason_code) if party.reason_code is not None else None
        if why is None and party.reason:
            why = self.reason_text(party.reason)  # a server older than reason codes
        if why:
            text = self.tr("%1: %2").replace("%1", text).replace("%2", why)
        return text

    def code_text(self, code: ConferencePartyReason) -> str:
        """The server's stable reason code in the seat's language."""
        r = ConferencePartyReason
        words = {
            r.NO_ANSWER: self.tr("no answer"),
            r.BUSY: self.tr("busy"),
            r.DECLINED: self.tr("declined"),
            r.CANCELLED: self.tr("cancelled"),
            r.UNREACHABLE: self.tr("not reachable (not signed in)"),
            r.HUNG_UP: self.tr("hung up"),
            r.REMOVED: self.tr("removed by the room's owner"),
            r.CALL_ENDED: self.tr("the call ended"),
            r.ROOM_FULL: self.tr("the conference is full"),
            r.FAILED: self.tr("failed"),
        }
        return words[code]

    def reason_text(self, reason: str) -> str:
        """The server's reasons (English words, a SIP code for IT) in the seat's language; unknown
        ones as sent. Only for a server that sends no ``reason_code``."""
        plain = _SIP_SUFFIX.sub("", reason).strip()
        known = {
            "no answer": self.tr("no answer"),
            "busy": self.tr("busy"),
            "declined": self.tr("declined"),
            "cancelled": self.tr("cancelled"),
            "not reachable (not registered)": self.tr("not reachable (not signed in)"),
            "failed": self.tr("failed"),
            "hung up": self.tr("hung up"),
            "removed by the room's owner": self.tr("removed by the room's owner"),
            "the call ended": self.tr("the call ended"),
            "the conversation ended": self.tr("the call ended"),
            "room full": self.tr("the conference is full"),
        }
        if plain.lower() in known:
            return known[plain.lower()]
        if plain.lower().startswith("failed ("):
            return known["failed"]
        return reason

    def name_text(self, party: ConferenceParty, own_work_number: str) -> str:
        if party.kind is ConferencePartyKind.CALLER:
            return self.tr("Caller %1").replace("%1", party.value)
        if party.kind is ConferencePartyKind.AGENT and party.value == own_work_number:
            return self.tr("%1 (you)").replace("%1", party.display or party.value)
        if not party.display or party.display == party.value:
            return party.value
        if party.kind is ConferencePartyKind.AGENT or party.value.lstrip("+").isdigit():
            return f"{party.display} {party.value}"  # work numbers and phone numbers help; codes do not
        return party.display

    def show_room(
        self, room: ConferenceDidChange | None, *, talking: int, own_work_number: str, owner: bool
    ) -> None:
        """Redraw from the whole room (every event carries all of it); ``None`` hides the view. ``talking``:
        how many people are in the call now (the count the call's line shows too)."""
        for row in self.rows:
            self._rows_box.removeWidget(row)
            row.hide()  # deleteLater waits for the event loop; until then it would paint over the title
            row.deleteLater()
        self.rows = []
        if room is None:
            self.hide()
            return
        self.title.setText(
            self.tr("Conference · %1 talking · at most %2")
            .replace("%1", str(talking))
            .replace("%2", str(room.max_parties))
        )
        for party in room.parties:
            row = ConferencePartyRow(party, self)
            row.name.setText(self.name_text(party, own_work_number))
            row.status.setText(self.state_text(party))
            row.status.setToolTip(party.reason or "")
            row.status.setStyleSheet(f"color:{_STATE_COLOUR[party.state]};")
            own = party.kind is ConferencePartyKind.AGENT and party.value == own_work_number
            removable = owner and party.state in _PRESENT and party.kind is not ConferencePartyKind.CALLER
            row.remove.setVisible(removable and not own)
            row.remove.setToolTip(
                self.tr("Hang up %1 and take them out of the conference").replace(
                    "%1", party.display or party.value
                )
            )
            row.remove.clicked.connect(lambda _c=False, pid=party.party_id: self.remove_requested.emit(pid))
            if party.state not in _PRESENT:
                row.name.setStyleSheet("color:#80868b;")
            self._rows_box.addWidget(row)
            self.rows.append(row)
        self.show()
