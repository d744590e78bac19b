"""Where one supervised audio stream stands: on the device asked for, on a fallback, or silent.

An explicit transition table with a pure :func:`next_state`; anything not in the table is a bug.
"""

from __future__ import annotations

from enum import StrEnum


class StreamState(StrEnum):
    STOPPED = "stopped"
    PREFERRED = "preferred"  # on the device asked for (or the system default when none was named)
    FALLBACK = "fallback"  # on the system default because the device asked for is missing
    SILENT = "silent"  # no usable device; the call side keeps running on silence


class StreamEvent(StrEnum):
    OPENED_PREFERRED = "opened_preferred"
    OPENED_FALLBACK = "opened_fallback"
    NO_DEVICE = "no_device"
    LOST = "lost"  # the open stream died; the caller then reports where it went next
    STOP = "stop"


_TRANSITIONS: dict[tuple[StreamState, StreamEvent], StreamState] = {
    (StreamState.STOPPED, StreamEvent.OPENED_PREFERRED): StreamState.PREFERRED,
    (StreamState.STOPPED, StreamEvent.OPENED_FALLBACK): StreamState.FALLBACK,
    (StreamState.STOPPED, StreamEvent.NO_DEVICE): StreamState.SILENT,
    (StreamState.PREFERRED, StreamEvent.LOST): StreamState.SILENT,
    (StreamState.FALLBACK, StreamEvent.LOST): StreamState.SILENT,
    (StreamState.SILENT, StreamEvent.OPENED_PREFERRED): StreamState.PREFERRED,
    (StreamState.SILENT, StreamEvent.OPENED_FALLBACK): StreamState.FALLBACK,
    (StreamState.SILENT, StreamEvent.NO_DEVICE): StreamState.SILENT,
    (StreamState.FALLBACK, StreamEvent.OPENED_PREFERRED): StreamState.PREFERRED,
    (StreamState.PREFERRED, StreamEvent.STOP): StreamState.STOPPED,
    (StreamState.FALLBACK, StreamEvent.STOP): StreamState.STOPPED,
    (StreamState.SILENT, StreamEvent.STOP): StreamState.STOPPED,
    (StreamState.STOPPED, StreamEvent.STOP): StreamState.STOPPED,
}


class InvalidStreamTransition(ValueError):
    pass


def next_state(state: StreamState, event: StreamEvent) -> StreamState:
    """The state after ``event``; raises :class:`InvalidStreamTransition` for a pair not in the table."""
    try:
        return _TRANSITIONS[(state, event)]
    except KeyError:
        raise InvalidStreamTransition(f"audio stream cannot handle {event} while {state}") from None
