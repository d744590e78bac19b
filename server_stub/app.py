"""The FastAPI application factory: every router under ``/api/v1``, error handlers, DB, event hub."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from types import ModuleType

from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute
from sqlalchemy import Engine

from .api.errors import install_error_handlers
from .api.routers import (
    agents,
    audit,
    auth,
    blacklist,
    callbacks,
    categories,
    customers,
    departments,
    events_ws,
    ivr,
    knowledge,
    messages,
    notices,
    quality,
    queues,
    reasons,
    recordings,
    screen_pop,
    snapshot,
    tickets,
    voicemails,
)
from .db.engine import create_db_engine, make_session_factory
from .db.migrations import upgrade_to_head
from .events.hub import EventHub
from .events.presence import PresenceTracker
from .security.passwords import PasswordHasher
from .settings import Settings

logger = logging.getLogger(__name__)

API_PREFIX = "/api/v1"

ROUTER_MODULES: tuple[ModuleType, ...] = (
    auth,
    agents,
    reasons,
    queues,
    notices,
    messages,
    blacklist,
    callbacks,
    voicemails,
    recordings,
    quality,
    audit,
    ivr,
    snapshot,
    events_ws,
    tickets,
    customers,
    screen_pop,
    departments,
    categories,
    knowledge,
)

#: Routes anyone may call without a token (the role test walks every other route).
PUBLIC_PATHS = frozenset({f"{API_PREFIX}/health", f"{API_PREFIX}/auth/login"})


def api_routes() -> list[tuple[str, APIRoute]]:
    """Every REST route of the router modules with its full path (the role test walks these; FastAPI's
    ``app.routes`` now holds lazily-expanded included routers rather than the routes themselves)."""
    return [
        (API_PREFIX + route.path, route)
        for module in ROUTER_MODULES
        for route in module.router.routes
        if isinstance(route, APIRoute)
    ]


def create_app(settings: Settings, *, engine: Engine | None = None) -> FastAPI:
    """Build the app. Cheap: no I/O beyond creating the engine (and migrating if the settings say so)."""
    if engine is None:
        engine = create_db_engine(settings.effective_database_url)
    if settings.migrate_on_start:
        upgrade_to_head(engine)
    hub = EventHub(buffer_size=settings.event_buffer_size)
    session_factory = make_session_factory(engine)
    presence = PresenceTracker(
        session_factory=session_factory, events=hub, grace_seconds=settings.presence_grace_seconds
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        hub.attach_loop(asyncio.get_running_loop())
        presence.attach_loop(asyncio.get_running_loop())
        yield
        presence.shutdown()

    app = FastAPI(
        title="Hotline Desk server",
        version="0.1.0",
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = session_factory
    app.state.events = hub
    app.state.presence = presence
    app.state.password_hasher = PasswordHasher(settings.password_cost)
    install_error_handlers(app)

    api = APIRouter(prefix=API_PREFIX)

    @api.get("/health", tags=["health"])
    def health() -> dict[str, object]:
        return {"status": "ok", "event_seq": hub.last_seq}

    for module in ROUTER_MODULES:
        api.include_router(module.router)
    app.include_router(api)
    return app
