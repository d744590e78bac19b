"""CPU per active call with the null sound device: engine processes calling each other on loopback.

Two engine processes (A calls B, ``--calls`` concurrent calls, at most 4 per process) with the null device
as headset; CPU time of both processes is read from ``/proc/<pid>/stat`` over several windows. The baseline,
measured in the same run, is an idle endpoint (started, pumping, no calls). One *call* here costs two legs
(caller engine + callee engine); per-leg figures are what one softphone pays.

    .venv/bin/python -m bench.telephony_calls [--calls 4] [--windows 8] [--window-s 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from shared.telephony.peer_client import PeerProcess

CLK_TCK = os.sysconf("SC_CLK_TCK")
RESULTS = Path(__file__).resolve().parent / "results"


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime + stime


def cpu_percent_windows(pids: list[int], windows: int, window_s: float) -> list[float]:
    """Combined CPU of ``pids`` in % of one core, one figure per window."""
    samples = []
    for _ in range(windows):
        start_cpu, start = sum(cpu_seconds(p) for p in pids), time.monotonic()
        time.sleep(window_s)
        samples.append(100.0 * (sum(cpu_seconds(p) for p in pids) - start_cpu) / (time.monotonic() - start))
    return samples


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def write_results(name: str, rows: list[dict[str, object]]) -> None:
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(rows, indent=2) + "\n")
    for row in rows:
        tag = "  (baseline)" if row.get("baseline") else ""
        print(f"{row['name']:<48} {row['value']:>10} {row['unit']}{tag}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=4, help="concurrent calls A→B (1–4)")
    parser.add_argument("--windows", type=int, default=8)
    parser.add_argument("--window-s", type=float, default=3.0)
    parser.add_argument("--clock-rate", type=int, default=16000)
    opts = parser.parse_args(argv)
    calls = max(1, min(4, opts.calls))
    config = {"clock_rate": opts.clock_rate}
    peers = [PeerProcess(name, config=config) for name in ("idle", "A", "B")]
    try:
        for peer in peers:
            peer.start()
        idle, a, b = peers
        time.sleep(1.0)
        idle_samples = cpu_percent_windows([idle.pid], opts.windows, opts.window_s)
        ids = []
        for i in range(calls):
            ids.append(
                a.request("dial", uri=b.uri_for(f"agent{i}"), headers={"Call-Info": "<sip:x>;answer-after=0"})
            )
        for call_id in ids:
            a.wait_event("CallStateChanged", call_id=call_id, state="connected")
        time.sleep(1.0)  # let jitter buffers settle
        busy_samples = cpu_percent_windows([a.pid, b.pid], opts.windows, opts.window_s)
        quality = [a.request("call_quality", call_id=c) for c in ids]
        for call_id in ids:
            a.request("hangup", call_id=call_id)
    finally:
        for peer in peers:
            peer.stop()
    idle_p50 = statistics.median(idle_samples)
    per_call = [max(0.0, (s - 2 * idle_p50) / calls) for s in busy_samples]
    per_leg = [v / 2 for v in per_call]
    unit = "% of one core"
    write_results(
        "telephony_calls",
        [
            {"name": "idle_endpoint_cpu_p50", "value": round(idle_p50, 2), "unit": unit, "baseline": True},
            {
                "name": "idle_endpoint_cpu_p95",
                "value": round(percentile(idle_samples, 0.95), 2),
                "unit": unit,
                "baseline": True,
            },
            {
                "name": f"two_engines_{calls}_calls_cpu_p50",
                "value": round(statistics.median(busy_samples), 2),
                "unit": unit,
            },
            {
                "name": "cpu_per_call_both_legs_null_device_p50",
                "value": round(statistics.median(per_call), 2),
                "unit": unit,
            },
            {
                "name": "cpu_per_call_both_legs_null_device_p95",
                "value": round(percentile(per_call, 0.95), 2),
                "unit": unit,
            },
            {
                "name": "cpu_per_call_leg_null_device_p50",
                "value": round(statistics.median(per_leg), 2),
                "unit": unit,
            },
            {
                "name": "cpu_per_call_leg_null_device_p95",
                "value": round(percentile(per_leg, 0.95), 2),
                "unit": unit,
            },
            {"name": "rx_loss_pct_max", "value": max(q["rx_loss_pct"] for q in quality), "unit": "%"},
            {"name": "bridge_clock_rate", "value": opts.clock_rate, "unit": "Hz"},
        ],
    )


if __name__ == "__main__":
    main()
