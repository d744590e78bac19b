"""Build-time generator of the voice prompts and hold music in this folder.

``.venv/bin/python resources/prompts/generate.py`` renders every standard prompt
(``server_stub.media.prompts.STANDARD_PROMPTS``) with Debian's ``espeak-ng -v cmn`` + ``sox`` to 8 kHz mono
16-bit WAV, the demo IVR menus' texts (``text/<sha1>.wav``, the cache key the runtime uses) and
``hold_music.wav``. Re-running is cheap and idempotent. Needs: ``apt-get install espeak-ng sox``.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from server_stub.media.hold_music import write_hold_music  # noqa: E402
from server_stub.media.prompts import HOLD_MUSIC, STANDARD_PROMPTS, PromptLibrary  # noqa: E402

logger = logging.getLogger("generate_prompts")


def _texts(node: Any) -> list[str]:
    out: list[str] = []
    if isinstance(node, dict):
        for key in ("welcome", "prompt"):
            if isinstance(node.get(key), str) and node[key] and not node[key].endswith(".wav"):
                out.append(node[key])
        for value in node.values():
            out += _texts(value)
    return out


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    # render into this folder: the library looks here first, then in its cache
    lib = PromptLibrary(cache_dir=HERE, resources=HERE / "_none")
    for name in STANDARD_PROMPTS:
        lib.standard(name)
    write_hold_music(HERE / f"{HOLD_MUSIC}.wav")
    try:
        from server_stub.demo_data.queues import IVR_MENUS
    except ImportError:
        IVR_MENUS = {}
    texts = sorted({t for tree in IVR_MENUS.values() for t in _texts(tree)})
    for text in texts:
        lib.speech(text)
    logger.info(
        "%d standard prompts, %d menu texts and hold music in %s", len(STANDARD_PROMPTS), len(texts), HERE
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
