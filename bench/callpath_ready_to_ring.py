"""Agent goes ready → their phone rings, through the whole hotline path.

A caller (pjsua2) is waiting in the queue (dialled 12345, pressed 1) while the only agent is not ready;
the agent then goes ready over REST (``POST /agents/me/state``). Measured per sample, from just before the
request: the REST answer, the ``call_was_offered`` event on the hub, and the INVITE arriving at the agent's
softphone (pjsua2 ``IncomingCall``) — the ring. Baseline in the same run: the same REST request when no
caller waits (state change alone). Real server app, database, call centre, Kamailio and media workers.

    .venv/bin/python -m bench.callpath_ready_to_ring [--samples 15]
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench._report import p50_p95, row, write_results
from tests.e2e.callpath_rig import HOTLINE, QUEUE, Rig, running_rig, wait_until

logger = logging.getLogger("bench.callpath_ready_to_ring")


def _queue_waiting(rig: Rig) -> int:
    live = rig.handle.callcenter.live().queue(QUEUE)
    return live.waiting if live is not None else 0


def one_sample(rig: Rig) -> tuple[float, float, float]:
    """(REST ms, offered-event ms, ring ms) for one caller waiting while the agent goes ready."""
    caller, agent = rig.peers["caller"], rig.peers["1001"]
    agent.clear_events()
    call_id = str(
        caller.request("dial", uri=f"sip:{HOTLINE}@{rig.sip_address}", account_id=rig.accounts["caller"])
    )
    caller.wait_event("CallStateChanged", timeout=20, call_id=call_id, state="connected")
    time.sleep(0.5)
    caller.request("send_dtmf", call_id=call_id, digits="1")
    wait_until(lambda: _queue_waiting(rig) == 1, 20, "caller waiting in the queue")
    seq = rig.app.state.events.last_seq
    wall0 = datetime.now(UTC)
    t0 = time.perf_counter()
    rig.set_state("1001", "ready")
    t_rest = time.perf_counter()
    incoming = agent.wait_event("IncomingCall", timeout=20)
    t_ring = time.perf_counter()
    offered = [e for e in rig.events("call_was_offered", since=seq)]
    offered_ms = (offered[0].at - wall0).total_seconds() * 1000 if offered else float("nan")
    # tidy up: the agent answers and hangs up, then is set not ready again for the next sample
    agent.request("answer", call_id=incoming["call_id"])
    time.sleep(0.3)
    agent.request("hangup", call_id=incoming["call_id"])
    caller.wait_event("CallEnded", timeout=20, call_id=call_id)
    rig.idle()
    wait_until(lambda: rig.agent("1001").state.value == "wrap_up", 20, "agent in wrap-up")
    rig.set_state("1001", "not_ready", "break")
    return (t_rest - t0) * 1000, offered_ms, (t_ring - t0) * 1000


def baseline_sample(rig: Rig) -> float:
    t0 = time.perf_counter()
    rig.set_state("1001", "ready")
    elapsed = (time.perf_counter() - t0) * 1000
    rig.set_state("1001", "not_ready", "break")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=15)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    rest, offered, ring, base = [], [], [], []
    with (
        tempfile.TemporaryDirectory(prefix="bench-ready-ring-") as tmp,
        running_rig(Path(tmp), agents=("1001",), workers=2, with_leader=False) as rig,
    ):
        rig.set_state("1001", "not_ready", "break")
        one_sample(rig)  # warm-up: prompts cached, connections open
        for _ in range(args.samples):
            base.append(baseline_sample(rig))
            r, o, g = one_sample(rig)
            rest.append(r)
            offered.append(o)
            ring.append(g)
    rows = []
    for name, samples, baseline in (
        ("ready_to_ring", ring, False),
        ("ready_to_offered_event", offered, False),
        ("ready_rest_request", rest, False),
        ("ready_rest_request_no_caller", base, True),
    ):
        p50, p95 = p50_p95(samples)
        rows.append(row(f"{name}_p50", p50, "ms", baseline=baseline))
        rows.append(row(f"{name}_p95", p95, "ms", baseline=baseline))
    rows.append(row("samples", len(ring), "count"))
    write_results("callpath_ready_to_ring", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
