"""SIPp (Debian ``sip-tester``) as a scripted caller or far end: one process per run on loopback, started
in a working folder holding the shipped pcaps (scenarios name them as ``pcap/…``) and stopped by its PID;
and the hotline caller scenario (dial, press digits, send audio, hang up or wait to be hung up).

It lives in ``tools/`` because ``make demo``'s simulated callers use it as well as the tests and the
benchmarks; ``shared/`` ships to seat PCs, which have no SIPp.

Threading: a :class:`SippProcess` belongs to the thread that made it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import socket
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

#: where Debian's sip-tester package puts its pcaps (RFC 2833 digits, a 7 s G.711 A-law sample)
SIPP_DATA = Path("/usr/share/sip-tester")
#: RFC 2833 pcap names for the keys that are not digits
_KEY_NAMES = {"#": "pound", "*": "star"}


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stop_pid(proc: subprocess.Popen[Any], timeout: float = 5.0) -> None:
    """SIGTERM, then SIGKILL after ``timeout``; by the process's own PID only."""
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout)


def copy_shipped_pcaps(folder: Path) -> Path:
    """Copy SIPp's shipped pcaps into ``folder/pcap`` (once); returns ``folder``."""
    if shutil.which("sipp") is None or not SIPP_DATA.is_dir():
        raise RuntimeError("SIPp is not installed: run tools/setup-system.sh (Debian package sip-tester).")
    target = folder / "pcap"
    target.mkdir(parents=True, exist_ok=True)
    for pcap in SIPP_DATA.glob("*.pcap"):
        if not (target / pcap.name).exists():
            shutil.copy(pcap, target / pcap.name)
    return folder


class SippProcess:
    """One SIPp run (``-m`` calls, then it exits) on 127.0.0.1 with free SIP and media ports.

    ``scenario``: a scenario's XML (e.g. :func:`caller_scenario`), written to the run's folder and passed
    as ``-sf``. ``workdir``: a folder shared by many runs (pcaps copied once, kept on :meth:`stop`); by
    default each run gets its own temporary folder, removed on :meth:`stop`. ``name`` prefixes the run's
    files there. ``quiet``: drop SIPp's screen output instead of keeping it for :attr:`output`.
    """

    def __init__(
        self,
        args: Sequence[str],
        *,
        scenario: str | None = None,
        port: int = 0,
        media_port: int = 0,
        workdir: Path | None = None,
        name: str = "sipp",
        quiet: bool = False,
    ) -> None:
        self.port = port or free_udp_port()
        self.media_port = media_port or free_udp_port()
        self._own_dir = workdir is None
        self.dir = copy_shipped_pcaps(workdir or Path(tempfile.mkdtemp(prefix="sipp-")))
        self.name = name
        self.quiet = quiet
        self.error_file = self.dir / f"{name}.err"
        if scenario is not None:
            args = ["-sf", self.write_scenario(f"{name}.xml", scenario), *args]
        self.args = [
            "sipp",
            "-i",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-mi",
            "127.0.0.1",
            "-mp",
            str(self.media_port),
            "-nostdin",
            *args,
            "-trace_err",
            "-error_file",
            str(self.error_file),
        ]
        self.proc: subprocess.Popen[bytes] | None = None

    def write_scenario(self, file_name: str, xml: str) -> str:
        """Write a scenario into the run's folder; returns its path for ``-sf``."""
        path = self.dir / file_name
        path.write_text(xml, encoding="utf-8")
        return str(path)

    def start(self) -> SippProcess:
        try:
            return self._start()
        except FileNotFoundError as exc:
            if self._own_dir:
                shutil.rmtree(self.dir, ignore_errors=True)
            raise RuntimeError("SIPp is not installed: apt-get install sip-tester") from exc

    def _start(self) -> SippProcess:
        if self.quiet:
            self.proc = subprocess.Popen(
                self.args, cwd=self.dir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                stdin=subprocess.DEVNULL,
            )  # fmt: skip
            return self
        with open(self.dir / f"{self.name}.out", "wb") as log:  # the child keeps its own handle
            self.proc = subprocess.Popen(
                self.args, cwd=self.dir, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )
        return self

    def poll(self) -> int | None:
        return self.proc.poll() if self.proc is not None else None

    def wait(self, timeout: float = 30.0) -> int:
        assert self.proc is not None, "start() first"
        return self.proc.wait(timeout)

    def stop(self) -> None:
        if self.proc is not None:
            stop_pid(self.proc)
        if self._own_dir:
            shutil.rmtree(self.dir, ignore_errors=True)

    @property
    def output(self) -> str:
        """The tail of SIPp's screen output and error file (for assertion messages and logs)."""
        texts = []
        for path in (self.dir / f"{self.name}.out", self.error_file):
            with contextlib.suppress(OSError):
                texts.append(path.read_text(errors="replace")[-3000:])
        return "\n".join(texts)


