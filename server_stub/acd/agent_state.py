"""Agent state machine as the ACD applies it: the project's ``AgentState`` plus a transition table.

``logged_out → ready ⇄ not_ready(reason); ready → reserved (ringing) → talking ⇄ hold → wrap_up → ready``.
A missed or rejected offer sends ``reserved → not_ready``; a caller who hangs up while the agent's phone
rings sends ``reserved → ready``. Logging out is allowed from every state because a supervisor can force
it (a call in progress carries on; the ACD only stops routing to the agent).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from shared.protocol.enums import AgentState

from .errors import InvalidAgentTransitionError

logger = logging.getLogger(__name__)

#: Not-ready reasons the ACD itself sets.
MISSED = "missed"
REJECTED = "rejected"
LOGIN = "login"


class AgentTransition(StrEnum):
    LOG_IN_READY = "log_in_ready"
    LOG_IN_NOT_READY = "log_in_not_ready"
    LOG_OUT = "log_out"
    GO_READY = "go_ready"
    GO_NOT_READY = "go_not_ready"
    OFFER = "offer"
    ANSWER = "answer"
    MISS = "miss"
    REJECT = "reject"
    CANCEL_OFFER = "cancel_offer"
    HOLD = "hold"
    RESUME = "resume"
    END_CALL = "end_call"
    END_WRAP_UP = "end_wrap_up"
    INVITE = "invite"
    RETURN_READY = "return_ready"
    RETURN_NOT_READY = "return_not_ready"


_S = AgentState
_T = AgentTransition

TRANSITIONS: Mapping[tuple[AgentState, AgentTransition], AgentState] = MappingProxyType(
    {
        (_S.LOGGED_OUT, _T.LOG_IN_READY): _S.READY,
        (_S.LOGGED_OUT, _T.LOG_IN_NOT_READY): _S.NOT_READY,
        (_S.READY, _T.GO_NOT_READY): _S.NOT_READY,
        (_S.READY, _T.OFFER): _S.RESERVED,
        (_S.NOT_READY, _T.GO_READY): _S.READY,
        # a new reason (lunch → training) is a state change the reports must see
        (_S.NOT_READY, _T.GO_NOT_READY): _S.NOT_READY,
        (_S.RESERVED, _T.ANSWER): _S.TALKING,
        (_S.RESERVED, _T.MISS): _S.NOT_READY,
        (_S.RESERVED, _T.REJECT): _S.NOT_READY,
        (_S.RESERVED, _T.CANCEL_OFFER): _S.READY,
        (_S.TALKING, _T.HOLD): _S.HOLD,
        (_S.TALKING, _T.END_CALL): _S.WRAP_UP,
        (_S.HOLD, _T.RESUME): _S.TALKING,
        (_S.HOLD, _T.END_CALL): _S.WRAP_UP,
        (_S.WRAP_UP, _T.END_WRAP_UP): _S.READY,
        (_S.WRAP_UP, _T.GO_READY): _S.READY,
        (_S.WRAP_UP, _T.GO_NOT_READY): _S.NOT_READY,
        # a conference guest: rung outside queue routing, from idle or not-ready alike (an expert who
        # keeps out of the queues is still reachable for a colleague's conference)
        (_S.READY, _T.INVITE): _S.RESERVED,
        (_S.NOT_READY, _T.INVITE): _S.RESERVED,
        (_S.RESERVED, _T.RETURN_READY): _S.READY,
        (_S.RESERVED, _T.RETURN_NOT_READY): _S.NOT_READY,
        **{(state, _T.LOG_OUT): _S.LOGGED_OUT for state in AgentState if state is not _S.LOGGED_OUT},
    }
)


def next_state(state: AgentState, transition: AgentTransition) -> AgentState:
    """The state after ``transition``; raises ``InvalidAgentTransitionError`` when it is not allowed."""
    try:
        return TRANSITIONS[(state, transition)]
    except KeyError:
        allowed = sorted(t.value for (s, t) in TRANSITIONS if s is state)
        raise InvalidAgentTransitionError(
            f"An agent who is {state.value} cannot {transition.value.replace('_', ' ')}; "
            f"from {state.value} the ACD allows: {', '.join(allowed) or 'nothing'}.",
            state=state.value,
            transition=transition.value,
        ) from None


#: States in which an agent counts as staffing their queues (for the wait estimate).
STAFFED_STATES = frozenset({_S.READY, _S.RESERVED, _S.TALKING, _S.HOLD, _S.WRAP_UP})
