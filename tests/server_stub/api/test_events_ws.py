"""The event WebSocket: sign-in, seq order, replay after reconnect, snapshot when too far behind,
per-agent delivery, and logging out agents whose socket stays gone."""

from __future__ import annotations

import pytest
from starlette.websockets import WebSocketDisconnect

from shared.protocol.enums import Role
from shared.protocol.events import EventType

from .ws_support import receive_event, receive_until


def _ws(client, headers, since=None):
    url = f"/api/v1/events?token={headers.token}"
    if since is not None:
        url += f"&since={since}"
    return client.websocket_connect(url)


def test_given_token_when_connecting_without_since_then_snapshot_then_live_events(
    client, agent_headers, leader_headers
):
    with _ws(client, leader_headers) as ws:
        snapshot = receive_event(ws)
        assert snapshot["type"] == "snapshot"
        names = {a["work_number"]: a for a in snapshot["payload"]["agents"]}
        assert names[agent_headers.user.work_number]["state"] == "logged_out"
        assert names[leader_headers.user.work_number]["connected"] is True
        assert snapshot["payload"]["seq"] == snapshot["seq"]
        response = client.post("/api/v1/agents/me/state", json={"state": "ready"}, headers=agent_headers)
        assert response.status_code == 200
        event = receive_event(ws)
        assert event["type"] == "agent_state_did_change"
        assert event["payload"]["work_number"] == agent_headers.user.work_number
        assert event["payload"]["state"] == "ready"
        assert event["seq"] > snapshot["seq"]


def test_given_many_events_when_received_then_strictly_increasing_seq(client, app, leader_headers):
    hub = app.state.events
    with _ws(client, leader_headers) as ws:
        start = receive_event(ws)["seq"]
        for i in range(20):
            hub.publish(EventType.MESSAGE_WAS_SENT, {"from_name": "x", "to_agent_id": None, "text": str(i)})
        seqs = [receive_event(ws)["seq"] for _ in range(20)]
    assert seqs == list(range(start + 1, start + 21))


def test_given_reconnect_with_since_when_buffer_holds_it_then_missed_events_replayed(
    client, app, leader_headers
):
    hub = app.state.events
    hub.publish(EventType.MESSAGE_WAS_SENT, {"from_name": "x", "to_agent_id": None, "text": "earlier"})
    with _ws(client, leader_headers) as ws:
        last = receive_event(ws)["seq"]
    for i in range(5):
        hub.publish(EventType.MESSAGE_WAS_SENT, {"from_name": "x", "to_agent_id": None, "text": f"m{i}"})
    with _ws(client, leader_headers, since=last) as ws:
        replayed = [receive_event(ws) for _ in range(5)]
        assert [e["payload"]["text"] for e in replayed] == [f"m{i}" for i in range(5)]
        assert [e["seq"] for e in replayed] == list(range(last + 1, last + 6))
        hub.publish(EventType.MESSAGE_WAS_SENT, {"from_name": "x", "to_agent_id": None, "text": "live"})
        live = receive_event(ws)
        assert live["payload"]["text"] == "live"
        assert live["seq"] == last + 6


def test_given_reconnect_after_buffer_moved_on_then_snapshot(client, app, leader_headers):
    hub = app.state.events
    with _ws(client, leader_headers) as ws:
        last = receive_event(ws)["seq"]
    for i in range(app.state.settings.event_buffer_size + 10):
        hub.publish(EventType.MESSAGE_WAS_SENT, {"from_name": "x", "to_agent_id": None, "text": str(i)})
    with _ws(client, leader_headers, since=last) as ws:
        first = receive_event(ws)
        assert first["type"] == "snapshot"
        assert first["seq"] == hub.last_seq


def test_given_since_zero_or_from_before_restart_then_snapshot(client, app, leader_headers):
    app.state.events.publish(EventType.MESSAGE_WAS_SENT, {"from_name": "x", "to_agent_id": None, "text": "t"})
    with _ws(client, leader_headers, since=0) as ws:
        assert receive_event(ws)["type"] == "snapshot"
    with _ws(client, leader_headers, since=10_000) as ws:
        assert receive_event(ws)["type"] == "snapshot"


def test_given_authorization_header_then_accepted(client, agent_headers):
    with client.websocket_connect("/api/v1/events", headers=dict(agent_headers)) as ws:
        assert receive_event(ws)["type"] == "snapshot"


