"""The IVR interpreter driven by hand (no worker, no SIP): what a caller hears and where they end up."""

from __future__ import annotations

import wave
from pathlib import Path
from typing import Any

import pytest

from server_stub.demo_data.queues import IVR_MENUS
from server_stub.media import ivr
from server_stub.media.control import TransferTarget, TransferTargetKind
from server_stub.media.prompts import (
    RESOURCES,
    STANDARD_PROMPTS,
    PromptLibrary,
    number_prompts,
    position_announcement,
)
from server_stub.media.worker import InvalidPhase, Phase, next_phase, refer_target
from server_stub.services.ivr import validate_tree


class Caller:
    """Answers the interpreter's steps: keys to press in order, the server's lookups from a dict."""

    def __init__(self, keys: list[str], lookups: dict[str, Any]) -> None:
        self.keys = list(keys)
        self.lookups = lookups
        self.heard: list[str] = []

    def run(self, caller: str = "13800138000", hotline: str = "12345") -> ivr.Outcome:
        run = ivr.run_ivr(caller, hotline)
        value: Any = None
        try:
            step = next(run)
            while True:
                if isinstance(step, ivr.Lookup):
                    value = self.lookups[step.method](*step.args)
                elif isinstance(step, ivr.Say):
                    self.heard.extend(step.prompts)
                    value = None
                else:
                    value = self.keys.pop(0) if self.keys else ""
                step = run.send(value)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]


def _lookups(tree: dict[str, Any] | None, **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "is_blacklisted": lambda n: n == "13900000666",
        "ivr_menu": lambda h: tree,
        "active_notice_text": lambda h: None,
        "is_open": lambda h, q: True,
        "ticket_status": lambda s: None,
    }
    base.update(extra)
    return base


CITIZEN = IVR_MENUS["12345"]


def test_given_the_demo_menus_when_validated_then_the_interpreter_reads_the_same_format() -> None:
    codes = {opt["queue"] for tree in IVR_MENUS.values() for opt in _queue_options(tree)}
    for tree in IVR_MENUS.values():
        assert validate_tree(tree, queue_codes=codes) == []


def _queue_options(node: Any) -> list[dict[str, Any]]:
    out = []
    if isinstance(node, dict):
        if node.get("action") == "queue":
            out.append(node)
        for value in node.values():
            out += _queue_options(value)
    return out


def test_given_key_2_when_calling_12345_then_the_complaint_queue_with_path_and_digits() -> None:
    caller = Caller(["2"], _lookups(CITIZEN))
    outcome = caller.run()
    assert outcome == ivr.ToQueue("Q12345_COMPLAINT", "main>2", "2")
    assert caller.heard[0] == CITIZEN["welcome"]


def test_given_a_notice_when_calling_then_it_is_read_before_the_menu() -> None:
    caller = Caller(["1"], _lookups(CITIZEN, active_notice_text=lambda h: "今日系统维护"))
    caller.run()
    assert caller.heard[:3] == [CITIZEN["welcome"], "今日系统维护", CITIZEN["prompt"]]


def test_given_a_nested_menu_when_pressing_1_then_2_then_the_sub_queue() -> None:
    outcome = Caller(["1", "2"], _lookups(IVR_MENUS["12329"])).run(hotline="12329")
    assert outcome == ivr.ToQueue("Q12329_TQ", "main>1>2", "12")


def test_given_a_blacklisted_number_when_calling_then_disconnected_with_the_blocked_message() -> None:
    assert Caller([], _lookups(CITIZEN)).run(caller="13900000666") == ivr.Disconnect(
        ("blocked",), blocked=True
    )


def test_given_no_menu_for_the_number_when_calling_then_not_in_service() -> None:
    assert Caller([], _lookups(None)).run() == ivr.Disconnect(("not_in_service",))


def test_given_no_key_pressed_when_retries_run_out_then_the_default_queue() -> None:
    caller = Caller([], _lookups(CITIZEN))
    assert caller.run() == ivr.ToQueue("Q12345_GENERAL", "main>default", "")
    assert caller.heard.count(CITIZEN["prompt"]) == 3  # the menu was offered three times


def test_given_a_wrong_key_when_pressed_then_the_caller_hears_invalid_and_may_choose_again() -> None:
    caller = Caller(["7", "4"], _lookups(CITIZEN))
    assert caller.run() == ivr.ToQueue("Q12345_SHEBAO", "main>4", "4")
    assert "invalid_choice" in caller.heard


def test_given_repeat_when_pressed_then_the_menu_is_read_again() -> None:
    caller = Caller(["9", "5"], _lookups(CITIZEN))
    assert caller.run() == ivr.ToQueue("Q12345_HUKOU", "main>5", "5")
    assert caller.heard.count(CITIZEN["prompt"]) == 2


def test_given_a_known_serial_when_asking_ticket_status_then_it_is_read_and_the_menu_comes_back() -> None:
    caller = Caller(["3", "202611210001", "1"], _lookups(CITIZEN, ticket_status=lambda s: f"工单{s}正在办理"))
    assert caller.run() == ivr.ToQueue("Q12345_GENERAL", "main>1", "1")
    assert "工单202611210001正在办理" in caller.heard


