"""Work lists (callbacks, voicemails, my tickets, due reminders) and the settings page."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from agent_app.app import AgentApplication
from agent_app.demo.fake_phone import FakePhone
from agent_app.demo.fake_server import FakeHotlineServer
from shared.config import SettingKey
from shared.protocol.enums import CallbackStatus, VoicemailStatus

from .conftest import RecordingNotifier

pytestmark = pytest.mark.gui


def test_given_callbacks_when_calling_back_then_number_dialled_and_done_removes_it(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone, server: FakeHotlineServer
) -> None:
    lists = signed_in.window.worklists
    qtbot.waitUntil(lambda: lists.callbacks.rowCount() == 2, timeout=5000)
    lists.callbacks.selectRow(0)
    lists.callback_call.click()  # this server has no call path: the softphone dials itself
    qtbot.waitUntil(lambda: ("dial", "13912345678") in phone.actions, timeout=5000)
    qtbot.waitUntil(lambda: server.callbacks[0].status is CallbackStatus.IN_PROGRESS, timeout=5000)
    lists.callback_done.click()
    qtbot.waitUntil(lambda: lists.callbacks.rowCount() == 1, timeout=5000)
    assert server.callbacks[0].status is CallbackStatus.DONE


def test_given_voicemail_when_played_and_marked_done_then_audio_fetched_and_list_shrinks(
    qtbot: QtBot, agent: AgentApplication, server: FakeHotlineServer, tmp_path: Path
) -> None:
    played: list[Path] = []
    agent.worklists._play = played.append
    agent.login.submit("1001", "demo-pass")
    lists = agent.window.worklists
    qtbot.waitUntil(lambda: lists.voicemails.rowCount() == 2, timeout=5000)
    assert "1" in lists.tabs.tabText(1)
    lists.voicemails.selectRow(0)
    lists.voicemail_play.click()
    qtbot.waitUntil(lambda: bool(played), timeout=5000)
    assert played[0].read_bytes()[:4] == b"RIFF"
    qtbot.waitUntil(lambda: server.voicemails[0].status is VoicemailStatus.HEARD, timeout=5000)
    lists.voicemail_done.click()
    qtbot.waitUntil(lambda: lists.voicemails.rowCount() == 1, timeout=5000)
    assert server.voicemails[0].status is VoicemailStatus.DONE


def test_given_overdue_ticket_when_lists_load_then_lights_and_one_reminder(
    qtbot: QtBot, signed_in: AgentApplication, notifier: RecordingNotifier
) -> None:
    lists = signed_in.window.worklists
    qtbot.waitUntil(lambda: lists.tickets.rowCount() == 3, timeout=5000)
    first = lists.tickets.item(0, 0)
    assert first is not None and first.text() == lists.tr("Overdue")  # red first
    qtbot.waitUntil(lambda: len(notifier.messages) >= 1, timeout=5000)
    reminded = len(notifier.messages)
    signed_in.worklists.check_due()
    assert len(notifier.messages) == reminded  # once per ticket, not every minute


def test_given_ticket_due_in_ten_minutes_when_checking_then_reminded(
    qtbot: QtBot, signed_in: AgentApplication, notifier: RecordingNotifier
) -> None:
    lists = signed_in.worklists
    qtbot.waitUntil(lambda: len(lists.tickets) == 3, timeout=5000)
    soon = lists.tickets[-1].model_copy(
        update={"deadline": signed_in.ctx.now() + timedelta(minutes=10), "serial": "20991231-0001"}
    )
    lists.tickets.append(soon)
    lists.check_due()
    assert any("20991231-0001" in text for _title, text in notifier.messages)


def test_given_settings_when_saved_then_user_layer_written_and_font_applied(
    qtbot: QtBot, agent: AgentApplication
) -> None:
    page = agent.window.settings
    page.server.setText("http://10.1.1.1:8080/")
    page.font_size.setValue(14)
    page.language.setCurrentIndex(page.language.findData("en"))
    page.save.click()
    s = agent.ctx.settings
    assert s.server_url == "http://10.1.1.1:8080" and s.font_size == 14 and s.language == "en"
    assert s.source_of(SettingKey.SERVER_URL) == "user"
    assert not page.banner.isHidden()


def test_given_bad_server_address_when_saving_then_inline_error_and_nothing_written(
    qtbot: QtBot, agent: AgentApplication
) -> None:
    page = agent.window.settings
    page.server.setText("10.1.1.1:8080")
    page.save.click()
    assert not page.banner.isHidden() and "http://" in page.banner.label.text()
    assert agent.ctx.settings.source_of(SettingKey.SERVER_URL) == "default"


def test_given_audio_tools_when_settings_open_then_devices_listed_and_meter_moves(
    qtbot: QtBot, agent: AgentApplication
) -> None:
    class Tools:
        def __init__(self) -> None:
            self.tones: list[str] = []

        def devices(self) -> tuple[list[str], list[str]]:
            return ["Jabra Evolve2 40 Mic"], ["Jabra Evolve2 40", "Realtek Speakers"]

        def play_test_tone(self, device: str) -> None:
            self.tones.append(device)

        def start_meter(self, device: str) -> None:
            return None

        def meter_level(self) -> float:
            return -18.0

        def stop_meter(self) -> None:
            return None

        def rescan(self) -> None:
            return None

    tools = Tools()
    controller = agent.settings
    controller.audio = tools
    controller.refresh_devices()
    page = agent.window.settings
    qtbot.waitUntil(lambda: page.ring.count() == 3, timeout=5000)
    page.ring.setCurrentIndex(page.ring.findData("Realtek Speakers"))
    page.tone_button.click()
    qtbot.waitUntil(lambda: tools.tones == ["Realtek Speakers"], timeout=5000)
    page.meter_button.setChecked(True)
    qtbot.waitUntil(lambda: page.level.value() == -18, timeout=5000)
    page.meter_button.setChecked(False)


def test_given_new_answer_hotkey_when_saved_then_it_answers_and_the_old_one_does_not(
    qtbot: QtBot, signed_in: AgentApplication, phone: FakePhone
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeySequence

    from agent_app.softphone.port import LineState

    page = signed_in.window.settings
    assert page.hotkeys["answer"].keySequence().toString() == "F5"
    page.hotkeys["answer"].setKeySequence(QKeySequence("Ctrl+Alt+A"))
    page.save.click()
    assert signed_in.ctx.settings.text(SettingKey.HOTKEY_ANSWER) == "Ctrl+Alt+A"
    call_id = phone.ring("13800138000", {})
    signed_in.window.activateWindow()
    qtbot.keyClick(signed_in.window.softphone, Qt.Key.Key_F5)
    qtbot.wait(50)
    assert phone.lines[call_id].state is LineState.RINGING
    qtbot.keyClick(
        signed_in.window.softphone,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
    )
    qtbot.waitUntil(lambda: phone.lines[call_id].state is LineState.CONNECTED, timeout=3000)


def test_given_new_voicemail_event_when_it_arrives_then_tray_notice_and_list_refreshed(
    qtbot: QtBot, signed_in: AgentApplication, server: FakeHotlineServer, notifier: RecordingNotifier
) -> None:
    from datetime import UTC, datetime

    from shared.client.models import VoicemailOut
    from shared.protocol.events import EventType

    server.voicemails.append(
        VoicemailOut(
            id=3,
            caller_number="13500003333",
            created_at=datetime.now(UTC),
            duration_seconds=20,
            status=VoicemailStatus.NEW,
        )
    )
    server.publish(EventType.VOICEMAIL_WAS_LEFT, {"voicemail_id": 3, "caller_number": "13500003333"})
    qtbot.waitUntil(lambda: any("13500003333" in text for _t, text in notifier.messages), timeout=5000)
    qtbot.waitUntil(lambda: signed_in.window.worklists.voicemails.rowCount() == 3, timeout=5000)
