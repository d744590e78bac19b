"""The call centre's control plane on a real database and event hub, driven by the media plane's events
(a fake media plane records the commands it is given): agents going ready over REST reach the ACD, callers
are offered, answered, recorded, abandoned into callbacks; every row and event a user would see."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from server_stub.db.models import (
    AgentStateLog,
    AuditEntry,
    Call,
    CallAgentLeg,
    CallbackTask,
    Recording,
    Voicemail,
)
from server_stub.media import control as mc
from shared.protocol.enums import AgentState, CallbackStatus, CallDisposition, SupervisionMode

from .conftest import HOTLINE, QUEUE, Centre, agent_row, wait_until

CALLER = "13800138000"


def _now() -> datetime:
    return datetime.now(UTC)


def _go_ready(c: Centre, work_number: str) -> dict[str, str]:
    headers = c.login(work_number)
    r = c.client.post("/api/v1/agents/me/state", json={"state": "ready"}, headers=headers)
    assert r.status_code == 200, r.text
    c.settle()
    return headers


def _arrive(c: Centre, conv: str, caller: str = CALLER, queue: str = QUEUE) -> None:
    c.cc.handle(mc.InboundCallArrived(conv, caller, HOTLINE, f"sip-{conv}", _now()))
    c.cc.handle(mc.IvrRouted(conv, queue, "main>1", "1"))
    c.settle()


def _call(c: Centre, conv: str) -> Call:
    with c.app.state.session_factory() as db:
        call = db.scalar(select(Call).where(Call.sip_call_id == f"sip-{conv}"))
        assert call is not None
        db.expunge(call)
        return call


def _legs(c: Centre, call_id: int) -> list[CallAgentLeg]:
    with c.app.state.session_factory() as db:
        return list(
            db.scalars(select(CallAgentLeg).where(CallAgentLeg.call_id == call_id).order_by(CallAgentLeg.id))
        )


def _answer(c: Centre, conv: str, agent: str) -> None:
    c.media.wait_for("offer_to_agent", lambda a: a[0] == conv and a[1] == agent)
    c.cc.handle(mc.AgentRinging(conv, agent))
    c.cc.handle(mc.AgentAnswered(conv, agent, _now()))
    c.settle()


def test_given_an_agent_ready_over_rest_when_a_caller_is_routed_then_the_phone_rings_with_the_call_data(
    centre: Centre,
) -> None:
    _go_ready(centre, "1001")
    _arrive(centre, "conv-1")
    args = centre.media.wait_for("offer_to_agent")
    call = _call(centre, "conv-1")
    assert args[0] == "conv-1" and args[1] == "1001"
    assert args[2]["X-Hotline-Queue"] == QUEUE and args[2]["X-Hotline-Ivr-Path"] == "main>1"
    assert args[2]["X-Hotline-Call-Id"] == str(call.id)
    offered = centre.events("call_was_offered")
    assert offered and offered[-1].payload["call_id"] == call.id
    assert offered[-1].payload["caller_number"] == CALLER
    assert agent_row(centre.app, "1001").state is AgentState.RESERVED
    states = [e.payload["state"] for e in centre.events("agent_state_did_change")]
    assert states == ["ready", "reserved"]
    assert call.queued_at is not None and call.offered_at is not None and call.ivr_path == "main>1"


def test_given_an_answered_call_when_the_caller_hangs_up_then_the_full_record_is_written_and_wrap_up_follows(
    centre: Centre,
) -> None:
    _go_ready(centre, "1001")
    _arrive(centre, "conv-2")
    _answer(centre, "conv-2", "1001")
    assert agent_row(centre.app, "1001").state is AgentState.TALKING
    recording = mc.RecordingInfo("2026/05/06/conv-2.wav", _now(), 12.5, 200_000, 16000, ("1001",))
    centre.cc.handle(mc.CallerHungUp("conv-2", _now(), "talking"))
    centre.cc.handle(mc.ConversationEnded("conv-2", _now(), mc.EndedBy.CALLER, recording))
    centre.settle()
    call = _call(centre, "conv-2")
    assert call.disposition is CallDisposition.ANSWERED
    assert call.answered_at is not None and call.ended_at is not None
    assert call.agent_id == agent_row(centre.app, "1001").id
    legs = _legs(centre, call.id)
    assert [(leg.outcome, leg.answered_at is not None) for leg in legs] == [("answered", True)]
    with centre.app.state.session_factory() as db:
        rec = db.scalar(select(Recording).where(Recording.call_id == call.id))
        assert rec is not None and rec.path == "2026/05/06/conv-2.wav" and rec.duration_seconds == 12.5
    assert agent_row(centre.app, "1001").state is AgentState.WRAP_UP
    kinds = [e.type.value for e in centre.events()]
    assert "call_did_start" in kinds and "call_did_end" in kinds
    centre.clock.advance(6)  # the queue's wrap-up is 5 s
    wait_until(lambda: agent_row(centre.app, "1001").state is AgentState.READY, what="ready after wrap-up")
    with centre.app.state.session_factory() as db:
        agent_id = agent_row(centre.app, "1001").id
        log = [
            r.state
            for r in db.scalars(
                select(AgentStateLog).where(AgentStateLog.agent_id == agent_id).order_by(AgentStateLog.id)
            )
        ]
    assert log == [
        AgentState.READY,
        AgentState.RESERVED,
        AgentState.TALKING,
        AgentState.WRAP_UP,
        AgentState.READY,
    ]


def test_given_callers_hanging_up_in_the_queue_then_callback_tasks_go_round_robin_to_signed_in_agents(
    centre: Centre,
) -> None:
    # signed in but not ready: nobody takes the calls, they wait
    for wn in ("1001", "1002"):
        with centre.app.state.session_factory() as db:
            from server_stub.db.models import Agent, NotReadyReason

            if db.get(NotReadyReason, "break") is None:
                db.add(NotReadyReason(code="break", label_zh="小休", label_en="Break", sort_order=1))
                db.commit()
            assert db.scalar(select(Agent).where(Agent.work_number == wn)) is not None
        r = centre.client.post(
            "/api/v1/agents/me/state",
            json={"state": "not_ready", "reason": "break"},
            headers=centre.login(wn),
        )
        assert r.status_code == 200, r.text
    _arrive(centre, "conv-a", caller="13900000001")
    _arrive(centre, "conv-b", caller="13900000002")
    assert centre.cc.live().queue(QUEUE).waiting == 2  # type: ignore[union-attr]
    for conv in ("conv-a", "conv-b"):
        centre.cc.handle(mc.CallerHungUp(conv, _now(), "queued"))
        centre.cc.handle(mc.ConversationEnded(conv, _now(), mc.EndedBy.CALLER))
    centre.settle()
    with centre.app.state.session_factory() as db:
        tasks = list(db.scalars(select(CallbackTask).order_by(CallbackTask.id)))
    assert [t.number for t in tasks] == ["13900000001", "13900000002"]
    assert all(t.status is CallbackStatus.OPEN for t in tasks)
    assert {t.assigned_agent_id for t in tasks} == {
        agent_row(centre.app, "1001").id,
        agent_row(centre.app, "1002").id,
    }
    assert _call(centre, "conv-a").disposition is CallDisposition.ABANDONED
    assert len(centre.events("callback_was_assigned")) == 2
    assert centre.cc.live().queue(QUEUE).abandoned == 2  # type: ignore[union-attr]


def test_given_an_offer_when_the_agent_rejects_then_they_go_not_ready_and_the_next_agent_rings(
    centre: Centre,
) -> None:
    _go_ready(centre, "1001")
    _go_ready(centre, "1002")
    _arrive(centre, "conv-r")
    first = centre.media.wait_for("offer_to_agent")[1]
    second = "1002" if first == "1001" else "1001"
    centre.cc.handle(mc.AgentDidNotAnswer("conv-r", first, mc.NoAnswerReason.REJECTED, 603))
    centre.settle()
    centre.media.wait_for("offer_to_agent", lambda a: a[1] == second)
    row = agent_row(centre.app, first)
    assert row.state is AgentState.NOT_READY and row.state_reason == "rejected"
    legs = _legs(centre, _call(centre, "conv-r").id)
    assert [leg.outcome for leg in legs] == ["rejected", None]


def test_given_a_ringing_offer_when_it_rings_out_then_the_offer_is_cancelled_and_the_agent_is_missed(
    centre: Centre,
) -> None:
    _go_ready(centre, "1001")
    _arrive(centre, "conv-t")
    centre.media.wait_for("offer_to_agent")
    centre.clock.advance(16)  # the queue rings for 15 s
    centre.media.wait_for("cancel_offer", lambda a: a[0] == "conv-t")
    wait_until(lambda: agent_row(centre.app, "1001").state_reason == "missed", what="missed")
    assert agent_row(centre.app, "1001").state is AgentState.NOT_READY
    centre.settle()
    assert centre.cc.live().queue(QUEUE).waiting == 1  # type: ignore[union-attr]


def test_given_a_blacklisted_caller_then_the_call_is_recorded_as_blocked(centre: Centre) -> None:
    centre.cc.handle(mc.InboundCallArrived("conv-x", "13900000666", HOTLINE, "sip-conv-x", _now()))
    centre.cc.handle(mc.BlockedCallerRejected("conv-x", "13900000666", HOTLINE, _now()))
    centre.cc.handle(mc.ConversationEnded("conv-x", _now(), mc.EndedBy.SYSTEM))
    centre.settle()
    call = _call(centre, "conv-x")
    assert call.disposition is CallDisposition.BLOCKED and call.ended_at is not None


def test_given_a_caller_choosing_voicemail_in_the_ivr_then_a_voicemail_row_and_event(centre: Centre) -> None:
    centre.cc.handle(mc.InboundCallArrived("conv-v", CALLER, HOTLINE, "sip-conv-v", _now()))
    centre.cc.handle(mc.VoicemailLeft("conv-v", CALLER, HOTLINE, QUEUE, "2026/05/06/conv-v.wav", 8.0))
    centre.cc.handle(mc.ConversationEnded("conv-v", _now(), mc.EndedBy.CALLER))
    centre.settle()
    with centre.app.state.session_factory() as db:
        vm = db.scalar(select(Voicemail))
        assert vm is not None and vm.caller_number == CALLER and vm.duration_seconds == 8.0
    assert _call(centre, "conv-v").disposition is CallDisposition.VOICEMAIL
    assert centre.events("voicemail_was_left")


def test_given_a_call_transferred_to_a_queue_then_the_next_agent_gets_it_and_the_chain_is_kept(
    centre: Centre,
) -> None:
    _go_ready(centre, "1001")
    _arrive(centre, "conv-q")
    _answer(centre, "conv-q", "1001")
    _go_ready(centre, "1002")
    target = mc.TransferTarget(mc.TransferTargetKind.QUEUE, QUEUE)
    # the agent's softphone REFERs: the worker declines it and asks; we carry it out …
    centre.cc.handle(mc.TransferRequested("conv-q", "1001", target))
    centre.settle()
    assert centre.media.wait_for("transfer") == ("conv-q", target)
    # … the worker drops the agent and hands the caller back to the ACD
    centre.cc.handle(mc.TransferRequested("conv-q", "1001", target))
    centre.settle()
    _answer(centre, "conv-q", "1002")
    assert agent_row(centre.app, "1001").state is AgentState.WRAP_UP
    assert agent_row(centre.app, "1002").state is AgentState.TALKING
    call = _call(centre, "conv-q")
    legs = _legs(centre, call.id)
    assert [leg.outcome for leg in legs] == ["transferred_blind", "answered"]
    assert legs[0].ended_at is not None and legs[1].ended_at is None
    assert call.agent_id == agent_row(centre.app, "1002").id


def test_given_a_leader_when_supervising_over_rest_then_the_media_plane_is_told_and_the_act_is_audited(
    centre: Centre,
) -> None:
    _go_ready(centre, "1001")
    _arrive(centre, "conv-s")
    _answer(centre, "conv-s", "1001")
    leader = centre.login("9001")
    r = centre.client.post("/api/v1/supervision", json={"agent": "1001", "mode": "whisper"}, headers=leader)
    assert r.status_code == 200, r.text
    assert centre.media.wait_for("supervise") == ("conv-s", "9001", SupervisionMode.WHISPER)
    with centre.app.state.session_factory() as db:
        entry = db.scalar(select(AuditEntry).where(AuditEntry.action == "supervision_started"))
        assert entry is not None and entry.details["mode"] == "whisper"
    centre.cc.handle(mc.SupervisorJoined("conv-s", "9001", SupervisionMode.WHISPER, _now()))
    centre.settle()
    assert centre.events("supervision_did_change")[-1].payload["mode"] == "whisper"
    agent = centre.login("1001")
    r = centre.client.post("/api/v1/supervision", json={"agent": "1001", "mode": "listen"}, headers=agent)
    assert r.status_code == 403


def test_given_nobody_talking_when_a_leader_asks_to_listen_then_a_clear_not_found(centre: Centre) -> None:
    leader = centre.login("9001")
    r = centre.client.post("/api/v1/supervision", json={"agent": "1001", "mode": "listen"}, headers=leader)
    assert r.status_code == 404 and r.json()["error_id"] == "no_conversation"


def test_given_an_agent_when_dialling_out_then_the_media_plane_dials_and_the_call_is_recorded_outbound(
    centre: Centre,
) -> None:
    headers = _go_ready(centre, "1001")
    r = centre.client.post("/api/v1/callcenter/outbound", json={"number": "13800138001"}, headers=headers)
    assert r.status_code == 201, r.text
    args = centre.media.wait_for("dial_outbound")
    assert args == ("1001", "13800138001")
    live = centre.cc.live().agent("1001")
    assert live is not None and live.state is AgentState.NOT_READY  # no hotline call rings during it
    assert agent_row(centre.app, "1001").state is AgentState.TALKING  # what the seat wall shows
    conv = next(c for c in centre.cc.live().calls if c.call_id == r.json()["call_id"])
    centre.cc.handle(mc.OutboundAnswered(conv.conversation_id, "1001", "13800138001", _now()))
    centre.cc.handle(mc.ConversationEnded(conv.conversation_id, _now(), mc.EndedBy.AGENT))
    centre.settle()
    with centre.app.state.session_factory() as db:
        call = db.get(Call, r.json()["call_id"])
        assert call is not None and call.direction.value == "outbound" and call.callee_number == "13800138001"
        assert call.answered_at is not None and call.ended_at is not None
    assert centre.cc.live().agent("1001").state is AgentState.READY  # type: ignore[union-attr]


def test_given_live_figures_when_read_over_rest_then_waiting_callers_show(centre: Centre) -> None:
    _arrive(centre, "conv-l")
    headers = centre.login("1001")
    r = centre.client.get("/api/v1/callcenter/queues", headers=headers)
    assert r.status_code == 200
    queue = next(q for q in r.json() if q["code"] == QUEUE)
    assert queue["waiting"] == 1 and queue["waiting_calls"][0]["caller_number"] == CALLER


def test_given_an_admin_edit_when_the_queue_changes_then_the_acd_follows(centre: Centre) -> None:
    from server_stub.db.models import Queue

    with centre.app.state.session_factory() as db:
        q = db.scalar(select(Queue).where(Queue.code == QUEUE))
        assert q is not None
        q.offer_timeout_seconds = 40
        db.commit()
    centre.cc.reload_config()
    centre.settle()
    assert centre.cc.call(lambda: centre.cc.engine.queue_config(QUEUE).offer_timeout_s) == 40.0


def test_given_a_talking_agent_when_transferring_to_a_queue_then_the_ticket_follows_to_the_next_agent(
    centre: Centre,
) -> None:
    headers = _go_ready(centre, "1001")
    _arrive(centre, "conv-tq")
    _answer(centre, "conv-tq", "1001")
    _go_ready(centre, "1002")
    r = centre.client.post(
        "/api/v1/callcenter/transfer",
        json={"kind": "queue", "value": QUEUE, "ticket": "20260506001"},
        headers=headers,
    )
    assert r.status_code == 200, r.text
    target = centre.media.wait_for("transfer")[1]
    assert target == mc.TransferTarget(mc.TransferTargetKind.QUEUE, QUEUE)
    centre.cc.handle(mc.TransferRequested("conv-tq", "1001", target))
    centre.settle()
    args = centre.media.wait_for("offer_to_agent", lambda a: a[1] == "1002")
    assert args[2]["X-Hotline-Ticket"] == "20260506001"
    bad = centre.client.post(
        "/api/v1/callcenter/transfer", json={"kind": "queue", "value": "NOPE"}, headers=headers
    )
    assert bad.status_code in (404, 409) and bad.json()["error_id"] in ("no_conversation", "unknown_queue")


def test_given_a_waiting_caller_then_queue_did_change_carries_the_live_waiting_count(centre: Centre) -> None:
    _arrive(centre, "conv-w")
    wait_until(
        lambda: any(e.payload["stats"]["waiting"] == 1 for e in centre.events("queue_did_change")),
        what="queue_did_change with one caller waiting",
    )
    event = next(e for e in centre.events("queue_did_change") if e.payload["stats"]["waiting"] == 1)
    assert event.payload["code"] == QUEUE and event.payload["stats"]["longest_wait_seconds"] is not None


def test_given_a_leader_forcing_an_agent_out_then_the_acd_no_longer_offers_them_calls(centre: Centre) -> None:
    _go_ready(centre, "1001")
    leader = centre.login("9001")
    agent_id = agent_row(centre.app, "1001").id
    r = centre.client.post(f"/api/v1/agents/{agent_id}/state", json={"state": "logged_out"}, headers=leader)
    assert r.status_code == 200, r.text
    centre.settle()
    assert centre.cc.live().agent("1001").state is AgentState.LOGGED_OUT  # type: ignore[union-attr]
    _arrive(centre, "conv-f")
    assert "offer_to_agent" not in centre.media.names()
    assert centre.cc.live().queue(QUEUE).waiting == 1  # type: ignore[union-attr]


def test_given_calls_open_when_the_server_stops_then_each_call_gets_its_end_written(centre: Centre) -> None:
    _arrive(centre, "conv-z")
    centre.cc.stop()
    call = _call(centre, "conv-z")
    assert call.ended_at is not None and call.disposition is None  # cut off, not abandoned


def test_given_a_callback_task_when_the_agent_calls_back_then_the_attempt_is_counted(centre: Centre) -> None:
    from server_stub.services import callbacks

    headers = _go_ready(centre, "1001")
    with centre.app.state.session_factory() as db:
        task, _ = callbacks.create_callback_task(db, number="13900000009")
        db.commit()
        task_id, assigned = task.id, task.assigned_agent_id
    assert assigned == agent_row(centre.app, "1001").id
    r = centre.client.post(
        "/api/v1/callcenter/outbound", json={"number": "13900000009", "callback_id": task_id}, headers=headers
    )
    assert r.status_code == 201, r.text
    with centre.app.state.session_factory() as db:
        row = db.get(CallbackTask, task_id)
        assert row is not None and row.status is CallbackStatus.IN_PROGRESS and row.attempts == 1
    other = centre.login("1002")
    r = centre.client.post(
        "/api/v1/callcenter/outbound", json={"number": "13900000009", "callback_id": task_id}, headers=other
    )
    assert r.status_code == 403 and r.json()["error_id"] == "not_your_callback"


def test_given_no_call_centre_running_when_asking_for_live_figures_then_a_stated_503(centre: Centre) -> None:
    headers = centre.login("9001")
    del centre.app.state.callcenter
    r = centre.client.get("/api/v1/callcenter/queues", headers=headers)
    assert r.status_code == 503 and r.json()["error_id"] == "call_path_off"


def test_given_a_consult_transfer_when_the_agent_completes_it_then_the_colleague_has_the_caller(
    centre: Centre,
) -> None:
    headers = _go_ready(centre, "1001")
    _arrive(centre, "conv-c")
    _answer(centre, "conv-c", "1001")
    _go_ready(centre, "1002")
    r = centre.client.post(
        "/api/v1/callcenter/transfer",
        json={"kind": "agent", "value": "1002", "consult": True},
        headers=headers,
    )
    assert r.status_code == 200, r.text
    target = mc.TransferTarget(mc.TransferTargetKind.AGENT, "1002")
    assert centre.media.wait_for("transfer") == ("conv-c", target)
    r = centre.client.post("/api/v1/callcenter/transfer/complete", headers=headers)
    assert r.status_code == 200, r.text
    centre.media.wait_for("complete_transfer")
    centre.cc.handle(mc.TransferCompleted("conv-c", "1001", target, _now()))
    centre.settle()
    assert agent_row(centre.app, "1002").state is AgentState.TALKING
    assert agent_row(centre.app, "1001").state is AgentState.WRAP_UP
    legs = _legs(centre, _call(centre, "conv-c").id)
    assert [leg.outcome for leg in legs] == ["transferred_consult", "answered"]
    again = centre.client.post("/api/v1/callcenter/transfer/cancel", headers=headers)
    assert again.status_code == 404 and again.json()["error_id"] == "no_consult_transfer"


def test_given_a_blind_transfer_to_a_colleague_when_it_fails_then_the_caller_goes_back_to_the_queue(
    centre: Centre,
) -> None:
    headers = _go_ready(centre, "1001")
    _arrive(centre, "conv-tf")
    _answer(centre, "conv-tf", "1001")
    r = centre.client.post(
        "/api/v1/callcenter/transfer", json={"kind": "agent", "value": "1003"}, headers=headers
    )
    assert r.status_code == 200, r.text
    _go_ready(centre, "1002")
    target = mc.TransferTarget(mc.TransferTargetKind.AGENT, "1003")
    centre.cc.handle(mc.AgentDidNotAnswer("conv-tf", "1003", mc.NoAnswerReason.UNREACHABLE, 480))
    centre.cc.handle(mc.TransferFailed("conv-tf", "1001", target, "unreachable (480)"))
    centre.settle()
    centre.media.wait_for("offer_to_agent", lambda a: a[0] == "conv-tf" and a[1] == "1002")
    assert agent_row(centre.app, "1001").state is AgentState.WRAP_UP
    legs = _legs(centre, _call(centre, "conv-tf").id)
    assert [leg.outcome for leg in legs] == ["transferred_blind", "missed", None]


def test_given_a_consult_transfer_when_the_colleague_does_not_answer_then_the_agent_keeps_the_caller(
    centre: Centre,
) -> None:
    headers = _go_ready(centre, "1001")
    _arrive(centre, "conv-cf")
    _answer(centre, "conv-cf", "1001")
    body = {"kind": "agent", "value": "1003", "consult": True}
    assert centre.client.post("/api/v1/callcenter/transfer", json=body, headers=headers).status_code == 200
    target = mc.TransferTarget(mc.TransferTargetKind.AGENT, "1003")
    centre.cc.handle(mc.TransferFailed("conv-cf", "1001", target, "no answer"))
    centre.settle()
    live = next(c for c in centre.cc.live().calls if c.conversation_id == "conv-cf")
    assert live.agent == "1001" and live.phase == "talking" and live.offered_to is None
    assert agent_row(centre.app, "1001").state is AgentState.TALKING
    legs = _legs(centre, _call(centre, "conv-cf").id)
    assert [leg.outcome for leg in legs] == ["answered", "failed"]


def test_given_a_ticket_when_transferring_to_a_colleague_then_the_ticket_and_call_record_ride_along(
    centre: Centre,
) -> None:
    headers = _go_ready(centre, "1001")
    _arrive(centre, "conv-tt")
    _answer(centre, "conv-tt", "1001")
    body = {"kind": "agent", "value": "1002", "ticket": "2026050600042"}
    r = centre.client.post("/api/v1/callcenter/transfer", json=body, headers=headers)
    assert r.status_code == 200, r.text
    target = mc.TransferTarget(mc.TransferTargetKind.AGENT, "1002")
    assert centre.media.wait_for("transfer") == ("conv-tt", target)
    call_id = _call(centre, "conv-tt").id
    assert centre.media.transfer_headers[-1] == {
        "X-Hotline-Ticket": "2026050600042",
        "X-Hotline-Call-Id": str(call_id),
    }


def test_given_a_softphone_refer_to_a_colleague_then_the_ticket_registered_earlier_rides_along(
    centre: Centre,
) -> None:
    _go_ready(centre, "1001")
    _arrive(centre, "conv-rt")
    _answer(centre, "conv-rt", "1001")
    # the ticket reached the server with an earlier (queue-less) request; then the softphone REFERs
    conv = centre.cc.conversation_of_call(_call(centre, "conv-rt").id)
    assert conv is not None
    centre.cc.call(lambda: setattr(conv, "ticket", "T-9"))
    target = mc.TransferTarget(mc.TransferTargetKind.AGENT, "1002")
    centre.cc.handle(mc.TransferRequested("conv-rt", "1001", target))
    centre.settle()
    assert centre.media.wait_for("transfer") == ("conv-rt", target)
    assert centre.media.transfer_headers[-1]["X-Hotline-Ticket"] == "T-9"


def test_given_a_talking_agent_when_the_softphone_holds_and_resumes_then_the_seat_shows_hold_and_it_counts(
    centre: Centre,
) -> None:
    _go_ready(centre, "1001")
    _arrive(centre, "conv-h")
    _answer(centre, "conv-h", "1001")
    held_at = _now()
    centre.cc.handle(mc.CallerHeld("conv-h", "1001", held_at))
    centre.settle()
    assert agent_row(centre.app, "1001").state is AgentState.HOLD
    live = next(a for a in centre.cc.live().agents if a.work_number == "1001")
    assert live.state == AgentState.HOLD
    centre.cc.handle(mc.CallerResumed("conv-h", "1001", held_at + timedelta(seconds=12)))
    centre.settle()
    assert agent_row(centre.app, "1001").state is AgentState.TALKING
    # a second, shorter hold that the caller's hang-up ends
    centre.cc.handle(mc.CallerHeld("conv-h", "1001", held_at + timedelta(seconds=20)))
    centre.cc.handle(mc.CallerHungUp("conv-h", held_at + timedelta(seconds=23), "talking"))
    centre.cc.handle(mc.ConversationEnded("conv-h", held_at + timedelta(seconds=23), mc.EndedBy.CALLER))
    centre.settle()
    call = _call(centre, "conv-h")
    assert call.hold_seconds == 15
    states = [
        e.payload["state"]
        for e in centre.events("agent_state_did_change")
        if e.payload.get("work_number") == "1001"
    ]
    assert states[-4:] == ["hold", "talking", "hold", "wrap_up"]
    held = [e for e in centre.events("agent_state_did_change") if e.payload["state"] == "hold"]
    assert held and held[0].payload.get("call_id") == call.id
