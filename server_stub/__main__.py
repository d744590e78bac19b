"""``python -m server_stub --data-dir DIR --http-port PORT [--host H] [--database-url URL] [--demo-data]``.

Starts the central server on embedded defaults (SQLite in DIR, WAL, migrated to head), logs to stderr and
``DIR/logs/server.log``, prints the URL it listens on and stops cleanly on SIGTERM/SIGINT.

The call path (Kamailio as SIP front door and registrar on ``--sip-port``, default 5060, plus the pool of
pjsua2 media workers and the ACD runtime) starts with it unless ``--no-sip`` is given (API only).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import logging.handlers
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from .security.passwords import PasswordHasher
from .services import auth as auth_service
from .settings import Settings

logger = logging.getLogger("server_stub")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m server_stub", description="Hotline Desk central server")
    parser.add_argument("--data-dir", type=Path, required=True, help="database, recordings, logs live here")
    parser.add_argument("--http-port", type=int, default=8080, help="REST and WebSocket port (0 = any free)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (0.0.0.0 for every one)")
    parser.add_argument("--database-url", default=None, help="e.g. postgresql+psycopg://user@host/db")
    parser.add_argument("--demo-data", action="store_true", help="fill an EMPTY database with demo content")
    parser.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    sign_in = parser.add_argument_group("sign-in lockout")
    sign_in.add_argument(
        "--login-max-failures", type=int, default=5, help="wrong passwords per work number before a lockout"
    )
    sign_in.add_argument(
        "--login-max-client-failures",
        type=int,
        default=30,
        help="wrong passwords from one address (any work numbers) before it is locked",
    )
    sign_in.add_argument(
        "--login-lockout-minutes", type=float, default=15.0, help="failure window and lockout length"
    )
    sip = parser.add_argument_group("call path (SIP)")
    sip.add_argument("--no-sip", action="store_true", help="API only: no Kamailio, no media workers, no ACD")
    sip.add_argument("--sip-host", default="127.0.0.1", help="concrete address for SIP/RTP (not 0.0.0.0)")
    sip.add_argument(
        "--sip-port", type=int, default=5060, help="UDP port of the SIP front door and registrar"
    )
    sip.add_argument("--media-workers", type=int, default=4, help="media worker processes kept warm")
    sip.add_argument("--max-media-workers", type=int, default=16, help="the pool grows up to this many")
    sip.add_argument("--trunk", default="", help="host:port of the carrier gateway for outbound legs")
    args = parser.parse_args(argv)
    if min(args.login_max_failures, args.login_max_client_failures) < 1 or args.login_lockout_minutes <= 0:
        parser.error("the sign-in lockout needs at least 1 failure and more than 0 minutes")
    return args


def configure_logging(log_dir: Path, level: str) -> None:
    log_dir.mkdir(parents=True, exist_ok=True)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setFormatter(fmt)
    file = logging.handlers.RotatingFileHandler(
        log_dir / "server.log", maxBytes=20_000_000, backupCount=5, encoding="utf-8"
    )
    file.setFormatter(fmt)
    root = logging.getLogger()
    root.setLevel(level)
    root.handlers[:] = [stderr, file]
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)


class DemoDataError(RuntimeError):
    """The demo data could not be loaded; the message says why and what to do."""


def fill_demo_data(session_factory: sessionmaker[Session], hasher: PasswordHasher) -> None:
    """Fill an EMPTY database with the demo content and the demo logins."""
    try:
        from .demo_data.loader import DatabaseNotEmpty, load_demo_data
    except ModuleNotFoundError as exc:
        raise DemoDataError(f"this build has no demo data loader ({exc}); start without --demo-data") from exc
    with session_factory() as session:
        try:
            load_demo_data(session, hash_password=hasher.hash)
        except DatabaseNotEmpty as exc:
            raise DemoDataError(
                f"--demo-data fills only an empty database ({exc}); "
                "start without --demo-data or point --data-dir at a new folder."
            ) from exc
        added = auth_service.ensure_demo_logins(session, hasher=hasher)
        session.commit()
    logger.info("demo data loaded (%d demo logins added beside the loader's)", added)


def _graceful_server_class() -> type:
    import uvicorn

    class GracefulServer(uvicorn.Server):
        """uvicorn re-raises the stop signal after shutting down, which kills the process with 143;
        we only want the graceful shutdown, then a normal exit."""

        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            previous = {sig: signal.signal(sig, self.handle_exit) for sig in (signal.SIGINT, signal.SIGTERM)}
            try:
                yield
            finally:
                for sig, handler in previous.items():
                    signal.signal(sig, handler)

    return GracefulServer


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    data_dir: Path = args.data_dir.resolve()
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        sys.stderr.write(f"cannot create the data directory {data_dir}: {exc}\n")
        return 2
    settings = Settings(
        data_dir=data_dir,
        database_url=args.database_url,
        host=args.host,
        http_port=args.http_port,
        demo_data=args.demo_data,
        login_max_failures=args.login_max_failures,
        login_max_client_failures=args.login_max_client_failures,
        login_failure_window_seconds=args.login_lockout_minutes * 60,
        login_lockout_seconds=args.login_lockout_minutes * 60,
    )
    configure_logging(settings.log_dir, args.log_level)

    import socket

    import uvicorn

    from .app import create_app

    try:
        app = create_app(settings)
    except Exception as exc:
        logger.error("cannot open the database %s: %s", settings.effective_database_url, exc)
        return 2
    if settings.demo_data:
        try:
            fill_demo_data(app.state.session_factory, app.state.password_hasher)
        except DemoDataError as exc:
            logger.error("%s", exc)
            return 2

    # Bind ourselves so --http-port 0 works and the printed URL is the real one.
    try:
        sock = socket.create_server((settings.host, settings.http_port), reuse_port=False)
    except OSError as exc:
        logger.error("cannot listen on %s:%s: %s", settings.host, settings.http_port, exc)
        return 2

    callcenter = None
    if not args.no_sip:
        from .callcenter import start_callcenter

        try:
            callcenter = start_callcenter(
                app,
                settings,
                sip_host=args.sip_host,
                sip_port=args.sip_port,
                media_workers=args.media_workers,
                max_media_workers=args.max_media_workers,
                trunk=args.trunk,
            )
        except Exception as exc:  # the call path's errors carry a message a person can act on
            logger.error("cannot start the call path: %s (start with --no-sip for the API alone)", exc)
            sock.close()
            app.state.engine.dispose()
            return 2
        sys.stdout.write(f"SIP front door on {callcenter.sip_address}\n")
    port = sock.getsockname()[1]
    url = f"http://{settings.host}:{port}"
    _GracefulServer = _graceful_server_class()
    config = uvicorn.Config(app, log_config=None, access_log=False, lifespan="on", ws="websockets-sansio")
    server = _GracefulServer(config)
    logger.info(
        "listening on %s (API %s/api/v1, events ws://%s:%s/api/v1/events)", url, url, settings.host, port
    )
    # Catch a stop request from here on (a supervisor may signal as soon as it sees the URL).
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, server.handle_exit)
    # The one line scripts and tests read to learn the address.
    sys.stdout.write(f"Hotline Desk server listening on {url}\n")
    sys.stdout.flush()
    # SIGINT/SIGTERM: uvicorn stops accepting, closes sockets, runs the lifespan end, then we return 0.
    try:
        server.run(sockets=[sock])
    finally:
        if callcenter is not None:
            callcenter.stop()
    app.state.engine.dispose()
    logger.info("server stopped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