def test_given_an_unknown_serial_when_asking_ticket_status_then_the_fallback_queue() -> None:
    caller = Caller(["3", "999"], _lookups(CITIZEN))
    outcome = caller.run()
    assert outcome == ivr.ToQueue("Q12345_GENERAL", "main>3>fallback", "3999")
    assert "ticket_not_found" in caller.heard


def test_given_after_hours_when_calling_12329_then_voicemail_with_the_closed_prompt() -> None:
    tree = IVR_MENUS["12329"]
    outcome = Caller([], _lookups(tree, is_open=lambda h, q: False)).run(hotline="12329")
    assert isinstance(outcome, ivr.ToVoicemail) and outcome.prompt == tree["closed_action"]["prompt"]


def test_given_numbers_when_spoken_then_chinese_digit_prompts() -> None:
    assert number_prompts(0) == ["digit_0"]
    assert number_prompts(12) == ["ten", "digit_2"]
    assert number_prompts(23) == ["digit_2", "ten", "digit_3"]
    assert number_prompts(105) == ["digit_1", "hundred", "digit_0", "digit_5"]
    assert number_prompts(1010) == ["digit_1", "thousand", "digit_0", "digit_1", "ten"]
    with pytest.raises(ValueError, match="0–9999"):
        number_prompts(10000)


def test_given_position_and_wait_when_announced_then_minutes_are_rounded_up_and_two_is_liang() -> None:
    assert position_announcement(3, 90) == [
        "position_before",
        "digit_3",
        "position_after",
        "wait_before",
        "two_liang",
        "wait_minutes",
    ]
    assert position_announcement(1, 0)[-1] == "wait_under_minute"


def test_given_the_shipped_prompts_when_joined_then_one_8khz_wav_of_their_total_length(
    tmp_path: Path,
) -> None:
    for name in STANDARD_PROMPTS:
        assert (RESOURCES / f"{name}.wav").is_file(), f"run resources/prompts/generate.py ({name} missing)"
    lib = PromptLibrary(tmp_path / "cache")
    out = tmp_path / "joined.wav"
    seconds = lib.join(position_announcement(12, 300), out)
    with wave.open(str(out), "rb") as w:
        assert (w.getframerate(), w.getnchannels()) == (8000, 1)
        assert abs(w.getnframes() / 8000 - seconds) < 0.01
    assert 3 < seconds < 15


def test_given_new_menu_text_when_resolved_then_espeak_renders_it_once_into_the_cache(tmp_path: Path) -> None:
    lib = PromptLibrary(tmp_path / "cache", resources=tmp_path / "none")
    first = lib.resolve("测试新菜单")
    assert first.is_file() and first.stat().st_size > 1000
    mtime = first.stat().st_mtime_ns
    assert lib.resolve("测试新菜单").stat().st_mtime_ns == mtime


def test_given_a_recorded_44khz_stereo_wav_when_joined_then_it_is_converted_once(tmp_path: Path) -> None:
    import numpy as np

    recorded = tmp_path / "welcome_recorded.wav"
    t = np.arange(44100) / 44100
    tone = (0.3 * 32767 * np.sin(2 * np.pi * 440 * t)).astype("<i2")
    with wave.open(str(recorded), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(44100)
        w.writeframes(np.repeat(tone, 2).tobytes())
    lib = PromptLibrary(tmp_path / "cache")
    seconds = lib.join([str(recorded), "digit_1"], tmp_path / "out.wav")
    assert 1.4 < seconds < 2.0  # 1 s of recording + the digit
    assert len(list((tmp_path / "cache" / "converted").glob("*.wav"))) == 1


def test_given_phases_when_moving_then_only_the_table_s_transitions_are_allowed() -> None:
    assert next_phase(Phase.IVR, Phase.QUEUED) is Phase.QUEUED
    assert next_phase(Phase.TALKING, Phase.CLOSING) is Phase.CLOSING
    with pytest.raises(InvalidPhase):
        next_phase(Phase.IVR, Phase.TALKING)
    with pytest.raises(InvalidPhase):
        next_phase(Phase.CLOSING, Phase.QUEUED)


def test_given_refer_targets_when_classified_then_agent_queue_and_numbers_are_told_apart() -> None:
    assert refer_target("sip:1002@127.0.0.1:5060") == TransferTarget(TransferTargetKind.AGENT, "1002")
    assert refer_target("<sip:queue-Q12345_COMPLAINT@hotline>") == TransferTarget(
        TransferTargetKind.QUEUE, "Q12345_COMPLAINT"
    )
    assert refer_target("sip:dept-87654321@hotline") == TransferTarget(TransferTargetKind.NUMBER, "87654321")
    assert refer_target("sip:087112345678@hotline;user=phone") == TransferTarget(
        TransferTargetKind.NUMBER, "087112345678"
    )
