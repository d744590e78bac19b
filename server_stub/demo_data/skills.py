"""Skills agents hold and queues require (stored by value in ``agent_skills.skill``)."""

from __future__ import annotations

import logging
from enum import StrEnum

logger = logging.getLogger(__name__)


class Skill(StrEnum):
    GENERAL = "general"  # 12345 综合咨询
    GJJ = "gjj"  # 住房公积金
    SHEBAO = "shebao"  # 社保、医保
    XIAOFEI = "xiaofei"  # 消费投诉
    HUKOU = "hukou"  # 户籍、出入境
    ENGLISH = "english"  # foreign-language callers
