"""Pure parsing of what the engine reads from raw SIP messages (no pjsua2 here)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# RFC 3261 compact header names that can matter to us
_COMPACT = {
    "f": "From",
    "t": "To",
    "i": "Call-ID",
    "m": "Contact",
    "l": "Content-Length",
    "c": "Content-Type",
}


def parse_headers(whole_msg: str) -> list[tuple[str, str]]:
    """Header (name, value) pairs of a SIP message in order, folded lines joined, body ignored."""
    head = re.split(r"\r?\n\r?\n", whole_msg, maxsplit=1)[0]
    lines = re.split(r"\r?\n", head)[1:]  # drop the request/status line
    pairs: list[tuple[str, str]] = []
    for line in lines:
        if line[:1] in (" ", "\t") and pairs:
            name, value = pairs[-1]
            pairs[-1] = (name, f"{value} {line.strip()}")
            continue
        name, sep, value = line.partition(":")
        if not sep:
            continue
        name = name.strip()
        pairs.append((_COMPACT.get(name.lower(), name) if len(name) == 1 else name, value.strip()))
    return pairs


def x_headers(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """Every ``X-…`` header, name as sent; repeated headers are joined with ", " as RFC 3261 allows."""
    out: dict[str, str] = {}
    for name, value in pairs:
        if name.lower().startswith("x-"):
            out[name] = f"{out[name]}, {value}" if name in out else value
    return out


@dataclass(frozen=True)
class AutoAnswer:
    requested: bool
    delay_s: float = 0.0


def auto_answer_request(pairs: list[tuple[str, str]]) -> AutoAnswer:
    """Does the INVITE ask to be answered without a person? Understands the common dialects:
    ``Call-Info: <…>;answer-after=N`` (Polycom/Yealink/Asterisk), ``Answer-Mode: Auto`` (RFC 5373) and
    ``Alert-Info: …;info=alert-autoanswer``."""
    for name, value in pairs:
        lname, lvalue = name.lower(), value.lower()
        if lname == "call-info":
            match = re.search(r"answer-after\s*=\s*([0-9.]+)", lvalue)
            if match:
                return AutoAnswer(True, float(match.group(1)))
        elif (lname == "answer-mode" and lvalue.split(";")[0].strip() == "auto") or (
            lname == "alert-info" and ("alert-autoanswer" in lvalue or "auto answer" in lvalue)
        ):
            return AutoAnswer(True, 0.0)
    return AutoAnswer(False)


@dataclass(frozen=True)
class NameAddr:
    display_name: str
    uri: str
    user: str
    host: str


_NAME_ADDR = re.compile(r'^\s*(?:"((?:[^"\\]|\\.)*)"|([^<"]*?))\s*<([^>]*)>')


def parse_name_addr(text: str) -> NameAddr:
    """``"Zhang San" <sip:13800138000@gw;user=phone>;tag=x`` → display name, URI, user and host."""
    match = _NAME_ADDR.match(text)
    if match:
        display = (match.group(1) if match.group(1) is not None else match.group(2) or "").strip()
        display = re.sub(r"\\(.)", r"\1", display)
        uri = match.group(3).strip()
    else:
        display, uri = "", text.split(";")[0].strip()
    rest = re.sub(r"^(sips?|tel):", "", uri, flags=re.IGNORECASE)
    userinfo, at, hostpart = rest.partition("@")
    if not at:
        userinfo, hostpart = ("", userinfo) if not uri.lower().startswith("tel:") else (userinfo, "")
    user = userinfo.split(";")[0].split(":")[0]
    host = hostpart.split(";")[0].split("?")[0]
    return NameAddr(display, uri, user, host)


def format_headers_for_log(pairs: list[tuple[str, str]]) -> str:
    return "; ".join(f"{n}: {v}" for n, v in pairs)
