"""The real server's app served over real HTTP for tests and benchmarks that need a URL (the REST client,
the consoles, WebSocket events): uvicorn in a thread of this process on a socket bound to port 0, so
parallel runs never collide; leaving the ``with`` block asks it to exit and joins the thread, also when
the test failed.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from collections.abc import Iterator

import uvicorn
from fastapi import FastAPI

logger = logging.getLogger(__name__)


@contextlib.contextmanager
def serve_in_thread(
    app: FastAPI, *, lifespan: bool = True, start_timeout: float = 30.0, stop_timeout: float = 10.0
) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1; yields its base URL (``http://127.0.0.1:<port>``).

    ``lifespan``: run the app's startup/shutdown (the event hub attaches to uvicorn's loop there; the
    notice expiry timer starts). The app's database engine stays the caller's to dispose of."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="on" if lifespan else "off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + start_timeout
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        if not server.started:
            raise RuntimeError(f"uvicorn did not start within {start_timeout} s")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(stop_timeout)
        if thread.is_alive():
            logger.warning("uvicorn did not stop within %s s", stop_timeout)
        sock.close()
