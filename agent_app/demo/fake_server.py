"""An in-process stand-in for the central server that implements :class:`shared.client.HotlineApi`.

Used by the widget tests (the "other side" of the app) and by ``--demo`` mode for screenshots. It keeps
state in memory, honours ``client_ref`` idempotency like the real ``POST /tickets``, and can be switched
offline to exercise the outbox. Threading contract: every method may be called from worker threads;
one lock guards the state.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from shared.client.errors import ApiClientError, ClientErrorId
from shared.client.models import (
    AgentOut,
    AgentToday,
    CallbackOut,
    CallSummary,
    CategoryOut,
    ConferenceOut,
    ConferenceParty,
    ConferencePartyKind,
    ConferencePartyState,
    CustomerCreate,
    CustomerOut,
    DepartmentOut,
    DirectoryEntry,
    KnowledgeSnapshotFile,
    LoginResponse,
    NoticeOut,
    OutboundResult,
    QueueOut,
    ReasonOut,
    ScreenPop,
    SipCredentials,
    TicketCreate,
    TicketOut,
    TicketTemplate,
    TransferKind,
    TransferResult,
    VoicemailOut,
)
from shared.protocol.enums import (
    AgentState,
    CallbackStatus,
    CallDirection,
    CallDisposition,
    CustomerTag,
    QueueStrategy,
    Role,
    SlaLight,
    TicketStatus,
    TicketType,
    VoicemailStatus,
)
from shared.protocol.events import EventEnvelope, EventType
from shared.protocol.knowledge import KnowledgeArticle, KnowledgeFeed
from shared.protocol.schemas.calls import CallParticipant, CallParticipantRole

PASSWORD = "demo-pass"

_ARTICLES: list[tuple[str, str, list[str], str, str, list[str]]] = [
    (
        "公积金提取需要哪些材料",
        "职工提取住房公积金需携带本人身份证、银行卡及提取事由证明材料，"
        "购房提取另需购房合同和发票。可在线上办理或到各管理部柜台办理。",
        ["公积金", "提取"],
        "GJJ-TQ-01",
        "市住房公积金管理中心",
        ["提取", "材料"],
    ),
    (
        "租房提取公积金的条件",
        "连续足额缴存满3个月、本人及配偶在本市无自有住房的，可申请租房提取，每年可提取一次。",
        ["公积金", "提取"],
        "GJJ-TQ-02",
        "市住房公积金管理中心",
        ["租房"],
    ),
    (
        "公积金贷款额度如何计算",
        "贷款额度按账户余额倍数、还款能力和房屋价格三者取低值确定，最高不超过60万元。",
        ["公积金", "贷款"],
        "GJJ-DK-01",
        "市住房公积金管理中心",
        ["贷款", "额度"],
    ),
    (
        "离职后公积金账户如何转移",
        "新单位开户后由新单位经办人在网上办理转移接续，无需本人到场。",
        ["公积金", "转移"],
        "GJJ-ZY-01",
        "市住房公积金管理中心",
        ["转移", "离职"],
    ),
    (
        "养老保险缴费年限怎么查询",
        "可通过人社局网站、12333热线或社保自助终端查询个人缴费年限。",
        ["社保", "养老"],
        "SB-YL-01",
        "市人力资源和社会保障局",
        ["养老", "查询"],
    ),
    (
        "医保异地就医备案流程",
        "参保人可通过国家医保服务平台APP办理异地就医备案，备案后直接结算。",
        ["社保", "医保"],
        "SB-YB-01",
        "市医疗保障局",
        ["异地", "备案"],
    ),
    (
        "消费者投诉商家拒绝退货",
        "七日无理由退货适用于网络购物；实体店购物按商家承诺或质量问题处理，可转市场监管部门调解。",
        ["消费", "投诉"],
        "XF-TS-01",
        "市市场监督管理局",
        ["退货", "投诉"],
    ),
    (
        "居民身份证补领办理",
        "携带户口簿到户籍所在地派出所办理，加急7个工作日，普通20个工作日。",
        ["户政", "身份证"],
        "HZ-SFZ-01",
        "市公安局户政管理支队",
        ["身份证", "补办"],
    ),
    (
        "燃气费缴纳渠道",
        "可通过燃气集团营业厅、银行代扣、微信或支付宝生活缴费缴纳燃气费。",
        ["市政", "燃气"],
        "SZ-RQ-01",
        "市燃气集团",
        ["燃气", "缴费"],
    ),
    (
        "停水通知查询",
        "计划停水提前24小时在水务集团网站和微信公众号公告，突发停水请拨打抢修电话。",
        ["市政", "供水"],
        "SZ-GS-01",
        "市水务集团",
        ["停水"],
    ),
    (
        "占道经营如何投诉",
        "占道经营属城市管理部门职责，坐席登记地点和时间后派单至城管局处理。",
        ["城管", "市容"],
        "CG-SR-01",
        "市城市管理局",
        ["占道", "城管"],
    ),
    (
        "新生儿医保参保登记",
        "新生儿出生后90天内办理参保登记，可享受出生当年医保待遇。",
        ["社保", "医保"],
        "SB-YB-02",
        "市医疗保障局",
        ["新生儿", "参保"],
    ),
]

_CATEGORIES: list[tuple[int, int | None, str, int | None]] = [
    (1, None, "公积金", 3),
    (2, 1, "提取", 3),
    (3, 1, "贷款", 5),
    (4, 1, "转移", 5),
    (5, None, "社保", 5),
    (6, 5, "养老", None),
    (7, 5, "医保", None),
    (8, None, "消费", 5),
    (9, 8, "投诉", None),
    (10, None, "户政", 7),
    (11, 10, "身份证", None),
    (12, None, "城管", 7),
    (13, 12, "市容", None),
    (14, None, "市政", 5),
    (15, 14, "燃气", None),
    (16, 14, "供水", None),
]

_DEPARTMENTS = [
    ("GJJ", "市住房公积金管理中心", "88512329"),
    ("RSJ", "市人力资源和社会保障局", "88512333"),
    ("SJJ", "市市场监督管理局", "88512315"),
    ("HZ", "市公安局户政管理支队", "88510110"),
    ("YBJ", "市医疗保障局", "88516090"),
    ("CGJ", "市城市管理局", "88512319"),
    ("SWJT", "市水务集团", "88519666"),
    ("RQJT", "市燃气集团", "88518800"),
]


class FakeHotlineServer:
    """In-memory :class:`~shared.client.api.HotlineApi`. Threading contract: any thread (one lock);
    ``publish`` calls subscribers on the publishing thread."""

    def __init__(
        self, *, now: Callable[[], datetime] | None = None, article_count: int | None = None
    ) -> None:
        self._now = now or (lambda: datetime.now(UTC))
        # re-entrant: events published under it are handled at once when published on the GUI thread
        self._lock = threading.RLock()
        self._token: str | None = None
        self.online = True
        self.call_path = False  # True: transfers and call-backs go through the server (REST)
        self.snapshot: tuple[Path, int] | None = None  # (ZIP from shared.knowledge.snapshot, its version)
        self.latency_s = 0.0
        self.calls: list[tuple[str, tuple[object, ...]]] = []
        self._ids = itertools.count(100)
        now_ = self._now()
        self.agents = {
            "1001": (1, "王芳", Role.AGENT),
            "1002": (2, "李强", Role.AGENT),
            "1003": (3, "张敏", Role.AGENT),
            "1004": (4, "陈静", Role.AGENT),
            "2001": (5, "赵班长", Role.LEADER),
        }
        self.states: dict[int, tuple[AgentState, str | None, datetime]] = {
            1: (AgentState.LOGGED_OUT, None, now_),
            2: (AgentState.READY, None, now_ - timedelta(minutes=3)),
            3: (AgentState.TALKING, None, now_ - timedelta(minutes=7)),
            4: (AgentState.NOT_READY, "meal", now_ - timedelta(minutes=12)),
            5: (AgentState.READY, None, now_ - timedelta(minutes=40)),
        }
        self.signed_in: str | None = None
        # the server-side conference room of the signed-in agent's conversation (call_path only)
        self.conference_room: ConferenceOut | None = None
        self.conference_caller = "13800138000"  # the citizen in the conversation the room grows from
        self.conference_max_parties = 6
        self.customers: dict[int, CustomerOut] = {}
        self.phone_index: dict[str, int] = {}
        self.tickets: list[TicketOut] = []
        self.tickets_by_ref: dict[str, TicketOut] = {}
        self.call_history: dict[str, list[CallSummary]] = {}
        self.events: list[EventEnvelope] = []
        self._subscribers: list[Callable[[EventEnvelope], None]] = []
        self._seq = itertools.count(1)
        self._serial = itertools.count(1)
        self.articles = self._articles(article_count)
        self.callbacks = [
            CallbackOut(
                id=1,
                number="13912345678",
                reason="abandoned",
                status=CallbackStatus.OPEN,
                attempts=0,
                created_at=now_ - timedelta(minutes=25),
                assigned_agent_id=1,
            ),
            CallbackOut(
                id=2,
                number="02888123456",
                reason="abandoned",
                status=CallbackStatus.OPEN,
                attempts=1,
                created_at=now_ - timedelta(minutes=8),
                assigned_agent_id=1,
            ),
        ]
        self.voicemails = [
            VoicemailOut(
                id=1,
                caller_number="13700001111",
                created_at=now_ - timedelta(hours=1),
                duration_seconds=34,
                status=VoicemailStatus.NEW,
            ),
            VoicemailOut(
                id=2,
                caller_number="18600002222",
                created_at=now_ - timedelta(minutes=15),
                duration_seconds=12,
                status=VoicemailStatus.HEARD,
            ),
        ]
        self._seed_demo_caller(now_)

    # ---- demo data -------------------------------------------------------------------------

    def _articles(self, count: int | None) -> list[KnowledgeArticle]:
        base = _ARTICLES if count is None else (_ARTICLES * (count // len(_ARTICLES) + 1))[:count]
        now_ = self._now()
        result = []
        for i, (title, body, path, code, dept, keywords) in enumerate(base, start=1):
            suffix = "" if i <= len(_ARTICLES) else f"（{i}）"
            result.append(
                KnowledgeArticle(
                    id=i,
                    title=title + suffix,
                    body=body,
                    category_path=path,
                    keywords=keywords,
                    short_code=code if i <= len(_ARTICLES) else f"{code}-{i}",
                    department=dept,
                    version=i,
                    updated_at=now_,
                )
            )
        return result

    def _participant(self, agent_id: int, role: CallParticipantRole) -> CallParticipant:
        """One of our agents in a past call, as the server names them (work number and name)."""
        number, name = next((n, a[1]) for n, a in self.agents.items() if a[0] == agent_id)
        return CallParticipant(role=role, agent_id=agent_id, number=number, name=name)

    @staticmethod
    def _department(number: str, name: str) -> CallParticipant:
        return CallParticipant(role=CallParticipantRole.CONFERENCE, number=number, name=name)

    def _seed_demo_caller(self, now_: datetime) -> None:
        customer = self._add_customer(
            CustomerCreate(
                name="刘建国",
                address="中山区青年路18号3单元",
                phones=["13800138000"],
                tags=[CustomerTag.VIP, CustomerTag.ELDERLY],
            )
        )
        owner = self._participant(2, CallParticipantRole.OWNER)
        joined = CallParticipantRole.CONFERENCE
        self.call_history["13800138000"] = [
            CallSummary(
                id=9000 + i,
                direction=CallDirection.INBOUND,
                caller_number="13800138000",
                callee_number="12345",
                hotline_number="12345",
                ivr_path="1>2",
                arrived_at=now_ - timedelta(days=d),
                answered_at=now_ - timedelta(days=d),
                ended_at=now_ - timedelta(days=d) + timedelta(minutes=4),
                agent_id=2,
                disposition=CallDisposition.ANSWERED,
                participants=participants,
            )
            for i, (d, participants) in enumerate(
                (
                    # two days ago 李强 brought 陈静 and the housing-fund desk into a conference
                    (2, [owner, self._participant(4, joined), self._department("12329001", "公积金中心")]),
                    (9, [owner]),
                    (31, [owner]),
                )
            )
        ]
        for days, status, kind, text, category, dept in (
            (8, TicketStatus.PROCESSING, TicketType.COMPLAINT, "小区门口占道经营，晚上噪音扰民", 13, 5),
            (4, TicketStatus.DISPATCHED, TicketType.CONSULTATION, "咨询公积金租房提取进度", 2, 0),
            (1, TicketStatus.REGISTERED, TicketType.HELP_REQUEST, "楼道燃气味道较重，请派人检查", 15, 7),
        ):
            created = now_ - timedelta(days=days)
            self.tickets.append(
                self._ticket(
                    TicketCreate(
                        caller_number="13800138000",
                        type=kind,
                        content=text,
                        category_id=category,
                        department_id=dept + 1,
                        customer_id=customer.id,
                    ),
                    created=created,
                    status=status,
                    agent_id=2,
                )
            )

    def _add_customer(self, draft: CustomerCreate) -> CustomerOut:
        now_ = self._now()
        customer = CustomerOut(
            id=next(self._ids),
            name=draft.name,
            address=draft.address,
            notes=draft.notes,
            phones=list(draft.phones),
            tags=list(draft.tags),
            created_at=now_,
            updated_at=now_,
        )
        self.customers[customer.id] = customer
        for phone in draft.phones:
            self.phone_index[phone] = customer.id
        return customer

    def _ticket(
        self,
        draft: TicketCreate,
        *,
        created: datetime | None = None,
        status: TicketStatus = TicketStatus.REGISTERED,
        agent_id: int | None = None,
    ) -> TicketOut:
        created = created or self._now()
        category = next((c for c in _CATEGORIES if c[0] == draft.category_id), None)
        path = self._category_path(draft.category_id) if category else []
        days = (self._now() - created).days
        light = SlaLight.RED if days > 7 else SlaLight.YELLOW if days > 5 else SlaLight.GREEN
        dept = _DEPARTMENTS[draft.department_id - 1] if draft.department_id else None
        return TicketOut(
            id=next(self._ids),
            serial=f"{created:%Y%m%d}-{next(self._serial):04d}",
            type=draft.type,
            status=TicketStatus.DISPATCHED if dept and status is TicketStatus.REGISTERED else status,
            title=draft.title,
            content=draft.content,
            caller_number=draft.caller_number,
            customer_id=draft.customer_id,
            category_id=draft.category_id,
            category_path=path,
            department_id=draft.department_id,
            department_name=dept[1] if dept else None,
            agent_id=agent_id,
            created_at=created,
            updated_at=created,
            deadline=draft.deadline or created + timedelta(days=7),
            revision=1,
            client_ref=draft.client_ref,
            sla_light=light,
        )

    @staticmethod
    def _category_path(category_id: int | None) -> list[str]:
        path: list[str] = []
        by_id = {c[0]: c for c in _CATEGORIES}
        node = by_id.get(category_id or -1)
        while node is not None:
            path.insert(0, node[2])
            node = by_id.get(node[1] or -1)
        return path

    # ---- control (tests) ---------------------------------------------------------------------

    def publish(self, event_type: EventType, payload: dict[str, object]) -> EventEnvelope:
        envelope = EventEnvelope(seq=next(self._seq), type=event_type, at=self._now(), payload=payload)
        self.events.append(envelope)
        for subscriber in list(self._subscribers):
            subscriber(envelope)
        return envelope

    def subscribe(self, callback: Callable[[EventEnvelope], None]) -> None:
        self._subscribers.append(callback)

    def _enter(self, name: str, *args: object, auth: bool = True) -> None:
        if self.latency_s:
            threading.Event().wait(self.latency_s)
        with self._lock:
            self.calls.append((name, args))
            if not self.online:
                raise ApiClientError(
                    "Cannot reach the server; check the network or tell IT.",
                    error_id=ClientErrorId.UNREACHABLE,
                )
            if auth and self.signed_in is None:
                raise ApiClientError("Sign in first.", error_id=ClientErrorId.NOT_AUTHENTICATED, status=401)

    def _me(self) -> AgentOut:
        assert self.signed_in is not None
        agent_id, name, role = self.agents[self.signed_in]
        state, reason, since = self.states[agent_id]
        return AgentOut(
            id=agent_id,
            work_number=self.signed_in,
            name=name,
            role=role,
            active=True,
            state=state,
            state_reason=reason,
            state_since=since,
        )

    # ---- HotlineApi ----------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return "demo://server"

    @property
    def token(self) -> str | None:
        return self._token

    def login(self, work_number: str, password: str) -> LoginResponse:
        self._enter("login", work_number, auth=False)
        if work_number not in self.agents or password != PASSWORD:
            raise ApiClientError("工号或密码不正确。", error_id=ClientErrorId.NOT_AUTHENTICATED, status=401)
        self.signed_in = work_number
        self._token = f"token-{work_number}"
        agent_id = self.agents[work_number][0]
        self.states[agent_id] = (AgentState.NOT_READY, "login", self._now())
        return LoginResponse(
            token=self._token, expires_at=self._now() + timedelta(hours=12), agent=self._me()
        )

    def logout(self) -> None:
        self._enter("logout")
        agent_id = self.agents[self.signed_in or ""][0]
        self.states[agent_id] = (AgentState.LOGGED_OUT, None, self._now())
        self.signed_in, self._token = None, None

    def me(self) -> AgentOut:
        self._enter("me")
        return self._me()

    def sip_credentials(self) -> SipCredentials:
        self._enter("sip_credentials")
        return SipCredentials(username=self.signed_in or "", password="sip-secret")

    def health(self) -> bool:
        return self.online

    def set_state(self, state: AgentState, reason: str | None = None) -> AgentOut:
        self._enter("set_state", state, reason)
        agent_id = self.agents[self.signed_in or ""][0]
        self.states[agent_id] = (state, reason, self._now())
        me = self._me()
        self.publish(
            EventType.AGENT_STATE_DID_CHANGE,
            {
                "agent_id": me.id,
                "work_number": me.work_number,
                "name": me.name,
                "state": state.value,
                "reason": reason,
                "since": me.state_since.isoformat(),
            },
        )
        return me

    def not_ready_reasons(self) -> list[ReasonOut]:
        self._enter("not_ready_reasons")
        return [
            ReasonOut(code=c, label_zh=zh, label_en=en, max_minutes=m, sort_order=i)
            for i, (c, zh, en, m) in enumerate(
                [
                    ("break", "小休", "Break", 15),
                    ("meal", "就餐", "Meal", 45),
                    ("training", "培训", "Training", None),
                    ("meeting", "会议", "Meeting", None),
                    ("callback", "外呼回访", "Callbacks", None),
                ]
            )
        ]

    def today_counters(self) -> AgentToday:
        self._enter("today_counters")
        now_ = self._now()
        answered = sum(1 for name, _ in self.calls if name == "screen_pop")
        return AgentToday(
            agent_id=1,
            day_start=now_.replace(hour=0, minute=0),
            calls_answered=23 + answered,
            talk_seconds=5400 + 180 * answered,
            average_talk_seconds=235,
            ready_seconds=9000,
            not_ready_seconds=1200,
            wrap_up_seconds=900,
        )

    def directory(self) -> list[DirectoryEntry]:
        self._enter("directory")
        return [
            DirectoryEntry(
                id=aid,
                work_number=no,
                name=name,
                role=role,
                team="一组",
                state=self.states[aid][0],
                state_reason=self.states[aid][1],
                state_since=self.states[aid][2],
            )
            for no, (aid, name, role) in self.agents.items()
        ]

    def transfer_call(
        self, kind: TransferKind, value: str, *, consult: bool = False, ticket: str | None = None
    ) -> TransferResult:
        self._enter("transfer_call", kind, value, consult, ticket)
        if not self.call_path:
            raise ApiClientError(
                "The call centre is not running on this server.",
                error_id=ClientErrorId.SERVER_ERROR,
                status=503,
                server_error_id="call_path_off",
            )
        return TransferResult(call_id=1, target=f"{kind.value}:{value}")

    def dial_outbound(self, number: str, *, callback_id: int | None = None) -> OutboundResult:
        self._enter("dial_outbound", number, callback_id)
        if not self.call_path:
            raise ApiClientError(
                "The call centre is not running on this server.",
                error_id=ClientErrorId.SERVER_ERROR,
                status=503,
                server_error_id="call_path_off",
            )
        return OutboundResult(call_id=2)

    def _refuse(self, status: int, error_id: str, message: str, **details: object) -> ApiClientError:
        by_status = {
            404: ClientErrorId.NOT_FOUND,
            409: ClientErrorId.CONFLICT,
            503: ClientErrorId.SERVER_ERROR,
        }
        return ApiClientError(
            message,
            error_id=by_status.get(status, ClientErrorId.SERVER_ERROR),
            status=status,
            server_error_id=error_id,
            details=dict(details),
        )

    def _display(self, kind: ConferencePartyKind, value: str) -> str:
        if kind is ConferencePartyKind.AGENT:
            return self.agents[value][1] if value in self.agents else value
        department = next((d for d in _DEPARTMENTS if value in (d[0], d[1], d[2])), None)
        return department[1] if department else value

    def invite_to_conference(self, kind: ConferencePartyKind, value: str) -> ConferenceOut:
        self._enter("invite_to_conference", kind, value)
        if not self.call_path:
            raise self._refuse(503, "call_path_off", "The call centre is not running on this server.")
        with self._lock:
            owner = self.signed_in or ""
            room = self.conference_room or ConferenceOut(
                call_id=4711,
                owner=owner,
                max_parties=self.conference_max_parties,
                parties=[
                    ConferenceParty(
                        party_id="caller",
                        kind=ConferencePartyKind.CALLER,
                        value=self.conference_caller,
                        display=self.conference_caller,
                        state=ConferencePartyState.JOINED,
                    ),
                    ConferenceParty(
                        party_id=f"agent:{owner}",
                        kind=ConferencePartyKind.AGENT,
                        value=owner,
                        display=self._display(ConferencePartyKind.AGENT, owner),
                        state=ConferencePartyState.JOINED,
                    ),
                ],
            )
            present = [
                p
                for p in room.parties
                if p.state in (ConferencePartyState.RINGING, ConferencePartyState.JOINED)
            ]
            if any(p.kind is kind and p.value == value for p in present):
                raise self._refuse(
                    409, "already_in_room", f"{self._display(kind, value)} is already in the conference."
                )
            if len(present) >= room.max_parties:
                raise self._refuse(409, "room_full", "The conference is full.", max_parties=room.max_parties)
            if kind is ConferencePartyKind.AGENT:
                agent = self.agents.get(value)
                if agent is None or self.states[agent[0]][0] is AgentState.LOGGED_OUT:
                    raise self._refuse(
                        409, "agent_unavailable", f"Agent {value} is not signed in.", agent=value
                    )
            party = ConferenceParty(
                party_id=f"p{len(room.parties) - 1}",
                kind=kind,
                value=value,
                display=self._display(kind, value),
                state=ConferencePartyState.RINGING,
            )
            room = room.model_copy(update={"parties": [*room.parties, party]})
            self.conference_room = room
            self._publish_room(room)  # under the lock: rooms are published in the order they changed
        return room

    def conference(self) -> ConferenceOut | None:
        self._enter("conference")
        if not self.call_path:
            raise self._refuse(503, "call_path_off", "The call centre is not running on this server.")
        return self.conference_room

    def remove_conference_party(self, party_id: str) -> ConferenceOut | None:
        self._enter("remove_conference_party", party_id)
        room = self.conference_room
        if room is None:
            raise self._refuse(404, "no_conference", "You have no conference.")
        if not any(p.party_id == party_id for p in room.parties):
            raise self._refuse(404, "no_party", "That party is not in the conference.")
        return self.set_party_state(party_id, ConferencePartyState.LEFT, "removed by the room's owner")

    def set_party_state(
        self, party_id: str, state: ConferencePartyState, reason: str | None = None
    ) -> ConferenceOut:
        """What the media worker reports about one party (answered, failed, hung up); publishes the room."""
        with self._lock:
            room = self.conference_room
            assert room is not None, "no conference room"
            parties = [
                p.model_copy(update={"state": state, "reason": reason}) if p.party_id == party_id else p
                for p in room.parties
            ]
            room = self.conference_room = room.model_copy(update={"parties": parties})
            self._publish_room(room)
            return room

    def end_conference(self) -> None:
        with self._lock:
            room = self.conference_room
            if room is not None:
                self.conference_room = None
                self._publish_room(room, ended=True)

    def _publish_room(self, room: ConferenceOut, *, ended: bool = False) -> None:
        payload = room.model_dump(mode="json")
        payload["ended"] = ended
        self.publish(EventType.CONFERENCE_DID_CHANGE, payload)

    def queues(self) -> list[QueueOut]:
        self._enter("queues")
        hours: dict[str, list[list[str]]] = {"mon": [["08:00", "20:00"]]}
        return [
            QueueOut(
                id=i,
                code=code,
                name=name,
                hotline_number=line,
                strategy=QueueStrategy.LONGEST_IDLE,
                required_skills={},
                priority_rules={},
                wrap_up_seconds=wrap,
                service_level_seconds=20,
                max_wait_seconds=300,
                overflow_to_voicemail=True,
                announce_every_seconds=60,
                offer_timeout_seconds=15,
                opening_hours=hours,
                active=True,
            )
            for i, (code, name, line, wrap) in enumerate(
                [
                    ("12345", "12345综合", "12345", 30),
                    ("12329", "12329公积金", "12329", 45),
                    ("12315", "12315消费", "12315", 30),
                ],
                start=1,
            )
        ]

    def screen_pop(self, caller_number: str) -> ScreenPop:
        self._enter("screen_pop", caller_number)
        customer_id = self.phone_index.get(caller_number)
        customer = self.customers.get(customer_id) if customer_id else None
        history = self.call_history.get(caller_number, [])
        open_tickets = [
            t
            for t in self.tickets
            if t.caller_number == caller_number
            and t.status not in (TicketStatus.DONE, TicketStatus.VISITED, TicketStatus.CLOSED)
        ]
        return ScreenPop(
            number=caller_number,
            customer=customer,
            blacklisted=bool(customer and CustomerTag.BLACKLISTED in customer.tags),
            recent_calls=history[:5],
            calls_total=len(history),
            open_tickets=open_tickets[:20],
            open_tickets_total=len(open_tickets),
        )

    def create_customer(self, draft: CustomerCreate) -> CustomerOut:
        self._enter("create_customer", draft)
        return self._add_customer(draft)

    def create_ticket(self, draft: TicketCreate) -> TicketOut:
        self._enter("create_ticket", draft)
        if draft.client_ref and draft.client_ref in self.tickets_by_ref:
            return self.tickets_by_ref[draft.client_ref]
        ticket = self._ticket(draft, agent_id=self.agents[self.signed_in or ""][0])
        self.tickets.append(ticket)
        if draft.client_ref:
            self.tickets_by_ref[draft.client_ref] = ticket
        return ticket

    def link_tickets(self, serial: str, other_serial: str) -> None:
        self._enter("link_tickets", serial, other_serial)

    def my_tickets(self) -> list[TicketOut]:
        self._enter("my_tickets")
        return list(self.tickets)

    def departments(self) -> list[DepartmentOut]:
        self._enter("departments")
        return [
            DepartmentOut(id=i, code=c, name=n, transfer_number=t, active=True)
            for i, (c, n, t) in enumerate(_DEPARTMENTS, start=1)
        ]

    def categories(self) -> list[CategoryOut]:
        self._enter("categories")
        return [
            CategoryOut(id=i, parent_id=p, name=n, deadline_days=d, path=self._category_path(i))
            for i, p, n, d in _CATEGORIES
        ]

    def ticket_templates(self) -> list[TicketTemplate]:
        self._enter("ticket_templates")
        return [
            TicketTemplate(
                name="公积金提取咨询", content="来电人咨询公积金提取所需材料，已按知识库解答。", category_id=2
            ),
            TicketTemplate(
                name="社保缴费年限查询",
                content="来电人咨询养老保险缴费年限查询方式，已告知查询渠道。",
                category_id=6,
            ),
            TicketTemplate(
                name="停水咨询", content="来电人反映家中停水，已告知停水公告查询方式。", category_id=16
            ),
        ]

    def knowledge_feed(self, since: int, limit: int = 500) -> KnowledgeFeed:
        self._enter("knowledge_feed", since, limit)
        newer = [a for a in self.articles if a.version > since]
        page = newer[:limit]
        latest = page[-1].version if page else max((a.version for a in self.articles), default=since)
        return KnowledgeFeed(
            since=since, latest_version=max(latest, since), articles=page, has_more=len(newer) > limit
        )

    def download_knowledge_snapshot(
        self, target: Path, progress: Callable[[int, int], None] | None = None
    ) -> KnowledgeSnapshotFile | None:
        self._enter("download_knowledge_snapshot")
        if self.snapshot is None:
            return None  # like a server whose first snapshot is still building: use the feed
        path, version = self.snapshot
        target.write_bytes(path.read_bytes())
        if progress is not None:
            progress(target.stat().st_size, target.stat().st_size)
        return KnowledgeSnapshotFile(target, version, None)

    def my_callbacks(self) -> list[CallbackOut]:
        self._enter("my_callbacks")
        return [c for c in self.callbacks if c.status is not CallbackStatus.DONE]

    def update_callback(self, callback_id: int, status: str) -> CallbackOut:
        self._enter("update_callback", callback_id, status)
        for i, item in enumerate(self.callbacks):
            if item.id == callback_id:
                self.callbacks[i] = item.model_copy(update={"status": CallbackStatus(status)})
                return self.callbacks[i]
        raise ApiClientError("This callback no longer exists.", error_id=ClientErrorId.NOT_FOUND, status=404)

    def my_voicemails(self) -> list[VoicemailOut]:
        self._enter("my_voicemails")
        return [v for v in self.voicemails if v.status is not VoicemailStatus.DONE]

    def voicemail_audio(self, voicemail_id: int, target: Path) -> Path:
        self._enter("voicemail_audio", voicemail_id)
        import wave

        target.parent.mkdir(parents=True, exist_ok=True)
        with wave.open(str(target), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(8000)
            out.writeframes(b"\0\0" * 8000)
        return target

    def mark_voicemail_done(self, voicemail_id: int) -> VoicemailOut:
        self._enter("mark_voicemail_done", voicemail_id)
        for i, item in enumerate(self.voicemails):
            if item.id == voicemail_id:
                self.voicemails[i] = item.model_copy(update={"status": VoicemailStatus.DONE})
                return self.voicemails[i]
        raise ApiClientError("This voicemail no longer exists.", error_id=ClientErrorId.NOT_FOUND, status=404)

    def mark_voicemail_heard(self, voicemail_id: int) -> VoicemailOut:
        self._enter("mark_voicemail_heard", voicemail_id)
        for i, item in enumerate(self.voicemails):
            if item.id == voicemail_id:
                self.voicemails[i] = item.model_copy(update={"status": VoicemailStatus.HEARD})
                return self.voicemails[i]
        raise ApiClientError("This voicemail no longer exists.", error_id=ClientErrorId.NOT_FOUND, status=404)

    def notices(self) -> list[NoticeOut]:
        self._enter("notices")
        return [
            NoticeOut(
                id=1,
                title="系统通知",
                body="今日16:00起公积金系统升级，网上提取暂停2小时。",
                published_at=self._now(),
                play_in_ivr=False,
                published_by_id=5,
            )
        ]
