"""The IVR interpreter: walks one hotline's menu tree (``ivr_menus.tree``, validated by
``server_stub.services.ivr``) for one caller.

Pure logic: :func:`run_ivr` is a generator that *yields* steps for its driver (the media worker) and gets
each step's result sent back — ``Say`` → ``None``, ``Collect`` → the digits, ``Lookup`` → the server's
answer — and *returns* an outcome (``ToQueue``, ``ToVoicemail``, ``Disconnect``). No I/O, no clock: unit
tests drive it by hand.

Tree keys used: ``welcome`` (read first), ``prompt``, ``options`` (digit → option), ``timeout_seconds``
(default 8), ``retries`` (default 3), ``default`` (taken after the retries ran out with no input),
``closed_action`` (after hours). Option actions: ``queue`` (``queue``), ``menu`` (a nested menu),
``ticket_status`` (``prompt`` asking for the serial, optional ``fallback`` option), ``voicemail``
(optional ``prompt``), ``repeat``.
"""

from __future__ import annotations

import logging
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 8
DEFAULT_RETRIES = 3
SERIAL_TIMEOUT_S = 15
MAX_SERIAL_DIGITS = 20


@dataclass(frozen=True)
class Say:
    """Play these prompts (standard names, WAV paths or text); ``interruptible``: a key press stops it."""

    prompts: tuple[str, ...]
    interruptible: bool = True


@dataclass(frozen=True)
class Collect:
    """Wait for up to ``max_digits`` keys (keys pressed during an interruptible ``Say`` count), ending
    early on ``terminator``; ``timeout_s`` of silence ends it. Result: the digits, without terminator."""

    max_digits: int
    timeout_s: float
    terminator: str = ""


@dataclass(frozen=True)
class Lookup:
    """Ask the server: ``method`` is a :class:`~server_stub.media.control.CallControl` lookup."""

    method: str
    args: tuple[Any, ...]


@dataclass(frozen=True)
class ToQueue:
    queue_code: str
    ivr_path: str
    digits: str
    after_hours: bool = False


@dataclass(frozen=True)
class ToVoicemail:
    prompt: str | None
    ivr_path: str
    digits: str
    queue_code: str | None = None


@dataclass(frozen=True)
class Disconnect:
    prompts: tuple[str, ...]
    blocked: bool = False


Step = Say | Collect | Lookup
Outcome = ToQueue | ToVoicemail | Disconnect
IvrRun = Generator[Step, Any, Outcome]


def run_ivr(caller: str, hotline_number: str) -> IvrRun:
    """One caller's way through the IVR (see the module docstring for the protocol)."""
    if (yield Lookup("is_blacklisted", (caller,))):
        return Disconnect(("blocked",), blocked=True)
    tree = yield Lookup("ivr_menu", (hotline_number,))
    if not isinstance(tree, dict):
        return Disconnect(("not_in_service",))
    notice = yield Lookup("active_notice_text", (hotline_number,))
    opening = [p for p in (tree.get("welcome"), notice) if isinstance(p, str) and p]
    if opening:
        yield Say(tuple(opening), interruptible=False)
    if not (yield Lookup("is_open", (hotline_number, None))) and isinstance(tree.get("closed_action"), dict):
        outcome = yield from _take(tree["closed_action"], tree, "main>closed", "", after_hours=True)
        if outcome is not None:
            return outcome
    return (yield from _menu(tree, tree, "main", ""))


def _menu(node: dict[str, Any], root: dict[str, Any], path: str, digits: str) -> IvrRun:
    timeout = float(root.get("timeout_seconds", DEFAULT_TIMEOUT_S))
    retries = int(root.get("retries", DEFAULT_RETRIES))
    options: dict[str, Any] = {str(k): v for k, v in (node.get("options") or {}).items()}
    misses = 0
    while True:
        yield Say((str(node["prompt"]),))
        key = yield Collect(1, timeout)
        if not key:
            misses += 1
            if misses < retries:
                continue
            default = root.get("default")
            if isinstance(default, dict):
                outcome = yield from _take(default, root, f"{path}>default", digits)
                if outcome is not None:
                    return outcome
            return Disconnect(("no_input_goodbye",))
        option = options.get(key)
        if not isinstance(option, dict):
            misses += 1
            if misses >= retries:
                return Disconnect(("no_input_goodbye",))
            yield Say(("invalid_choice",))
            continue
        action = option.get("action")
        if action == "repeat":
            continue
        if action == "menu":
            return (yield from _menu(option, root, f"{path}>{key}", digits + key))
        outcome = yield from _take(option, root, f"{path}>{key}", digits + key)
        if outcome is not None:
            return outcome
        # ticket status read out: back to this menu
        misses = 0


def _take(
    option: dict[str, Any], root: dict[str, Any], path: str, digits: str, *, after_hours: bool = False
) -> Generator[Step, Any, Outcome | None]:
    """Carry out one option; ``None`` means "go back to the menu" (self-service finished)."""
    action = option.get("action")
    if action == "queue":
        return ToQueue(str(option["queue"]), path, digits, after_hours=after_hours)
    if action == "voicemail":
        prompt = option.get("prompt")
        return ToVoicemail(str(prompt) if prompt else None, path, digits, option.get("queue"))
    if action == "menu":
        return (yield from _menu(option, root, path, digits))
    if action == "ticket_status":
        yield Say((str(option.get("prompt") or "ticket_not_found"),))
        serial = yield Collect(MAX_SERIAL_DIGITS, SERIAL_TIMEOUT_S, terminator="#")
        status = (yield Lookup("ticket_status", (serial,))) if serial else None
        if isinstance(status, str) and status:
            yield Say((status,), interruptible=False)
            return None
        yield Say(("ticket_not_found",), interruptible=False)
        fallback = option.get("fallback")
        if isinstance(fallback, dict):
            return (yield from _take(fallback, root, f"{path}>fallback", digits + (serial or "")))
        return None
    if action == "hangup":
        return Disconnect((str(option.get("prompt") or "goodbye"),))
    logger.warning("IVR option %s has unknown action %r; routing to the default", path, action)
    default = root.get("default")
    if isinstance(default, dict) and default is not option:
        return (yield from _take(default, root, f"{path}>default", digits))
    return Disconnect(("goodbye",))
