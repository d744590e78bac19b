"""Recordings of a conference: a colleague who joined the room lists and plays the conversation's
recording like the agent who took the call; one whose invitation failed, or who was never in it, does
not. The call centre writes the call record (real database, SQLite and PostgreSQL), the recordings REST
serves it."""

from __future__ import annotations

import wave
from pathlib import Path

from server_stub.media import control as mc

from .conference_rig import ConfCentre, agent_id, call_row, conf, go_ready, now, talking

__all__ = ["conf"]

URL = "/api/v1/callcenter/conference"
WAV_PATH = "2026/05/06/conv-1.wav"


def _write_wav(path: Path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(bytes((i * 11) % 256 for i in range(16000)))
    return path.read_bytes()


def _conference_recorded(c: ConfCentre) -> tuple[int, bytes]:
    """1001 takes the caller and invites 1002 (joins) and 1003 (busy); the caller hangs up and the mix
    recording names both agents who were in it. Returns the call id and the WAV's bytes."""
    owner = talking(c, "conv-1", "1001")
    go_ready(c, "1002")
    go_ready(c, "1003")
    for colleague in ("1002", "1003"):
        r = c.client.post(URL, json={"kind": "agent", "value": colleague}, headers=owner)
        assert r.status_code == 201, r.text
    c.cc.handle(mc.ConferencePartyJoined("conv-1", "p1", now()))
    c.cc.handle(mc.ConferencePartyFailed("conv-1", "p2", "busy", 486))
    data = _write_wav(c.app.state.settings.recordings_dir / WAV_PATH)
    recording = mc.RecordingInfo(WAV_PATH, now(), 2.0, len(data), 8000, ("1001", "1002"))
    c.cc.handle(mc.CallerHungUp("conv-1", now(), "talking"))
    c.cc.handle(mc.ConversationEnded("conv-1", now(), mc.EndedBy.CALLER, recording))
    c.settle()
    return call_row(c, "conv-1").id, data


def test_given_a_colleague_joined_the_conference_when_listing_recordings_then_they_list_and_play_it(
    conf: ConfCentre,
) -> None:
    call_id, data = _conference_recorded(conf)
    for seat in ("1001", "1002"):
        headers = conf.login(seat)
        listed = conf.client.get("/api/v1/recordings", headers=headers)
        assert listed.status_code == 200, listed.text
        assert [(r["call_id"], r["size_bytes"]) for r in listed.json()] == [(call_id, len(data))], seat
        rec_id = listed.json()[0]["id"]
        assert conf.client.get(f"/api/v1/recordings/{rec_id}", headers=headers).status_code == 200
        audio = conf.client.get(f"/api/v1/recordings/{rec_id}/audio", headers=headers)
        assert audio.status_code == 200 and audio.content == data, seat
        # asking for "mine" by id is the same list
        own = conf.client.get(
            "/api/v1/recordings", params={"agent_id": agent_id(conf, seat)}, headers=headers
        )
        assert [r["id"] for r in own.json()] == [rec_id]


def test_given_an_agent_not_in_the_conversation_when_asking_then_not_listed_and_403(
    conf: ConfCentre,
) -> None:
    _conference_recorded(conf)
    leader = conf.login("9001")
    recordings = conf.client.get("/api/v1/recordings", headers=leader).json()
    assert len(recordings) == 1  # leaders hear everything, as before
    rec_id = recordings[0]["id"]
    # 1003 was invited but busy: never in the room; 1002 is fine, 1003 is not
    busy = conf.login("1003")
    assert conf.client.get("/api/v1/recordings", headers=busy).json() == []
    for path in (f"/api/v1/recordings/{rec_id}", f"/api/v1/recordings/{rec_id}/audio"):
        refused = conf.client.get(path, headers=busy)
        assert refused.status_code == 403, refused.text
        assert refused.json()["error_id"] == "not_your_recording"
        assert "were in this conversation" in refused.json()["message"]
    assert conf.client.get(f"/api/v1/recordings/{rec_id}/audio", headers=leader).status_code == 200