# ------------------------------------------------------------------------------------ caller scenario


def pause(milliseconds: int) -> str:
    return f'  <pause milliseconds="{milliseconds}"/>'


def play_pcap(path: str) -> str:
    """Send a pcap's RTP (``pcap/g711a.pcap``: 7 s of speech, PCMA); SIPp carries on while it plays."""
    return f'  <nop><action><exec play_pcap_audio="{path}"/></action></nop>'


def press(digits: str, gap_ms: int = 700) -> list[str]:
    """RFC 2833 key presses from the shipped pcaps, ``gap_ms`` apart."""
    actions: list[str] = []
    for key in digits:
        actions += [play_pcap(f"pcap/dtmf_2833_{_KEY_NAMES.get(key, key)}.pcap"), pause(gap_ms)]
    return actions


def stream_rtp(file_name: str, *, loops: int = -1, payload_type: int = 8) -> str:
    """Stream a raw audio file (A-law for payload 8) in a loop: a caller who keeps speaking."""
    return f'  <nop><action><exec rtp_stream="{file_name},{loops},{payload_type}"/></action></nop>'


_CALLER = """<?xml version="1.0" encoding="UTF-8"?>
<scenario name="{name}">
  <send retrans="500"><![CDATA[
INVITE sip:{hotline}@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: {display}<sip:{number}@[local_ip]:[local_port]>;tag=[pid]SIPpTag[call_number]
To: <sip:{hotline}@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: 1 INVITE
Contact: sip:{number}@[local_ip]:[local_port]
{headers}Max-Forwards: 70
Content-Type: application/sdp
Content-Length: [len]

v=0
o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 8 101
a=rtpmap:8 PCMA/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15
]]></send>
  <recv response="100" optional="true"/>
  <recv response="180" optional="true"/>
  <recv response="183" optional="true"/>
  <recv response="200" rtd="true" rrs="true"/>
  <send><![CDATA[
ACK [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: {display}<sip:{number}@[local_ip]:[local_port]>;tag=[pid]SIPpTag[call_number]
To: <sip:{hotline}@[remote_ip]:[remote_port]>[peer_tag_param]
[routes]
Call-ID: [call_id]
CSeq: 1 ACK
Contact: sip:{number}@[local_ip]:[local_port]
Max-Forwards: 70
Content-Length: 0
]]></send>
{actions}
  <recv request="BYE" timeout="{wait_ms}"{on_timeout}/>
  <send{after_ok}><![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
[last_CSeq:]
Contact: sip:{number}@[local_ip]:[local_port]
Content-Length: 0
]]></send>
{hang_up}</scenario>
"""

_HANG_UP = """  <label id="1"/>
  <send retrans="500"><![CDATA[
BYE [next_url] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: {display}<sip:{number}@[local_ip]:[local_port]>;tag=[pid]SIPpTag[call_number]
To: <sip:{hotline}@[remote_ip]:[remote_port]>[peer_tag_param]
[routes]
Call-ID: [call_id]
CSeq: 2 BYE
Contact: sip:{number}@[local_ip]:[local_port]
Max-Forwards: 70
Content-Length: 0
]]></send>
  <recv response="200" crlf="true"/>
  <label id="2"/>
"""


def caller_scenario(
    *,
    hotline: str,
    number: str,
    actions: Sequence[str],
    wait_for_bye_ms: int,
    then_hang_up: bool,
    name: str = "hotline caller",
    display_name: str | None = None,
    headers: Sequence[str] = (),
) -> str:
    """A SIPp UAC scenario: a citizen dials ``hotline`` from ``number`` offering PCMA and RFC 2833, runs
    ``actions`` once answered (:func:`pause`, :func:`press`, :func:`play_pcap`, :func:`stream_rtp`), then
    waits up to ``wait_for_bye_ms`` for the far end to hang up (answering its BYE). When the wait runs
    out the caller hangs up itself with ``then_hang_up``; otherwise the call counts as failed.
    ``number`` and ``headers`` (extra INVITE header lines) may hold SIPp keywords, e.g.
    ``1380000[call_number]``; ``hotline`` ``[service]`` is SIPp's ``-s``."""
    display = f'"{display_name}" ' if display_name else ""
    return _CALLER.format(
        name=name,
        hotline=hotline,
        number=number,
        actions="\n".join(actions),
        wait_ms=wait_for_bye_ms,
        on_timeout=' ontimeout="1"' if then_hang_up else "",
        after_ok=' next="2"' if then_hang_up else "",
        hang_up=_HANG_UP.format(hotline=hotline, number=number, display=display) if then_hang_up else "",
        display=display,
        headers="".join(f"{line}\n" for line in headers),
    )
