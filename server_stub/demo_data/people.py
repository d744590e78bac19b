"""Citizens who call (customers) and the centre's staff: 20 agents, a shift leader and an admin."""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from server_stub.demo_data import AREA_CODE, CENTRE_TZ
from server_stub.demo_data.skills import Skill
from shared.protocol.enums import CustomerTag, Role

logger = logging.getLogger(__name__)

#: The one password of every demo login (documented in the README).
DEMO_PASSWORD = "demo1234"
ADMIN_WORK_NUMBER = "0001"
LEADER_WORK_NUMBER = "9001"
AGENT_WORK_NUMBERS: tuple[str, ...] = tuple(str(n) for n in range(1001, 1021))
TEAMS: tuple[str, ...] = ("一组", "二组", "三组")

DISTRICTS: tuple[str, ...] = ("中山区", "临江区", "青湖区", "高新区", "北塘区", "南屏区", "西山区", "经开区")
_DISTRICT_WEIGHTS = (18, 16, 14, 12, 11, 10, 10, 9)
ROADS: tuple[str, ...] = (
    "人民路",
    "解放路",
    "建设路",
    "中山路",
    "滨江大道",
    "青湖路",
    "文化路",
    "新华路",
    "迎宾大道",
    "工业路",
    "学府路",
    "长春路",
    "和平路",
    "光明路",
    "幸福路",
    "云川大道",
    "北塘街",
    "南屏路",
    "西山路",
    "兴业路",
    "科技路",
    "东风路",
    "望江路",
    "桂花路",
)
COMMUNITIES: tuple[str, ...] = (
    "阳光花园",
    "锦绣家园",
    "翠湖苑",
    "金色港湾",
    "幸福里",
    "书香门第",
    "滨江华府",
    "绿城小区",
    "万家花园",
    "新村小区",
    "和美家园",
    "梧桐苑",
    "紫荆小区",
    "枫林湾",
    "丽景苑",
    "明珠花园",
    "青湖雅居",
    "碧水蓝天",
    "世纪新城",
    "天和苑",
    "西山名邸",
    "国际社区",
    "南屏新居",
    "工人新村",
)

_SURNAMES = (
    "王",
    "李",
    "张",
    "刘",
    "陈",
    "杨",
    "黄",
    "赵",
    "吴",
    "周",
    "徐",
    "孙",
    "马",
    "朱",
    "胡",
    "郭",
    "何",
    "高",
    "林",
    "罗",
    "郑",
    "梁",
    "谢",
    "宋",
    "唐",
    "许",
    "韩",
    "冯",
    "邓",
    "曹",
    "彭",
    "曾",
    "肖",
    "田",
    "董",
    "袁",
    "潘",
    "于",
    "蒋",
    "蔡",
    "余",
    "杜",
    "叶",
    "程",
    "苏",
    "魏",
    "吕",
    "丁",
    "任",
    "沈",
    "姚",
    "卢",
    "姜",
    "崔",
    "钟",
    "谭",
    "陆",
    "汪",
    "范",
    "金",
    "石",
    "廖",
    "贾",
    "夏",
    "欧阳",
    "司马",
    "上官",
)
# Surname frequency falls off steeply: 王/李/张 alone are about a fifth of the population.
_SURNAME_WEIGHTS = tuple(max(1.0, 60.0 / (i + 3)) for i in range(len(_SURNAMES)))
_GIVEN_CHARS = (
    "伟",
    "芳",
    "娜",
    "秀",
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
    "霞",
    "平",
    "刚",
    "桂",
    "英",
    "华",
    "建",
    "国",
    "文",
    "红",
    "玉",
    "兰",
    "志",
    "海",
    "婷",
    "雪",
    "琳",
    "晨",
    "宇",
    "浩",
    "欣",
    "怡",
    "梓",
    "涵",
    "子",
    "轩",
    "博",
    "佳",
    "慧",
    "鑫",
    "宁",
    "凤",
    "春",
    "秋",
    "云",
    "飞",
    "鹏",
    "辉",
    "俊",
    "峰",
    "晓",
    "丹",
    "萍",
    "亮",
    "斌",
    "波",
)

_MOBILE_PREFIXES = (
    "130",
    "131",
    "132",
    "133",
    "134",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "153",
    "155",
    "156",
    "157",
    "158",
    "159",
    "180",
    "181",
    "182",
    "183",
    "184",
    "185",
    "186",
    "187",
    "188",
    "189",
)

