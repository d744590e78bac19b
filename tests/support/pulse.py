"""A private PulseAudio server for one test, module or session (its own runtime folder, a null sink), stopped
by PID on the way out; the test fails with what to install when PulseAudio is missing."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator

import pytest

from tests.shared.telephony.audio.pulse import PulseServer


@contextlib.contextmanager
def private_pulse(*, commands: tuple[str, ...] = ("pulseaudio",)) -> Iterator[PulseServer]:
    """Start :class:`PulseServer`; ``commands``: programs the test needs besides (e.g. ``parec``)."""
    missing = [c for c in commands if shutil.which(c) is None]
    if missing:
        pytest.fail(f"{' / '.join(missing)} not installed (tools/setup-system.sh installs it)")
    server = PulseServer()
    try:
        server.start()
        yield server
    finally:
        server.stop()
