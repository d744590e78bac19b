"""The seat's state as the state bar shows it: the server's ``AgentState`` driven by local events.

The server owns the state; the app applies the same transitions locally the moment something happens
(answer, hang-up) so the colour changes at once, and the server's ``agent_state_did_change`` event
corrects it if they ever disagree.
"""

from __future__ import annotations

from enum import StrEnum

from shared.protocol.enums import AgentState
from shared.ui.state_colours import STATE_COLOURS

__all__ = ["SEAT_TRANSITIONS", "STATE_COLOURS", "InvalidSeatTransition", "SeatEvent", "next_state"]


class SeatEvent(StrEnum):
    GO_READY = "go_ready"
    GO_NOT_READY = "go_not_ready"
    CALL_OFFERED = "call_offered"
    CALL_ANSWERED = "call_answered"
    CALL_MISSED = "call_missed"  # rejected or the caller gave up while ringing
    CALL_HELD = "call_held"
    CALL_RESUMED = "call_resumed"
    CALL_ENDED = "call_ended"
    WRAP_UP_DONE = "wrap_up_done"
    LOG_OUT = "log_out"
    LOG_IN = "log_in"


class InvalidSeatTransition(ValueError):
    """A (state, event) pair the table does not allow."""


_S, _E = AgentState, SeatEvent
SEAT_TRANSITIONS: dict[tuple[AgentState, SeatEvent], AgentState] = {
    (_S.LOGGED_OUT, _E.LOG_IN): _S.NOT_READY,
    # signed in but the server still says logged_out: the first choice of the day
    (_S.LOGGED_OUT, _E.GO_READY): _S.READY,
    (_S.LOGGED_OUT, _E.GO_NOT_READY): _S.NOT_READY,
    (_S.NOT_READY, _E.GO_READY): _S.READY,
    (_S.NOT_READY, _E.GO_NOT_READY): _S.NOT_READY,  # another reason
    (_S.READY, _E.GO_NOT_READY): _S.NOT_READY,
    (_S.READY, _E.GO_READY): _S.READY,
    (_S.READY, _E.CALL_OFFERED): _S.RESERVED,
    (_S.NOT_READY, _E.CALL_OFFERED): _S.RESERVED,  # outbound callbacks and direct calls ring anyway
    (_S.WRAP_UP, _E.CALL_OFFERED): _S.RESERVED,
    (_S.RESERVED, _E.CALL_ANSWERED): _S.TALKING,
    (_S.RESERVED, _E.CALL_MISSED): _S.NOT_READY,  # the ACD makes a missed seat not-ready too
    (_S.RESERVED, _E.CALL_OFFERED): _S.RESERVED,
    (_S.TALKING, _E.CALL_HELD): _S.HOLD,
    (_S.HOLD, _E.CALL_RESUMED): _S.TALKING,
    (_S.TALKING, _E.CALL_ENDED): _S.WRAP_UP,
    (_S.HOLD, _E.CALL_ENDED): _S.WRAP_UP,
    (_S.TALKING, _E.CALL_OFFERED): _S.TALKING,  # call waiting: the seat stays talking
    (_S.HOLD, _E.CALL_OFFERED): _S.HOLD,
    (_S.TALKING, _E.CALL_ANSWERED): _S.TALKING,
    (_S.HOLD, _E.CALL_ANSWERED): _S.TALKING,
    (_S.WRAP_UP, _E.WRAP_UP_DONE): _S.READY,
    (_S.WRAP_UP, _E.GO_READY): _S.READY,
    (_S.WRAP_UP, _E.GO_NOT_READY): _S.NOT_READY,
}
for _state in AgentState:
    if _state not in (_S.LOGGED_OUT, _S.TALKING, _S.HOLD, _S.RESERVED):
        SEAT_TRANSITIONS[(_state, _E.LOG_OUT)] = _S.LOGGED_OUT


def next_state(state: AgentState, event: SeatEvent) -> AgentState:
    try:
        return SEAT_TRANSITIONS[(state, event)]
    except KeyError:
        raise InvalidSeatTransition(f"seat cannot go from {state} on {event}") from None
