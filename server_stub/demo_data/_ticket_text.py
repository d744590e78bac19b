"""Sentence templates for ticket titles, contents, department answers and reasons (plain data)."""

from __future__ import annotations

import random

from server_stub.demo_data.people import COMMUNITIES, DISTRICTS, ROADS

_RIVERS = ("青湖河", "北塘河", "南屏溪", "西山河", "临江支流", "运粮河")
_SHOPS = (
    "某美容美发店",
    "某健身会所",
    "某培训学校",
    "某家电卖场",
    "某火锅店",
    "某烧烤店",
    "某超市",
    "某手机专卖店",
    "某家具城",
    "某母婴店",
    "某眼镜店",
    "某洗车店",
)
_GOODS = ("电热水器", "冰箱", "空调", "手机", "洗衣机", "电动车", "羽绒服", "沙发", "燃气灶", "扫地机器人")
_COMPANIES = ("某科技有限公司", "某物流有限公司", "某建筑劳务公司", "某餐饮管理公司", "某商贸有限公司")
_SCHOOLS = ("某小学", "某中学", "某幼儿园")
_HOSPITALS = ("市第一人民医院", "市中医院", "中山区人民医院", "临江区妇幼保健院", "某社区卫生服务中心")

#: (short title, sentence) per leaf category for complaints, reports and help requests. ``{place}``,
#: ``{road}``, ``{road2}``, ``{river}``, ``{shop}``, ``{goods}``, ``{company}``, ``{school}``,
#: ``{hospital}``, ``{amount}``, ``{plate}`` and ``{route}`` are filled in by :func:`fill`.
ISSUES: dict[str, tuple[tuple[str, str], ...]] = {
    "CG-ZY-SG": (
        ("夜间施工噪音扰民", "{place}附近工地夜间施工噪音扰民，已持续一周，严重影响休息"),
        ("清晨施工噪音", "{road}道路施工每天清晨5点开工，机械轰鸣影响周边居民"),
    ),
    "CG-ZY-SH": (
        ("广场舞音响扰民", "{place}广场舞音响声音过大，晚上9点后仍未结束"),
        ("商铺喇叭噪音", "{road}沿街商铺高音喇叭循环播放促销广告"),
    ),
    "CG-ZD": (
        ("流动摊贩占道经营", "{road}沿线流动摊贩占道经营，影响行人和车辆通行"),
        ("商户占用人行道", "{place}门口商户长期占用人行道堆放货物"),
    ),
    "CG-LJ": (
        ("垃圾未及时清运", "{place}垃圾收集点垃圾满溢多日无人清运，气味难闻"),
        ("建筑垃圾乱倒", "{road}路边有人随意倾倒建筑垃圾"),
    ),
    "HB-DQ": (
        ("餐馆油烟扰民", "{place}楼下餐馆油烟直排，居民无法开窗"),
        ("企业夜间排放异味", "{road}附近企业夜间排放刺鼻气体"),
    ),
    "HB-SWR": (("河道发黑发臭", "{river}{road}段河水发黑发臭，疑似有排污口直排"),),
    "SDQ-GS": (
        ("停水无通知", "{place}连续两天停水，事先未收到任何通知"),
        ("自来水浑浊", "{place}自来水浑浊发黄，无法正常饮用"),
    ),
    "SDQ-GD": (("小区频繁停电", "{place}近一周频繁停电，家中电器受损"),),
    "SDQ-RQ": (("楼道燃气异味", "{place}楼道内有明显燃气异味，担心存在泄漏隐患"),),
    "ZF-WY": (
        ("物业服务不到位", "{place}物业长期不打扫楼道，电梯故障迟迟不修"),
        ("物业乱收费", "{place}物业擅自上调停车管理费"),
    ),
    "ZF-FW": (("新房渗水开裂", "{place}新交付房屋墙面开裂渗水，开发商拒绝维修"),),
    "ZF-ZL": (("押金不退", "租住{place}的房屋到期退租，房东以各种理由拒退押金{amount}元"),),
    "JT-CZC": (
        ("出租车绕路", "乘坐车牌号为云A·{plate}的出租车，司机绕路多收费"),
        ("出租车拒载", "在{road}打车时车牌号为云A·{plate}的出租车拒载"),
    ),
    "JT-GJ": (("公交到站不停", "{route}路公交车在{road}站多次到站不停"),),
    "JT-DL": (
        ("路面塌陷", "{road}与{road2}交叉口路面塌陷，存在安全隐患"),
        ("井盖缺失", "{road}人行道井盖缺失，夜间容易发生危险"),
    ),
    "XF-SP": (("商品质量问题", "在{shop}购买的{goods}使用不到一个月出现故障，商家拒绝退换"),),
    "XF-YFK-MR": (("美发店预付卡无法退费", "{district}某美容美发店突然关门，预付卡余额{amount}元无法退还"),),
    "XF-YFK-JS": (("健身房闭店", "{district}某健身会所闭店，会员卡剩余{amount}元无人处理"),),
    "XF-YFK-PX": (("培训机构不退费", "{district}某培训学校停课后拒绝退还剩余课时费{amount}元"),),
    "XF-WG": (("网购货不对板", "在网购平台购买的{goods}与描述不符，商家拒绝七天无理由退货"),),
    "XF-CY": (
        ("就餐后身体不适", "在{district}{shop}就餐后出现腹泻症状，怀疑食品不洁"),
        ("餐馆收取包间费", "{district}{shop}未事先告知收取包间费和开瓶费"),
    ),
    "XF-WX": (("维修乱收费", "{company}上门维修{goods}虚报故障，收取费用{amount}元"),),
    "GJJ-JC": (("单位未缴公积金", "所在单位{company}入职半年未为其缴存住房公积金"),),
    "SB-YL": (("单位未缴社保", "所在单位{company}拖欠社会保险费三个月"),),
    "SB-GS": (("工伤认定受阻", "在{company}工作期间受伤，单位拒绝配合申请工伤认定"),),
    "JY-RX": (("学校违规收费", "{district}{school}以赞助费名义向新生家长收费"),),
    "JY-XW": (("培训机构违规开班", "{place}附近有机构违规开展学科类培训"),),
    "WS-YY": (
        ("医院服务态度差", "在{hospital}就诊时医生态度生硬，未解释检查项目"),
        ("排队时间过长", "{hospital}门诊缴费排队时间过长，自助机多台故障"),
    ),
    "MZ-YLFW": (("养老院服务差", "{district}某养老院护理不到位，老人长期卧床无人翻身"),),
}

