"""A deterministic, in-memory stand-in for the central server implementing
:class:`shared.client.supervisor_api.SupervisorApi`: N busy seats, three queues, tickets with lights,
reports, recordings (a generated WAV), QA. Widget tests use it as the "other side"; ``--demo`` mode and
the screenshots use it with 200 seats.

Threading contract: every method may be called from worker threads; one lock guards the state.
Subscribers to :meth:`publish` are called on the publishing thread.
"""

from __future__ import annotations

import itertools
import math
import random
import struct
import threading
import wave
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from shared.client.errors import ApiClientError, ClientErrorId
from shared.client.models import LoginResponse
from shared.client.supervisor_api import SupervisionAck
from shared.protocol.enums import (
    AgentState,
    ExtensionDecision,
    QueueStrategy,
    Role,
    SlaLight,
    SupervisionMode,
    TicketStatus,
    TicketType,
)
from shared.protocol.events import AgentStateDidChange, EventEnvelope, EventType, Snapshot, SnapshotAgent
from shared.protocol.schemas.agents import AgentOut, ReasonOut, SipCredentials, StateLogEntry
from shared.protocol.schemas.audit import AuditEntryOut
from shared.protocol.schemas.blacklist import BlacklistCreate, BlacklistOut
from shared.protocol.schemas.calls import CallParticipant, CallParticipantRole
from shared.protocol.schemas.conference import (
    ConferenceDidChange,
    ConferenceParty,
    ConferencePartyKind,
    ConferencePartyState,
)
from shared.protocol.schemas.departments import DepartmentOut
from shared.protocol.schemas.live import LiveConversation, LiveOverview
from shared.protocol.schemas.notices import MessageOut, NoticeCreate, NoticeOut
from shared.protocol.schemas.quality import (
    AgentScoreStats,
    CriterionOut,
    EvaluationIn,
    EvaluationOut,
    QaFormOut,
)
from shared.protocol.schemas.queues import QueueOut, QueueStats
from shared.protocol.schemas.recordings import RecordingOut
from shared.protocol.schemas.reports import (
    AgentCallRow,
    AgentReport,
    AgentReportRow,
    Bucket,
    CallVolumeReport,
    CallVolumeRow,
    FrequentCaller,
    FrequentCallersReport,
    LiveQueueFigures,
    TicketCountRow,
    TicketGrouping,
    TicketReport,
    WaitingCall,
    WallboardPoint,
    WallboardSeries,
)
from shared.protocol.schemas.tickets import (
    DepartmentOverdue,
    ExtensionDecisionRequest,
    OverdueSummary,
    TicketActionRequest,
    TicketDetail,
    TicketExtensionOut,
    TicketOut,
    TicketPage,
)

PASSWORD = "demo-pass"
LEADER_WORK_NUMBER = "9001"

_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
)
_GIVEN = [
    "芳",
    "伟",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀英",
    "霞",
    "平",
    "刚",
    "桂英",
    "晓东",
    "文博",
    "雪梅",
    "海燕",
    "建华",
    "玉兰",
    "志强",
    "丹",
]
TEAMS = ["市民一组", "市民二组", "市民三组", "公积金组", "消费维权组"]
_QUEUES = [("citizen", "市民热线", "12345"), ("gjj", "公积金", "12329"), ("consumer", "消费维权", "12315")]
_REASONS = [
    ("break", "小休", "Break"),
    ("meal", "就餐", "Meal"),
    ("training", "培训", "Training"),
    ("meeting", "开会", "Meeting"),
]
_DEPARTMENTS = ["住建局", "人社局", "市场监管局", "交通局", "城管局", "生态环境局", "教育局", "卫健委"]
# weights tuned to look like a busy mid-morning: most seats on calls
_STATE_WEIGHTS = [
    (AgentState.TALKING, 46),
    (AgentState.READY, 14),
    (AgentState.NOT_READY, 12),
    (AgentState.WRAP_UP, 12),
    (AgentState.HOLD, 5),
    (AgentState.RESERVED, 3),
    (AgentState.LOGGED_OUT, 8),
]
_BUSY = (AgentState.TALKING, AgentState.HOLD, AgentState.RESERVED, AgentState.WRAP_UP)


def _pick_state(rng: random.Random) -> AgentState:
    states, weights = zip(*_STATE_WEIGHTS, strict=True)
    return rng.choices(states, weights=weights)[0]


