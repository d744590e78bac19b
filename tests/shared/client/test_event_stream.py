"""The event stream reconnects after the server drops it and resumes from the last ``seq`` it saw.

The far side here is a small websockets server speaking the wire format of ``/api/v1/events``
(``EventEnvelope`` JSON, ``?since=&token=``), so the test can cut the connection at a chosen moment.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlparse

import pytest
from websockets.sync.server import Server, ServerConnection, serve

from shared.client.events import EventStream, StreamState
from shared.protocol.events import EventEnvelope, EventType


class EventServer:
    """Replays a fixed history; each connection sends everything after ``since`` then hangs up once."""

    def __init__(self) -> None:
        self.history = [self._envelope(seq) for seq in range(1, 7)]
        self.requested_since: list[int] = []
        self.tokens: list[str] = []
        self.connections = 0
        self.server: Server | None = None

    @staticmethod
    def _envelope(seq: int) -> str:
        payload = {"latest_version": seq}
        return json.dumps(
            {
                "seq": seq,
                "type": EventType.KNOWLEDGE_DID_CHANGE.value,
                "at": datetime.now(UTC).isoformat(),
                "payload": payload,
            }
        )

    def handler(self, conn: ServerConnection) -> None:
        assert conn.request is not None
        query = parse_qs(urlparse(conn.request.path).query)
        since = int(query["since"][0])
        self.requested_since.append(since)
        self.tokens.append(query["token"][0])
        self.connections += 1
        first = self.connections == 1
        # the first connection delivers 1..3 plus a duplicate, then drops; later ones replay after since
        batch = (
            [*self.history[:3], self.history[1]]
            if first
            else [e for e in self.history if json.loads(e)["seq"] > since]
        )
        for message in batch:
            conn.send(message)
        if first:
            return  # closing the handler drops the socket
        conn.recv()  # keep open until the client leaves


@pytest.fixture
def event_server() -> Iterator[tuple[EventServer, str]]:
    fake = EventServer()
    server = serve(fake.handler, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.socket.getsockname()[1]
    try:
        yield fake, f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        thread.join(5)


def test_given_dropped_socket_when_stream_reconnects_then_every_event_arrives_once_in_order(
    event_server: tuple[EventServer, str],
) -> None:
    fake, url = event_server
    received: list[EventEnvelope] = []
    states: list[StreamState] = []
    all_six = threading.Event()

    def on_event(envelope: EventEnvelope) -> None:
        received.append(envelope)
        if envelope.seq == 6:
            all_six.set()

    stream = EventStream(url, lambda: "tok-1", on_event, states.append, min_backoff_s=0.05)
    stream.start()
    try:
        assert all_six.wait(15), f"got {[e.seq for e in received]}"
    finally:
        stream.stop()
    assert [e.seq for e in received] == [1, 2, 3, 4, 5, 6]
    assert fake.requested_since[:2] == [0, 3]
    assert fake.tokens[0] == "tok-1"
    assert StreamState.DISCONNECTED in states and states[-1] is StreamState.STOPPED
    assert stream.last_seq == 6


def _raw(seq: int, event_type: EventType, payload: dict[str, object]) -> str:
    return json.dumps(
        {"seq": seq, "type": event_type.value, "at": datetime.now(UTC).isoformat(), "payload": payload}
    )


def test_given_server_lost_its_history_when_snapshot_has_lower_seq_then_later_events_still_arrive() -> None:
    """A restarted server answers the reconnect with a snapshot numbered below what the seat had seen;
    the events after that snapshot must reach the seat, not be dropped as already seen."""
    connections: list[int] = []

    def handler(conn: ServerConnection) -> None:
        connections.append(1)
        if len(connections) == 1:
            for seq in (10, 11, 12):
                conn.send(_raw(seq, EventType.KNOWLEDGE_DID_CHANGE, {"latest_version": seq}))
            return  # drop
        conn.send(_raw(4, EventType.SNAPSHOT, {"seq": 4, "agents": [], "queues": [], "notices": []}))
        for seq in (5, 6):
            conn.send(_raw(seq, EventType.KNOWLEDGE_DID_CHANGE, {"latest_version": seq}))
        conn.recv()

    server = serve(handler, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    received: list[EventEnvelope] = []
    got_six = threading.Event()

    def on_event(envelope: EventEnvelope) -> None:
        received.append(envelope)
        if envelope.seq == 6:
            got_six.set()

    stream = EventStream(
        f"http://127.0.0.1:{server.socket.getsockname()[1]}",
        lambda: "tok",
        on_event,
        lambda _s: None,
        min_backoff_s=0.05,
    )
    stream.start()
    try:
        assert got_six.wait(15), f"got {[(e.seq, e.type.value) for e in received]}"
    finally:
        stream.stop()
        server.shutdown()
        thread.join(5)
    assert [(e.seq, e.type) for e in received[3:]] == [
        (4, EventType.SNAPSHOT),
        (5, EventType.KNOWLEDGE_DID_CHANGE),
        (6, EventType.KNOWLEDGE_DID_CHANGE),
    ]
    assert stream.last_seq == 6
