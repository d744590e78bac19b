"""Knowledge-base articles: the curated demo set (≥ 300) and a scalable generator for benchmarks.

Articles are policy Q&A for call-takers, each with the sections 办理条件 / 所需材料 / 办理流程 /
办理时限 / 咨询电话, built from the hand-written matters in ``_matters`` crossed with question forms
(and, for the benchmark generator, with applicant situations and districts).
"""

from __future__ import annotations

import logging
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from server_stub.demo_data import CENTRE_TZ, CITY
from server_stub.demo_data._matters import MATTERS, Matter
from server_stub.demo_data.categories import Category, category
from server_stub.demo_data.departments import department
from shared.protocol.knowledge import KnowledgeArticle

logger = logging.getLogger(__name__)

#: Used when the caller passes no ``today``: a fixed date keeps the output independent of the clock.
DEFAULT_TODAY = date(2026, 11, 21)

#: How far back article edit times spread.
HISTORY_DAYS = 365

_NUMERALS = "①②③④⑤⑥"


@dataclass(frozen=True, slots=True)
class _Form:
    """A way of asking about a matter: the title pattern and which section the answer leads with."""

    key: str
    title: str  # ``{name}`` is the matter's name; empty means "use the matter's own question"
    lead: str
    keyword: str


_FORMS: tuple[_Form, ...] = (
    _Form("q", "", "conditions", "怎么办"),
    _Form("m", "{name}需要哪些材料", "materials", "材料"),
    _Form("c", "{name}需满足什么条件", "conditions", "条件"),
    _Form("p", "{name}的流程和时限", "steps", "流程"),
)

_TIPS: tuple[str, ...] = (
    "温馨提示：材料须提供原件，复印件由窗口现场留存。",
    "温馨提示：委托他人办理的，另需提供委托书及受托人身份证件。",
    "温馨提示：线上办理全程免费，请勿轻信代办中介。",
    "温馨提示：办理结果将以短信通知，请保持预留手机号畅通。",
    "温馨提示：节假日期间窗口服务时间以官方公告为准。",
    "温馨提示：如对办理结果有异议，可在收到结果之日起60日内申请复核。",
    "温馨提示：老年人、残疾人等特殊群体可预约上门或绿色通道服务。",
    "温馨提示：政策如有调整，以主管部门最新发布的文件为准。",
)

#: Applicant situations the benchmark generator crosses the matters with.
_SITUATIONS: tuple[tuple[str, str], ...] = (
    ("外地户籍人员", "非本市户籍但在本市连续工作或居住的，同样适用本规定。"),
    ("灵活就业人员", "以灵活就业身份参保或缴存的，按个人身份办理，无需单位盖章。"),
    ("退役军人", "退役军人可凭退役证在窗口享受优先办理服务。"),
    ("港澳台居民", "港澳台居民凭居住证或通行证办理，其余要求与本市居民相同。"),
    ("残疾人", "持残疾人证的可申请上门服务或由监护人代为办理。"),
    ("在校大学生", "在校学生由学校统一组织的，按学校通知时间集中办理。"),
    ("新就业职工", "首次就业的职工，由用人单位在入职30日内协助办理。"),
    ("60岁以上老人", "60岁以上老人可由子女持关系证明代办，窗口设有敬老服务岗。"),
    ("企业经办人", "单位经办人须持单位授权委托书及数字证书办理。"),
    ("外籍人员", "外籍人员凭护照及有效工作许可办理，材料须附中文译本。"),
    ("个体工商户", "个体工商户凭营业执照以经营者个人名义办理。"),
    ("军人家属", "现役军人家属凭随军证明可享受优先办理。"),
)

_DISTRICTS: tuple[str, ...] = ("中山区", "临江区", "青湖区", "高新区", "北塘区", "南屏区", "西山区", "经开区")

_WINDOWS: tuple[str, ...] = ("市民服务中心", "政务服务大厅", "便民服务中心", "综合受理窗口")


def _leaf(m: Matter) -> Category:
    return category(m.category)


def _hotline_line(m: Matter) -> str:
    cat = _leaf(m)
    dept = department(cat.department_code)
    return f"【咨询电话】{cat.hotline}（{dept.name}：{dept.transfer_display}）"


def _sections(m: Matter, lead: str, rng: random.Random, extra_condition: str = "") -> list[str]:
    materials = "；".join(f"{i}.{x}" for i, x in enumerate(m.materials, 1))
    steps = "；".join(f"{_NUMERALS[i]}{x}" for i, x in enumerate(m.steps))
    blocks = {
        "conditions": f"【办理条件】{m.conditions}{extra_condition}",
        "materials": f"【所需材料】{materials}。",
        "steps": f"【办理流程】{steps}。",
    }
    order = [lead, *(k for k in ("conditions", "materials", "steps") if k != lead)]
    out = [blocks[k] for k in order]
    online = "支持网上办理。" if m.online else "需到现场办理。"
    out.append(f"【办理时限】{m.time_limit}，{online}")
    out.append(_hotline_line(m))
    out.append(rng.choice(_TIPS))
    return out


