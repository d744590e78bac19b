"""IVR menus: one JSON tree per hotline number, edited by admins.

The tree (the format ``server_stub.demo_data.queues.IVR_MENUS`` uses)::

    {"prompt": "…", "welcome": "…", "timeout_seconds": 8,
     "default": <option>, "closed_action": <option>,
     "options": {"1": <option>, …}}                   # keys are DTMF digits 0-9 * #

    <option> = {"action": "queue", "queue": "<queue code>", "label": "…"}
             | {"action": "menu", "prompt": "…", "options": {…}}
             | {"action": "ticket_status", "prompt": "…", "fallback": <option>}
             | {"action": "voicemail", "prompt": "…"?} | {"action": "repeat"}
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from ._base import RequestBody, ResponseBody


class IvrMenuIn(RequestBody):
    name: str = Field(min_length=1, max_length=64)
    tree: dict[str, Any]


class IvrMenuOut(ResponseBody):
    id: int
    hotline_number: str
    name: str
    tree: dict[str, Any]
    updated_at: datetime
    updated_by_id: int | None = None
