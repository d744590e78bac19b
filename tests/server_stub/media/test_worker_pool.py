"""The media worker pool on its own (no Kamailio): workers start ahead of demand and publish their SIP
addresses, a crash loop at start-up is stopped with a message saying what to check, stop leaves nothing."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from server_stub.media.channel import WorkerConfig
from server_stub.media.pool import WorkerPool
from server_stub.media.prompts import RESOURCES

from .callpath_harness import FakeControl

pytestmark = pytest.mark.sip


def _template(tmp_path: Path, host: str = "127.0.0.1") -> WorkerConfig:
    return WorkerConfig(
        worker_id="",
        host=host,
        registrar="127.0.0.1:9",
        trunk="",
        recordings_dir=tmp_path / "recordings",
        voicemail_dir=tmp_path / "voicemail",
        prompt_cache_dir=tmp_path / "prompts",
        prompts_dir=RESOURCES,
        log_level="WARNING",
    )


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().rsplit(")", 1)[1].split()[0] != "Z"


def test_given_a_pool_when_started_then_every_worker_listens_and_is_published_and_stop_ends_them(
    tmp_path: Path,
) -> None:
    published: list[list[tuple[str, int]]] = []
    lock = threading.Lock()

    def on_change(workers: list[tuple[str, int]]) -> None:
        with lock:
            published.append(workers)

    pool = WorkerPool(
        template=_template(tmp_path), control=FakeControl(), size=2, on_workers_changed=on_change
    )
    pool.start(timeout=60)
    try:
        infos = pool.workers()
        assert len(infos) == 2 and all(w.ready and w.port > 0 and w.conversation_id is None for w in infos)
        with lock:
            assert sorted(published[-1]) == sorted((w.host, w.port) for w in infos)
        pids = [w.pid for w in infos]
    finally:
        pool.stop()
    assert not any(_alive(pid) for pid in pids)


def test_given_a_host_that_is_not_ours_when_starting_then_a_clear_error_instead_of_a_respawn_loop(
    tmp_path: Path,
) -> None:
    pool = WorkerPool(template=_template(tmp_path, host="192.0.2.1"), control=FakeControl(), size=1)
    try:
        with pytest.raises(RuntimeError, match="must be an address of this machine"):
            pool.start(timeout=60)
        assert pool.deaths == 3
    finally:
        pool.stop()