_NOTES: tuple[str, ...] = (
    "多次来电反映小区噪音问题，情绪较激动，注意安抚。",
    "听力不好，请放慢语速、提高音量。",
    "常由子女代为来电。",
    "公积金业务老客户，熟悉线上办理流程。",
    "要求回复时先发短信再来电。",
    "仅工作日白天方便接听电话。",
    "反映问题较多，均已按流程办理。",
    "曾对处理结果不满意，回访时注意沟通方式。",
    "方言口音较重，可适当确认关键信息。",
    "个体工商户，多次咨询预付卡纠纷。",
)
_BLACKLIST_NOTES: tuple[str, ...] = (
    "多次拨打热线辱骂坐席，经组长批准加入黑名单。",
    "频繁无故来电占线，已加入黑名单。",
    "长期恶意骚扰来电，已加入黑名单。",
)

# Shares of customers carrying each tag; a customer may carry several.
TAG_SHARES: dict[CustomerTag, float] = {
    CustomerTag.VIP: 0.03,
    CustomerTag.IMPORTANT: 0.06,
    CustomerTag.ELDERLY: 0.15,
    CustomerTag.BLACKLISTED: 0.015,
}
SECOND_NUMBER_SHARE = 0.15
LANDLINE_SHARE = 0.12


@dataclass(frozen=True, slots=True)
class DemoCustomer:
    """A citizen on file. Immutable; safe to share between threads.

    ``id`` is 1-based and becomes the database id. ``phones`` are normalised (digits only, no +86),
    first the number the citizen usually calls from. ``blacklisted_at`` is set only for
    blacklisted customers: their calls after that moment were blocked.
    """

    id: int
    name: str
    phones: tuple[str, ...]
    address: str
    notes: str | None
    tags: tuple[CustomerTag, ...]
    created_at: datetime
    blacklisted_at: datetime | None = None
    blacklist_reason: str | None = None


@dataclass(frozen=True, slots=True)
class DemoStaff:
    """Someone who logs in. Immutable; safe to share between threads.

    ``skills`` pairs each :class:`Skill` with a level 1 (novice) … 5 (expert). ``shift`` is the
    local-time window (start hour, end hour; end may pass midnight) in which the demo history has the
    agent taking calls.
    """

    work_number: str
    name: str
    role: Role
    team: str | None
    skills: tuple[tuple[Skill, int], ...]
    shift: tuple[int, int] | None
    sip_password: str


def format_phone(number: str) -> str:
    """Display form of a normalised number: mobiles stay plain digits, landlines become ``026-27654321``."""
    if number.startswith("0") and len(number) == 11:
        return f"{number[:3]}-{number[3:]}"
    return number


def chinese_name(rng: random.Random) -> str:
    surname = rng.choices(_SURNAMES, weights=_SURNAME_WEIGHTS)[0]
    given = (
        rng.choice(_GIVEN_CHARS)
        if rng.random() < 0.3
        else rng.choice(_GIVEN_CHARS) + rng.choice(_GIVEN_CHARS)
    )
    return surname + given


def mobile_number(rng: random.Random) -> str:
    return rng.choice(_MOBILE_PREFIXES) + f"{rng.randrange(100_000_000):08d}"


def landline_number(rng: random.Random) -> str:
    # local numbers start 2–8; 8xxxxxxx numbers are government switchboards (see departments)
    return AREA_CODE + str(rng.randint(2, 7)) + f"{rng.randrange(10_000_000):07d}"


def address(rng: random.Random) -> str:
    district = rng.choices(DISTRICTS, weights=_DISTRICT_WEIGHTS)[0]
    if rng.random() < 0.8:
        return (
            f"{district}{rng.choice(ROADS)}{rng.randint(1, 399)}号{rng.choice(COMMUNITIES)}"
            f"{rng.randint(1, 32)}栋{rng.randint(1, 4)}单元{rng.randint(1, 28)}{rng.randint(1, 4):02d}室"
        )
    return f"{district}{rng.choice(ROADS)}{rng.randint(1, 399)}号"


