"""Call set-up time through Kamailio (registrar + proxy with digest auth): INVITE → 200 OK.

Two engine processes register as 1001 and 1002; 1001 dials ``1002`` ``--calls`` times, one after the other;
1002 answers at once (``Call-Info: answer-after=0``). Set-up time is from the INVITE leaving the caller
(``dial``) to the caller receiving the 200 OK (state ``connected``), timestamped inside the caller process
(CLOCK_MONOTONIC), so the proxy's 407 challenge round trip is included as in production. The baseline,
in the same run, is the same with a direct call (no proxy, no auth).

    .venv/bin/python -m bench.telephony_setup [--calls 50]
"""

from __future__ import annotations

import argparse
import statistics

from bench.telephony_calls import percentile, write_results
from shared.telephony.peer_client import PeerProcess
from tests.shared.telephony.sip_servers import KamailioServer

USERS = {"1001": "bench-1001", "1002": "bench-1002"}
AUTO = {"Call-Info": "<sip:x>;answer-after=0"}


def setup_times_ms(
    caller: PeerProcess, callee: PeerProcess, uri: str, account: str, calls: int
) -> list[float]:
    times = []
    for _ in range(calls):
        call_id = caller.request("dial", uri=uri, account_id=account, headers=AUTO)
        created = caller.wait_event("CallCreated", call_id=call_id)
        connected = caller.wait_event("CallStateChanged", call_id=call_id, state="connected")
        times.append(1000.0 * (connected["t"] - created["t"]))
        caller.request("hangup", call_id=call_id)
        caller.wait_event("CallEnded", call_id=call_id)
        callee.wait_event("CallEnded")
        caller.clear_events()
        callee.clear_events()
    return times


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=50)
    opts = parser.parse_args(argv)
    kamailio = KamailioServer(USERS)
    a, b = PeerProcess("1001"), PeerProcess("1002")
    try:
        kamailio.start()
        accounts = []
        for peer, (user, password) in zip((a, b), USERS.items(), strict=True):
            peer.start()
            account = peer.request(
                "add_account",
                config={
                    "sip_uri": f"sip:{user}@{kamailio.domain}",
                    "registrar_uri": f"sip:{kamailio.domain}",
                    "username": user,
                    "password": password,
                },
            )
            peer.wait_event("RegistrationChanged", account_id=account, state="registered")
            accounts.append(account)
        direct = setup_times_ms(a, b, b.uri_for("agent"), "local", max(10, opts.calls // 2))
        proxied = setup_times_ms(a, b, "1002", accounts[0], opts.calls)
    finally:
        a.stop()
        b.stop()
        kamailio.stop()
    write_results(
        "telephony_setup",
        [
            {
                "name": "direct_setup_p50",
                "value": round(statistics.median(direct), 2),
                "unit": "ms",
                "baseline": True,
            },
            {
                "name": "direct_setup_p95",
                "value": round(percentile(direct, 0.95), 2),
                "unit": "ms",
                "baseline": True,
            },
            {"name": "kamailio_setup_p50", "value": round(statistics.median(proxied), 2), "unit": "ms"},
            {"name": "kamailio_setup_p95", "value": round(percentile(proxied, 0.95), 2), "unit": "ms"},
            {"name": "kamailio_calls", "value": len(proxied), "unit": "calls"},
        ],
    )


if __name__ == "__main__":
    main()
