"""The departments a call-taker dispatches tickets to and transfers calls to."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from server_stub.demo_data import AREA_CODE

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Department:
    """A receiving unit. Immutable; safe to share between threads.

    ``code`` is the short code agents type and the database key; ``transfer_number`` is the number a
    consult or blind transfer dials (digits only, the city's area code included).
    """

    code: str
    name: str
    transfer_number: str
    hotline: str

    @property
    def transfer_display(self) -> str:
        """The transfer number as printed on the seat's directory: ``026-88512329``."""
        return f"{self.transfer_number[: len(AREA_CODE)]}-{self.transfer_number[len(AREA_CODE) :]}"


def _dept(code: str, name: str, local: str, hotline: str = "12345") -> Department:
    return Department(code=code, name=name, transfer_number=f"{AREA_CODE}{local}", hotline=hotline)


#: Order is stable: it is the order of the seat's transfer directory and of the database ids.
DEPARTMENTS: tuple[Department, ...] = (
    _dept("GJJ", "市住房公积金管理中心", "88512329", "12329"),
    _dept("RSJ", "市人力资源和社会保障局", "88512333"),
    _dept("SJJ", "市市场监督管理局", "88512315", "12315"),
    _dept("HZ", "市公安局户政管理支队", "88510110"),
    _dept("YBJ", "市医疗保障局", "88516090"),
    _dept("ZJJ", "市住房和城乡建设局", "88513201"),
    _dept("JTJ", "市交通运输局", "88519650"),
    _dept("JYJ", "市教育局", "88514020"),
    _dept("WJW", "市卫生健康委员会", "88512320"),
    _dept("HBJ", "市生态环境局", "88512369"),
    _dept("CGJ", "市城市管理局", "88512319"),
    _dept("MZJ", "市民政局", "88513345"),
    _dept("ZRJ", "市自然资源和规划局", "88512336"),
    _dept("SWJT", "市水务集团", "88519666"),
    _dept("GDGS", "国网云川市供电公司", "88595598"),
    _dept("RQJT", "市燃气集团", "88518800"),
    _dept("SWJ", "国家税务总局云川市税务局", "88512366"),
    _dept("BDC", "市不动产登记中心", "88517700"),
    _dept("CRJ", "市公安局出入境管理支队", "88510120"),
    _dept("ZSQ", "中山区人民政府", "88601234"),
    _dept("LJQ", "临江区人民政府", "88602345"),
    _dept("QHQ", "青湖区人民政府", "88603456"),
)

_BY_CODE = {d.code: d for d in DEPARTMENTS}


def department(code: str) -> Department:
    """The department with ``code``; raises ``KeyError`` naming the known codes if there is none."""
    try:
        return _BY_CODE[code]
    except KeyError:
        raise KeyError(f"unknown department code {code!r}; known: {', '.join(_BY_CODE)}") from None


def demo_departments() -> list[Department]:
    """All demo departments in directory order."""
    return list(DEPARTMENTS)


def department_id(code: str) -> int:
    """The database id the demo loader gives the department: its 1-based position in :data:`DEPARTMENTS`."""
    department(code)
    return next(i for i, d in enumerate(DEPARTMENTS, 1) if d.code == code)
