"""Recordings and voicemails: metadata search, WAV download with HTTP Range, and who may listen."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest
from sqlalchemy import insert

from server_stub.db.models import Call, Recording, Ticket, ticket_calls
from server_stub.services.voicemails import leave_voicemail
from shared.protocol.enums import CallDirection, CallDisposition, Role, TicketType

from .conftest import assert_error


def _wav(path: Path, seconds: float = 1.0) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(bytes((i * 7) % 256 for i in range(int(16000 * seconds))))
    return path.read_bytes()


@pytest.fixture
def recorded_call(app, session, agent_headers):
    """A call the signed-in agent took, with a one-second mix recording on disk."""
    call = Call(
        direction=CallDirection.INBOUND,
        caller_number="13811112222",
        callee_number="12345",
        agent_id=agent_headers.user.id,
        disposition=CallDisposition.ANSWERED,
    )
    session.add(call)
    session.flush()
    data = _wav(app.state.settings.recordings_dir / "2026/05/01/call-1.wav")
    recording = Recording(
        call_id=call.id, agent_id=agent_headers.user.id, path="2026/05/01/call-1.wav", size_bytes=len(data)
    )
    session.add(recording)
    session.commit()
    return recording.id, data


def test_given_range_request_then_206_with_exact_bytes(client, recorded_call, agent_headers):
    rec_id, data = recorded_call
    response = client.get(
        f"/api/v1/recordings/{rec_id}/audio", headers={**agent_headers, "Range": "bytes=100-199"}
    )
    assert response.status_code == 206
    assert response.content == data[100:200]
    assert response.headers["content-range"] == f"bytes 100-199/{len(data)}"
    tail = client.get(f"/api/v1/recordings/{rec_id}/audio", headers={**agent_headers, "Range": "bytes=-44"})
    assert tail.status_code == 206
    assert tail.content == data[-44:]
    whole = client.get(f"/api/v1/recordings/{rec_id}/audio", headers=agent_headers)
    assert whole.status_code == 200
    assert whole.content == data
    assert whole.headers["accept-ranges"] == "bytes"


def test_given_range_outside_file_then_416_json(client, recorded_call, agent_headers):
    rec_id, data = recorded_call
    response = client.get(
        f"/api/v1/recordings/{rec_id}/audio", headers={**agent_headers, "Range": f"bytes={len(data) + 10}-"}
    )
    assert_error(response, 416, "range_not_satisfiable")
    garbage = client.get(
        f"/api/v1/recordings/{rec_id}/audio", headers={**agent_headers, "Range": "pages=1-2"}
    )
    assert_error(garbage, 416)


def test_given_other_agent_then_403_but_leader_listens(
    client, recorded_call, make_user, login, leader_headers
):
    rec_id, data = recorded_call
    other = login(make_user(Role.AGENT).work_number)
    assert_error(client.get(f"/api/v1/recordings/{rec_id}/audio", headers=other), 403)
    assert_error(client.get(f"/api/v1/recordings/{rec_id}", headers=other), 403)
    assert client.get(f"/api/v1/recordings/{rec_id}/audio", headers=leader_headers).content == data


def test_given_missing_file_then_404_with_message(client, app, recorded_call, leader_headers):
    rec_id, _ = recorded_call
    (app.state.settings.recordings_dir / "2026/05/01/call-1.wav").unlink()
    assert_error(
        client.get(f"/api/v1/recordings/{rec_id}/audio", headers=leader_headers), 404, "audio_missing"
    )


def test_given_search_filters_then_matching_recordings(
    client, recorded_call, session, agent_headers, leader_headers, make_user, login
):
    rec_id, _ = recorded_call
    by_number = client.get("/api/v1/recordings?number=138-1111-2222", headers=leader_headers).json()
    assert [r["id"] for r in by_number] == [rec_id]
    assert client.get("/api/v1/recordings?number=13900000000", headers=leader_headers).json() == []
    mine = client.get("/api/v1/recordings", headers=agent_headers).json()
    assert [r["id"] for r in mine] == [rec_id]
    other = login(make_user(Role.AGENT).work_number)
    assert client.get("/api/v1/recordings", headers=other).json() == []
    assert_error(client.get(f"/api/v1/recordings?agent_id={agent_headers.user.id}", headers=other), 403)
    assert_error(client.get("/api/v1/recordings?since=2026-01-01T00:00:00", headers=leader_headers), 422)
    assert client.get("/api/v1/recordings?ticket_id=424242", headers=leader_headers).json() == []


def test_given_voicemail_left_then_agent_lists_hears_downloads_and_closes(client, app, agent_headers):
    data = _wav(app.state.settings.voicemail_dir / "vm-1.wav", seconds=0.5)
    with app.state.session_factory() as session:
        vm, event = leave_voicemail(
            session, caller_number="13822223333", path="vm-1.wav", duration_seconds=0.5
        )
        session.commit()
    assert event.caller_number == "13822223333"
    listed = client.get("/api/v1/voicemails?status=new", headers=agent_headers).json()
    assert [v["id"] for v in listed] == [vm.id]
    audio = client.get(f"/api/v1/voicemails/{vm.id}/audio", headers={**agent_headers, "Range": "bytes=0-43"})
    assert audio.status_code == 206
    assert audio.content == data[:44]
    heard = client.post(f"/api/v1/voicemails/{vm.id}/status", json={"status": "heard"}, headers=agent_headers)
    assert heard.json()["assigned_agent_id"] == agent_headers.user.id
    done = client.post(
        f"/api/v1/voicemails/{vm.id}/status", json={"status": "done"}, headers=agent_headers
    ).json()
    assert done["status"] == "done" and done["handled_at"]
    assert_error(
        client.post(f"/api/v1/voicemails/{vm.id}/status", json={"status": "heard"}, headers=agent_headers),
        409,
    )
    assert_error(
        client.post(f"/api/v1/voicemails/{vm.id}/status", json={"status": "new"}, headers=agent_headers), 422
    )


def test_given_voicemail_of_another_agent_then_hidden_and_403(client, app, agent_headers, make_user, login):
    owner = make_user(Role.AGENT)
    with app.state.session_factory() as session:
        vm, _ = leave_voicemail(
            session, caller_number="13800000000", path="x.wav", duration_seconds=1, assigned_agent_id=owner.id
        )
        session.commit()
    assert client.get("/api/v1/voicemails", headers=agent_headers).json() == []
    assert_error(client.get(f"/api/v1/voicemails/{vm.id}/audio", headers=agent_headers), 403)


def test_given_ticket_linked_call_then_search_by_ticket(
    client, recorded_call, session, leader_headers, agent_headers
):
    rec_id, _ = recorded_call
    call_id = session.get(Recording, rec_id).call_id
    ticket_id = _make_ticket(session, agent_headers.user.id)
    session.execute(insert(ticket_calls).values(ticket_id=ticket_id, call_id=call_id))
    session.commit()
    rows = client.get(f"/api/v1/recordings?ticket_id={ticket_id}", headers=leader_headers).json()
    assert [r["id"] for r in rows] == [rec_id]


def _make_ticket(session, agent_id) -> int:
    ticket = Ticket(
        serial="202605010001",
        type=TicketType.CONSULTATION,
        content="咨询公积金提取",
        caller_number="13811112222",
        agent_id=agent_id,
    )
    session.add(ticket)
    session.flush()
    return ticket.id
