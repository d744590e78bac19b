"""FastAPI dependency for the hub itself, when a router needs per-agent delivery (``to_agent_ids``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from .hub import EventHub


def get_hub(request: Request) -> EventHub:
    hub: EventHub = request.app.state.events
    return hub


HubDep = Annotated[EventHub, Depends(get_hub)]
