"""The client against the real server's newer endpoints: tickets (idempotent), screen pop, feed, events."""

from __future__ import annotations

import threading

from shared.client import HotlineClient
from shared.client.events import EventStream, StreamState
from shared.client.models import CustomerCreate, TicketCreate
from shared.protocol.enums import AgentState, TicketType
from shared.protocol.events import EventEnvelope, EventType

from .conftest import PASSWORD, LiveServer


def _signed_in(live_server: LiveServer, work_number: str) -> HotlineClient:
    live_server.add_agent(work_number)
    client = HotlineClient(live_server.url)
    client.login(work_number, PASSWORD)
    return client


def test_given_outbox_resend_when_same_client_ref_then_one_ticket_and_pop_shows_it(
    live_server: LiveServer,
) -> None:
    client = _signed_in(live_server, "2101")
    customer = client.create_customer(CustomerCreate(name="刘建国", phones=["13800138000"]))
    draft = TicketCreate(
        caller_number="13800138000",
        type=TicketType.CONSULTATION,
        content="咨询公积金提取",
        customer_id=customer.id,
        client_ref="seat-2101-0001",
    )
    first = client.create_ticket(draft)
    again = client.create_ticket(draft)
    assert again.serial == first.serial and again.id == first.id
    pop = client.screen_pop("13800138000")
    assert pop.customer is not None and pop.customer.name == "刘建国"
    assert [t.serial for t in pop.open_tickets] == [first.serial]
    assert [t.serial for t in client.my_tickets()] == [first.serial]


def test_given_unknown_number_when_popping_then_first_time_caller(live_server: LiveServer) -> None:
    client = _signed_in(live_server, "2102")
    pop = client.screen_pop("13911112222")
    assert pop.customer is None and pop.open_tickets == [] and pop.calls_total == 0


def test_given_empty_knowledge_base_when_reading_feed_then_valid_empty_page(live_server: LiveServer) -> None:
    client = _signed_in(live_server, "2103")
    feed = client.knowledge_feed(0)
    assert feed.articles == [] and not feed.has_more


def test_given_event_stream_when_agent_changes_state_then_event_arrives(live_server: LiveServer) -> None:
    client = _signed_in(live_server, "2104")
    got: list[EventEnvelope] = []
    ready = threading.Event()
    connected = threading.Event()

    def on_event(envelope: EventEnvelope) -> None:
        got.append(envelope)
        if envelope.type is EventType.AGENT_STATE_DID_CHANGE and envelope.payload.get("state") == "ready":
            ready.set()

    def on_state(state: StreamState) -> None:
        if state is StreamState.CONNECTED:
            connected.set()

    stream = EventStream(client.base_url, lambda: client.token, on_event, on_state)
    stream.start()
    try:
        assert connected.wait(10)
        client.set_state(AgentState.READY)
        assert ready.wait(10), [e.type for e in got]
    finally:
        stream.stop()
    assert stream.last_seq >= got[-1].seq


def test_given_bad_token_when_opening_stream_then_rejected_not_retried_forever(
    live_server: LiveServer,
) -> None:
    rejected = threading.Event()
    states: list[StreamState] = []

    def on_state(state: StreamState) -> None:
        states.append(state)
        if state is StreamState.REJECTED:
            rejected.set()

    stream = EventStream(live_server.url, lambda: "not-a-token", lambda _e: None, on_state)
    stream.start()
    try:
        assert rejected.wait(10)
        seen = len(states)
        threading.Event().wait(1.5)  # long enough for a retry, were there one
        assert StreamState.CONNECTING not in states[seen:]  # the same refused token is not tried again
    finally:
        stream.stop()


def test_given_server_without_call_path_when_transferring_then_call_path_off_error(
    live_server: LiveServer,
) -> None:
    from shared.client import ApiClientError
    from shared.client.models import TransferKind

    client = _signed_in(live_server, "2105")
    try:
        client.transfer_call(TransferKind.QUEUE, "12345")
    except ApiClientError as exc:
        # 503 call_path_off when the call centre is not started; 404 on a build without its routes
        assert exc.status in (404, 503)
        assert exc.message  # a sentence for the person
    else:
        raise AssertionError("a server without the call path accepted a transfer")
