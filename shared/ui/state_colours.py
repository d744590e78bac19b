"""The colour of each seat state, the same on the call-taker's state bar and the supervisor's seat grid
(a leader reading a call-taker's screen sees the same colours)."""

from __future__ import annotations

from shared.protocol.enums import AgentState

STATE_COLOURS: dict[AgentState, str] = {
    AgentState.LOGGED_OUT: "#8a8f98",
    AgentState.READY: "#2e9e5b",
    AgentState.NOT_READY: "#d08a1e",
    AgentState.RESERVED: "#2f7fd1",
    AgentState.TALKING: "#c0392b",
    AgentState.HOLD: "#8e44ad",
    AgentState.WRAP_UP: "#1f9aa8",
}
