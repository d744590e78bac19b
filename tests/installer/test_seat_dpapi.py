"""The offline sign-in record's Windows protection (DPAPI through ctypes, ``agent_app.offline.dpapi``), run
for real by the seat installer's embeddable Windows Python under wine: what is sealed reads back, holds no
plain text, and a damaged blob never opens to the original (Windows refuses it with an OSError; either way
the record is then unreadable and dropped). Lives with the installer tests because it needs their payload.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from installer.payload import PayloadInfo
from installer.wine import WinePrefix

ROOT = Path(__file__).resolve().parents[2]

_SCRIPT = r"""
import sys
sys.path.insert(0, {root!r})
from agent_app.offline import dpapi
secret = "sip-secret-1001 工号".encode("utf-8")
blob = dpapi.protect(secret, "Hotline Desk offline sign-in")
assert secret not in blob, "sealed blob holds the plain text"
assert dpapi.unprotect(blob) == secret
damaged = bytearray(blob)
damaged[-40] ^= 0xFF  # inside the ciphertext (the signature follows it)
try:
    opened = dpapi.unprotect(bytes(damaged))
except OSError:
    print("DPAPI-OK refused")
else:
    print("DPAPI-OK garbled" if opened != secret else "DPAPI-DAMAGED-ACCEPTED")
"""



@pytest.mark.installer
def test_given_windows_python_when_sealing_with_dpapi_then_reads_back_hides_text_and_refuses_damage(
    payload: PayloadInfo, wine_session: WinePrefix
) -> None:
    python = wine_session.windows_path(payload.root / "python" / "python.exe")
    script = _SCRIPT.format(root=wine_session.windows_path(ROOT))
    result = wine_session.run([python, "-c", script], timeout=300)
    assert "DPAPI-OK" in result.output, result.output[-3000:]