def generate_customers(count: int = 1000, *, seed: int = 0, today: date) -> list[DemoCustomer]:
    """``count`` customers with unique phone numbers, deterministic in ``seed``."""
    if count < 0:
        raise ValueError(f"count must be zero or positive, got {count}")
    rng = random.Random(f"customers:{seed}")
    used: set[str] = set()

    def fresh(make_landline: bool) -> str:
        while True:
            n = landline_number(rng) if make_landline else mobile_number(rng)
            if n not in used:
                used.add(n)
                return n

    start = datetime.combine(today - timedelta(days=3 * 365), time(8), CENTRE_TZ)
    out: list[DemoCustomer] = []
    for i in range(count):
        phones = [fresh(rng.random() < LANDLINE_SHARE)]
        if rng.random() < SECOND_NUMBER_SHARE:
            phones.append(fresh(make_landline=phones[0].startswith("0") is False and rng.random() < 0.5))
        tags = tuple(t for t, share in TAG_SHARES.items() if rng.random() < share)
        created = start + timedelta(seconds=rng.randrange(3 * 365 * 86400 - 90 * 86400))
        blacklisted_at = None
        reason = None
        notes = rng.choice(_NOTES) if rng.random() < 0.2 else None
        if CustomerTag.BLACKLISTED in tags:
            # blacklisted during the call history so the history shows both answered and blocked calls
            day = today - timedelta(days=rng.randint(5, 50))
            blacklisted_at = datetime.combine(day, time(rng.randint(9, 17), rng.randrange(60)), CENTRE_TZ)
            reason = rng.choice(_BLACKLIST_NOTES)
            notes = reason
        elif CustomerTag.ELDERLY in tags and notes is None and rng.random() < 0.5:
            notes = "老年人，听力不好，请放慢语速、提高音量。"
        out.append(
            DemoCustomer(
                id=i + 1,
                name=chinese_name(rng),
                phones=tuple(phones),
                address=address(rng),
                notes=notes,
                tags=tags,
                created_at=created,
                blacklisted_at=blacklisted_at,
                blacklist_reason=reason,
            )
        )
    return out


_AGENT_NAMES = (
    "张丽",
    "王芳",
    "李娜",
    "刘洋",
    "陈静",
    "杨敏",
    "赵磊",
    "黄婷",
    "周晓燕",
    "吴杰",
    "徐丹",
    "孙悦",
    "马超",
    "朱琳",
    "胡雪",
    "郭佳",
    "何欣",
    "林晨",
    "罗慧",
    "郑宇",
)

# (team, shift): 一组 early, 二组 late, 三组 covers the night line of 12345.
_TEAM_SHIFTS: tuple[tuple[str, tuple[int, int]], ...] = (
    ("一组", (8, 16)),
    ("二组", (12, 20)),
    ("三组", (19, 8)),
)


def demo_staff(seed: int = 0) -> list[DemoStaff]:
    """Admin 0001, leader 9001 and agents 1001–1020, in that order.

    Names and teams are fixed (they are in the README); skill levels vary with ``seed``.
    """
    rng = random.Random(f"staff:{seed}")
    staff = [
        DemoStaff(
            ADMIN_WORK_NUMBER, "系统管理员", Role.ADMIN, None, (), None, f"sip-{ADMIN_WORK_NUMBER}-demo"
        ),
        DemoStaff(
            LEADER_WORK_NUMBER,
            "许红",
            Role.LEADER,
            None,
            tuple((s, 5) for s in Skill),
            None,
            f"sip-{LEADER_WORK_NUMBER}-demo",
        ),
    ]
    specialties = (Skill.GJJ, Skill.SHEBAO, Skill.XIAOFEI, Skill.HUKOU)
    for i, work_number in enumerate(AGENT_WORK_NUMBERS):
        team, shift = _TEAM_SHIFTS[0] if i < 8 else _TEAM_SHIFTS[1] if i < 15 else _TEAM_SHIFTS[2]
        skills: dict[Skill, int] = {Skill.GENERAL: rng.randint(2, 5)}
        # every specialty is held by several agents per team so each queue is staffed on every shift
        main = specialties[i % len(specialties)]
        skills[main] = rng.randint(3, 5)
        for extra in specialties:
            if extra not in skills and rng.random() < 0.35:
                skills[extra] = rng.randint(1, 3)
        if rng.random() < 0.15:
            skills[Skill.ENGLISH] = rng.randint(2, 4)
        staff.append(
            DemoStaff(
                work_number=work_number,
                name=_AGENT_NAMES[i],
                role=Role.AGENT,
                team=team,
                skills=tuple(sorted(skills.items())),
                shift=shift,
                sip_password=f"sip-{work_number}-demo",
            )
        )
    return staff


def demo_agents(seed: int = 0) -> list[DemoStaff]:
    """Only the call-takers (1001–1020)."""
    return [s for s in demo_staff(seed) if s.role is Role.AGENT]
