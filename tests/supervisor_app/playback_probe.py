"""Run in a subprocess with a private PulseAudio's environment (PortAudio lists devices once, at import):
plays a generated recording on the ``hd_headset`` speaker through :class:`SoundDevicePlayer`, seeks, and
prints what it observed as one JSON line."""

from __future__ import annotations

import json
import math
import struct
import sys
import tempfile
import time
import wave
from collections.abc import Callable
from pathlib import Path

from supervisor_app.recordings.playback import SoundDevicePlayer, decode_wav


def wait_for(condition: Callable[[], bool], timeout_s: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.wav"
        with wave.open(str(path), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(8000)
            w.writeframes(b"".join(struct.pack("<h", int(8000 * math.sin(n / 10))) for n in range(8000 * 6)))
        audio = decode_wav(path)
        player = SoundDevicePlayer(sys.argv[1] if len(sys.argv) > 1 else None)
        started = time.monotonic()
        player.play(audio, 0.5)
        advanced = wait_for(lambda: player.position_s() >= 1.0)
        elapsed = time.monotonic() - started
        player.seek(4.0)
        after_seek = wait_for(lambda: player.position_s() >= 4.3)
        finished = wait_for(lambda: not player.playing(), timeout_s=10.0)
        end = player.position_s()
        player.close()
    print(
        json.dumps(
            {
                "advanced": advanced,
                "elapsed": elapsed,
                "after_seek": after_seek,
                "finished": finished,
                "end": end,
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
