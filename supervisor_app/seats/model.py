"""The seat grid's model: one precomputed tile per seat, arranged into groups, filtered and sorted.

Why precomputed: a model that rebuilds text in ``data()`` costs ~3× more per full repaint at 500 seats
(TELEPHONY-FACTS, painting). A tile's strings and colours are computed once when its state changes; the
delegate reads the tile object directly. "Time in state" is the one thing that moves every second and
is formatted in ``paint`` from ``since`` — only for visible tiles.

A state change touches one row (``dataChanged`` on that row only) unless the arrangement depends on
state (a state filter or state/time sort): then the rearrangement is coalesced by the controller.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPixmap

from shared.protocol.enums import AgentState
from shared.protocol.schemas.conference import (
    ConferenceDidChange,
    ConferencePartyKind,
    ConferencePartyState,
)
from shared.protocol.schemas.live import LiveConversation

from ..common import STATE_COLOURS, STATE_ORDER, state_label

logger = logging.getLogger(__name__)

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
#: Above this many changed rows one span signal is cheaper than a signal per row.
SPAN_THRESHOLD = 60
_BUSY_WITH_CALLER = (AgentState.TALKING, AgentState.HOLD, AgentState.RESERVED)


class GroupBy(StrEnum):
    NONE = "none"
    TEAM = "team"
    SKILL = "skill"


class SortKey(StrEnum):
    WORK_NUMBER = "work_number"
    NAME = "name"
    STATE = "state"
    TIME_IN_STATE = "time_in_state"


@dataclass(frozen=True)
class SeatConference:
    """The conference room a seat is in (from ``conference_did_change``, or read from ``GET
    /callcenter/live`` when the console signs in or resyncs): the call, how many people talk in it now,
    the caller, and — for an invited seat — whose call it is."""

    call_id: int
    people: int
    caller_number: str
    owner_work_number: str
    owner_name: str
    owner: bool  # this seat holds the room (took the call, or inherited it)


def conference_line(conference: SeatConference) -> str:
    """The tile's caller line for a seat in a conference: "Conference · 4 people · <caller>"."""
    people = QCoreApplication.translate("SeatTile", "Conference · %1 people").replace(
        "%1", str(conference.people)
    )
    return " · ".join(x for x in (people, conference.caller_number) if x)


def room_from_live(call: LiveConversation) -> ConferenceDidChange | None:
    """A running conversation's room (``GET /callcenter/live``) as the event would carry it, or None when
    it has no room (nobody invited yet) or no call record to name it by."""
    if not call.conference or call.call_id is None:
        return None
    return ConferenceDidChange(
        call_id=call.call_id,
        owner=call.conference_owner or call.agent or "",
        # the live body does not say the room's limit; the tiles never show it
        max_parties=len(call.conference),
        parties=call.conference,
    )


def conference_tip(conference: SeatConference) -> str:
    if conference.owner:
        return QCoreApplication.translate("SeatTile", "Holds a conference with the caller")
    return (
        QCoreApplication.translate("SeatTile", "Invited into the call of %1 (%2)")
        .replace("%1", conference.owner_name)
        .replace("%2", conference.owner_work_number)
    )


@dataclass
class SeatTile:
    """One seat with everything the delegate paints, precomputed by :meth:`refresh`."""

    agent_id: int
    work_number: str
    name: str
    team: str | None
    state: AgentState
    since: datetime
    reason: str | None = None
    caller_number: str | None = None
    queue_code: str | None = None
    skills: tuple[str, ...] = ()
    connected: bool = True
    supervised_mode: str | None = None
    conference: SeatConference | None = None
    # precomputed display
    title: str = ""
    state_text: str = ""
    call_text: str = ""
    since_epoch: float = 0.0
    colour: QColor = field(default_factory=QColor)
    search_text: str = ""
    pixmap: QPixmap | None = None  # the delegate's cached drawing of everything but the clock

    def refresh(self, reason_labels: dict[str, str], queue_names: dict[str, str] | None = None) -> None:
        self.pixmap = None
        self.title = self.name
        text = state_label(self.state)
        if self.reason:
            text = f"{text} · {reason_labels.get(self.reason, self.reason)}"
        self.state_text = text
        caller = self.caller_number
        if self.state in _BUSY_WITH_CALLER and self.conference is not None:
            self.call_text = conference_line(self.conference)
            caller = self.conference.caller_number
        elif self.state in _BUSY_WITH_CALLER and (self.caller_number or self.queue_code):
            queue = (queue_names or {}).get(self.queue_code or "", self.queue_code)
            self.call_text = " · ".join(x for x in (self.caller_number, queue) if x)
        else:
            self.call_text = ""
        self.since_epoch = self.since.timestamp()
        self.colour = QColor(STATE_COLOURS[self.state])
        self.search_text = f"{self.name} {self.work_number} {self.team or ''} {caller or ''}".lower()


