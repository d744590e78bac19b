"""Real SIP servers for the telephony tests and benchmarks: Kamailio (registrar + proxy with digest auth)
and SIPp, each started in the foreground on loopback and stopped by PID. SIPp's runner lives in
``tools/sipp.py`` (the demo's simulated callers use it too) and is re-exported here."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

from tools.sipp import SippProcess, free_udp_port, stop_pid

__all__ = ["KamailioServer", "SippProcess", "free_udp_port", "free_udp_ports"]

KAMAILIO_MODULES = "/usr/lib/x86_64-linux-gnu/kamailio/modules/"


def free_udp_ports(count: int) -> list[int]:
    """``count`` distinct free ports (held open together so they differ)."""
    socks = []
    try:
        for _ in range(count):
            sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            sock.bind(("127.0.0.1", 0))
            socks.append(sock)
        return [int(s.getsockname()[1]) for s in socks]
    finally:
        for sock in socks:
            sock.close()


_KAMAILIO_CFG = r"""#!KAMAILIO
debug=2
log_stderror=yes
memdbg=5
memlog=5
children=2
auto_aliases=no
listen=udp:127.0.0.1:{port}
alias="127.0.0.1:{port}"
mpath="{modules}"

loadmodule "kex.so"
loadmodule "corex.so"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"
loadmodule "auth.so"
loadmodule "htable.so"

modparam("usrloc", "db_mode", 0)
modparam("htable", "htable", "users=>size=8;")
modparam("rr", "enable_full_lr", 1)
modparam("registrar", "max_expires", 3600)
modparam("registrar", "min_expires", 1)

event_route[htable:mod-init] {{
{users}
}}

request_route {{
    if (!mf_process_maxfwd_header("10")) {{
        sl_send_reply("483", "Too Many Hops");
        exit;
    }}
    xlog("L_INFO", "$rm $ru from $si:$sp route=[$hdr(Route)]\n");
    if (has_totag()) {{
        if (loose_route()) {{
            t_relay();
            exit;
        }}
        if (is_method("ACK")) {{
            if (t_check_trans()) {{
                t_relay();
            }}
            exit;
        }}
        sl_send_reply("404", "Not here");
        exit;
    }}
    if (is_method("CANCEL")) {{
        if (t_check_trans()) {{
            t_relay();
        }}
        exit;
    }}
    t_check_trans();
    remove_hf("Route");
    if (is_method("REGISTER")) {{
        if (!pv_www_authenticate("$td", "$sht(users=>$au)", "0")) {{
            www_challenge("$td", "0");
            exit;
        }}
        if ($au != $tU) {{
            sl_send_reply("403", "Forbidden: auth user differs from To user");
            exit;
        }}
        save("location");
        exit;
    }}
    if (!is_method("ACK")) {{
        if (!pv_proxy_authenticate("$fd", "$sht(users=>$fU)", "0")) {{
            proxy_challenge("$fd", "0");
            exit;
        }}
        consume_credentials();
    }}
    if (is_method("INVITE|SUBSCRIBE")) {{
        record_route();
    }}
    if (!lookup("location")) {{
        sl_send_reply("404", "Not Found");
        exit;
    }}
    if (!t_relay()) {{
        sl_reply_error();
    }}
}}
"""


class KamailioServer:
    """Registrar + proxy on 127.0.0.1 with digest users from ``users`` (user → password)."""

    def __init__(self, users: Mapping[str, str], port: int = 0) -> None:
        self.users = dict(users)
        self.port = port or free_udp_port()
        self.dir = Path(tempfile.mkdtemp(prefix="kamailio-"))
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path = self.dir / "kamailio.log"

    @property
    def domain(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self, timeout: float = 20.0) -> KamailioServer:
        users = "\n".join(f'    $sht(users=>{u}) = "{p}";' for u, p in self.users.items())
        cfg = self.dir / "kamailio.cfg"
        cfg.write_text(_KAMAILIO_CFG.format(port=self.port, modules=KAMAILIO_MODULES, users=users))
        pidfile = self.dir / "kamailio.pid"
        log = open(self.log_path, "wb")  # noqa: SIM115 - handed to the child
        self.proc = subprocess.Popen(
            [
                "kamailio",
                "-DD",
                "-E",
                "-f",
                str(cfg),
                "-Y",
                str(self.dir),
                "-P",
                str(pidfile),
                "-m",
                "32",
                "-M",
                "4",
            ],
            stdout=log,
            stderr=log,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"kamailio exited {self.proc.returncode}: {self.log_text[-2000:]}")
            if self._answers_options():
                return self
            time.sleep(0.1)
        self.stop()
        raise TimeoutError(f"kamailio did not answer within {timeout} s: {self.log_text[-2000:]}")

    def _answers_options(self) -> bool:
        msg = (
            f"OPTIONS sip:127.0.0.1:{self.port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-probe"
            f"{time.monotonic_ns()}\r\nFrom: <sip:probe@127.0.0.1>;tag=1\r\nTo: <sip:127.0.0.1>\r\n"
            f"Call-ID: probe-{time.monotonic_ns()}\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 5\r\n"
            f"Content-Length: 0\r\n\r\n"
        ).encode()
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.bind(("127.0.0.1", 0))
            msg = msg.replace(b"127.0.0.1:9;", f"127.0.0.1:{sock.getsockname()[1]};".encode())
            sock.settimeout(0.3)
            try:
                sock.sendto(msg, ("127.0.0.1", self.port))
                data = sock.recv(4096)
            except OSError:
                return False
        return data.startswith(b"SIP/2.0")

    def stop(self) -> None:
        if self.proc is not None:
            stop_pid(self.proc, timeout=10.0)
        shutil.rmtree(self.dir, ignore_errors=True)

    @property
    def log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""
