"""Errors the ACD raises for input it cannot act on.

Every error carries a stable ``error_id`` (the server maps it to an API error) and a message a person
can act on. The engine validates an event completely before it changes anything, so after an error its
state is exactly what it was before the event.
"""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)


class AcdError(Exception):
    """Base class: ``error_id`` is stable, ``details`` names the objects involved."""

    error_id = "acd.error"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details: dict[str, Any] = details


class InvalidConfigError(AcdError):
    error_id = "acd.invalid_config"


class UnknownQueueError(AcdError):
    error_id = "acd.unknown_queue"


class UnknownAgentError(AcdError):
    error_id = "acd.unknown_agent"


class UnknownCallError(AcdError):
    error_id = "acd.unknown_call"


class DuplicateCallError(AcdError):
    error_id = "acd.duplicate_call"


class InvalidAgentTransitionError(AcdError):
    error_id = "acd.invalid_agent_transition"


class InvalidEventError(AcdError):
    error_id = "acd.invalid_event"
