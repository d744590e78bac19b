"""A softphone engine in its own process, driven by JSON lines — real SIP peers for tests and benchmarks,
and the shape of a server media worker's loop (the engine pumped by a plain loop, no Qt).

``python -m shared.telephony.peer --tone 600 --meter 600,1000`` prints ``{"event": "Ready", …}`` and then
reads requests ``{"id": 1, "op": "dial", "args": {"uri": "sip:…"}}`` on stdin (``"op": "batch"`` with
``{"requests": [{"op": …, "args": …}, …]}`` runs several at once, with no pump in between), answering
``{"id": 1, "ok": true, "result": …}`` and writing every engine event as ``{"event": "<Type>", …}``.
With ``--tone``/``--meter`` the 'headset' is a tone generator (the microphone) and a level meter (the ear),
so what a caller would hear can be measured.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import select
import sys
import time
from enum import Enum
from typing import Any

from shared.telephony.config import AccountConfig, EngineConfig
from shared.telephony.engine import SoftphoneEngine
from shared.telephony.errors import TelephonyError
from shared.telephony.events import TelephonyEvent
from shared.telephony.ids import MediaId
from shared.telephony.media_tools import HeadsetPorts
from shared.telephony.states import DtmfMethod

logger = logging.getLogger(__name__)

# engine methods a controller may call by name
_OPS = {
    "add_account",
    "register",
    "unregister",
    "remove_account",
    "registration_state",
    "dial",
    "answer",
    "reject",
    "hangup",
    "hold",
    "unhold",
    "mute",
    "send_dtmf",
    "blind_transfer",
    "consult_transfer",
    "conference",
    "split_conference",
    "call_quality",
    "call_snapshot",
    "calls",
    "local_uri",
    "create_tone",
    "create_player",
    "create_recorder",
    "create_level_meter",
    "meter_levels",
    "release_media",
    "connect",
    "disconnect",
    "call_media",
    "route_to_headset",
}


def to_jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    return value


class PeerServer:
    """Owns the engine; runs on the process's main thread (the owner thread)."""

    def __init__(self, engine: SoftphoneEngine, out: Any, meter: MediaId | None) -> None:
        self.engine = engine
        self.out = out
        self.meter = meter
        self.running = True
        engine.add_listener(self._on_event)

    def _write(self, obj: dict[str, Any]) -> None:
        self.out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        self.out.flush()

    def _on_event(self, event: TelephonyEvent) -> None:
        # "t" is CLOCK_MONOTONIC, comparable across processes on one machine (benchmarks use it)
        self._write({"event": type(event).__name__, "t": time.monotonic(), **to_jsonable(event)})

    def handle(self, line: str) -> None:
        try:
            request = json.loads(line)
        except json.JSONDecodeError:
            self._write({"id": None, "ok": False, "error": {"reason": f"not JSON: {line[:80]!r}"}})
            return
        rid, op, args = request.get("id"), request.get("op", ""), request.get("args", {}) or {}
        try:
            result = self._run(op, args)
            self._write({"id": rid, "ok": True, "result": to_jsonable(result)})
        except TelephonyError as err:
            self._write(
                {
                    "id": rid,
                    "ok": False,
                    "error": {"reason": err.reason, "status": err.status, "error_id": err.error_id.value},
                }
            )
        except Exception as err:  # a bad request must not kill the peer
            logger.exception("request %s failed", op)
            self._write(
                {"id": rid, "ok": False, "error": {"reason": repr(err), "status": 0, "error_id": "peer"}}
            )

    def _run(self, op: str, args: dict[str, Any]) -> Any:
        if op == "quit":
            self.running = False
            return None
        if op == "levels":
            if self.meter is None:
                raise TelephonyError("this peer has no meter")
            rms, tones = self.engine.meter_levels(self.meter)
            return {"rms": rms, "tones": {str(int(f)): v for f, v in tones.items()}}
        if op == "ping":
            return "pong"
        if op == "batch":
            # several requests back to back, without a pump in between: what a worker does inside one
            # event handler (tests use it to make and unmake a link within microseconds)
            return [self._run(str(r["op"]), dict(r.get("args", {}) or {})) for r in args["requests"]]
        if op not in _OPS:
            raise TelephonyError(f"unknown op {op!r}")
        if op == "add_account":
            args = {"config": AccountConfig(**args["config"])}
        if op == "send_dtmf" and "method" in args:
            args["method"] = DtmfMethod(args["method"])
        return getattr(self.engine, op)(**args)

    def serve(self, fd: int) -> None:
        buf = b""
        while self.running:
            self.engine.pump(10)
            ready, _, _ = select.select([fd], [], [], 0)
            if not ready:
                continue
            chunk = os.read(fd, 65536)
            if not chunk:
                break  # controller went away
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                if line.strip():
                    self.handle(line.decode())
                    self.engine.pump(0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tone", type=float, default=0.0, help="microphone = a tone of this frequency")
    parser.add_argument("--meter", default="", help="comma-separated frequencies the ear measures")
    parser.add_argument("--config", default="{}", help="EngineConfig fields as JSON")
    parser.add_argument("--log-level", default="WARNING")
    opts = parser.parse_args(argv)
    # PJSIP prints to fd 1 before our log writer is installed: keep the protocol on a private copy of
    # stdout and send everything else written to fd 1 to stderr
    protocol_out = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    logging.basicConfig(
        level=opts.log_level,
        stream=sys.stderr,
        format="%(asctime)s %(process)d %(name)s %(levelname)s %(message)s",
    )
    config_fields = json.loads(opts.config)
    if "codec_priority" in config_fields:
        config_fields["codec_priority"] = tuple(config_fields["codec_priority"])
    engine = SoftphoneEngine()
    try:
        engine.start(EngineConfig(**config_fields))
    except TelephonyError as err:
        protocol_out.write(
            json.dumps(
                {
                    "event": "StartFailed",
                    "reason": str(err),
                    "status": err.status,
                    "error_id": err.error_id.value,
                }
            )
            + "\n"
        )
        protocol_out.flush()
        return 2
    meter: MediaId | None = None
    if opts.tone or opts.meter:
        freqs = [float(f) for f in opts.meter.split(",") if f.strip()]
        tone = engine.create_tone(opts.tone) if opts.tone else engine.create_tone(0.0)
        meter = engine.create_level_meter(freqs)
        ports = engine._ports  # the peer is part of the package: it may build a headset from our ports
        engine.set_headset(HeadsetPorts(ports[tone], ports[meter]))
    server = PeerServer(engine, protocol_out, meter)
    server._write(
        {"event": "Ready", "pid": os.getpid(), "port": engine.local_port, "uri": engine.local_uri()}
    )
    try:
        server.serve(sys.stdin.fileno())
    finally:
        engine.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