class FakeSupervisorServer:
    """In-memory server. ``seats`` busy agents, deterministic for a given ``seed`` and ``now``."""

    def __init__(self, *, seats: int = 200, seed: int = 7, now: datetime | None = None) -> None:
        self._lock = threading.RLock()
        self._rng = random.Random(seed)
        self._now = now or datetime.now(UTC)
        self._seq = itertools.count(1)
        self._ids = itertools.count(1000)
        self._subscribers: list[Callable[[EventEnvelope], None]] = []
        self.token: str | None = None
        self.calls: list[tuple[str, Any]] = []  # every mutating request, for tests to assert on
        self.supervision_available = True
        self.call_path_running = False  # GET /callcenter/{queues,live} answer only while the call path runs
        self.leader_dials = False  # the real server calls the leader's softphone; True: the leader dials
        self.rooms: dict[int, ConferenceDidChange] = {}  # running rooms by call id, for GET /callcenter/live
        self.live_requests = 0
        #: when set, ``live`` reads the rooms at once but answers only once the gate opens (a slow GET)
        self.live_gate: threading.Event | None = None
        self.seats: dict[int, dict[str, Any]] = {}
        rng = self._rng
        for i in range(seats):
            agent_id = i + 1
            state = _pick_state(rng)
            seat: dict[str, Any] = {
                "agent_id": agent_id,
                "work_number": str(1001 + i),
                "name": rng.choice(_SURNAMES) + rng.choice(_GIVEN),
                "team": TEAMS[i % len(TEAMS)],
                "skills": {"gjj": 4}
                if i % len(TEAMS) == 3
                else ({"consumer": 3} if i % len(TEAMS) == 4 else {"citizen": 3}),
                "state": state,
                "reason": rng.choice(_REASONS)[0] if state is AgentState.NOT_READY else None,
                "since": self._now - timedelta(seconds=rng.randint(5, 1500)),
                "caller_number": None,
                "queue_code": None,
            }
            if state in (AgentState.TALKING, AgentState.HOLD, AgentState.RESERVED):
                seat["caller_number"] = f"1{rng.choice('3589')}{rng.randint(100000000, 999999999)}"
                seat["queue_code"] = {3: "gjj", 4: "consumer"}.get(i % len(TEAMS), "citizen")
            self.seats[agent_id] = seat
        self.leader = AgentOut(
            id=9001,
            work_number=LEADER_WORK_NUMBER,
            name="值班长 赵敏",
            role=Role.LEADER,
            team=None,
            active=True,
            state=AgentState.READY,
            state_since=self._now,
        )
        self.notice_list: list[NoticeOut] = [
            NoticeOut(
                id=1,
                title="暴雨停水通知",
                body="今日 14:00–18:00 东城区部分区域停水，请耐心解答。",
                hotline_number=None,
                play_in_ivr=True,
                published_at=self._now - timedelta(hours=2),
                published_by_id=9001,
            )
        ]
        self.blacklist_entries: list[BlacklistOut] = [
            BlacklistOut(
                id=1,
                number="13000000001",
                reason="恶意骚扰，辱骂坐席",
                created_at=self._now - timedelta(days=3),
                expires_at=self._now + timedelta(days=27),
                created_by_id=9001,
            ),
        ]
        self.messages: list[MessageOut] = []
        self.audit_log: list[AuditEntryOut] = []
        self.departments_list = [
            DepartmentOut(id=i + 1, code=f"d{i + 1}", name=name, active=True)
            for i, name in enumerate(_DEPARTMENTS)
        ]
        self.ticket_list = [self._make_ticket(i) for i in range(60)]
        self.evaluations_list: list[EvaluationOut] = []
        self.form = QaFormOut(
            id=1,
            name="通话质检表",
            active=True,
            created_at=self._now - timedelta(days=30),
            criteria=[
                CriterionOut(id=1, name="礼貌用语", weight=20, max_score=10, sort_order=0),
                CriterionOut(id=2, name="问题理解", weight=30, max_score=10, sort_order=1),
                CriterionOut(id=3, name="答复准确", weight=40, max_score=10, sort_order=2),
                CriterionOut(id=4, name="工单规范", weight=10, max_score=10, sort_order=3),
            ],
        )
        self.recording_list = [
            RecordingOut(
                id=i + 1,
                call_id=5000 + i,
                agent_id=(i % seats) + 1,
                kind="mix",
                started_at=self._now - timedelta(minutes=17 * (i + 1)),
                duration_seconds=6.0,
                size_bytes=96_044,
                sample_rate=8000,
            )
            for i in range(25)
        ]

    # ---- plumbing -------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return "demo://fake"

    def now(self) -> datetime:
        return self._now

    def subscribe(self, fn: Callable[[EventEnvelope], None]) -> None:
        with self._lock:
            self._subscribers.append(fn)

    def publish(self, event_type: EventType, payload: dict[str, Any]) -> EventEnvelope:
        envelope = EventEnvelope(seq=next(self._seq), type=event_type, at=datetime.now(UTC), payload=payload)
        for fn in list(self._subscribers):
            fn(envelope)
        return envelope

    def _require(self) -> None:
        if self.token is None:
            raise ApiClientError("Sign in first.", error_id=ClientErrorId.NOT_AUTHENTICATED, status=401)

    def _record(self, action: str, target: Any, details: dict[str, Any] | None = None) -> None:
        self.calls.append((action, target))
        self.audit_log.append(
            AuditEntryOut(
                id=len(self.audit_log) + 1,
                at=datetime.now(UTC),
                actor_id=self.leader.id,
                action=action,
                target_type="agent",
                target_id=str(target),
                details=details or {},
            )
        )

    # ---- session --------------------------------------------------------------------------------

    def login(self, work_number: str, password: str) -> LoginResponse:
        seat = next((s for s in self.seats.values() if s["work_number"] == work_number), None)
        if seat is not None and password == PASSWORD:  # an agent may sign in; the console must refuse them
            self.token = "fake-agent-token"
            agent = AgentOut(
                id=seat["agent_id"],
                work_number=work_number,
                name=seat["name"],
                role=Role.AGENT,
                active=True,
                state=seat["state"],
                state_since=seat["since"],
            )
            return LoginResponse(token=self.token, expires_at=self._now + timedelta(hours=12), agent=agent)
        if work_number != LEADER_WORK_NUMBER or password != PASSWORD:
            raise ApiClientError(
                "Wrong work number or password.", error_id=ClientErrorId.NOT_AUTHENTICATED, status=401
            )
        self.token = "fake-token"
        return LoginResponse(token=self.token, expires_at=self._now + timedelta(hours=12), agent=self.leader)

    def logout(self) -> None:
        self.token = None

    def not_ready_reasons(self) -> list[ReasonOut]:
        return [
            ReasonOut(code=c, label_zh=zh, label_en=en, sort_order=i)
            for i, (c, zh, en) in enumerate(_REASONS)
        ]

    def departments(self) -> list[DepartmentOut]:
        return list(self.departments_list)

    def notices(self) -> list[NoticeOut]:
        with self._lock:
            return [n for n in self.notice_list if n.withdrawn_at is None]

    # ---- seats and queues -----------------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        self._require()
        with self._lock:
            agents = [
                SnapshotAgent(
                    agent_id=s["agent_id"],
                    work_number=s["work_number"],
                    name=s["name"],
                    role="agent",
                    team=s["team"],
                    skills=dict(s["skills"]),
                    state=s["state"],
                    reason=s["reason"],
                    since=s["since"],
                    connected=s["state"] is not AgentState.LOGGED_OUT,
                )
                for s in self.seats.values()
            ]
            return Snapshot(
                seq=0,
                agents=agents,
                queues=[q.model_dump(mode="json") for q in self.queues()],
                notices=[],
                knowledge_version=1,
            )

    def sip_credentials(self) -> SipCredentials:
        self._require()
        return SipCredentials(username=LEADER_WORK_NUMBER, password="leader-sip-secret")

    def state_payload(self, agent_id: int, *, forced_by: str | None = None) -> dict[str, Any]:
        s = self.seats[agent_id]
        return AgentStateDidChange(
            agent_id=agent_id,
            work_number=s["work_number"],
            name=s["name"],
            state=s["state"],
            reason=s["reason"],
            since=s["since"],
            forced_by=forced_by,
            caller_number=s["caller_number"],
            queue_code=s["queue_code"],
        ).model_dump(mode="json")

    def busy_seat_events(self) -> list[dict[str, Any]]:
        """What the live socket would have said about seats already on a call (caller and queue)."""
        with self._lock:
            return [self.state_payload(a) for a, s in self.seats.items() if s["caller_number"]]

    def set_seat_state(
        self,
        agent_id: int,
        state: AgentState,
        *,
        reason: str | None = None,
        caller: str | None = None,
        queue_code: str | None = None,
        at: datetime | None = None,
        forced_by: str | None = None,
    ) -> EventEnvelope:
        with self._lock:
            s = self.seats[agent_id]
            s.update(
                state=state,
                reason=reason,
                since=at or datetime.now(UTC),
                caller_number=caller,
                queue_code=queue_code,
            )
            payload = self.state_payload(agent_id, forced_by=forced_by)
        return self.publish(EventType.AGENT_STATE_DID_CHANGE, payload)

    def publish_conference(
        self,
        call_id: int,
        *,
        owner: int,
        caller: str,
        invited: list[tuple[int | str, ConferencePartyState]],
        ended: bool = False,
        max_parties: int = 8,
    ) -> EventEnvelope:
        """A ``conference_did_change`` as the call centre sends it (the whole room): the caller, the owner
        seat ``owner`` and the invited parties in order — a seat (agent id) or a number (str)."""
        with self._lock:
            joined_or_left = ConferencePartyState.LEFT if ended else ConferencePartyState.JOINED
            owner_seat = self.seats[owner]
            parties = [
                ConferenceParty(
                    party_id="caller",
                    kind=ConferencePartyKind.CALLER,
                    value=caller,
                    display=caller,
                    state=joined_or_left,
                ),
                ConferenceParty(
                    party_id=f"agent:{owner_seat['work_number']}",
                    kind=ConferencePartyKind.AGENT,
                    value=owner_seat["work_number"],
                    display=owner_seat["name"],
                    state=joined_or_left,
                ),
            ]
            for n, (who, state) in enumerate(invited, start=1):
                if isinstance(who, int):
                    seat = self.seats[who]
                    kind, value, display = ConferencePartyKind.AGENT, seat["work_number"], seat["name"]
                else:
                    kind, value, display = ConferencePartyKind.NUMBER, who, who
                if ended and state is not ConferencePartyState.FAILED:
                    state = ConferencePartyState.LEFT
                parties.append(
                    ConferenceParty(party_id=f"p{n}", kind=kind, value=value, display=display, state=state)
                )
            room = ConferenceDidChange(
                call_id=call_id,
                owner=owner_seat["work_number"],
                max_parties=max_parties,
                parties=parties,
                ended=ended,
            )
            if ended:
                self.rooms.pop(call_id, None)
            else:
                self.rooms[call_id] = room
            payload = room.model_dump(mode="json")
        return self.publish(EventType.CONFERENCE_DID_CHANGE, payload)

    def publish_snapshot(self) -> EventEnvelope:
        """The stream's resync: a ``snapshot`` envelope, as the server sends when it cannot replay."""
        return self.publish(EventType.SNAPSHOT, self.snapshot().model_dump(mode="json"))

    def live(self) -> LiveOverview:
        """``GET /callcenter/live``: the running rooms and the seats' other calls; 503 ``call_path_off``
        without the call path, as the real server."""
        self._require()
        with self._lock:
            self.live_requests += 1
            if not self.call_path_running:
                raise ApiClientError(
                    "The call centre is not running on this server (started without the call path).",
                    error_id=ClientErrorId.SERVER_ERROR,
                    status=503,
                    server_error_id="call_path_off",
                )
            in_rooms = {room.owner for room in self.rooms.values()}
            calls = [
                LiveConversation(
                    call_id=room.call_id,
                    conversation_id=f"conv-{room.call_id}",
                    caller_number=next(
                        (p.value for p in room.parties if p.kind is ConferencePartyKind.CALLER), ""
                    ),
                    agent=room.owner,
                    phase="talking",
                    conference=list(room.parties),
                    conference_owner=room.owner,
                )
                for room in self.rooms.values()
            ]
            calls.extend(
                LiveConversation(
                    call_id=10_000 + agent_id,
                    conversation_id=f"conv-seat-{agent_id}",
                    caller_number=seat["caller_number"],
                    agent=seat["work_number"],
                    phase="talking",
                )
                for agent_id, seat in self.seats.items()
                if seat["caller_number"] and seat["work_number"] not in in_rooms
            )
            overview = LiveOverview(at=datetime.now(UTC), calls=calls)
            gate = self.live_gate
        if gate is not None and not gate.wait(30):
            raise ApiClientError("The server did not answer in time.", error_id=ClientErrorId.UNREACHABLE)
        return overview

    def random_change(self) -> EventEnvelope:
        """One plausible state change on a random seat (demo animation and benchmarks)."""
        with self._lock:
            agent_id = self._rng.randint(1, len(self.seats))
            state = _pick_state(self._rng)
            caller = f"13{self._rng.randint(100000000, 999999999)}" if state in _BUSY[:3] else None
            reason = self._rng.choice(_REASONS)[0] if state is AgentState.NOT_READY else None
        return self.set_seat_state(
            agent_id, state, reason=reason, caller=caller, queue_code="citizen" if caller else None
        )

    def queues(self) -> list[QueueOut]:
        self._require()
        figures = [(7, 95, 412, 371, 23, 86.5), (2, 41, 120, 112, 5, 92.0), (11, 204, 233, 188, 31, 61.2)]
        out = []
        for i, ((code, name, number), (waiting, longest, offered, answered, abandoned, sl)) in enumerate(
            zip(_QUEUES, figures, strict=True)
        ):
            ready = sum(
                1 for s in self.seats.values() if s["state"] is AgentState.READY and code in s["skills"]
            )
            signed = sum(
                1
                for s in self.seats.values()
                if s["state"] is not AgentState.LOGGED_OUT and code in s["skills"]
            )
            out.append(
                QueueOut(
                    id=i + 1,
                    code=code,
                    name=name,
                    hotline_number=number,
                    strategy=QueueStrategy.LONGEST_IDLE,
                    required_skills={},
                    priority_rules={"vip": 100, "elderly": 50},
                    wrap_up_seconds=30,
                    service_level_seconds=20,
                    max_wait_seconds=180,
                    overflow_to_voicemail=False,
                    announce_every_seconds=30,
                    offer_timeout_seconds=15,
                    opening_hours={},
                    active=True,
                    stats=QueueStats(
                        waiting=waiting,
                        longest_wait_seconds=longest,
                        agents_ready=ready,
                        agents_signed_in=signed,
                        offered_today=offered,
                        answered_today=answered,
                        abandoned_today=abandoned,
                        service_level_percent=sl,
                    ),
                )
            )
        return out

    def force_state(self, agent_id: int, state: AgentState, reason: str | None = None) -> AgentOut:
        self._require()
        if agent_id not in self.seats:
            raise ApiClientError(
                f"No agent with id {agent_id}.", error_id=ClientErrorId.NOT_FOUND, status=404
            )
        if state is AgentState.NOT_READY and not reason:
            raise ApiClientError("Choose a reason.", error_id=ClientErrorId.INVALID_INPUT, status=422)
        self._record("agent_state_forced", agent_id, {"to": state.value, "reason": reason})
        self.set_seat_state(agent_id, state, reason=reason, forced_by=self.leader.name)
        s = self.seats[agent_id]
        return AgentOut(
            id=agent_id,
            work_number=s["work_number"],
            name=s["name"],
            role=Role.AGENT,
            active=True,
            state=state,
            state_reason=reason,
            state_since=s["since"],
        )

    def send_message(self, to_agent_id: int | None, text: str) -> MessageOut:
        self._require()
        message = MessageOut(
            id=len(self.messages) + 1,
            from_id=self.leader.id,
            to_agent_id=to_agent_id,
            text=text,
            sent_at=datetime.now(UTC),
        )
        self.messages.append(message)
        self.calls.append(("message_sent", to_agent_id))
        return message

    def publish_notice(self, notice: NoticeCreate) -> NoticeOut:
        self._require()
        with self._lock:
            out = NoticeOut(
                id=next(self._ids),
                published_at=datetime.now(UTC),
                published_by_id=self.leader.id,
                **notice.model_dump(),
            )
            self.notice_list.append(out)
        self.calls.append(("notice_published", out.id))
        return out

    def withdraw_notice(self, notice_id: int) -> NoticeOut:
        with self._lock:
            for i, n in enumerate(self.notice_list):
                if n.id == notice_id:
                    self.notice_list[i] = n.model_copy(update={"withdrawn_at": datetime.now(UTC)})
                    self.calls.append(("notice_withdrawn", notice_id))
                    return self.notice_list[i]
        raise ApiClientError("No such notice.", error_id=ClientErrorId.NOT_FOUND, status=404)

    def blacklist(self) -> list[BlacklistOut]:
        with self._lock:
            return [b for b in self.blacklist_entries if b.removed_at is None]

    def block_number(self, entry: BlacklistCreate) -> BlacklistOut:
        with self._lock:
            if any(b.number == entry.number and b.removed_at is None for b in self.blacklist_entries):
                raise ApiClientError(
                    f"{entry.number} is already blocked.", error_id=ClientErrorId.CONFLICT, status=409
                )
            out = BlacklistOut(
                id=next(self._ids),
                created_at=datetime.now(UTC),
                created_by_id=self.leader.id,
                **entry.model_dump(),
            )
            self.blacklist_entries.append(out)
        self.calls.append(("number_blocked", entry.number))
        return out

    def lift_block(self, entry_id: int) -> BlacklistOut:
        with self._lock:
            for i, b in enumerate(self.blacklist_entries):
                if b.id == entry_id:
                    self.blacklist_entries[i] = b.model_copy(update={"removed_at": datetime.now(UTC)})
                    self.calls.append(("block_lifted", entry_id))
                    return self.blacklist_entries[i]
        raise ApiClientError("No such entry.", error_id=ClientErrorId.NOT_FOUND, status=404)

    # ---- tickets --------------------------------------------------------------------------------

    def _make_ticket(self, i: int) -> TicketDetail:
        rng = self._rng
        dept = self.departments_list[i % len(self.departments_list)]
        age = timedelta(days=rng.choice([0.5, 1, 2, 4, 6, 8, 10]))
        created = self._now - age
        light: SlaLight | None = (
            SlaLight.GREEN if age.days <= 3 else (SlaLight.YELLOW if age.days <= 7 else SlaLight.RED)
        )
        status = [TicketStatus.DISPATCHED, TicketStatus.ACCEPTED, TicketStatus.PROCESSING, TicketStatus.DONE][
            i % 4
        ]
        if status is TicketStatus.DONE:
            light = None
        extensions = []
        if i % 9 == 2:
            extensions.append(
                TicketExtensionOut(
                    id=i,
                    requested_at=self._now - timedelta(hours=3),
                    requested_by=f"{dept.name} 经办人",
                    reason="需现场勘查",
                    requested_deadline=self._now + timedelta(days=5),
                    decision=ExtensionDecision.PENDING,
                )
            )
        kinds = list(TicketType)
        return TicketDetail(
            id=i + 1,
            serial=f"2026{11210000 + i:08d}",
            type=kinds[i % len(kinds)],
            status=status,
            title=["小区停水", "噪音扰民", "公积金提取进度", "商品质量投诉", "道路破损", "供暖不热"][i % 6],
            content="市民来电反映相关问题，请尽快处理。",
            caller_number=f"139{10000000 + i * 7919:08d}",
            department_id=dept.id,
            department_name=dept.name,
            created_at=created,
            updated_at=created,
            deadline=created + timedelta(days=7),
            revision=1,
            sla_light=light,
            return_count=1 if i % 11 == 5 else 0,
            extensions=extensions,
            has_pending_extension=bool(extensions),
            allowed_actions=["dispatch", "remark"]
            + (["visit", "close"] if status is TicketStatus.DONE else []),
        )

    def tickets(self, **filters: Any) -> TicketPage:
        self._require()
        with self._lock:
            rows = list(self.ticket_list)
        if filters.get("light"):
            rows = [t for t in rows if t.sla_light == SlaLight(filters["light"])]
        if filters.get("department_id"):
            rows = [t for t in rows if t.department_id == filters["department_id"]]
        if filters.get("agent_id"):
            rows = [t for t in rows if (t.id % max(1, len(self.seats))) + 1 == filters["agent_id"]]
        if filters.get("status"):
            wanted = {TicketStatus(s) for s in filters["status"]}
            rows = [t for t in rows if t.status in wanted]
        if filters.get("pending_extension") is not None:
            rows = [t for t in rows if t.has_pending_extension is bool(filters["pending_extension"])]
        return TicketPage(items=list[TicketOut](rows), total=len(rows), offset=0, limit=100)

    def overdue(self) -> OverdueSummary:
        by_dept: dict[int, DepartmentOverdue] = {}
        for t in self.ticket_list:
            if t.sla_light is None or t.department_id is None:
                continue
            row = by_dept.setdefault(
                t.department_id,
                DepartmentOverdue(department_id=t.department_id, department_name=t.department_name),
            )
            setattr(row, t.sla_light.value, getattr(row, t.sla_light.value) + 1)
            row.open_total += 1
        rows = sorted(by_dept.values(), key=lambda r: (-r.red, -r.yellow, r.department_name or ""))
        return OverdueSummary(at=self._now, departments=rows)

    def ticket(self, serial: str) -> TicketDetail:
        for t in self.ticket_list:
            if t.serial == serial:
                return t
        raise ApiClientError(f"No ticket {serial}.", error_id=ClientErrorId.NOT_FOUND, status=404)

    def _replace(self, ticket: TicketDetail, **update: Any) -> TicketDetail:
        new = ticket.model_copy(update={**update, "revision": ticket.revision + 1})
        with self._lock:
            self.ticket_list = [new if t.id == ticket.id else t for t in self.ticket_list]
        return new

    def ticket_action(self, serial: str, action: TicketActionRequest) -> TicketDetail:
        ticket = self.ticket(serial)
        self.calls.append(("ticket_" + action.action, serial))
        if action.action == "dispatch":
            dept = next((d for d in self.departments_list if d.id == action.department_id), None)
            if dept is None:
                raise ApiClientError("Choose a department.", error_id=ClientErrorId.INVALID_INPUT, status=422)
            return self._replace(
                ticket, department_id=dept.id, department_name=dept.name, status=TicketStatus.DISPATCHED
            )
        if action.action == "visit":
            return self._replace(ticket, status=TicketStatus.VISITED, satisfaction=action.satisfaction)
        if action.action == "reopen":
            return self._replace(ticket, status=TicketStatus.PROCESSING, return_count=ticket.return_count + 1)
        return self._replace(ticket)

    def decide_extension(
        self, serial: str, extension_id: int, decision: ExtensionDecisionRequest
    ) -> TicketDetail:
        ticket = self.ticket(serial)
        self.calls.append(("extension_" + decision.decision.value, serial))
        extensions = [
            e.model_copy(update={"decision": decision.decision, "decided_at": datetime.now(UTC)})
            if e.id == extension_id
            else e
            for e in ticket.extensions
        ]
        deadline = ticket.deadline
        if decision.decision is ExtensionDecision.APPROVED:
            deadline = next(e.requested_deadline for e in ticket.extensions if e.id == extension_id)
        pending = any(e.decision is ExtensionDecision.PENDING for e in extensions)
        return self._replace(ticket, extensions=extensions, deadline=deadline, has_pending_extension=pending)

    # ---- agent's day and reports ----------------------------------------------------------------

    def state_log(self, agent_id: int, since: datetime) -> list[StateLogEntry]:
        rng = random.Random(agent_id)
        at = (self._now + timedelta(hours=8)).replace(hour=8, minute=30, second=0, microsecond=0) - timedelta(
            hours=8
        )
        if at > self._now:  # before 08:30 at the centre: show yesterday's shift
            at -= timedelta(days=1)
        out: list[StateLogEntry] = []
        cycle = [AgentState.READY, AgentState.TALKING, AgentState.WRAP_UP]
        i = 0
        while at < self._now:
            state = AgentState.NOT_READY if rng.random() < 0.1 else cycle[i % 3]
            length = timedelta(seconds=rng.randint(60, 600))
            out.append(
                StateLogEntry(
                    id=len(out) + 1,
                    agent_id=agent_id,
                    state=state,
                    reason="break" if state is AgentState.NOT_READY else None,
                    started_at=at,
                    ended_at=min(self._now, at + length),
                )
            )
            at += length
            i += 1
        return out

    def agent_calls(self, agent_id: int, since: datetime, until: datetime) -> list[AgentCallRow]:
        rng = random.Random(agent_id * 31)
        rows = []
        for i in range(12):
            at = self._now - timedelta(minutes=25 * (i + 1))
            talk = rng.randint(40, 400)
            rows.append(
                AgentCallRow(
                    id=agent_id * 100 + i,
                    caller_number=f"138{rng.randint(10000000, 99999999)}",
                    queue_code="citizen",
                    arrived_at=at,
                    answered_at=at + timedelta(seconds=8),
                    ended_at=at + timedelta(seconds=8 + talk),
                    disposition="answered",
                    talk_seconds=talk,
                )
            )
        # the fourth call of the day: a colleague's caller whose conference this agent joined
        colleague = self.seats[agent_id % len(self.seats) + 1]
        seat = self.seats.get(agent_id)
        rows[3] = rows[3].model_copy(
            update={
                "joined_conference": True,
                "talk_seconds": 95,
                "participants": [
                    CallParticipant(
                        role=CallParticipantRole.OWNER,
                        agent_id=colleague["agent_id"],
                        number=colleague["work_number"],
                        name=colleague["name"],
                    ),
                    CallParticipant(
                        role=CallParticipantRole.CONFERENCE,
                        agent_id=agent_id,
                        number=seat["work_number"] if seat else None,
                        name=seat["name"] if seat else str(agent_id),
                    ),
                ],
            }
        )
        return rows

    def call_volume(
        self, since: datetime, until: datetime, bucket: Bucket, by_queue: bool = False
    ) -> CallVolumeReport:
        step = timedelta(hours=1) if bucket is Bucket.HOUR else timedelta(days=1)
        rows = []
        at = since
        k = 0
        while at < until and k < 400:
            hour = (at + timedelta(hours=8)).hour
            base = (
                40 + int(35 * math.sin(math.pi * max(0, hour - 7) / 12))
                if bucket is Bucket.HOUR
                else 900 + 37 * k
            )
            for code, _name, _number in _QUEUES if by_queue else [(None, "", "")]:
                scale = {"citizen": 0.6, "gjj": 0.25, "consumer": 0.15}.get(code or "", 1.0)
                offered = int(base * scale)
                answered = int(offered * 0.9)
                rows.append(
                    CallVolumeRow(
                        bucket_start=at,
                        queue_code=code,
                        offered=offered,
                        answered=answered,
                        abandoned=offered - answered,
                        answered_within_sl=int(answered * 0.85),
                    )
                )
            at += step
            k += 1
        return CallVolumeReport(since=since, until=until, bucket=bucket, by_queue=by_queue, rows=rows)

    def agent_report(self, since: datetime, until: datetime) -> AgentReport:
        rows = []
        for s in list(self.seats.values())[:40]:
            rng = random.Random(s["agent_id"])
            rows.append(
                AgentReportRow(
                    agent_id=s["agent_id"],
                    work_number=s["work_number"],
                    name=s["name"],
                    team=s["team"],
                    calls_answered=rng.randint(20, 70),
                    talk_seconds=rng.randint(5000, 16000),
                    hold_seconds=rng.randint(100, 900),
                    wrap_up_seconds=rng.randint(600, 3000),
                    ready_seconds=rng.randint(2000, 6000),
                    not_ready_seconds=1800,
                    not_ready_by_reason={"break": 1200, "meal": 600},
                    transfers=rng.randint(0, 6),
                    conferences_joined=(joined := rng.randint(0, 3)),
                    conference_talk_seconds=joined * rng.randint(60, 300),
                )
            )
        return AgentReport(since=since, until=until, rows=rows)

    def frequent_callers(self, since: datetime, until: datetime, min_calls: int = 3) -> FrequentCallersReport:
        rows = [
            FrequentCaller(
                caller_number=f"1390000{i:04d}",
                calls=30 - i,
                first_call=since,
                last_call=until - timedelta(hours=i),
                tickets=i % 4,
            )
            for i in range(15)
        ]
        return FrequentCallersReport(since=since, until=until, min_calls=min_calls, rows=rows)

    def ticket_report(self, since: datetime, until: datetime, grouping: TicketGrouping) -> TicketReport:
        if grouping is TicketGrouping.TYPE:
            keys = [(t.value, t.value) for t in TicketType]
        elif grouping is TicketGrouping.DEPARTMENT:
            keys = [(str(d.id), d.name) for d in self.departments_list]
        else:
            keys = [(str(i), n) for i, n in enumerate(["供水", "供暖", "噪音", "物业", "交通", "公积金"], 1)]
        rows = [
            TicketCountRow(key=k, label=label, count=120 - 13 * i, previous_count=100 - 7 * i)
            for i, (k, label) in enumerate(keys)
        ]
        return TicketReport(
            since=since, until=until, previous_since=since - (until - since), grouping=grouping, rows=rows
        )

    def wallboard(self, hours: int = 8, interval_minutes: int = 15) -> WallboardSeries:
        count = hours * 60 // interval_minutes
        start = self._now - timedelta(minutes=interval_minutes * count)
        points = []
        for i in range(count):
            phase = math.sin(math.pi * i / max(1, count - 1))
            offered = int(60 + 50 * phase)
            answered = int(offered * (0.95 - 0.1 * phase))
            points.append(
                WallboardPoint(
                    bucket_start=start + timedelta(minutes=interval_minutes * i),
                    offered=offered,
                    answered=answered,
                    abandoned=offered - answered,
                    answered_within_sl=int(answered * (0.92 - 0.2 * phase)),
                    average_answer_seconds=8 + 20 * phase,
                    average_handle_seconds=210 + 40 * phase,
                    offered_last_week=int(55 + 45 * phase + 6 * math.cos(i)),
                    calls_waiting=int(4 + 14 * phase * phase + 3 * math.sin(i * 1.7)),
                    agents_by_state={
                        "talking": int(60 + 40 * phase),
                        "ready": int(40 - 20 * phase),
                        "not_ready": 18,
                        "wrap_up": int(20 + 6 * phase),
                        "hold": 6,
                    },
                )
            )
        return WallboardSeries(
            since=start,
            until=self._now,
            interval_minutes=interval_minutes,
            service_level_seconds=20,
            points=points,
        )

    def live_queues(self) -> list[LiveQueueFigures]:
        if not self.call_path_running:
            raise ApiClientError(
                "The call centre is not running.", error_id=ClientErrorId.SERVER_ERROR, status=503
            )
        return [
            LiveQueueFigures(code=q.code, waiting=q.stats.waiting or 0, estimated_wait_seconds=45 * (i + 1))
            for i, q in enumerate(self.queues())
        ]

    def waiting_calls(self) -> list[WaitingCall]:
        """Twenty callers (7 + 2 + 11, as the queue figures say), VIPs and elderly first."""
        rows: list[WaitingCall] = []
        for code, count, longest in (("citizen", 7, 95), ("gjj", 2, 41), ("consumer", 11, 204)):
            for i in range(count):
                wait = longest - i * (longest // max(1, count))
                rows.append(
                    WaitingCall(
                        call_id=7000 + len(rows),
                        caller_number=f"137{len(rows) * 1234567 % 100000000:08d}",
                        queue_code=code,
                        priority=100 if i == count - 1 and code != "gjj" else 0,
                        queued_at=self._now - timedelta(seconds=wait),
                        wait_seconds=wait,
                    )
                )
        return sorted(rows, key=lambda r: (-r.priority, r.queued_at))

    # ---- recordings and QA ----------------------------------------------------------------------

    def recordings(self, **filters: Any) -> list[RecordingOut]:
        rows = list(self.recording_list)
        if filters.get("agent_id"):
            rows = [r for r in rows if r.agent_id == filters["agent_id"]]
        return rows

    def download_recording(self, recording_id: int, target: Path) -> Path:
        """A 6 s, 8 kHz tone-and-pause WAV (so the waveform has shape)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        rate = 8000
        frames = bytearray()
        for n in range(rate * 6):
            t = n / rate
            envelope = 0.6 if int(t * 2) % 3 else 0.05
            frames += struct.pack(
                "<h", int(12000 * envelope * math.sin(2 * math.pi * (300 + 40 * recording_id) * t))
            )
        with wave.open(str(target), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(bytes(frames))
        return target

    def qa_forms(self) -> list[QaFormOut]:
        return [self.form]

    def evaluate(self, evaluation: EvaluationIn) -> EvaluationOut:
        weights = {c.id: (c.weight, c.max_score) for c in self.form.criteria}
        for cid, score in evaluation.scores.items():
            if cid not in weights or not 0 <= score <= weights[cid][1]:
                raise ApiClientError(
                    f"Score for criterion {cid} is out of range.",
                    error_id=ClientErrorId.INVALID_INPUT,
                    status=422,
                )
        total_weight = sum(w for w, _m in weights.values())
        total = (
            sum(weights[c][0] * s / weights[c][1] for c, s in evaluation.scores.items()) * 100 / total_weight
        )
        rec = next(r for r in self.recording_list if r.id == evaluation.recording_id)
        out = EvaluationOut(
            id=len(self.evaluations_list) + 1,
            recording_id=rec.id,
            form_id=evaluation.form_id,
            agent_id=rec.agent_id,
            evaluator_id=self.leader.id,
            scores={str(k): v for k, v in evaluation.scores.items()},
            total=round(total, 1),
            comment=evaluation.comment,
            created_at=datetime.now(UTC),
        )
        self.evaluations_list.append(out)
        self.calls.append(("evaluated", rec.id))
        return out

    def evaluations(self, recording_id: int | None = None) -> list[EvaluationOut]:
        return [e for e in self.evaluations_list if recording_id is None or e.recording_id == recording_id]

    def qa_stats(self) -> list[AgentScoreStats]:
        by_agent: dict[int, list[float]] = {}
        for e in self.evaluations_list:
            by_agent.setdefault(e.agent_id or 0, []).append(e.total)
        base = [
            AgentScoreStats(
                agent_id=a, evaluations=len(v), average=sum(v) / len(v), minimum=min(v), maximum=max(v)
            )
            for a, v in by_agent.items()
        ]
        return base or [
            AgentScoreStats(agent_id=i, evaluations=3, average=80 + i, minimum=70 + i, maximum=90 + i)
            for i in range(1, 6)
        ]

    def audit(self, **filters: Any) -> list[AuditEntryOut]:
        return list(reversed(self.audit_log))

    def supervise(self, agent_id: int, mode: SupervisionMode | None) -> SupervisionAck:
        self._require()
        if not self.supervision_available:
            raise ApiClientError("Not Found", error_id=ClientErrorId.NOT_FOUND, status=404)
        self._record("supervision", agent_id, {"mode": mode.value if mode else None})
        return SupervisionAck(
            agent_id=agent_id,
            mode=mode,
            call_id=5000 + agent_id,
            sip_uri=f"sip:supervise-{agent_id}@127.0.0.1" if self.leader_dials else None,
            audit_id=len(self.audit_log),
        )
