"""Reading the event WebSocket in tests with a bounded wait (TestClient's own receive waits forever)."""

from __future__ import annotations

import json
from typing import Any

import anyio
from starlette.testclient import WebSocketTestSession

DEFAULT_TIMEOUT = 15.0


def receive_event(ws: WebSocketTestSession, timeout: float = DEFAULT_TIMEOUT) -> dict[str, Any]:
    async def receive() -> Any:
        with anyio.fail_after(timeout):
            return await ws._send_rx.receive()

    message = ws.portal.call(receive)
    ws._raise_on_close(message)
    event: dict[str, Any] = json.loads(message["text"])
    return event


def receive_until(
    ws: WebSocketTestSession, event_type: str, timeout: float = DEFAULT_TIMEOUT
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Read until an event of ``event_type`` arrives; returns it and everything read before it."""
    before: list[dict[str, Any]] = []
    while True:
        event = receive_event(ws, timeout)
        if event["type"] == event_type:
            return event, before
        before.append(event)