def test_given_bad_token_when_connecting_then_refused(client):
    with pytest.raises(WebSocketDisconnect) as info, client.websocket_connect("/api/v1/events?token=nope"):
        pass
    assert info.value.code == 4401


def test_given_token_in_first_message_then_accepted_and_bad_one_refused(client, agent_headers):
    with client.websocket_connect("/api/v1/events") as ws:
        ws.send_json({"token": agent_headers.token})
        assert receive_event(ws)["type"] == "snapshot"
    with client.websocket_connect("/api/v1/events") as ws:
        ws.send_json({"token": "wrong"})
        refusal = receive_event(ws)
        assert refusal["error_id"] == "not_authenticated"
        with pytest.raises(WebSocketDisconnect) as info:
            receive_event(ws)
        assert info.value.code == 4401


def test_given_message_to_one_agent_then_only_that_agent_and_leaders_get_it(
    client, make_user, login, leader_headers
):
    alice = login(make_user(Role.AGENT).work_number)
    bob = login(make_user(Role.AGENT).work_number)
    with _ws(client, alice) as wa, _ws(client, bob) as wb, _ws(client, leader_headers) as wl:
        for ws in (wa, wb, wl):
            receive_event(ws)  # snapshot
        private = {"to_agent_id": alice.user.id, "text": "来一下值班台"}
        assert client.post("/api/v1/messages", json=private, headers=leader_headers).status_code == 201
        broadcast = {"to_agent_id": None, "text": "全体注意"}
        assert client.post("/api/v1/messages", json=broadcast, headers=leader_headers).status_code == 201
        assert [receive_event(wa)["payload"]["text"] for _ in range(2)] == ["来一下值班台", "全体注意"]
        assert [receive_event(wl)["payload"]["text"] for _ in range(2)] == ["来一下值班台", "全体注意"]
        assert receive_event(wb)["payload"]["text"] == "全体注意"


def test_given_agent_socket_gone_past_grace_then_logged_out_disconnected_published(
    client, agent_headers, leader_headers
):
    assert (
        client.post("/api/v1/agents/me/state", json={"state": "ready"}, headers=agent_headers).status_code
        == 200
    )
    with _ws(client, leader_headers) as leader_ws:
        receive_event(leader_ws)
        with _ws(client, agent_headers) as agent_ws:
            receive_event(agent_ws)
            seats = client.get("/api/v1/agents/directory", headers=leader_headers).json()
            assert {s["id"]: s["connected"] for s in seats}[agent_headers.user.id] is True
        event, _ = receive_until(leader_ws, "agent_state_did_change")
        assert event["payload"]["agent_id"] == agent_headers.user.id
        assert event["payload"]["state"] == "logged_out"
        assert event["payload"]["reason"] == "disconnected"
    me = client.get("/api/v1/auth/me", headers=agent_headers).json()
    assert me["state"] == "logged_out"


def test_given_agent_reconnects_within_grace_then_stays_ready(client, app, agent_headers):
    app.state.presence.grace_seconds = 30.0
    assert (
        client.post("/api/v1/agents/me/state", json={"state": "ready"}, headers=agent_headers).status_code
        == 200
    )
    with _ws(client, agent_headers) as ws:
        receive_event(ws)
    with _ws(client, agent_headers) as ws:
        receive_event(ws)
        assert app.state.presence.is_online(agent_headers.user.id)
    assert client.get("/api/v1/auth/me", headers=agent_headers).json()["state"] == "ready"


def test_given_open_socket_when_signing_out_then_socket_closed_4401(client, agent_headers):
    with _ws(client, agent_headers) as ws:
        receive_event(ws)
        assert client.post("/api/v1/auth/logout", headers=agent_headers).status_code == 204
        with pytest.raises(WebSocketDisconnect) as info:
            receive_event(ws)
        assert info.value.code == 4401


def test_given_open_socket_when_admin_disables_agent_then_socket_closed(client, agent_headers, admin_headers):
    with _ws(client, agent_headers) as ws:
        receive_event(ws)
        assert (
            client.delete(f"/api/v1/agents/{agent_headers.user.id}", headers=admin_headers).status_code == 204
        )
        with pytest.raises(WebSocketDisconnect) as info:
            receive_event(ws)
        assert info.value.code == 4401
