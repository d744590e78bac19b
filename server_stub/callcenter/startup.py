"""Starting the call centre with the server: one call, :func:`start_callcenter`.

```python
handle = start_callcenter(app, settings, sip_port=5060, media_workers=4)   # sets app.state.callcenter
...
handle.stop()
```

Threading: :func:`start_callcenter` and :meth:`CallCenterHandle.stop` from the server's main thread.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .runtime import CallCenter

logger = logging.getLogger(__name__)


@dataclass
class CallCenterHandle:
    """What :func:`start_callcenter` returns: the call centre and the call path it runs over."""

    callcenter: CallCenter
    call_path: Any | None

    @property
    def sip_address(self) -> str | None:
        return self.call_path.sip_address if self.call_path is not None else None

    def stop(self) -> None:
        if self.call_path is not None:
            self.call_path.stop()
        self.callcenter.stop()


def start_callcenter(
    app: Any,
    settings: Any,
    *,
    start_media: bool = True,
    sip_host: str = "127.0.0.1",
    sip_port: int = 5060,
    media_workers: int = 4,
    max_media_workers: int | None = None,
    trunk: str = "",
    worker_log_level: str = "WARNING",
) -> CallCenterHandle:
    """Start the call centre for ``app`` (a bound FastAPI app: ``app.state.session_factory`` and
    ``app.state.events``) and, with ``start_media``, the call path (Kamailio on ``sip_host:sip_port`` and
    ``media_workers`` media worker processes under ``settings.data_dir``). Sets ``app.state.callcenter``.
    Raises the call path's errors (Kamailio missing, port taken) with a message a person can act on."""
    callcenter = CallCenter(session_factory=app.state.session_factory, events=app.state.events)
    callcenter.observe(app.state.events)
    call_path = None
    try:
        callcenter.start()
        if start_media:
            from ..media.runtime import start_call_path

            call_path = start_call_path(
                data_dir=Path(settings.data_dir),
                control=callcenter,
                sip_host=sip_host,
                sip_port=sip_port,
                worker_count=media_workers,
                max_workers=max_media_workers,
                session_factory=app.state.session_factory,
                trunk=trunk,
                worker_log_level=worker_log_level,
            )
            callcenter.attach_media(call_path)
    except BaseException:
        callcenter.stop()
        raise
    app.state.callcenter = callcenter
    handle = CallCenterHandle(callcenter, call_path)
    app.state.callcenter_handle = handle
    return handle
