"""The seam through which the call centre learns what REST changed: every publication on the event hub.

Agents going ready / not ready / logged out (``POST /agents/me/state``), leaders forcing a state, the
presence tracker logging out a vanished seat, admins editing queues: each of these is published on the
hub after its transaction committed, so watching publications sees every one of them without touching
the routers. If the hub grows an ``add_observer(callback) -> remove`` hook it is used; until then the
instance's ``publish`` is wrapped (the class and other hubs are untouched).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from shared.protocol.events import EventType

from ..events.hub import EventHub

logger = logging.getLogger(__name__)

Observer = Callable[[EventType, dict[str, Any]], None]


def observe_publications(hub: EventHub, observer: Observer) -> Callable[[], None]:
    """Call ``observer(event_type, payload_dict)`` after every publication, on the publishing thread.
    Returns a function that stops observing. The observer must be quick and must not raise (errors are
    logged, never passed to the publisher)."""
    add = getattr(hub, "add_observer", None)
    if callable(add):
        remove = add(observer)
        return remove if callable(remove) else (lambda: None)

    original = hub.publish

    def publish(
        event_type: EventType, payload: BaseModel | dict[str, Any], *, to_agent_ids: Any = None
    ) -> int:
        seq = original(event_type, payload, to_agent_ids=to_agent_ids)
        try:
            body = payload.model_dump(mode="json") if isinstance(payload, BaseModel) else dict(payload)
            observer(event_type, body)
        except Exception:
            logger.exception("call centre observer failed on %s", event_type)
        return seq

    setattr(hub, "publish", publish)  # noqa: B010 - instance attribute shadows the method on this hub only

    def stop() -> None:
        if hub.__dict__.get("publish") is publish:
            del hub.__dict__["publish"]

    return stop