def best_first(skills: dict[str, int]) -> tuple[str, ...]:
    """Skill codes by level, highest first (ties by code), so grouping by skill uses the best one."""
    return tuple(sorted(skills, key=lambda code: (-skills[code], code)))


@dataclass
class GroupHeader:
    """A full-width row naming a group, with its seats' count by state."""

    name: str
    counts: Counter[AgentState] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


Entry = SeatTile | GroupHeader


class SeatGridModel(QAbstractListModel):
    """Threading contract: GUI thread only."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._tiles: dict[int, SeatTile] = {}
        self._rows: list[Entry] = []
        self._row_of: dict[int, int] = {}
        self.reason_labels: dict[str, str] = {}
        self.queue_names: dict[str, str] = {}
        self.group_by = GroupBy.NONE
        self.sort_key = SortKey.WORK_NUMBER
        self.filter_text = ""
        self.state_filter: frozenset[AgentState] = frozenset()
        # ordering of room news on the GUI thread: every conference event and every room fetch's start
        # takes the next tick, so a fetch can tell which rooms an event told of after it began
        self._room_clock = 0
        self._room_heard: dict[int, int] = {}  # call id → tick of the latest event about its room
        self._last_seed = 0  # tick at which the newest room fetch that was applied began

    # ---- Qt model ---------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        entry = self._rows[index.row()]
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.title if isinstance(entry, SeatTile) else entry.name
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(entry, SeatTile):
            head = f"{entry.name} ({entry.work_number}) {entry.team or ''}"
            tip = f"{head}\n{entry.state_text}\n{entry.call_text}"
            if entry.conference is not None and entry.call_text:
                tip += "\n" + conference_tip(entry.conference)
            return tip
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if index.isValid() and isinstance(self._rows[index.row()], GroupHeader):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # ---- reading ----------------------------------------------------------------------------

    def tile(self, agent_id: int) -> SeatTile | None:
        return self._tiles.get(agent_id)

    def tiles(self) -> list[SeatTile]:
        return list(self._tiles.values())

    def entry(self, row: int) -> Entry:
        return self._rows[row]

    def row_of(self, agent_id: int) -> int | None:
        return self._row_of.get(agent_id)

    def visible_seat_count(self) -> int:
        return len(self._row_of)

    def totals(self) -> Counter[AgentState]:
        return Counter(t.state for t in self._tiles.values())

    @property
    def depends_on_state(self) -> bool:
        return bool(self.state_filter) or self.sort_key in (SortKey.STATE, SortKey.TIME_IN_STATE)

    # ---- writing ----------------------------------------------------------------------------

    def load(self, tiles: list[SeatTile]) -> None:
        for tile in tiles:
            tile.refresh(self.reason_labels, self.queue_names)
        self._tiles = {t.agent_id: t for t in tiles}
        self.rearrange()

    def set_queue_names(self, names: dict[str, str]) -> None:
        """Show queue names rather than codes on the tiles (redraws only when the names changed)."""
        if names == self.queue_names:
            return
        self.queue_names = dict(names)
        for tile in self._tiles.values():
            tile.refresh(self.reason_labels, self.queue_names)
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1), [ENTRY_ROLE])

    def apply_many(self, payloads: list[dict[str, Any]]) -> bool:
        """Apply a burst of state payloads with one ``dataChanged`` over the changed span (a full update
        of 500 seats would otherwise send 500 signals, each re-asking every size hint)."""
        needs_rearrange = False
        rows: list[int] = []
        for payload in payloads:
            needs_rearrange |= self.apply_state(payload, notify=False)
            row = self._row_of.get(int(payload["agent_id"]))
            if row is not None:
                rows.append(row)
        if self.group_by is not GroupBy.NONE:
            self._refresh_headers()
        if rows and not needs_rearrange:
            if len(rows) <= SPAN_THRESHOLD:  # scattered rows: repaint just those tiles
                for row in rows:
                    self.dataChanged.emit(self.index(row), self.index(row), [ENTRY_ROLE])
            else:
                self.dataChanged.emit(self.index(min(rows)), self.index(max(rows)), [ENTRY_ROLE])
        return needs_rearrange

    def apply_state(self, payload: dict[str, Any], *, notify: bool = True) -> bool:
        """Apply an ``agent_state_did_change`` payload; True when the arrangement needs redoing."""
        agent_id = int(payload["agent_id"])
        tile = self._tiles.get(agent_id)
        since = payload["since"]
        if isinstance(since, str):
            since = datetime.fromisoformat(since)
        state = AgentState(payload["state"])
        if tile is None:
            tile = SeatTile(
                agent_id=agent_id,
                work_number=str(payload.get("work_number", agent_id)),
                name=str(payload.get("name", "")),
                team=None,
                state=state,
                since=since,
                reason=payload.get("reason"),
                caller_number=payload.get("caller_number"),
                queue_code=payload.get("queue_code"),
            )
            self._tiles[agent_id] = tile
            tile.refresh(self.reason_labels, self.queue_names)
            return True
        tile.state = state
        tile.since = since
        tile.reason = payload.get("reason")
        tile.connected = state is not AgentState.LOGGED_OUT
        if state in _BUSY_WITH_CALLER:
            tile.caller_number = payload.get("caller_number") or tile.caller_number
            tile.queue_code = payload.get("queue_code") or tile.queue_code
        else:
            tile.caller_number = None
            tile.queue_code = None
            tile.conference = None
        tile.refresh(self.reason_labels, self.queue_names)
        if not notify:
            return self.depends_on_state
        if self.group_by is not GroupBy.NONE:
            # group header counts change too; headers are cheap to repaint, the layout is not touched
            self._refresh_headers()
        if self.depends_on_state:
            return True
        row = self._row_of.get(agent_id)
        if row is not None:
            index = self.index(row)
            self.dataChanged.emit(index, index, [ENTRY_ROLE])
        return False

    def apply_conference(self, payload: dict[str, Any]) -> list[int]:
        """Apply a ``conference_did_change`` payload (the whole room): every seat ringing or talking in it
        shows the room; a seat that left it, or a room that ended, no longer does. Returns the agent ids
        whose tiles changed (each repainted by itself)."""
        try:
            room = ConferenceDidChange.model_validate(payload)
        except ValidationError:
            logger.warning("conference event the console cannot read: %r", payload)
            return []
        self._room_clock += 1
        self._room_heard[room.call_id] = self._room_clock
        return self._apply_room(room)

    def begin_room_fetch(self) -> int:
        """Mark the start of a fetch of every running room (``GET /callcenter/live``); hand the mark back
        to :meth:`seed_rooms` with what the fetch returned."""
        self._room_clock += 1
        return self._room_clock

    def seed_rooms(self, rooms: list[ConferenceDidChange], *, fetch_mark: int) -> list[int]:
        """Show the rooms running now (a fetch begun at ``fetch_mark``) and drop rooms no longer running.

        Events win over a fetch they overtook: a room whose ``conference_did_change`` arrived after the
        fetch began keeps what the event said (the fetch's copy is older, or reads a room the event
        ended as still running), and a fetch begun before one already seeded is dropped whole. Returns
        the agent ids whose tiles changed."""
        if fetch_mark < self._last_seed:
            logger.debug("room fetch %s overtaken by fetch %s: dropped", fetch_mark, self._last_seed)
            return []
        self._last_seed = fetch_mark
        changed: list[int] = []
        running: set[int] = set()
        for room in rooms:
            running.add(room.call_id)
            if self._room_heard.get(room.call_id, 0) > fetch_mark:
                continue
            changed.extend(self._apply_room(room))
        for tile in self._tiles.values():
            gone = tile.conference
            if gone is None or gone.call_id in running or self._room_heard.get(gone.call_id, 0) > fetch_mark:
                continue
            tile.conference = None  # the room ended while the console was not listening
            tile.refresh(self.reason_labels, self.queue_names)
            self._repaint(tile.agent_id)
            changed.append(tile.agent_id)
        # marks at or before this fetch's start can no longer decide anything: later fetches start later
        self._room_heard = {c: m for c, m in self._room_heard.items() if m > fetch_mark}
        return changed

    def _apply_room(self, room: ConferenceDidChange) -> list[int]:
        people = sum(1 for p in room.parties if p.state is ConferencePartyState.JOINED)
        caller = next((p.value for p in room.parties if p.kind is ConferencePartyKind.CALLER), "")
        owner_name = next(
            (
                p.display or p.value
                for p in room.parties
                if p.kind is ConferencePartyKind.AGENT and p.value == room.owner
            ),
            room.owner,
        )
        by_number = {t.work_number: t for t in self._tiles.values()}
        present: dict[str, SeatConference] = {}
        if not room.ended:
            for party in room.parties:
                if party.kind is ConferencePartyKind.AGENT and party.state in (
                    ConferencePartyState.RINGING,
                    ConferencePartyState.JOINED,
                ):
                    present[party.value] = SeatConference(
                        call_id=room.call_id,
                        people=people,
                        caller_number=caller,
                        owner_work_number=room.owner,
                        owner_name=owner_name,
                        owner=party.value == room.owner,
                    )
        changed: list[int] = []
        for tile in self._tiles.values():
            new = present.get(tile.work_number)
            if new is None and (tile.conference is None or tile.conference.call_id != room.call_id):
                continue  # not in this room, before or now
            if new != tile.conference:
                tile.conference = new
                tile.refresh(self.reason_labels, self.queue_names)
                changed.append(tile.agent_id)
        missing = set(present) - set(by_number)
        if missing:
            logger.debug("conference %s: no tile for %s (leaders, or not loaded yet)", room.call_id, missing)
        for agent_id in changed:
            self._repaint(agent_id)
        return changed

    def _repaint(self, agent_id: int) -> None:
        row = self._row_of.get(agent_id)
        if row is not None:
            self.dataChanged.emit(self.index(row), self.index(row), [ENTRY_ROLE])

    def set_supervised(self, agent_id: int, mode: str | None) -> None:
        tile = self._tiles.get(agent_id)
        if tile is None:
            return
        tile.supervised_mode = mode
        tile.pixmap = None
        row = self._row_of.get(agent_id)
        if row is not None:
            index = self.index(row)
            self.dataChanged.emit(index, index, [ENTRY_ROLE])

    def _group_key(self, tile: SeatTile) -> str:
        if self.group_by is GroupBy.TEAM:
            return tile.team or "—"
        if self.group_by is GroupBy.SKILL:
            return tile.skills[0] if tile.skills else "—"
        return ""

    def _sort_key(self, tile: SeatTile) -> tuple[Any, ...]:
        if self.sort_key is SortKey.NAME:
            return (tile.name, tile.work_number)
        if self.sort_key is SortKey.STATE:
            return (STATE_ORDER.index(tile.state), tile.since_epoch)
        if self.sort_key is SortKey.TIME_IN_STATE:
            return (tile.since_epoch, tile.work_number)
        return (len(tile.work_number), tile.work_number)

    def _matches(self, tile: SeatTile) -> bool:
        if self.state_filter and tile.state not in self.state_filter:
            return False
        return not self.filter_text or self.filter_text in tile.search_text

    def rearrange(self) -> None:
        """Recompute grouping, filtering and order (one model reset)."""
        visible = [t for t in self._tiles.values() if self._matches(t)]
        visible.sort(key=self._sort_key)
        rows: list[Entry] = []
        if self.group_by is GroupBy.NONE:
            rows.extend(visible)
        else:
            groups: dict[str, list[SeatTile]] = {}
            for tile in visible:
                groups.setdefault(self._group_key(tile), []).append(tile)
            for name in sorted(groups):
                members = groups[name]
                rows.append(GroupHeader(name, Counter(t.state for t in members)))
                rows.extend(members)
        self.beginResetModel()
        self._rows = rows
        self._row_of = {e.agent_id: i for i, e in enumerate(rows) if isinstance(e, SeatTile)}
        self.endResetModel()

    def _refresh_headers(self) -> None:
        if self.group_by is GroupBy.NONE:
            return
        current: GroupHeader | None = None
        for i, entry in enumerate(self._rows):
            if isinstance(entry, GroupHeader):
                current = entry
                current.counts = Counter()
                header_row = i
                self.dataChanged.emit(self.index(header_row), self.index(header_row), [ENTRY_ROLE])
            elif current is not None:
                current.counts[entry.state] += 1
