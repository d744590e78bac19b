"""Recordings and QA controller: search, download (cached) and decode off the GUI thread, play through
the leader's headset, seek, score against the admins' form, and show score statistics."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from shared.client.errors import ApiClientError, ClientErrorId
from shared.protocol.schemas.quality import AgentScoreStats, EvaluationIn, EvaluationOut, QaFormOut
from shared.protocol.schemas.recordings import RecordingOut

from ..common import ConsoleContext, format_duration
from ..seats.widgets import fill_table
from .playback import AudioOutput, DecodedAudio, PlaybackError, decode_wav
from .widgets import RecordingsPane

logger = logging.getLogger(__name__)

CENTRE_TZ = timezone(timedelta(hours=8))

__all__ = ["AudioOutput", "RecordingsController"]


class RecordingsController(QObject):
    """Threading contract: GUI thread; network and decoding on the bridge; the player's own callback
    thread only reads the decoded samples."""

    notify = Signal(str, bool)
    decoded = Signal(int)  # recording id whose waveform is on screen

    def __init__(self, ctx: ConsoleContext, audio: AudioOutput | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._audio = audio
        self.pane = RecordingsPane(parent)
        self.form: QaFormOut | None = None
        self.recordings: dict[int, RecordingOut] = {}
        self.current: int | None = None
        self.current_audio: DecodedAudio | None = None
        self.resolve_agent: Callable[[str], int | None] = lambda _w: None
        self.agent_name: Callable[[int | None], str] = lambda a: str(a or "")
        self._tick = QTimer(self)
        self._tick.setInterval(200)
        self._tick.timeout.connect(self._show_position)
        p = self.pane
        p.search_requested.connect(self.search)
        p.recording_selected.connect(self.select)
        p.play_requested.connect(self.play)
        p.pause_requested.connect(self.pause)
        p.save_requested.connect(self.save)
        p.waveform.seek_requested.connect(self.seek)

    def start(self) -> None:
        api, bridge = self._ctx.api, self._ctx.bridge
        bridge.run(api.qa_forms, success=self._got_forms, failure=self._failed)
        bridge.run(api.qa_stats, success=self._show_stats, failure=self._failed)
        self.search()

    def stop(self) -> None:
        self._tick.stop()
        if self._audio is not None:
            self._audio.close()

    def _got_forms(self, forms: list[QaFormOut]) -> None:
        active = [f for f in forms if f.active]
        if active:
            self.form = active[0]
            self.pane.set_form(self.form)
        else:
            self.pane.sheet.setTitle(self.tr("No active scoring form; an administrator sets one up."))

    def _show_stats(self, stats: list[AgentScoreStats]) -> None:
        fill_table(
            self.pane.stats,
            [
                [
                    self.agent_name(s.agent_id),
                    str(s.evaluations),
                    f"{s.average:.1f}" if s.average is not None else "—",
                    f"{s.minimum:.1f}" if s.minimum is not None else "—",
                    f"{s.maximum:.1f}" if s.maximum is not None else "—",
                ]
                for s in stats
            ],
        )

    def search(self) -> None:
        p = self.pane
        first, last = p.date_from.date(), p.date_to.date()
        since = datetime(first.year(), first.month(), first.day(), tzinfo=CENTRE_TZ).astimezone(UTC)
        until = datetime(last.year(), last.month(), last.day(), tzinfo=CENTRE_TZ).astimezone(UTC)
        until += timedelta(days=1)
        work_number = p.agent.text().strip()
        agent_id = self.resolve_agent(work_number) if work_number else None
        if work_number and agent_id is None:
            self.notify.emit(self.tr("No seat with work number %1.").replace("%1", work_number), True)
            return
        number = p.number.text().strip() or None
        serial = p.ticket.text().strip()
        api = self._ctx.api

        def fetch() -> list[RecordingOut]:
            ticket_id = api.ticket(serial).id if serial else None
            return api.recordings(
                since=since, until=until, agent_id=agent_id, number=number, ticket_id=ticket_id
            )

        self._ctx.bridge.run(fetch, success=self._show_results, failure=self._failed)

    def _show_results(self, rows: list[RecordingOut]) -> None:
        self.recordings = {r.id: r for r in rows}
        self.pane.recording_ids = [r.id for r in rows]
        fill_table(
            self.pane.results,
            [
                [
                    (r.started_at + timedelta(hours=8)).strftime("%Y-%m-%d %H:%M"),
                    self.agent_name(r.agent_id),
                    format_duration(r.duration_seconds),
                    "",
                ]
                for r in rows
            ],
        )

    def select(self, recording_id: int) -> None:
        self.pause()
        self.current = recording_id
        target = (
            self._ctx.data_dir / "recordings" / f"{recording_id}.wav"
        )  # a cache: played twice, fetched once
        api = self._ctx.api

        def load() -> DecodedAudio:
            if not target.exists():
                api.download_recording(recording_id, target)
            try:
                return decode_wav(target)
            except PlaybackError as exc:
                target.unlink(missing_ok=True)  # a bad copy must not stick in the cache
                raise ApiClientError(str(exc), error_id=ClientErrorId.BAD_RESPONSE) from exc

        rec = self.recordings.get(recording_id)
        self.pane.now_playing.setText(
            self.tr("Recording %1 — %2")
            .replace("%1", str(recording_id))
            .replace("%2", self.agent_name(rec.agent_id) if rec else "")
        )
        self._ctx.bridge.run(
            load, success=lambda audio: self._show_audio(recording_id, audio), failure=self._failed
        )
        self._ctx.bridge.run(
            lambda: api.evaluations(recording_id), success=self._show_history, failure=self._failed
        )

    def _show_audio(self, recording_id: int, audio: DecodedAudio) -> None:
        if recording_id != self.current:
            return
        self.current_audio = audio
        self.pane.waveform.curve.setData(audio.envelope_x, audio.envelope_y)
        self.pane.waveform.setXRange(0, max(0.1, audio.duration_s), padding=0)
        self.pane.waveform.cursor.setValue(0)
        self._show_position()
        self.decoded.emit(recording_id)

    def _show_history(self, evaluations: list[EvaluationOut]) -> None:
        self.pane.history.setText(
            "\n".join(
                f"{e.created_at + timedelta(hours=8):%m-%d %H:%M}  {e.total:.1f}  {e.comment or ''}"
                for e in evaluations
            )
        )

    def play(self) -> None:
        if self.current_audio is None:
            self.notify.emit(self.tr("Select a recording first."), True)
            return
        if self._audio is None:
            self.notify.emit(self.tr("No sound output is available on this computer."), True)
            return
        try:
            self._audio.play(self.current_audio, float(self.pane.waveform.cursor.value()))
        except PlaybackError as exc:
            self.notify.emit(str(exc), True)
            return
        self._tick.start()

    def pause(self) -> None:
        if self._audio is not None:
            self._audio.pause()
        self._tick.stop()

    def seek(self, seconds: float) -> None:
        if self.current_audio is None:
            return
        seconds = max(0.0, min(self.current_audio.duration_s, seconds))
        if self._audio is not None:
            self._audio.seek(seconds)
        self.pane.waveform.cursor.setValue(seconds)
        self._show_position()

    def _show_position(self) -> None:
        audio = self.current_audio
        if audio is None:
            return
        pos = (
            self._audio.position_s()
            if self._audio is not None and self._audio.playing()
            else float(self.pane.waveform.cursor.value())
        )
        if self._audio is not None and self._audio.playing():
            self.pane.waveform.cursor.setValue(pos)
        elif self._tick.isActive():
            self._tick.stop()
        self.pane.position.setText(f"{format_duration(pos)} / {format_duration(audio.duration_s)}")

    def save(self) -> None:
        if self.current is None or self.form is None:
            self.notify.emit(self.tr("Select a recording and make sure a scoring form exists."), True)
            return
        evaluation = EvaluationIn(
            recording_id=self.current,
            form_id=self.form.id,
            scores=self.pane.scores(),
            comment=self.pane.comment.toPlainText().strip() or None,
        )
        recording_id = self.current

        def done(result: EvaluationOut) -> None:
            self.notify.emit(self.tr("Score %1 saved.").replace("%1", f"{result.total:.1f}"), False)
            self.pane.comment.clear()
            self._ctx.bridge.run(
                lambda: self._ctx.api.evaluations(recording_id),
                success=self._show_history,
                failure=self._failed,
            )
            self._ctx.bridge.run(self._ctx.api.qa_stats, success=self._show_stats, failure=self._failed)

        self._ctx.bridge.run(lambda: self._ctx.api.evaluate(evaluation), success=done, failure=self._failed)

    def _failed(self, error: ApiClientError) -> None:
        self.notify.emit(error.message, True)
