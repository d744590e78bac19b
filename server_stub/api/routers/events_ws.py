"""``/events``: the one WebSocket carrying typed JSON events with a sequence number.

Connect with ``?token=<bearer token>&since=<last seq seen>`` (or an ``Authorization: Bearer`` header, or
send ``{"token": …, "since": …}`` as the first message). If the hub still holds everything after ``since``
the client gets those events replayed; otherwise (or with ``since`` absent or 0) it first receives a
``snapshot`` event, then live events. After a snapshot, continue from the snapshot's ``seq``. Every message
is an :class:`~shared.protocol.events.EventEnvelope`. Agents receive broadcasts and what is addressed to
them; leaders and admins receive everything.

Close codes: 4401 not signed in, 4408 no sign-in message in time, 4409 the client fell too far behind
(reconnect with ``since``).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from starlette.concurrency import run_in_threadpool
from starlette.websockets import WebSocketState

from shared.protocol.events import EventEnvelope, EventType

from ...db.models import Agent
from ...events.hub import CLOSE_FELL_BEHIND, CLOSE_NOT_AUTHENTICATED, EventHub, Subscription
from ...events.presence import PresenceTracker
from ...events.snapshot import build_snapshot
from ...security.tokens import hash_token
from ...services import auth as auth_service
from ..errors import error_body

logger = logging.getLogger(__name__)

router = APIRouter(tags=["events"])

AUTH_TIMEOUT_SECONDS = 10.0
CLOSE_AUTH_TIMEOUT = 4408


def _parse_since(raw: Any) -> int | None:
    if raw is None or raw == "":
        return None
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return None
    return value if value >= 0 else None


async def _authenticate(websocket: WebSocket, token: str) -> Agent | None:
    factory = websocket.app.state.session_factory

    def lookup() -> Agent | None:
        with factory() as session:
            return auth_service.agent_for_token(session, token=token)

    return await run_in_threadpool(lookup)


@router.websocket("/events")
async def events_socket(websocket: WebSocket) -> None:
    hub: EventHub = websocket.app.state.events
    presence: PresenceTracker = websocket.app.state.presence
    token = websocket.query_params.get("token")
    authorization = websocket.headers.get("authorization", "")
    if not token and authorization.lower().startswith("bearer "):
        token = authorization[len("bearer ") :].strip()
    since = _parse_since(websocket.query_params.get("since"))

    if token:
        agent = await _authenticate(websocket, token)
        if agent is None:
            await websocket.close(code=CLOSE_NOT_AUTHENTICATED, reason="sign in again")
            return
        await websocket.accept()
    else:
        await websocket.accept()
        try:
            first = json.loads(await asyncio.wait_for(websocket.receive_text(), AUTH_TIMEOUT_SECONDS))
        except TimeoutError:
            await websocket.close(code=CLOSE_AUTH_TIMEOUT, reason='send {"token": …} first')
            return
        except (ValueError, WebSocketDisconnect):
            await _refuse(websocket)
            return
        agent = None
        if isinstance(first, dict) and isinstance(first.get("token"), str):
            token = first["token"]
            agent = await _authenticate(websocket, token)
            since = _parse_since(first.get("since"))
        if agent is None:
            await _refuse(websocket)
            return

    sub = hub.subscribe(agent_id=agent.id, role=agent.role, token_hash=hash_token(token or ""))
    presence.connected(agent.id)
    logger.info("agent %s opened the event stream (since=%s)", agent.work_number, since)
    try:
        last_sent = await _resync(websocket, hub, presence, sub, since)
        await _pump(websocket, sub, last_sent)
    except WebSocketDisconnect:
        pass
    finally:
        hub.unsubscribe(sub)
        presence.disconnected(agent.id)
        logger.info("agent %s closed the event stream", agent.work_number)


async def _refuse(websocket: WebSocket) -> None:
    body = error_body("not_authenticated", "Sign in first: send a valid token.")
    with contextlib.suppress(Exception):
        await websocket.send_json(body)
        await websocket.close(code=CLOSE_NOT_AUTHENTICATED, reason="sign in again")


async def _resync(
    websocket: WebSocket, hub: EventHub, presence: PresenceTracker, sub: Subscription, since: int | None
) -> int:
    """Replay after ``since`` if the hub still can, else send a snapshot; returns the last seq covered."""
    if since:  # 0 or absent: the client holds nothing yet
        replay = hub.replay_since(since, sub)
        if replay is not None:
            for envelope in replay:
                await websocket.send_text(envelope.model_dump_json())
            return replay[-1].seq if replay else since
    seq = hub.last_seq  # taken before reading the database; see build_snapshot
    factory = websocket.app.state.session_factory

    def read() -> dict[str, Any]:
        with factory() as session:
            return build_snapshot(session, seq=seq, presence=presence).model_dump(mode="json")

    payload = await run_in_threadpool(read)
    envelope = EventEnvelope(seq=seq, type=EventType.SNAPSHOT, at=datetime.now(UTC), payload=payload)
    await websocket.send_text(envelope.model_dump_json())
    return seq


async def _pump(websocket: WebSocket, sub: Subscription, last_sent: int) -> None:
    """Forward live events until the client goes away; also read (and drop) what the client sends."""

    async def forward() -> None:
        nonlocal last_sent
        while True:
            envelope = await sub.queue.get()
            if envelope is None:
                if sub.close_code == CLOSE_NOT_AUTHENTICATED:
                    await websocket.close(code=CLOSE_NOT_AUTHENTICATED, reason="signed out")
                else:
                    await websocket.close(code=CLOSE_FELL_BEHIND, reason="fell behind; reconnect with since")
                return
            if envelope.seq <= last_sent:
                continue  # already covered by the replay or snapshot
            await websocket.send_text(envelope.model_dump_json())
            last_sent = envelope.seq

    async def listen() -> None:
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                return
            if message.get("text") == '{"type": "ping"}':
                await websocket.send_text('{"type": "pong"}')

    tasks = [asyncio.create_task(forward()), asyncio.create_task(listen())]
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            exc = task.exception()
            if exc is not None and not isinstance(exc, WebSocketDisconnect):
                logger.warning("event stream ended with %r", exc)
    finally:
        for task in tasks:
            task.cancel()
        with contextlib.suppress(BaseException):
            await asyncio.gather(*tasks, return_exceptions=True)
        if websocket.client_state == WebSocketState.CONNECTED:
            with contextlib.suppress(Exception):
                await websocket.close()
