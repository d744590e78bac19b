"""Identifiers that cross the wire. Values are stable: they are stored in the database and sent as JSON."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    AGENT = "agent"
    LEADER = "leader"
    ADMIN = "admin"


class AgentState(StrEnum):
    """``logged_out → ready ⇄ not_ready(reason); ready → reserved → talking ⇄ hold → wrap_up → ready``."""

    LOGGED_OUT = "logged_out"
    READY = "ready"
    NOT_READY = "not_ready"
    RESERVED = "reserved"
    TALKING = "talking"
    HOLD = "hold"
    WRAP_UP = "wrap_up"


class CallDirection(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"
    INTERNAL = "internal"


class CallDisposition(StrEnum):
    ANSWERED = "answered"
    ABANDONED = "abandoned"
    BLOCKED = "blocked"
    VOICEMAIL = "voicemail"
    OVERFLOW = "overflow"
    TRANSFERRED = "transferred"


class CustomerTag(StrEnum):
    VIP = "vip"
    IMPORTANT = "important"
    ELDERLY = "elderly"
    BLACKLISTED = "blacklisted"


class TicketType(StrEnum):
    CONSULTATION = "consultation"
    COMPLAINT = "complaint"
    SUGGESTION = "suggestion"
    REPORT = "report"
    PRAISE = "praise"
    HELP_REQUEST = "help_request"


class TicketStatus(StrEnum):
    REGISTERED = "registered"
    DISPATCHED = "dispatched"
    ACCEPTED = "accepted"
    PROCESSING = "processing"
    DONE = "done"
    VISITED = "visited"
    CLOSED = "closed"


class Satisfaction(StrEnum):
    SATISFIED = "satisfied"
    UNSATISFIED = "unsatisfied"
    UNKNOWN = "unknown"


class SlaLight(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


class QueueStrategy(StrEnum):
    LONGEST_IDLE = "longest_idle"
    FEWEST_CALLS = "fewest_calls"
    LEAST_TALK_TIME = "least_talk_time"
    HIGHEST_SKILL = "highest_skill"
    LOWEST_SKILL = "lowest_skill"
    ROUND_ROBIN = "round_robin"


class ExtensionDecision(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"


class CallbackStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    FAILED = "failed"


class VoicemailStatus(StrEnum):
    NEW = "new"
    HEARD = "heard"
    DONE = "done"


class SupervisionMode(StrEnum):
    LISTEN = "listen"
    WHISPER = "whisper"
    BARGE = "barge"
    TAKE_OVER = "take_over"
