"""The ticket and knowledge category tree (2–3 levels) with per-category ticket deadlines."""

from __future__ import annotations

import logging
from dataclasses import dataclass

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Category:
    """One node of the tree. Immutable; safe to share between threads.

    ``code`` joins the codes of the path with ``-`` (``GJJ-TQ``), so it is unique and doubles as the
    prefix of the knowledge articles' short codes. ``deadline_days`` (inherited by children that set none) is
    how many days the department has: consultation-heavy areas 3, complaints 5, on-site checks 7.
    """

    code: str
    name: str
    path: tuple[str, ...]
    parent_code: str | None
    department_code: str
    hotline: str
    deadline_days: int | None = None

    @property
    def level(self) -> int:
        return len(self.path)


# (code, name, department, deadline override, children); roots also carry their hotline.
_Node = tuple[str, str, str, int | None, tuple["_Node", ...]]

_TREE: tuple[tuple[str, _Node], ...] = (
    (
        "12329",
        (
            "GJJ",
            "公积金",
            "GJJ",
            3,
            (
                ("TQ", "提取", "GJJ", 3, ()),
                ("DK", "贷款", "GJJ", 5, ()),
                ("JC", "缴存", "GJJ", 3, ()),
                ("ZY", "转移", "GJJ", 5, ()),
            ),
        ),
    ),
    (
        "12345",
        (
            "SB",
            "社保",
            "RSJ",
            5,
            (
                ("YL", "养老", "RSJ", None, ()),
                ("YB", "医疗", "YBJ", None, ()),
                ("SY", "失业", "RSJ", None, ()),
                ("SBK", "社保卡", "RSJ", 3, ()),
                ("GS", "工伤", "RSJ", 7, ()),
            ),
        ),
    ),
    (
        "12315",
        (
            "XF",
            "消费投诉",
            "SJJ",
            5,
            (
                ("SP", "商品质量", "SJJ", None, ()),
                (
                    "YFK",
                    "预付卡",
                    "SJJ",
                    None,
                    (
                        ("MR", "美容美发", "SJJ", None, ()),
                        ("JS", "健身", "SJJ", None, ()),
                        ("PX", "教育培训", "SJJ", None, ()),
                    ),
                ),
                ("WG", "网购", "SJJ", None, ()),
                ("CY", "餐饮", "SJJ", 3, ()),
                ("WX", "维修", "SJJ", None, ()),
            ),
        ),
    ),
    (
        "12345",
        (
            "HJ",
            "户籍",
            "HZ",
            5,
            (
                ("QY", "迁移", "HZ", None, ()),
                ("SFZ", "身份证", "HZ", 3, ()),
                ("JZZ", "居住证", "HZ", None, ()),
            ),
        ),
    ),
    (
        "12345",
        (
            "CG",
            "城市管理",
            "CGJ",
            5,
            (
                (
                    "ZY",
                    "噪音",
                    "CGJ",
                    3,
                    (
                        ("SG", "施工噪音", "CGJ", 3, ()),
                        ("SH", "社会生活噪音", "CGJ", 5, ()),
                    ),
                ),
                ("ZD", "占道", "CGJ", 5, ()),
                ("LJ", "垃圾", "CGJ", 3, ()),
            ),
        ),
    ),
    (
        "12345",
        (
            "JT",
            "交通",
            "JTJ",
            5,
            (
                ("CZC", "出租车", "JTJ", 5, ()),
                ("GJ", "公交", "JTJ", None, ()),
                ("DL", "道路设施", "JTJ", 7, ()),
            ),
        ),
    ),
    (
        "12345",
        (
            "JY",
            "教育",
            "JYJ",
            7,
            (
                ("RX", "入学", "JYJ", None, ()),
                ("XW", "校外培训", "JYJ", None, ()),
            ),
        ),
    ),
    (
        "12345",
        (
            "WS",
            "医疗卫生",
            "WJW",
            5,
            (
                ("YY", "医院服务", "WJW", None, ()),
                ("YM", "预防接种", "WJW", None, ()),
            ),
        ),
    ),
    (
        "12345",
        (
            "HB",
            "环保",
            "HBJ",
            7,
            (
                ("DQ", "大气污染", "HBJ", None, ()),
                ("SWR", "水污染", "HBJ", None, ()),
            ),
        ),
    ),
    (
        "12345",
        (
            "SDQ",
            "水电气",
            "SWJT",
            3,
            (
                ("GS", "供水", "SWJT", None, ()),
                ("GD", "供电", "GDGS", None, ()),
                ("RQ", "燃气", "RQJT", None, ()),
            ),
        ),
    ),
    (
        "12345",
        (
            "ZF",
            "住房",
            "ZJJ",
            7,
            (
                ("WY", "物业", "ZJJ", 5, ()),
                ("FW", "房屋质量", "ZJJ", 7, ()),
                ("ZL", "房屋租赁", "ZJJ", None, ()),
            ),
        ),
    ),
    (
        "12345",
        (
            "MZ",
            "民政",
            "MZJ",
            5,
            (
                ("HY", "婚姻登记", "MZJ", None, ()),
                ("YLFW", "养老服务", "MZJ", None, ()),
                ("JZ", "社会救助", "MZJ", None, ()),
            ),
        ),
    ),
    ("12345", ("BDC", "不动产", "BDC", 5, (("DJ", "产权登记", "BDC", None, ()),))),
    ("12345", ("NS", "税务", "SWJ", 3, (("GS", "个人所得税", "SWJ", None, ()),))),
    (
        "12345",
        (
            "CRJ",
            "出入境",
            "CRJ",
            None,
            (
                ("HZ", "护照", "CRJ", None, ()),
                ("GA", "港澳台通行证", "CRJ", None, ()),
            ),
        ),
    ),
)


