"""Which agents have an event socket open; an agent gone longer than the grace period is logged out.

Without this a seat whose PC crashed mid-call would show "talking" on the leaders' wall forever.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter

from sqlalchemy.orm import Session, sessionmaker

from shared.protocol.enums import AgentState
from shared.protocol.events import EventType

from ..db.models import Agent
from ..services import agent_states
from .hub import EventSink

logger = logging.getLogger(__name__)


class PresenceTracker:
    """Counts open sockets per agent and runs the disconnect grace timers.

    Threading: every method except :meth:`expire_now` runs on the event loop thread (the WebSocket
    handlers call it); the database work of a log-out runs in the loop's default executor.
    """

    def __init__(
        self, *, session_factory: sessionmaker[Session], events: EventSink, grace_seconds: float
    ) -> None:
        self._session_factory = session_factory
        self._events = events
        self.grace_seconds = grace_seconds
        self._sockets: Counter[int] = Counter()
        self._timers: dict[int, asyncio.TimerHandle] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._pending: set[asyncio.Future[bool]] = set()

    def attach_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def is_online(self, agent_id: int) -> bool:
        return self._sockets[agent_id] > 0

    def connected(self, agent_id: int) -> None:
        self._sockets[agent_id] += 1
        timer = self._timers.pop(agent_id, None)
        if timer is not None:
            timer.cancel()
            logger.info("agent %s reconnected within the grace period", agent_id)

    def disconnected(self, agent_id: int) -> None:
        self._sockets[agent_id] -= 1
        if self._sockets[agent_id] > 0:
            return
        del self._sockets[agent_id]
        loop = self._loop or asyncio.get_running_loop()
        old = self._timers.pop(agent_id, None)
        if old is not None:
            old.cancel()
        self._timers[agent_id] = loop.call_later(self.grace_seconds, self._grace_over, agent_id)

    def _grace_over(self, agent_id: int) -> None:
        self._timers.pop(agent_id, None)
        if self.is_online(agent_id):
            return
        loop = self._loop or asyncio.get_running_loop()
        future = loop.run_in_executor(None, self.expire_now, agent_id)
        self._pending.add(future)
        future.add_done_callback(self._pending.discard)

    def expire_now(self, agent_id: int) -> bool:
        """Log the agent out as disconnected (any thread). ``True`` if their state changed."""
        try:
            with self._session_factory() as session:
                agent = session.get(Agent, agent_id)
                if agent is None or agent.state == AgentState.LOGGED_OUT:
                    return False
                payload = agent_states.apply_event(
                    session, agent=agent, event=agent_states.StateEvent.DISCONNECT
                )
                session.commit()
            self._events.publish(EventType.AGENT_STATE_DID_CHANGE, payload)
            logger.info("agent %s logged out: event socket gone past the grace period", agent_id)
            return True
        except Exception:
            logger.exception("could not log out disconnected agent %s", agent_id)
            return False

    def shutdown(self) -> None:
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()