def _keywords(m: Matter, form: _Form, *extra: str) -> list[str]:
    cat = _leaf(m)
    seen: dict[str, None] = {}
    for k in (*m.keywords, *cat.path, form.keyword, *extra):
        seen.setdefault(k, None)
    return list(seen)


def _title(m: Matter, form: _Form) -> str:
    return form.title.format(name=m.name) if form.title else m.question


def _intro(m: Matter, form: _Form, dept_name: str) -> str:
    if form.lead == "materials":
        return f"市民咨询{m.name}应准备哪些材料，答复口径如下（{dept_name}提供）。"
    if form.lead == "steps":
        return f"{m.name}可按以下步骤办理，时限以受理之日起计算。"
    return f"本条目解答“{m.question}”，适用于{CITY}行政区域内办理的业务。"


def _edit_times(rng: random.Random, n: int, today: date) -> list[datetime]:
    """``n`` ascending edit times within the last year: ``version`` order is edit order."""
    start = datetime.combine(today - timedelta(days=HISTORY_DAYS), time(8, 0), CENTRE_TZ)
    span = HISTORY_DAYS * 86400
    return [start + timedelta(seconds=s) for s in sorted(rng.randrange(span) for _ in range(n))]


def _curated(rng: random.Random) -> Iterator[tuple[str, str, Matter, _Form]]:
    for m in MATTERS:
        dept_name = department(_leaf(m).department_code).name
        for form in _FORMS:
            body = "\n".join([_intro(m, form, dept_name), *_sections(m, form.lead, rng)])
            yield _title(m, form), body, m, form


def _variant(rng: random.Random) -> tuple[str, str, Matter, _Form, str, str]:
    m = rng.choice(MATTERS)
    form = rng.choice(_FORMS)
    who, rule = rng.choice(_SITUATIONS)
    district = rng.choice(_DISTRICTS)
    window = rng.choice(_WINDOWS)
    dept_name = department(_leaf(m).department_code).name
    base = _title(m, form)
    title = f"{who}{base}" if rng.random() < 0.6 else f"{district}{base}"
    intro = (
        f"{district}{who}咨询{m.name}，{dept_name}答复如下；现场办理可前往{district}{window}"
        f"（工作日9:00—17:00）。"
    )
    body = "\n".join([intro, *_sections(m, form.lead, rng, extra_condition=rule)])
    return title, body, m, form, who, district


def generate_articles(count: int, seed: int = 0, today: date | None = None) -> list[KnowledgeArticle]:
    """``count`` knowledge articles with ids and versions ``1..count``, deterministic in ``seed``.

    The first articles (up to the curated set's size) are the curated demo articles in a seeded
    order; beyond that come variants crossed with applicant situations and districts, so 20,000–
    100,000 articles stay varied enough for search benchmarks. Short codes are
    ``<category code>-<nnn>`` numbered per category, unique across the result. ``updated_at``
    grows with ``version`` and lies within a year before ``today`` (a fixed date if omitted).
    """
    if count < 0:
        raise ValueError(f"count must be zero or positive, got {count}")
    today = today or DEFAULT_TODAY
    rng = random.Random(seed)
    curated = list(_curated(rng))
    rng.shuffle(curated)
    times = _edit_times(rng, count, today)
    per_category: dict[str, int] = {}
    out: list[KnowledgeArticle] = []
    for i in range(count):
        if i < len(curated):
            title, body, m, form = curated[i]
            keywords = _keywords(m, form)
        else:
            title, body, m, form, who, district = _variant(rng)
            keywords = _keywords(m, form, who, district)
        cat = _leaf(m)
        n = per_category.get(cat.code, 0) + 1
        per_category[cat.code] = n
        out.append(
            KnowledgeArticle(
                id=i + 1,
                title=title,
                body=body,
                category_path=list(cat.path),
                keywords=keywords,
                short_code=f"{cat.code}-{n:03d}",
                department=department(cat.department_code).name,
                version=i + 1,
                updated_at=times[i],
            )
        )
    return out


def curated_article_count() -> int:
    """How many hand-shaped articles there are (matters × question forms)."""
    return len(MATTERS) * len(_FORMS)


def demo_articles(seed: int = 0, today: date | None = None) -> list[KnowledgeArticle]:
    """The curated demo knowledge base (every matter in every question form, ≥ 300 articles)."""
    return generate_articles(curated_article_count(), seed=seed, today=today)
