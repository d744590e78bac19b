"""IVR menus as data: validation (every option leads to a known menu node or queue) and storage."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..api.errors import InvalidInput
from ..db.models import Agent, IvrMenu, Queue

logger = logging.getLogger(__name__)

ACTIONS = frozenset({"queue", "menu", "ticket_status", "voicemail", "repeat"})
DTMF_KEY = re.compile(r"^[0-9*#]$")
MAX_DEPTH = 5


def validate_tree(tree: dict[str, Any], *, queue_codes: set[str]) -> list[str]:
    """Every problem in the tree, as ``"<where>: <what>"`` lines; empty when the tree is usable."""
    problems: list[str] = []

    def option(node: Any, where: str, depth: int) -> None:
        if not isinstance(node, dict):
            problems.append(f"{where}: must be an object with an 'action'")
            return
        action = node.get("action")
        if action not in ACTIONS:
            problems.append(f"{where}: action must be one of {', '.join(sorted(ACTIONS))}, not {action!r}")
            return
        if action == "queue":
            code = node.get("queue")
            if code not in queue_codes:
                problems.append(f"{where}: leads to unknown queue {code!r}")
        elif action == "menu":
            if depth >= MAX_DEPTH:
                problems.append(f"{where}: menus nest at most {MAX_DEPTH} deep")
                return
            menu(node, where, depth + 1)
        elif action == "ticket_status":
            if not isinstance(node.get("prompt"), str) or not node["prompt"]:
                problems.append(f"{where}: ticket_status needs a 'prompt' asking for the serial number")
            if "fallback" in node:
                option(node["fallback"], f"{where}.fallback", depth)

    def menu(node: dict[str, Any], where: str, depth: int) -> None:
        if not isinstance(node.get("prompt"), str) or not node["prompt"]:
            problems.append(f"{where}: a menu needs a 'prompt'")
        options = node.get("options")
        if not isinstance(options, dict) or not options:
            problems.append(f"{where}: a menu needs 'options' keyed by DTMF digit")
            return
        for key, child in options.items():
            if not DTMF_KEY.match(str(key)):
                problems.append(f"{where}: option key {key!r} is not a DTMF digit (0-9, *, #)")
                continue
            option(child, f"{where}.{key}", depth)

    if not isinstance(tree, dict):
        return ["tree: must be an object"]
    menu(tree, "main", 1)
    for key in ("default", "closed_action"):
        if key in tree:
            option(tree[key], f"main.{key}", 1)
    timeout = tree.get("timeout_seconds", 8)
    if not isinstance(timeout, int) or not 1 <= timeout <= 60:
        problems.append("main.timeout_seconds: must be a whole number of seconds from 1 to 60")
    return problems


def get(session: Session, *, hotline_number: str) -> IvrMenu | None:
    return session.scalar(select(IvrMenu).where(IvrMenu.hotline_number == hotline_number))


def list_menus(session: Session) -> list[IvrMenu]:
    return list(session.scalars(select(IvrMenu).order_by(IvrMenu.hotline_number)))


def put(session: Session, *, admin: Agent, hotline_number: str, name: str, tree: dict[str, Any]) -> IvrMenu:
    if not re.match(r"^[0-9]{3,16}$", hotline_number):
        raise InvalidInput(
            "A hotline number is 3 to 16 digits, e.g. 12345.", error_id="invalid_hotline_number"
        )
    codes = set(session.scalars(select(Queue.code).where(Queue.active.is_(True))))
    problems = validate_tree(tree, queue_codes=codes)
    if problems:
        raise InvalidInput(
            f"The IVR menu has {len(problems)} problem(s): {problems[0]}"
            + (" …" if len(problems) > 1 else ""),
            error_id="invalid_ivr_tree",
            details={"problems": problems},
        )
    menu = get(session, hotline_number=hotline_number)
    if menu is None:
        menu = IvrMenu(hotline_number=hotline_number, name=name, tree=tree)
        session.add(menu)
    menu.name = name
    menu.tree = tree
    menu.updated_by_id = admin.id
    menu.updated_at = datetime.now(UTC)
    session.flush()
    return menu
