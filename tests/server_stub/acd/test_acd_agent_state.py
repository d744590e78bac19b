from __future__ import annotations

import pytest

from server_stub.acd import TRANSITIONS, AgentTransition, InvalidAgentTransitionError, next_state
from shared.protocol.enums import AgentState

S, T = AgentState, AgentTransition


@pytest.mark.parametrize(
    ("state", "transition", "expected"),
    [
        (S.LOGGED_OUT, T.LOG_IN_READY, S.READY),
        (S.LOGGED_OUT, T.LOG_IN_NOT_READY, S.NOT_READY),
        (S.READY, T.GO_NOT_READY, S.NOT_READY),
        (S.NOT_READY, T.GO_READY, S.READY),
        (S.NOT_READY, T.GO_NOT_READY, S.NOT_READY),
        (S.READY, T.OFFER, S.RESERVED),
        (S.RESERVED, T.ANSWER, S.TALKING),
        (S.RESERVED, T.MISS, S.NOT_READY),
        (S.RESERVED, T.REJECT, S.NOT_READY),
        (S.RESERVED, T.CANCEL_OFFER, S.READY),
        (S.TALKING, T.HOLD, S.HOLD),
        (S.HOLD, T.RESUME, S.TALKING),
        (S.TALKING, T.END_CALL, S.WRAP_UP),
        (S.HOLD, T.END_CALL, S.WRAP_UP),
        (S.WRAP_UP, T.END_WRAP_UP, S.READY),
        (S.WRAP_UP, T.GO_READY, S.READY),
        (S.WRAP_UP, T.GO_NOT_READY, S.NOT_READY),
    ],
)
def test_given_state_when_allowed_transition_then_documented_next_state(
    state: AgentState, transition: AgentTransition, expected: AgentState
) -> None:
    assert next_state(state, transition) is expected


@pytest.mark.parametrize("state", [s for s in AgentState if s is not S.LOGGED_OUT])
def test_given_any_logged_in_state_when_logging_out_then_logged_out(state: AgentState) -> None:
    # a supervisor can force anyone out
    assert next_state(state, T.LOG_OUT) is S.LOGGED_OUT


def test_given_every_pair_outside_the_table_when_applied_then_a_clear_error() -> None:
    for state in AgentState:
        for transition in AgentTransition:
            if (state, transition) in TRANSITIONS:
                continue
            with pytest.raises(InvalidAgentTransitionError) as raised:
                next_state(state, transition)
            assert state.value in raised.value.message
            assert raised.value.error_id == "acd.invalid_agent_transition"


def test_given_ready_agent_when_answering_without_offer_then_refused() -> None:
    with pytest.raises(InvalidAgentTransitionError, match="ready cannot answer"):
        next_state(S.READY, T.ANSWER)
