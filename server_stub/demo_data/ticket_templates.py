"""Demo ticket templates: the centre's canned texts for its most common consultations and complaints.

Each skeleton is what a call-taker would otherwise type on every such call; the blanks (……, （ ）)
are for what only this caller can tell.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from shared.protocol.enums import TicketType

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DemoTicketTemplate:
    """One template. Immutable; safe to share between threads. Codes are the demo's category and
    department codes (``categories.category_id`` / ``departments.department_id`` give the row ids)."""

    name: str
    type: TicketType
    category_code: str | None
    department_code: str | None
    content: str


_C = TicketType.CONSULTATION
_P = TicketType.COMPLAINT
_R = TicketType.REPORT
_H = TicketType.HELP_REQUEST

#: In the order the seat's template list shows them.
TICKET_TEMPLATES: tuple[DemoTicketTemplate, ...] = (
    DemoTicketTemplate(
        "公积金提取咨询", _C, "GJJ-TQ", "GJJ",
        "来电人咨询住房公积金提取（购房/租房/退休/离职……），公积金账号（ ）。"
        "已告知提取条件、所需材料及办理渠道（网上办理或管理部柜台），来电人表示……",
    ),
    DemoTicketTemplate(
        "公积金贷款咨询", _C, "GJJ-DK", "GJJ",
        "来电人咨询公积金贷款（首套/二套……），拟购房屋位于（ ）。"
        "已告知贷款额度计算方式、申请条件及材料，来电人表示……",
    ),
    DemoTicketTemplate(
        "社保卡补办", _C, "SB-SBK", "RSJ",
        "来电人反映社保卡（遗失/损坏/信息有误……），持卡人姓名（ ）。"
        "已告知先挂失，再携带身份证到合作银行网点或通过掌上人社办理补换卡，来电人表示……",
    ),
    DemoTicketTemplate(
        "医保异地备案", _C, "SB-YB", "YBJ",
        "来电人咨询异地就医备案，参保地（ ），就医地（ ），就医类型（长期居住/临时外出……）。"
        "已告知可通过国家医保服务平台APP或窗口办理，来电人表示……",
    ),
    DemoTicketTemplate(
        "消费投诉退货", _P, "XF-SP", "SJJ",
        "来电人反映于（日期）在（商家名称、地址）购买（商品），金额（ ）元，出现（质量问题……）。"
        "已与商家协商未果，诉求：（退货/退款/赔偿）。请市场监管部门调查处理。",
    ),
    DemoTicketTemplate(
        "网购纠纷投诉", _P, "XF-WG", "SJJ",
        "来电人反映于（日期）在（平台名称）店铺（ ）购买（商品），订单号（ ），问题：……"
        "平台客服处理结果：……诉求：（退款/换货/赔偿）。",
    ),
    DemoTicketTemplate(
        "预付卡退费（健身）", _P, "XF-YFK-JS", "SJJ",
        "来电人反映在（健身房名称、地址）办理预付卡，充值（ ）元，剩余（ ）元，"
        "现商家（停业/搬迁/拒绝退费……）。诉求：退还剩余费用。",
    ),
    DemoTicketTemplate(
        "户口迁移咨询", _C, "HJ-QY", "HZ",
        "来电人咨询户口迁移（投靠/购房落户/人才引进……），迁出地（ ），迁入地（ ）。"
        "已告知迁移条件、所需材料及办理地点，来电人表示……",
    ),
    DemoTicketTemplate(
        "身份证补领", _C, "HJ-SFZ", "HZ",
        "来电人咨询居民身份证（遗失补领/到期换领……），户籍地（ ）。"
        "已告知可在任一户政窗口办理及所需材料、办理时限，来电人表示……",
    ),
    DemoTicketTemplate(
        "噪音扰民（社会生活）", _P, "CG-ZY-SH", "CGJ",
        "来电人反映（地址）（商铺/广场舞/装修……）噪音扰民，时间段（ ），已持续（ ）。"
        "诉求：请相关部门核实处理并回复来电人。",
    ),
    DemoTicketTemplate(
        "夜间施工噪音", _P, "CG-ZY-SG", "CGJ",
        "来电人反映（工地名称、地址）夜间（ 点至 点）施工，噪音扰民，"
        "是否有夜间施工许可不详。诉求：请核实并依法处理。",
    ),
    DemoTicketTemplate(
        "停水咨询", _C, "SDQ-GS", "SWJT",
        "来电人反映（小区/地址）自（时间）起停水，"
        "已查询停水公告（有/无），已告知（恢复时间/抢修电话）。来电人表示……",
    ),
    DemoTicketTemplate(
        "停电报修", _R, "SDQ-GD", "GDGS",
        "来电人反映（小区/地址）自（时间）起停电，影响范围（单户/整栋/片区……），"
        "请供电公司尽快核实抢修并告知恢复时间。",
    ),
    DemoTicketTemplate(
        "物业服务投诉", _P, "ZF-WY", "ZJJ",
        "来电人反映（小区名称）物业公司（ ）存在（卫生/安保/维修不及时/乱收费……）问题，"
        "已与物业沟通（ 次）未解决。诉求：……",
    ),
    DemoTicketTemplate(
        "义务教育入学咨询", _C, "JY-RX", "JYJ",
        "来电人咨询子女（小学/初中）入学，户籍（ ），居住地（ ），房产情况（ ）。"
        "已告知划片规则、报名时间及材料，来电人表示……",
    ),
    DemoTicketTemplate(
        "困难群众求助", _H, "MZ-JZ", "MZJ",
        "来电人（ ），住（地址），反映家庭（因病/失业/残疾……）生活困难，"
        "家庭人口（ ），诉求：申请（低保/临时救助……）。请民政部门核实帮扶。",
    ),
)  # fmt: skip
