"""The offline sign-in record's protection off Windows: DPAPI refuses, so the 0600 file is used.
(The DPAPI path itself runs under wine with the installer's Windows Python:
``tests/installer/test_seat_dpapi.py``.)
"""

from __future__ import annotations

import pytest

from agent_app.offline import dpapi


def test_given_not_windows_when_sealing_then_refused_so_the_0600_file_is_used() -> None:
    if dpapi.available():
        pytest.skip("on Windows DPAPI is used")
    with pytest.raises(OSError):
        dpapi.protect(b"x", "test")
