"""Plain settings objects for :class:`~shared.telephony.engine.SoftphoneEngine`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EngineConfig:
    """How the one endpoint of this process is set up (fixed for the engine's life)."""

    bind_address: str = "127.0.0.1"  # "" = every interface
    sip_port: int = 0  # 0 = a free port chosen by the OS; read it back from ``engine.local_port``
    public_address: str = ""  # what to put in Contact/SDP when behind NAT
    # RTP/RTCP ports are picked at random in [start, start + range) for every call: many engine processes
    # share a host (server workers, test runs) and a port just freed by a dead process must not be handed
    # straight to the next one, or RTP latching cross-connects unrelated calls
    # (20000–31999 stays below Linux's ephemeral range, where the OS hands out "any free port")
    rtp_port_start: int = 20000
    rtp_port_range: int = 12000
    user_agent: str = "HotlineDesk"
    clock_rate: int = 16000  # conference bridge clock; 8000 halves the CPU when wideband is not needed
    codec_priority: tuple[str, ...] = ("PCMA", "PCMU", "G722")  # everything else is disabled
    max_calls: int = 4  # the wheel's compile-time ceiling
    pjsip_log_level: int = 0  # 0 quiet … 5 chatty, written to ``logging`` at DEBUG
    no_answer_timeout_s: float = 60.0  # an unanswered outgoing call is cancelled after this
    ring_timeout_s: float = 120.0  # an unanswered incoming call is refused (480) after this
    media_timeout_s: float = 30.0  # hang up a connected call whose RTP stopped this long (0 = never)
    register_timeout_s: float = 10.0  # report FAILED (408) if the registrar stays silent this long
    quality_interval_s: float = 0.0  # >0: emit CallQuality for every connected call this often
    calls_to_headset: bool = True  # False for server workers: they bridge each call with ``connect``
    honour_auto_answer: bool = True  # answer INVITEs that ask for it (Call-Info answer-after …)
    follow_transfers: bool = True  # act on REFER from the far end


@dataclass(frozen=True)
class AccountConfig:
    """One SIP identity. With no ``registrar_uri`` it only makes and takes direct calls."""

    sip_uri: str  # "sip:1001@hotline.example" (display names allowed: '"Agent 7" <sip:1001@…>')
    registrar_uri: str = ""  # "sip:hotline.example" or "sip:127.0.0.1:5060"
    username: str = ""
    password: str = ""
    realm: str = "*"
    proxy_uri: str = ""  # outbound proxy for every request of this account ("sip:…;lr")
    register_expires_s: int = 300
    register_on_add: bool = True
