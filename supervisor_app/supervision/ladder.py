"""The supervision ladder as a state machine: listen → whisper → barge → take-over, and stop.

A leader may start on any of the first three rungs and move between them freely; take-over ends the
agent's part of the call, so from there the only step is stop.
"""

from __future__ import annotations

from enum import StrEnum

from shared.protocol.enums import SupervisionMode


class LadderStage(StrEnum):
    IDLE = "idle"
    LISTENING = "listening"
    WHISPERING = "whispering"
    BARGING = "barging"
    TAKEN_OVER = "taken_over"


class LadderStep(StrEnum):
    LISTEN = "listen"
    WHISPER = "whisper"
    BARGE = "barge"
    TAKE_OVER = "take_over"
    STOP = "stop"


class InvalidLadderStep(ValueError):
    """The step is not allowed from the current stage (e.g. whisper after take-over)."""

    def __init__(self, stage: LadderStage, step: LadderStep) -> None:
        super().__init__(f"cannot {step.value} while {stage.value}")
        self.stage = stage
        self.step = step


_S, _E = LadderStage, LadderStep
TRANSITIONS: dict[tuple[LadderStage, LadderStep], LadderStage] = {
    (_S.IDLE, _E.LISTEN): _S.LISTENING,
    (_S.IDLE, _E.WHISPER): _S.WHISPERING,
    (_S.IDLE, _E.BARGE): _S.BARGING,
    (_S.LISTENING, _E.WHISPER): _S.WHISPERING,
    (_S.LISTENING, _E.BARGE): _S.BARGING,
    (_S.LISTENING, _E.TAKE_OVER): _S.TAKEN_OVER,
    (_S.LISTENING, _E.STOP): _S.IDLE,
    (_S.WHISPERING, _E.LISTEN): _S.LISTENING,
    (_S.WHISPERING, _E.BARGE): _S.BARGING,
    (_S.WHISPERING, _E.TAKE_OVER): _S.TAKEN_OVER,
    (_S.WHISPERING, _E.STOP): _S.IDLE,
    (_S.BARGING, _E.LISTEN): _S.LISTENING,
    (_S.BARGING, _E.WHISPER): _S.WHISPERING,
    (_S.BARGING, _E.TAKE_OVER): _S.TAKEN_OVER,
    (_S.BARGING, _E.STOP): _S.IDLE,
    (_S.TAKEN_OVER, _E.STOP): _S.IDLE,
}

MODE_OF_STAGE: dict[LadderStage, SupervisionMode | None] = {
    _S.IDLE: None,
    _S.LISTENING: SupervisionMode.LISTEN,
    _S.WHISPERING: SupervisionMode.WHISPER,
    _S.BARGING: SupervisionMode.BARGE,
    _S.TAKEN_OVER: SupervisionMode.TAKE_OVER,
}

#: DTMF the leader's softphone sends on the supervision call to change rung (ChanSpy-style), so a
#: mode change needs no new call: the media worker re-wires its bridge ports on the digit.
MODE_DIGITS: dict[SupervisionMode, str] = {
    SupervisionMode.LISTEN: "4",
    SupervisionMode.WHISPER: "5",
    SupervisionMode.BARGE: "6",
    SupervisionMode.TAKE_OVER: "7",
}


def step_for(mode: SupervisionMode | None) -> LadderStep:
    return LadderStep.STOP if mode is None else LadderStep(mode.value)


def next_state(stage: LadderStage, step: LadderStep) -> LadderStage:
    """The stage after ``step``; raises :class:`InvalidLadderStep` for a pair not in the table."""
    try:
        return TRANSITIONS[(stage, step)]
    except KeyError:
        raise InvalidLadderStep(stage, step) from None
