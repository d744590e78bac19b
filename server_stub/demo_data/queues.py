"""Centre configuration as plain data: queues, not-ready reasons, IVR menus, the QA form and notices."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from server_stub.demo_data import CENTRE_TZ
from server_stub.demo_data.skills import Skill
from shared.protocol.enums import QueueStrategy

logger = logging.getLogger(__name__)

HOTLINE_CITIZEN = "12345"
HOTLINE_HOUSING_FUND = "12329"
HOTLINE_CONSUMER = "12315"
HOTLINES: tuple[str, ...] = (HOTLINE_CITIZEN, HOTLINE_HOUSING_FUND, HOTLINE_CONSUMER)
HOTLINE_NAMES: dict[str, str] = {
    HOTLINE_CITIZEN: "12345政务服务便民热线",
    HOTLINE_HOUSING_FUND: "12329住房公积金热线",
    HOTLINE_CONSUMER: "12315消费者投诉举报热线",
}

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
#: ``{"mon": [["08:00", "20:00"]], …}`` as the ``queues.opening_hours`` column expects; ``{}`` = 24 h.
OFFICE_HOURS: dict[str, list[list[str]]] = {d: [["08:00", "20:00"]] for d in _DAYS}
ALWAYS_OPEN: dict[str, list[list[str]]] = {}

# Elderly and VIP callers jump ahead of arrival order (ARCHITECTURE: "priority ahead of arrival order").
_PRIORITY = {"vip": 100, "important": 80, "elderly": 50}


@dataclass(frozen=True, slots=True)
class DemoQueue:
    """One ACD queue. Immutable; safe to share between threads.

    ``overflow_to`` names another queue's code; ``overflow_to_voicemail`` sends callers who waited
    ``max_wait_seconds`` to voicemail instead.
    """

    code: str
    name: str
    hotline: str
    required_skills: dict[Skill, int]
    strategy: QueueStrategy = QueueStrategy.LONGEST_IDLE
    priority_rules: dict[str, int] = field(default_factory=lambda: dict(_PRIORITY))
    wrap_up_seconds: int = 30
    service_level_seconds: int = 20
    max_wait_seconds: int = 180
    overflow_to: str | None = None
    overflow_to_voicemail: bool = False
    opening_hours: dict[str, list[list[str]]] = field(default_factory=lambda: dict(ALWAYS_OPEN))

    @property
    def is_24h(self) -> bool:
        return not self.opening_hours

    def is_open(self, at: datetime) -> bool:
        """Whether the queue takes calls at local time ``at`` (the hotline centre's time zone)."""
        if self.is_24h:
            return True
        local = at.astimezone(CENTRE_TZ)
        hhmm = local.strftime("%H:%M")
        return any(a <= hhmm < b for a, b in self.opening_hours.get(_DAYS[local.weekday()], []))


QUEUES: tuple[DemoQueue, ...] = (
    DemoQueue(
        "Q12345_GENERAL", "12345综合咨询", HOTLINE_CITIZEN, {Skill.GENERAL: 1}, overflow_to="Q12345_OVERFLOW"
    ),
    DemoQueue(
        "Q12345_SHEBAO",
        "12345社保医保",
        HOTLINE_CITIZEN,
        {Skill.SHEBAO: 2},
        QueueStrategy.HIGHEST_SKILL,
        overflow_to="Q12345_GENERAL",
    ),
    DemoQueue(
        "Q12345_HUKOU",
        "12345户籍出入境",
        HOTLINE_CITIZEN,
        {Skill.HUKOU: 2},
        QueueStrategy.HIGHEST_SKILL,
        overflow_to="Q12345_GENERAL",
    ),
    DemoQueue(
        "Q12345_COMPLAINT",
        "12345投诉举报",
        HOTLINE_CITIZEN,
        {Skill.GENERAL: 3},
        QueueStrategy.FEWEST_CALLS,
        overflow_to="Q12345_GENERAL",
    ),
    DemoQueue(
        "Q12345_ENGLISH",
        "12345外语服务",
        HOTLINE_CITIZEN,
        {Skill.ENGLISH: 2},
        QueueStrategy.ROUND_ROBIN,
        overflow_to_voicemail=True,
        opening_hours=dict(OFFICE_HOURS),
    ),
    DemoQueue(
        "Q12345_OVERFLOW",
        "12345溢出坐席",
        HOTLINE_CITIZEN,
        {Skill.GENERAL: 1},
        QueueStrategy.LEAST_TALK_TIME,
        max_wait_seconds=300,
        overflow_to_voicemail=True,
    ),
    DemoQueue(
        "Q12329_TQ",
        "12329提取业务",
        HOTLINE_HOUSING_FUND,
        {Skill.GJJ: 2},
        QueueStrategy.HIGHEST_SKILL,
        overflow_to="Q12329_GENERAL",
        opening_hours=dict(OFFICE_HOURS),
    ),
    DemoQueue(
        "Q12329_DK",
        "12329贷款业务",
        HOTLINE_HOUSING_FUND,
        {Skill.GJJ: 3},
        QueueStrategy.HIGHEST_SKILL,
        overflow_to="Q12329_GENERAL",
        opening_hours=dict(OFFICE_HOURS),
    ),
    DemoQueue(
        "Q12329_GENERAL",
        "12329综合业务",
        HOTLINE_HOUSING_FUND,
        {Skill.GJJ: 1},
        overflow_to_voicemail=True,
        opening_hours=dict(OFFICE_HOURS),
    ),
    DemoQueue(
        "Q12315_COMPLAINT",
        "12315投诉受理",
        HOTLINE_CONSUMER,
        {Skill.XIAOFEI: 2},
        QueueStrategy.FEWEST_CALLS,
        overflow_to="Q12315_CONSULT",
        opening_hours=dict(OFFICE_HOURS),
    ),
    DemoQueue(
        "Q12315_CONSULT",
        "12315消费咨询",
        HOTLINE_CONSUMER,
        {Skill.XIAOFEI: 1},
        overflow_to_voicemail=True,
        opening_hours=dict(OFFICE_HOURS),
    ),
)
_BY_CODE = {q.code: q for q in QUEUES}


def queue(code: str) -> DemoQueue:
    try:
        return _BY_CODE[code]
    except KeyError:
        raise KeyError(f"unknown queue code {code!r}; known: {', '.join(_BY_CODE)}") from None


def demo_queues() -> list[DemoQueue]:
    """Queues with their overflow targets listed after them would break a single-pass insert, so the
    loader inserts all first and sets ``overflow_to`` in a second pass."""
    return list(QUEUES)


@dataclass(frozen=True, slots=True)
class NotReadyReasonDef:
    code: str
    label_zh: str
    label_en: str
    max_minutes: int | None
    sort_order: int


NOT_READY_REASONS: tuple[NotReadyReasonDef, ...] = (
    NotReadyReasonDef("break", "小休", "Break", 15, 1),
    NotReadyReasonDef("meal", "用餐", "Meal", 45, 2),
    NotReadyReasonDef("training", "培训", "Training", 120, 3),
    NotReadyReasonDef("meeting", "会议", "Meeting", 90, 4),
    NotReadyReasonDef("other", "其他", "Other", 30, 5),
)


def _queue_option(code: str, label: str) -> dict[str, Any]:
    return {"label": label, "action": "queue", "queue": code}


#: One IVR tree per hotline (``ivr_menus.tree``). Nodes have a ``prompt`` (text for TTS / the WAV
#: file of the same name) and ``options`` keyed by DTMF digit; actions are ``queue``, ``menu``,
#: ``ticket_status`` (self-service lookup by serial), ``voicemail`` and ``repeat``.
IVR_MENUS: dict[str, dict[str, Any]] = {
    HOTLINE_CITIZEN: {
        "name": "12345主菜单",
        "welcome": "您好，欢迎致电云川市12345政务服务便民热线，本次通话可能会被录音。",
        "prompt": "政务咨询请按1，投诉举报请按2，查询工单办理进度请按3，社保医保请按4，户籍出入境请按5，"
        "For English service, press 8. 重听请按9。",
        "timeout_seconds": 8,
        "default": _queue_option("Q12345_GENERAL", "无按键转综合坐席"),
        "options": {
            "1": _queue_option("Q12345_GENERAL", "政务咨询"),
            "2": _queue_option("Q12345_COMPLAINT", "投诉举报"),
            "3": {
                "label": "工单进度查询",
                "action": "ticket_status",
                "prompt": "请输入工单编号中的日期和序号，共12位数字，以井号键结束。",
                "fallback": _queue_option("Q12345_GENERAL", "查询失败转人工"),
            },
            "4": _queue_option("Q12345_SHEBAO", "社保医保"),
            "5": _queue_option("Q12345_HUKOU", "户籍出入境"),
            "8": _queue_option("Q12345_ENGLISH", "English service"),
            "9": {"label": "重听", "action": "repeat"},
        },
    },
    HOTLINE_HOUSING_FUND: {
        "name": "12329主菜单",
        "welcome": "您好，欢迎致电云川市住房公积金12329服务热线。",
        "prompt": "公积金提取业务请按1，贷款业务请按2，缴存及其他业务请按3，留言请按0，重听请按9。",
        "timeout_seconds": 8,
        "default": _queue_option("Q12329_GENERAL", "无按键转综合业务"),
        "closed_action": {
            "action": "voicemail",
            "prompt": "现在是非工作时间，人工服务时间为每日8点至20点，请在提示音后留言。",
        },
        "options": {
            "1": {
                "label": "提取业务",
                "action": "menu",
                "prompt": "离职提取请按1，购房提取请按2，租房提取请按3，其他提取请按4。",
                "options": {
                    "1": _queue_option("Q12329_TQ", "离职提取"),
                    "2": _queue_option("Q12329_TQ", "购房提取"),
                    "3": _queue_option("Q12329_TQ", "租房提取"),
                    "4": _queue_option("Q12329_TQ", "其他提取"),
                },
            },
            "2": _queue_option("Q12329_DK", "贷款业务"),
            "3": _queue_option("Q12329_GENERAL", "缴存及其他"),
            "0": {"label": "留言", "action": "voicemail"},
            "9": {"label": "重听", "action": "repeat"},
        },
    },
    HOTLINE_CONSUMER: {
        "name": "12315主菜单",
        "welcome": "您好，这里是云川市12315消费者投诉举报热线。",
        "prompt": "消费投诉请按1，消费咨询请按2，查询投诉处理进度请按3，留言请按0。",
        "timeout_seconds": 8,
        "default": _queue_option("Q12315_CONSULT", "无按键转消费咨询"),
        "closed_action": {
            "action": "voicemail",
            "prompt": "现在是非工作时间，请在提示音后留言，我们将在工作时间回电。",
        },
        "options": {
            "1": _queue_option("Q12315_COMPLAINT", "消费投诉"),
            "2": _queue_option("Q12315_CONSULT", "消费咨询"),
            "3": {
                "label": "投诉进度查询",
                "action": "ticket_status",
                "prompt": "请输入投诉单号，以井号键结束。",
                "fallback": _queue_option("Q12315_CONSULT", "查询失败转人工"),
            },
            "0": {"label": "留言", "action": "voicemail"},
        },
    },
}


def ivr_routes(hotline: str) -> list[tuple[str, str, str]]:
    """Every ``(ivr_path, digits, queue_code)`` a caller can take to reach a queue on ``hotline``.

    Paths use the ``calls.ivr_path`` notation ``main>1>2``.
    """
    out: list[tuple[str, str, str]] = []

    def walk(node: dict[str, Any], path: str, digits: str) -> None:
        for digit, opt in node.get("options", {}).items():
            if opt["action"] == "queue":
                out.append((f"{path}>{digit}", digits + digit, opt["queue"]))
            elif opt["action"] == "menu":
                walk(opt, f"{path}>{digit}", digits + digit)

    walk(IVR_MENUS[hotline], "main", "")
    return out


@dataclass(frozen=True, slots=True)
class QaCriterionDef:
    name: str
    weight: float
    max_score: int = 10


QA_FORM_NAME = "热线通话质检评分表"
QA_CRITERIA: tuple[QaCriterionDef, ...] = (
    QaCriterionDef("开场白规范", 0.15),
    QaCriterionDef("倾听与确认", 0.20),
    QaCriterionDef("政策解答准确", 0.30),
    QaCriterionDef("工单记录完整", 0.20),
    QaCriterionDef("结束语规范", 0.15),
)


@dataclass(frozen=True, slots=True)
class DemoNotice:
    title: str
    body: str
    hotline: str | None
    play_in_ivr: bool
    published_at: datetime
    expires_at: datetime | None


def demo_notices(today: date) -> list[DemoNotice]:
    """Two current notices (one read out by the IVR) and one that has expired."""

    def at(days_ago: int, hour: int) -> datetime:
        return datetime.combine(today - timedelta(days=days_ago), time(hour), CENTRE_TZ)

    return [
        DemoNotice(
            "临江区部分区域计划停水通知",
            "因供水管网改造，临江区滨江大道以东、望江路以北区域将于明日8:00至18:00停水，"
            "市民来电请告知停水时段，并提醒提前储水。",
            HOTLINE_CITIZEN,
            True,
            at(0, 7),
            at(-1, 20),
        ),
        DemoNotice(
            "公积金系统升级期间业务办理说明",
            "本周六0:00至6:00公积金网上服务大厅系统升级，期间暂停网上提取和贷款申请，"
            "柜台业务不受影响。市民咨询时请如实告知。",
            HOTLINE_HOUSING_FUND,
            False,
            at(2, 9),
            at(-3, 6),
        ),
        DemoNotice(
            "寒潮天气燃气安全提示",
            "近期寒潮来袭，燃气用量大增，接到燃气异味报告时请立即转燃气集团抢险电话并登记工单。",
            None,
            False,
            at(40, 8),
            at(30, 8),
        ),
    ]
