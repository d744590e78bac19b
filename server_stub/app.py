"""The FastAPI application factory: every router under ``/api/v1``, error handlers, DB, event hub."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from types import ModuleType

from fastapi import APIRouter, FastAPI, Request
from fastapi.routing import APIRoute
from sqlalchemy import Engine
from starlette.datastructures import State

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
    reports,
    screen_pop,
    snapshot,
    ticket_templates,
    tickets,
    voicemails,
)
from .callcenter import router as callcenter_router
from .db.engine import create_db_engine, make_session_factory
from .db.migrations import upgrade_to_head
from .events.hub import EventHub
from .events.presence import PresenceTracker
from .security.passwords import PasswordHasher
from .services.login_throttle import LoginThrottle
from .services.notices_expiry import NoticeExpirySweeper
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
    reports,
    snapshot,
    events_ws,
    ticket_templates,  # before tickets: /tickets/templates is not a serial
    tickets,
    customers,
    screen_pop,
    departments,
    categories,
    knowledge,
    # /callcenter/… and /supervision: 503 call_path_off while the server runs with --no-sip
    callcenter_router,
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


def build_app() -> FastAPI:
    """The application without any state: routes, error handlers, lifespan. :func:`bind_app` gives it
    a database and an event hub. Building is the costly part (FastAPI prepares every route's models),
    so tests build once per session and re-bind per test."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        loop = asyncio.get_running_loop()
        app.state.events.attach_loop(loop)
        app.state.presence.attach_loop(loop)
        sweeper = NoticeExpirySweeper(session_factory=app.state.session_factory, events=app.state.events)
        app.state.notice_sweeper = sweeper.start()
        try:
            yield
        finally:
            sweeper.stop()
            app.state.presence.shutdown()

    app = FastAPI(
        title="Hotline Desk server", version="0.1.0", openapi_url="/openapi.json", lifespan=lifespan
    )
    install_error_handlers(app)

    api = APIRouter(prefix=API_PREFIX)

    @api.get("/health", tags=["health"])
    def health(request: Request) -> dict[str, object]:
        return {"status": "ok", "event_seq": request.app.state.events.last_seq}

    for module in ROUTER_MODULES:
        api.include_router(module.router)
    app.include_router(api)
    return app


def bind_app(app: FastAPI, settings: Settings, *, engine: Engine | None = None) -> FastAPI:
    """Give ``app`` fresh state: settings, engine and sessions, event hub, presence, password hasher.

    Everything a request needs lives on ``app.state`` (replaced wholesale, so nothing from a previous
    binding survives)."""
    if engine is None:
        engine = create_db_engine(settings.effective_database_url)
    if settings.migrate_on_start:
        upgrade_to_head(engine)
    hub = EventHub(buffer_size=settings.event_buffer_size, last_seq=settings.event_seq_start)
    session_factory = make_session_factory(engine)
    app.state = State()
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = session_factory
    app.state.events = hub
    app.state.presence = PresenceTracker(
        session_factory=session_factory, events=hub, grace_seconds=settings.presence_grace_seconds
    )
    app.state.password_hasher = PasswordHasher(settings.password_cost)
    app.state.login_throttle = LoginThrottle(
        max_failures=settings.login_max_failures,
        max_client_failures=settings.login_max_client_failures,
        window_seconds=settings.login_failure_window_seconds,
        lockout_seconds=settings.login_lockout_seconds,
    )
    app.dependency_overrides.clear()
    app.openapi_schema = None  # regenerated on demand, so it lists exactly the routes mounted now
    return app


def create_app(settings: Settings, *, engine: Engine | None = None) -> FastAPI:
    """Build the app and bind it to the database in ``settings`` (migrating it if the settings say so)."""
    return bind_app(build_app(), settings, engine=engine)