#: Department answers by how the matter ended.
RESULTS: tuple[str, ...] = (
    "经现场核查，反映情况属实，已责令相关责任单位限期整改，并电话告知市民处理结果。",
    "经核实，已于近日完成处理，市民对处理过程表示认可。",
    "已电话联系市民，就相关政策作了详细解释，市民表示理解。",
    "经现场核查，未发现市民反映的问题，已向市民说明情况并做好解释。",
    "已约谈相关经营者，督促其与消费者协商解决，双方已达成一致。",
    "问题涉及多个部门，已牵头召开协调会并明确整改时限，将持续跟踪。",
    "已安排工作人员上门服务，问题已解决。",
)
RETURN_REASONS: tuple[str, ...] = (
    "该事项不属于本单位职责范围，请重新派发。",
    "反映地址不在本辖区，请转属地处理。",
    "工单信息不完整，缺少具体地址，无法核实，请补充后重新派发。",
    "该事项已由其他部门立案处理，建议派往对应部门。",
)
EXTENSION_REASONS: tuple[str, ...] = (
    "需协调多个部门现场会商，申请延期。",
    "涉及历史遗留问题，需调取档案核实，申请延期。",
    "需等待第三方检测结果，申请延期。",
    "当事人暂时联系不上，申请延期办理。",
)
EXTENSION_REFUSALS: tuple[str, ...] = ("延期理由不充分，请按原时限办结。", "事项较简单，不予延期。")
VISIT_NOTES: dict[str, tuple[str, ...]] = {
    "satisfied": ("市民对处理结果满意。", "市民表示问题已解决，感谢热线。"),
    "unsatisfied": ("市民对处理结果不满意，认为问题未实际解决。", "市民表示部门未联系本人，不满意。"),
    "unknown": ("多次回访电话无人接听。", "市民表示暂不评价。"),
}
URGE_NOTES: tuple[str, ...] = ("工单即将超期，请尽快办理。", "市民再次来电催问进度，请加快办理。")
SERVICE_FAULTS: tuple[str, ...] = (
    "工作人员态度生硬",
    "多次被要求补充材料",
    "超过承诺时限仍未办结",
    "窗口以系统故障为由不予受理",
)
SUGGESTIONS: tuple[str, ...] = (
    "增加线上办理渠道",
    "延长窗口周末服务时间",
    "精简所需材料、减少跑腿次数",
    "在各区便民服务中心增设自助办理设备",
)


def place(rng: random.Random) -> str:
    return f"{rng.choice(DISTRICTS)}{rng.choice(COMMUNITIES)}小区"


def fill(template: str, rng: random.Random) -> str:
    """Fill every placeholder a template might use (``str.format`` ignores unused keywords)."""
    road, road2 = rng.sample(ROADS, 2)
    return template.format(
        place=place(rng),
        road=road,
        road2=road2,
        river=rng.choice(_RIVERS),
        shop=rng.choice(_SHOPS),
        goods=rng.choice(_GOODS),
        company=rng.choice(_COMPANIES),
        school=rng.choice(_SCHOOLS),
        hospital=rng.choice(_HOSPITALS),
        district=rng.choice(DISTRICTS),
        amount=rng.choice((300, 800, 1200, 1980, 2600, 3500, 5000, 6800)),
        plate=f"{rng.choice('BCDEFGHJK')}{rng.randrange(10000):04d}",
        route=rng.choice((3, 7, 12, 25, 36, 58, 101, 203, 316)),
    )
