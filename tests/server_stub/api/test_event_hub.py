"""The event hub on its own: seq order across publishing threads, bounded replay, per-agent audience,
and cutting off a client that falls behind (it resyncs from a snapshot when it reconnects)."""

from __future__ import annotations

import asyncio
import threading
import time

from server_stub.events import hub as hub_module
from server_stub.events.hub import EventHub
from shared.protocol.enums import Role
from shared.protocol.events import EventType

MSG = EventType.MESSAGE_WAS_SENT


def _drain(sub) -> list:
    items = []
    while not sub.queue.empty():
        items.append(sub.queue.get_nowait())
    return items


def test_given_publishers_on_many_threads_then_delivered_in_seq_order_without_gaps():
    async def scenario() -> list[int]:
        hub = EventHub(buffer_size=10_000, last_seq=0)
        hub.attach_loop(asyncio.get_running_loop())
        sub = hub.subscribe(agent_id=1, role=Role.LEADER)

        def publish_many() -> None:
            for _ in range(200):
                hub.publish(MSG, {"text": "x"})

        threads = [threading.Thread(target=publish_many) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            await asyncio.to_thread(t.join, 30)
        received: list[int] = []
        while len(received) < 800:
            envelope = await asyncio.wait_for(sub.queue.get(), 10)
            assert envelope is not None
            received.append(envelope.seq)
        return received

    assert asyncio.run(scenario()) == list(range(1, 801))


def test_given_small_buffer_then_replay_only_while_it_reaches_back():
    hub = EventHub(buffer_size=5, last_seq=0)
    for i in range(8):
        hub.publish(MSG, {"text": str(i)})
    assert hub.replay_since(2) is None
    assert [e.seq for e in hub.replay_since(3) or []] == [4, 5, 6, 7, 8]
    assert hub.replay_since(8) == []
    assert hub.replay_since(99) is None


def test_given_addressed_event_then_only_that_agent_and_leaders_receive():
    async def scenario() -> tuple[list, list, list]:
        hub = EventHub()
        hub.attach_loop(asyncio.get_running_loop())
        alice = hub.subscribe(agent_id=1, role=Role.AGENT)
        bob = hub.subscribe(agent_id=2, role=Role.AGENT)
        leader = hub.subscribe(agent_id=3, role=Role.LEADER)
        hub.publish(MSG, {"text": "to alice"}, to_agent_ids=[1])
        hub.publish(MSG, {"text": "all"})
        await asyncio.sleep(0)
        return _drain(alice), _drain(bob), _drain(leader)

    alice, bob, leader = asyncio.run(scenario())
    assert [e.payload["text"] for e in alice] == ["to alice", "all"]
    assert [e.payload["text"] for e in bob] == ["all"]
    assert [e.payload["text"] for e in leader] == ["to alice", "all"]


def test_given_client_that_never_reads_then_cut_off_and_others_unaffected(monkeypatch):
    monkeypatch.setattr(hub_module, "SUBSCRIBER_QUEUE_LIMIT", 10)

    async def scenario() -> tuple[list, int, int]:
        hub = EventHub()
        hub.attach_loop(asyncio.get_running_loop())
        stuck = hub.subscribe(agent_id=1, role=Role.AGENT)
        hub.publish(MSG, {"text": "warm-up"})
        await asyncio.sleep(0)
        healthy = hub.subscribe(agent_id=2, role=Role.AGENT)
        for i in range(30):
            hub.publish(MSG, {"text": str(i)})
            await asyncio.sleep(0)
            _drain(healthy)
        items = _drain(stuck)
        return items, hub.subscriber_count, len(items)

    items, remaining, _ = asyncio.run(scenario())
    assert items[-1] is None  # the reader's cue to close with 4409
    assert remaining == 1


def test_given_restarted_hub_then_numbers_continue_above_the_old_ones():
    old = EventHub()
    seen = old.publish(MSG, {"text": "before restart"})
    time.sleep(0.01)  # a restart takes far longer than the millisecond the numbering needs
    new = EventHub()
    assert new.publish(MSG, {"text": "after restart"}) > seen
    assert new.replay_since(seen) is None  # the client is told to resync from a snapshot


def test_given_observer_then_sees_every_publication_until_removed_and_its_errors_stay_its_own():
    hub = EventHub(last_seq=0)
    seen: list[tuple[EventType, dict]] = []
    remove = hub.add_observer(lambda event_type, body: seen.append((event_type, body)))

    def broken(_event_type: EventType, _body: dict) -> None:
        raise RuntimeError("observer bug")

    hub.add_observer(broken)
    assert hub.publish(MSG, {"text": "one"}) == 1
    remove()
    assert hub.publish(MSG, {"text": "two"}) == 2
    assert seen == [(MSG, {"text": "one"})]
