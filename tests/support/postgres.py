"""A throw-away PostgreSQL server from Debian's package, started for a test session and stopped by PID.

PostgreSQL refuses to run as root, so when the tests run as root (CI containers) the cluster is created
and started as the ``postgres`` system user, which Debian's package creates.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PG_BIN_CANDIDATES = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


@dataclass(frozen=True)
class PostgresServer:
    host: str
    port: int
    user: str
    pid: int
    data_dir: Path

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(host=self.host, port=self.port, user=self.user, dbname="postgres") as conn:
            conn.autocommit = True
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")
        return self.url(name)


def find_pg_bin() -> Path | None:
    for candidate in PG_BIN_CANDIDATES:
        if (candidate / "initdb").exists():
            return candidate
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def running_postgres() -> Iterator[PostgresServer]:
    pg_bin = find_pg_bin()
    if pg_bin is None:
        raise RuntimeError("PostgreSQL is missing: run tools/setup-system.sh (apt-get install postgresql)")
    as_root = os.geteuid() == 0
    run_as: list[str] = []
    base = Path(tempfile.mkdtemp(prefix="hotline-pg-"))
    if as_root:
        pw = pwd.getpwnam("postgres")
        os.chown(base, pw.pw_uid, pw.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
        user = "postgres"
    else:
        user = pwd.getpwuid(os.geteuid()).pw_name
    data_dir = base / "data"
    port = _free_port()
    initdb = [str(pg_bin / "initdb"), "-D", str(data_dir), "-U", user, "-A", "trust", "-E", "UTF8"]
    subprocess.run([*run_as, *initdb, "--locale=C.UTF-8", "--no-sync"], check=True, capture_output=True)
    log = base / "server.log"
    # fmt: off
    process = subprocess.Popen(
        [
            *run_as, str(pg_bin / "postgres"), "-D", str(data_dir), "-p", str(port), "-k", str(base),
            "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off", "-c", "max_connections=200",
        ],
        stdout=subprocess.DEVNULL, stderr=open(log, "wb"),  # noqa: SIM115 (closed with the process)
    )
    # fmt: on
    try:
        deadline = time.monotonic() + 30
        while True:
            ready = subprocess.run(
                [str(pg_bin / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)], capture_output=True
            )
            if ready.returncode == 0:
                break
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"PostgreSQL did not start: {log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.2)
        yield PostgresServer("127.0.0.1", port, user, process.pid, data_dir)
    finally:
        _stop(process, data_dir)
        shutil.rmtree(base, ignore_errors=True)


def _stop(process: subprocess.Popen[bytes], data_dir: Path) -> None:
    """Stop by PID: SIGINT to the postmaster is PostgreSQL's "fast shutdown"; SIGKILL if it hangs.

    The postmaster's PID comes from ``postmaster.pid``: when started through ``runuser`` the Popen PID is
    runuser's, which does not pass the signal on promptly.
    """
    if process.poll() is not None:
        return
    pid_file = data_dir / "postmaster.pid"
    postmaster_pid = process.pid
    with contextlib.suppress(OSError, ValueError, IndexError):
        postmaster_pid = int(pid_file.read_text().splitlines()[0])
    with contextlib.suppress(ProcessLookupError):
        os.kill(postmaster_pid, signal.SIGINT)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.kill(postmaster_pid, signal.SIGKILL)
        process.kill()
        process.wait(timeout=10)
