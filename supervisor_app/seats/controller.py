"""Seat grid controller: loads the snapshot, applies live state events, forces states, sends messages,
opens an agent's day, and hands supervision requests to the ladder."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QObject, QPoint, QTimer, Signal
from PySide6.QtWidgets import QInputDialog, QWidget

from shared.client.errors import ApiClientError
from shared.protocol.enums import AgentState, SupervisionMode
from shared.protocol.events import EventEnvelope, EventType, Snapshot
from shared.protocol.schemas.calls import CallParticipantRole
from shared.protocol.schemas.live import LiveOverview
from shared.protocol.schemas.reports import AgentCallRow

from ..common import ConsoleContext, format_duration, state_label
from ..supervision.controller import SupervisionController
from ..tickets.controller import status_label
from .model import GroupBy, SeatGridModel, SeatTile, SortKey, best_first, room_from_live
from .widgets import AgentDayDialog, SeatsPane, fill_table, seat_menu

logger = logging.getLogger(__name__)

REARRANGE_DELAY_MS = 300


class SeatsController(QObject):
    """Threading contract: GUI thread; network work through the context's bridge."""

    notify = Signal(str, bool)  # text, is_error
    loaded = Signal(int)  # seat count

    def __init__(
        self, ctx: ConsoleContext, supervision: SupervisionController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.supervision = supervision
        self.model = SeatGridModel(self)
        self.pane = SeatsPane(self.model, parent)
        self.day_dialog: AgentDayDialog | None = None
        self._reasons: list[tuple[str, str]] = []
        self._rearrange = QTimer(self)
        self._rearrange.setSingleShot(True)
        self._rearrange.setInterval(REARRANGE_DELAY_MS)
        self._rearrange.timeout.connect(self._do_rearrange)
        self._totals = QTimer(self)
        self._totals.setSingleShot(True)
        self._totals.setInterval(200)
        self._totals.timeout.connect(self._show_totals)
        self._pending: list[dict[str, Any]] = []
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(0)
        self._flush.timeout.connect(self._apply_pending)
        pane = self.pane
        pane.group.currentIndexChanged.connect(self._arrangement_changed)
        pane.sort.currentIndexChanged.connect(self._arrangement_changed)
        pane.state_filter.currentIndexChanged.connect(self._arrangement_changed)
        pane.search.textChanged.connect(self._arrangement_changed)
        pane.grid.day_requested.connect(self.open_day)
        pane.grid.context_requested.connect(self._context_menu)
        supervision.changed.connect(self._supervision_changed)

    # ---- loading ----------------------------------------------------------------------------

    def start(self) -> None:
        api = self._ctx.api
        self._ctx.bridge.run(api.not_ready_reasons, success=self._got_reasons, failure=self._failed)
        self.reload()

    def reload(self) -> None:
        self._ctx.bridge.run(self._ctx.api.snapshot, success=self._resynced, failure=self._failed)

    def _resynced(self, snapshot: Snapshot) -> None:
        self.apply_snapshot(snapshot)
        self.refresh_rooms()

    def refresh_rooms(self) -> None:
        """Fetch the conference rooms running now (``GET /callcenter/live``) and show them on the tiles.

        Events only say what changes: a console that signs in or resyncs while a room runs would show
        nothing until its next change. Asked after the tiles exist (after a snapshot), so none is
        missed; events that arrive meanwhile win (:meth:`SeatGridModel.seed_rooms`)."""
        mark = self.model.begin_room_fetch()
        self._ctx.bridge.run(
            self._ctx.api.live,
            success=lambda live: self._got_rooms(live, mark),
            failure=self._rooms_failed,
        )

    def _got_rooms(self, live: LiveOverview, mark: int) -> None:
        rooms = [room for room in map(room_from_live, live.calls) if room is not None]
        changed = self.model.seed_rooms(rooms, fetch_mark=mark)
        logger.debug("%d rooms running; %d tiles changed", len(rooms), len(changed))

    def _rooms_failed(self, error: ApiClientError) -> None:
        # rooms are a detail on the tiles; a failure to read them is not the leader's problem to solve
        if error.server_error_id == "call_path_off" or error.status in (404, 503):
            logger.info("no call path on this server, so no conference rooms: %s", error.message)
        else:
            logger.warning("running conference rooms not read: %s", error.message)

    def _got_reasons(self, reasons: list[Any]) -> None:
        zh = self._ctx.settings.language != "en"
        self._reasons = [(r.code, r.label_zh if zh else r.label_en) for r in reasons]
        self._ctx.reason_labels.update(dict(self._reasons))
        self._ctx.reason_limits.update({r.code: r.max_minutes for r in reasons if r.max_minutes})
        self.model.reason_labels = self._ctx.reason_labels
        self.pane.grid.tile_delegate.reason_limits = self._ctx.reason_limits

    def apply_snapshot(self, snapshot: Snapshot) -> None:
        previous = {t.agent_id: t for t in self.model.tiles()}
        tiles = []
        for a in snapshot.agents:
            if a.role != "agent":
                continue
            old = previous.get(a.agent_id)
            tiles.append(
                SeatTile(
                    agent_id=a.agent_id,
                    work_number=a.work_number,
                    name=a.name,
                    team=a.team,
                    state=a.state,
                    reason=a.reason,
                    since=a.since,
                    connected=a.connected,
                    caller_number=old.caller_number if old else None,
                    queue_code=old.queue_code if old else None,
                    conference=old.conference if old else None,
                    skills=best_first(a.skills),
                )
            )
        self.model.load(tiles)
        self._show_totals()
        self.loaded.emit(len(tiles))

    # ---- live events ------------------------------------------------------------------------

    def on_event(self, envelope: EventEnvelope) -> None:
        if envelope.type is EventType.AGENT_STATE_DID_CHANGE:
            # a burst (reconnect replay, shift change) is applied in one go on the next loop pass
            self._pending.append(envelope.payload)
            if not self._flush.isActive():
                self._flush.start()
        elif envelope.type is EventType.SNAPSHOT:
            # a resync: events were missed, rooms may have started or ended meanwhile
            self._resynced(Snapshot.model_validate(envelope.payload))
        elif envelope.type is EventType.CONFERENCE_DID_CHANGE:
            # state events of the same seats may still wait in the burst: apply them first, in order
            if self._pending:
                self._flush.stop()
                self._apply_pending()
            self.model.apply_conference(envelope.payload)
        elif envelope.type is EventType.SUPERVISION_DID_CHANGE:
            mode = envelope.payload.get("mode")
            self.model.set_supervised(int(envelope.payload["agent_id"]), mode)

    def _apply_pending(self) -> None:
        pending, self._pending = self._pending, []
        if self.model.apply_many(pending) and not self._rearrange.isActive():
            self._rearrange.start()
        if not self._totals.isActive():
            self._totals.start()

    def _do_rearrange(self) -> None:
        selected = self.pane.grid.selected_agent()
        self.model.rearrange()
        if selected is not None:
            row = self.model.row_of(selected)
            if row is not None:
                self.pane.grid.setCurrentIndex(self.model.index(row))

    def _show_totals(self) -> None:
        self.pane.totals.show_totals(self.model.totals())

    def _arrangement_changed(self) -> None:
        pane = self.pane
        self.model.group_by = GroupBy(pane.group.currentData())
        self.model.sort_key = SortKey(pane.sort.currentData())
        value = pane.state_filter.currentData()
        self.model.state_filter = frozenset({AgentState(value)}) if value else frozenset()
        self.model.filter_text = pane.search.text().strip().lower()
        self.model.rearrange()

    # ---- intents ----------------------------------------------------------------------------

    def _context_menu(self, agent_id: int, pos: QPoint) -> None:
        tile = self.model.tile(agent_id)
        if tile is None:
            return
        menu, intents = seat_menu(self.pane, tile, self._reasons)
        chosen = menu.exec(pos)
        if chosen is None or chosen not in intents:
            return
        kind, arg = intents[chosen]
        if kind == "force":
            assert isinstance(arg, tuple)
            self.force_state(agent_id, AgentState(arg[0]), arg[1])
        elif kind == "supervise":
            self.supervision.request(agent_id, arg)  # type: ignore[arg-type]
        elif kind == "message":
            text, ok = QInputDialog.getText(
                self.pane, self.tr("Message to %1").replace("%1", tile.name), self.tr("Message")
            )
            if ok and text.strip():
                self.send_message(agent_id, text.strip())
        elif kind == "day":
            self.open_day(agent_id)

    def force_state(self, agent_id: int, state: AgentState, reason: str | None = None) -> None:
        tile = self.model.tile(agent_id)
        name = tile.name if tile else str(agent_id)

        def done(_agent: object) -> None:
            self.notify.emit(
                self.tr("%1 is now %2.").replace("%1", name).replace("%2", state_label(state)), False
            )

        self._ctx.bridge.run(
            lambda: self._ctx.api.force_state(agent_id, state, reason), success=done, failure=self._failed
        )

    def send_message(self, agent_id: int | None, text: str) -> None:
        def done(_m: object) -> None:
            self.notify.emit(self.tr("Message sent."), False)

        self._ctx.bridge.run(
            lambda: self._ctx.api.send_message(agent_id, text), success=done, failure=self._failed
        )

    def supervise_selected(self, mode: SupervisionMode | None) -> None:
        agent_id = self.pane.grid.selected_agent() or self.supervision.agent_id
        if agent_id is None:
            self.notify.emit(self.tr("Select a talking seat first."), True)
            return
        self.supervision.request(agent_id, mode)

    def _supervision_changed(self, agent_id: int, mode: SupervisionMode | None) -> None:
        self.model.set_supervised(agent_id, mode.value if mode else None)

    def open_day(self, agent_id: int) -> None:
        tile = self.model.tile(agent_id)
        title = f"{tile.name} ({tile.work_number})" if tile else str(agent_id)
        dialog = AgentDayDialog(self.tr("Agent's day: %1").replace("%1", title), self.pane)
        self.day_dialog = dialog
        now = self._ctx.now()
        # the last 24 hours rather than the calendar day: a night shift's day crosses midnight
        day_start = now - timedelta(days=1)
        api = self._ctx.api

        def states(entries: list[Any]) -> None:
            dialog.timeline.set_entries(entries, day_start, now)
            totals: dict[AgentState, float] = {}
            rows = []
            for e in entries:
                end = e.ended_at or now
                seconds = (end - e.started_at).total_seconds()
                totals[e.state] = totals.get(e.state, 0.0) + seconds
                rows.append(
                    [
                        (e.started_at + timedelta(hours=8)).strftime("%H:%M:%S"),
                        (end + timedelta(hours=8)).strftime("%H:%M:%S"),
                        state_label(e.state),
                        self._ctx.reason_labels.get(e.reason or "", e.reason or ""),
                        format_duration(seconds),
                    ]
                )
            fill_table(dialog.states, rows)
            dialog.summary.setText(
                "   ".join(f"{state_label(s)} {format_duration(v)}" for s, v in totals.items())
            )

        def calls(rows: list[Any]) -> None:
            fill_table(
                dialog.calls,
                [
                    [
                        (c.arrived_at + timedelta(hours=8)).strftime("%H:%M:%S"),
                        c.caller_number,
                        c.queue_code or "",
                        format_duration(c.talk_seconds),
                        self._call_result(c),
                    ]
                    for c in rows
                ],
            )

        def tickets(page: Any) -> None:
            fill_table(
                dialog.tickets,
                [
                    [t.serial, t.title or "", status_label(t.status), t.department_name or ""]
                    for t in page.items
                ],
            )

        bridge = self._ctx.bridge
        bridge.run(lambda: api.state_log(agent_id, day_start), success=states, failure=self._failed)
        bridge.run(lambda: api.agent_calls(agent_id, day_start, now), success=calls, failure=self._failed)
        bridge.run(lambda: api.tickets(agent_id=agent_id, limit=100), success=tickets, failure=self._failed)
        dialog.show()

    def _call_result(self, call: AgentCallRow) -> str:
        """The result column: a colleague's call this agent joined says whose conference it was; a call
        others joined says how many were in it."""
        others = [p for p in call.participants if p.role is CallParticipantRole.CONFERENCE]
        if call.joined_conference:
            owner = next((p for p in call.participants if p.role is CallParticipantRole.OWNER), None)
            return self.tr("Joined %1's conference").replace("%1", owner.name if owner else "?")
        if others:
            names = self.tr(", ").join(p.name for p in others)
            return (
                self.tr("%1 · conference with %2").replace("%1", call.disposition or "").replace("%2", names)
            )
        return call.disposition or ""

    def _failed(self, error: ApiClientError) -> None:
        self.notify.emit(error.message, True)
