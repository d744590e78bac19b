"""Ticket changes reach the ticket's own agent and the leaders, not every seat in the centre."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from shared.protocol.enums import Role

from .conftest import AuthHeaders, Login, MakeUser
from .ws_support import receive_event, receive_until

NEW = {"caller_number": "13926000001", "type": "consultation", "content": "公积金提取材料"}


def _ws(client: TestClient, headers: AuthHeaders) -> Any:
    return client.websocket_connect(f"/api/v1/events?token={headers.token}")


def _ticket_serials_until_sentinel(ws: Any) -> list[str]:
    """Ticket events read before the broadcast sentinel (every seat gets that one)."""
    _sentinel, before = receive_until(ws, "message_was_sent")
    return [e["payload"]["serial"] for e in before if e["type"] == "ticket_did_change"]


def test_given_two_agents_when_each_saves_a_ticket_then_each_hears_only_their_own_and_leader_both(
    client: TestClient, make_user: MakeUser, login: Login, leader_headers: AuthHeaders
) -> None:
    alice = login(make_user(Role.AGENT).work_number)
    bob = login(make_user(Role.AGENT).work_number)
    with _ws(client, alice) as wa, _ws(client, bob) as wb, _ws(client, leader_headers) as wl:
        for ws in (wa, wb, wl):
            receive_event(ws)  # snapshot
        mine = client.post("/api/v1/tickets", json=NEW, headers=alice).json()["serial"]
        theirs = client.post("/api/v1/tickets", json=NEW, headers=bob).json()["serial"]
        sentinel = {"to_agent_id": None, "text": "全体注意"}
        assert client.post("/api/v1/messages", json=sentinel, headers=leader_headers).status_code == 201
        assert _ticket_serials_until_sentinel(wa) == [mine]
        assert _ticket_serials_until_sentinel(wb) == [theirs]
        assert _ticket_serials_until_sentinel(wl) == [mine, theirs]


def test_given_leader_acts_on_agents_ticket_when_changed_then_its_agent_hears_it_not_a_colleague(
    client: TestClient, make_user: MakeUser, login: Login, leader_headers: AuthHeaders
) -> None:
    alice = login(make_user(Role.AGENT).work_number)
    bob = login(make_user(Role.AGENT).work_number)
    serial = client.post("/api/v1/tickets", json=NEW, headers=alice).json()["serial"]
    with _ws(client, alice) as wa, _ws(client, bob) as wb:
        for ws in (wa, wb):
            receive_event(ws)
        acted = client.post(
            f"/api/v1/tickets/{serial}/events",
            json={"action": "remark", "note": "已回访"},
            headers=leader_headers,
        )
        assert acted.status_code == 200, acted.text
        sentinel = {"to_agent_id": None, "text": "交接班"}
        assert client.post("/api/v1/messages", json=sentinel, headers=leader_headers).status_code == 201
        assert _ticket_serials_until_sentinel(wa) == [serial]
        assert _ticket_serials_until_sentinel(wb) == []
