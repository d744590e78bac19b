"""Call quality arithmetic (pure): an ITU-T G.107 E-model estimate of MOS from loss, jitter and RTT."""

from __future__ import annotations


def estimate_mos(loss_pct: float, jitter_ms: float, rtt_ms: float, codec: str = "PCMA") -> float:
    """Simplified E-model as used by most VoIP monitors: R from one-way delay (half the RTT plus a
    jitter-buffer allowance) and packet loss with G.711's impairment factors, then R → MOS."""
    loss = min(max(loss_pct, 0.0), 100.0)
    effective_latency = max(rtt_ms, 0.0) / 2.0 + 2.0 * max(jitter_ms, 0.0) + 10.0
    if effective_latency < 160.0:
        r = 93.2 - effective_latency / 40.0
    else:
        r = 93.2 - (effective_latency - 120.0) / 10.0
    # G.711 with packet loss concealment: Ie = 0, Bpl = 25.1 (G.113 appendix I); G.722 similar enough
    ie_eff = 0.0 + (95.0 - 0.0) * loss / (loss + 25.1)
    r -= ie_eff
    if r <= 0:
        return 1.0
    if r >= 100:
        return 4.5
    mos = 1.0 + 0.035 * r + 7e-6 * r * (r - 60.0) * (100.0 - r)
    return round(min(max(mos, 1.0), 4.5), 2)
