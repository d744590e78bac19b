"""Automatic call distribution: a pure, deterministic routing engine (no I/O, time passed in).

Feed ``AcdEngine.handle`` events (``events``) and carry out the decisions (``decisions``) it returns::

    engine = AcdEngine([QueueConfig("general", "12345", strategy=QueueStrategy.LONGEST_IDLE)])
    engine.handle(AgentLoggedIn(now, AgentProfile("1001", {"housing": 3})))
    for decision in engine.handle(CallArrived(now, "call-7", "general", frozenset({CustomerTag.VIP}))):
        match decision:
            case OfferCall(call_id, agent_id, queue_id, ring_timeout_s): ...  # INVITE the agent's softphone
            case AgentStateSet(): ...  # persist + broadcast agent_state_did_change
    engine.handle(Tick(now))  # about once a second: ring timeouts, overflow, announcements, wrap-up

The engine is not thread-safe: one task (or one lock) feeds it, in the order things happened.
"""

from __future__ import annotations

from .agent_state import MISSED, REJECTED, TRANSITIONS, AgentTransition, next_state
from .config import AgentProfile, OpeningHours, QueueConfig
from .decisions import (
    AbandonRecorded,
    AfterHours,
    AgentStateSet,
    AnnouncePosition,
    CallAnswered,
    CallQueued,
    CallRequeued,
    CancelOffer,
    Decision,
    NotReadyAfterCall,
    OfferCall,
    OfferCancelReason,
    Overflow,
    SendToVoicemail,
    StaleOffer,
    StateChangeCause,
)
from .engine import AcdEngine
from .errors import (
    AcdError,
    DuplicateCallError,
    InvalidAgentTransitionError,
    InvalidConfigError,
    InvalidEventError,
    UnknownAgentError,
    UnknownCallError,
    UnknownQueueError,
)
from .estimated_wait import estimate_wait_s
from .events import (
    AgentLoggedIn,
    AgentLoggedOut,
    AgentProfileChanged,
    AgentStateRequested,
    AgentWrapUpDone,
    CallAbandoned,
    CallArrived,
    CallEnded,
    CallHeld,
    CallResumed,
    Event,
    GuestFailed,
    GuestInvited,
    GuestJoined,
    GuestLeft,
    OfferAccepted,
    OfferRejected,
    OfferTimedOut,
    QueuesConfigured,
    Tick,
    WrapUpExtended,
)
from .snapshots import AgentSnapshot, CallPhase, CallSnapshot, QueueStats, WaitingCall

__all__ = [
    "MISSED",
    "REJECTED",
    "TRANSITIONS",
    "AbandonRecorded",
    "AcdEngine",
    "AcdError",
    "AfterHours",
    "AgentLoggedIn",
    "AgentLoggedOut",
    "AgentProfile",
    "AgentProfileChanged",
    "AgentSnapshot",
    "AgentStateRequested",
    "AgentStateSet",
    "AgentTransition",
    "AgentWrapUpDone",
    "AnnouncePosition",
    "CallAbandoned",
    "CallAnswered",
    "CallArrived",
    "CallEnded",
    "CallHeld",
    "CallPhase",
    "CallQueued",
    "CallRequeued",
    "CallResumed",
    "CallSnapshot",
    "CancelOffer",
    "Decision",
    "DuplicateCallError",
    "Event",
    "GuestFailed",
    "GuestInvited",
    "GuestJoined",
    "GuestLeft",
    "InvalidAgentTransitionError",
    "InvalidConfigError",
    "InvalidEventError",
    "NotReadyAfterCall",
    "OfferAccepted",
    "OfferCall",
    "OfferCancelReason",
    "OfferRejected",
    "OfferTimedOut",
    "OpeningHours",
    "Overflow",
    "QueueConfig",
    "QueueStats",
    "QueuesConfigured",
    "SendToVoicemail",
    "StaleOffer",
    "StateChangeCause",
    "Tick",
    "UnknownAgentError",
    "UnknownCallError",
    "UnknownQueueError",
    "WaitingCall",
    "WrapUpExtended",
    "estimate_wait_s",
    "next_state",
]
