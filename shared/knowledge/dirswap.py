"""Swapping a whole index folder for a new one without ever leaving the seat with none.

POSIX and Windows cannot exchange two folders atomically, so the swap is two renames (old folder
aside, new folder in). If the process dies between them the target is missing and the old copy sits
beside it; :func:`recover_interrupted_swap` puts it back before the folder is opened.
"""

from __future__ import annotations

import logging
import os
import shutil
import uuid
from pathlib import Path

logger = logging.getLogger(__name__)


def _aside_name(target: Path) -> Path:
    return target.parent / f".{target.name}.old-{uuid.uuid4().hex[:8]}"


def replace_dir(new: Path, target: Path) -> None:
    """Move ``new`` to ``target``; an existing ``target`` is moved aside first and removed after."""
    old: Path | None = None
    if target.exists():
        old = _aside_name(target)
        os.replace(target, old)
    try:
        os.replace(new, target)
    except BaseException:
        if old is not None:
            os.replace(old, target)
        raise
    if old is not None:
        # On Windows a reader may still hold files open; a stale copy is harmless and is removed
        # by the next swap or recovery.
        shutil.rmtree(old, ignore_errors=True)
    for stale in target.parent.glob(f".{target.name}.old-*"):
        shutil.rmtree(stale, ignore_errors=True)


def recover_interrupted_swap(target: Path) -> None:
    """If a swap died between its two renames, move the set-aside folder back to ``target``."""
    if target.exists():
        return
    aside = sorted(target.parent.glob(f".{target.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if aside:
        os.replace(aside[-1], target)
        logger.warning("restored %s from %s after an interrupted index swap", target, aside[-1])
