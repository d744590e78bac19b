"""The offline sign-in record's Windows protection (DPAPI through ctypes), run for real by the seat
installer's embeddable Windows Python under wine: what is sealed reads back, holds no plain text, and a
damaged blob never opens to the original (Windows refuses it with an OSError; either way the record is
then unreadable and dropped).

Needs wine and the installer payload (``installer/build/payload``, built by ``python -m installer.payload``
or the installer tests); skipped with that reason otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from agent_app.offline import dpapi

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


@pytest.fixture
def windows_python(tmp_path: Path) -> Iterator[tuple[object, str]]:
    from installer.payload import PAYLOAD_DIR
    from installer.wine import WinePrefix, wine_available

    problem = wine_available()
    if problem:
        pytest.skip(problem)
    python = PAYLOAD_DIR / "python" / "python.exe"
    if not python.is_file():
        pytest.skip(f"no Windows Python in {PAYLOAD_DIR} (build the installer payload first)")
    prefix = WinePrefix(tmp_path / "wine")
    try:
        prefix.boot()
        yield prefix, prefix.windows_path(python)
    finally:
        prefix.destroy()


@pytest.mark.e2e
def test_given_windows_python_when_sealing_with_dpapi_then_reads_back_hides_text_and_refuses_damage(
    windows_python: tuple[object, str],
) -> None:
    from installer.wine import WinePrefix

    prefix, python = windows_python
    assert isinstance(prefix, WinePrefix)
    script = _SCRIPT.format(root=prefix.windows_path(ROOT))
    result = prefix.run([python, "-c", script], timeout=300)
    assert "DPAPI-OK" in result.output, result.output[-3000:]


def test_given_not_windows_when_sealing_then_refused_so_the_0600_file_is_used() -> None:
    if dpapi.available():
        pytest.skip("on Windows DPAPI is used")
    with pytest.raises(OSError):
        dpapi.protect(b"x", "test")