def _flatten() -> tuple[Category, ...]:
    out: list[Category] = []

    def walk(node: _Node, hotline: str, parent: Category | None) -> None:
        code, name, dept, deadline, children = node
        full_code = f"{parent.code}-{code}" if parent else code
        path = (*parent.path, name) if parent else (name,)
        cat = Category(full_code, name, path, parent.code if parent else None, dept, hotline, deadline)
        out.append(cat)
        for child in children:
            walk(child, hotline, cat)

    for hotline, root in _TREE:
        walk(root, hotline, None)
    return tuple(out)


#: Depth-first, parents before children: the order of insertion and of the seat's category picker.
CATEGORIES: tuple[Category, ...] = _flatten()
_BY_CODE = {c.code: c for c in CATEGORIES}


def category(code: str) -> Category:
    """The category with ``code``; raises ``KeyError`` with an actionable message if there is none."""
    try:
        return _BY_CODE[code]
    except KeyError:
        raise KeyError(f"unknown category code {code!r}; e.g. {', '.join(list(_BY_CODE)[:5])}") from None


def demo_categories() -> list[Category]:
    return list(CATEGORIES)


def leaf_categories() -> list[Category]:
    """Categories without children: what a ticket is filed under."""
    parents = {c.parent_code for c in CATEGORIES}
    return [c for c in CATEGORIES if c.code not in parents]


def deadline_days(cat: Category) -> int | None:
    """Days a department has for a ticket filed under ``cat``: the category's own deadline or the
    nearest ancestor's; ``None`` means the server's default (7 days, ``services.sla``)."""
    node: Category | None = cat
    while node is not None:
        if node.deadline_days is not None:
            return node.deadline_days
        node = _BY_CODE.get(node.parent_code) if node.parent_code else None
    return None


def category_id(code: str) -> int:
    """The database id the demo loader gives the category: its 1-based position in :data:`CATEGORIES`."""
    category(code)
    return _IDS[code]


_IDS = {c.code: i for i, c in enumerate(CATEGORIES, 1)}
