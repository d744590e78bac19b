"""Writes what the call path did into the database: ``calls`` with their agent legs, dispositions,
recordings and voicemails, callback tasks for abandoned callers, and the ACD's agent state changes in
``agent_state_log``. Every method is one short transaction and returns the events to publish after it.

Threading: one instance is used from the call centre's owner thread only; each method opens its own
session, so REST handlers writing at the same time are fine.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from shared.protocol.enums import AgentState, CallDirection, CallDisposition, CustomerTag, Role
from shared.protocol.events import CallWasOffered, EventType

from ..db.models import (
    Agent,
    Call,
    CallAgentLeg,
    Customer,
    CustomerPhone,
    Department,
    Queue,
    Recording,
)
from ..media import control as mc
from ..services import agent_states, callbacks, voicemails
from ..services.blacklist import normalise

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Publication:
    """An event to publish once the transaction that produced it committed."""

    event_type: EventType
    payload: BaseModel | dict[str, Any]
    to_agent_ids: tuple[int, ...] | None = None


@dataclass
class Written:
    """What one write produced: new row ids and the events to publish."""

    publications: list[Publication] = field(default_factory=list)
    call_id: int | None = None
    leg_id: int | None = None
    agent_id: int | None = None


@dataclass(frozen=True)
class AgentCard:
    """What inviting someone needs to know about them."""

    agent_id: int
    work_number: str
    name: str
    role: Role
    state: AgentState
    active: bool


@dataclass(frozen=True)
class DialTarget:
    """A department (by code or name) resolved to its number, or a number dialled as given."""

    number: str
    display: str
    department: str | None


def _utc(at: datetime) -> datetime:
    return at.astimezone(UTC) if at.tzinfo is not None else at.replace(tzinfo=UTC)


def _left_queue(call: Call, at: datetime) -> bool:
    """Stamp ``calls.left_queue_at`` once, on a call that waited in a queue (the waiting-callers report
    reads it); ``False`` when there was nothing to stamp."""
    if call.queued_at is None or call.left_queue_at is not None:
        return False
    call.left_queue_at = max(at, _utc(call.queued_at))
    return True


class CallRecorder:
    """The call centre's database writer (see the module docstring for the threading contract)."""

    def __init__(self, session_factory: Callable[[], Session]) -> None:
        self._session_factory = session_factory
        self._agent_ids: dict[str, int] = {}
        self._queue_ids: dict[str, int] = {}

    # ------------------------------------------------------------------ lookups

    def agent_id(self, session: Session, work_number: str) -> int | None:
        cached = self._agent_ids.get(work_number)
        if cached is None:
            cached = session.scalar(select(Agent.id).where(Agent.work_number == work_number))
            if cached is not None:
                self._agent_ids[work_number] = cached
        return cached

    def queue_id(self, session: Session, code: str | None) -> int | None:
        if not code:
            return None
        cached = self._queue_ids.get(code)
        if cached is None:
            cached = session.scalar(select(Queue.id).where(Queue.code == code))
            if cached is not None:
                self._queue_ids[code] = cached
        return cached

    def forget_config(self) -> None:
        self._queue_ids.clear()

    def customer_of(self, number: str) -> tuple[int | None, frozenset[CustomerTag]]:
        """The customer owning ``number`` and their tags (VIP, elderly…), for the queue priority."""
        with self._session_factory() as session:
            customer = session.scalar(
                select(Customer)
                .join(CustomerPhone, CustomerPhone.customer_id == Customer.id)
                .where(CustomerPhone.number == normalise(number))
                .options(selectinload(Customer.tags))
            )
            if customer is None:
                return None, frozenset()
            return customer.id, frozenset(CustomerTag(t.tag) for t in customer.tags)

    def department_number(self, value: str) -> str:
        """A department's code or name → its transfer number; anything else is dialled as given."""
        with self._session_factory() as session:
            dept = session.scalar(
                select(Department).where((Department.code == value) | (Department.name == value))
            )
            return dept.transfer_number if dept is not None and dept.transfer_number else value

    def agent_card(self, work_number: str) -> AgentCard | None:
        with self._session_factory() as session:
            agent = session.scalar(select(Agent).where(Agent.work_number == work_number))
            if agent is None:
                return None
            return AgentCard(agent.id, agent.work_number, agent.name, agent.role, agent.state, agent.active)

    def dial_target(self, value: str) -> DialTarget:
        """A department's code or name → its transfer number and name; anything else as given."""
        with self._session_factory() as session:
            dept = session.scalar(
                select(Department).where(
                    ((Department.code == value) | (Department.name == value)) & Department.active.is_(True)
                )
            )
            if dept is not None and dept.transfer_number:
                return DialTarget(dept.transfer_number, dept.name, dept.code)
            return DialTarget(value, value, None)

    # ------------------------------------------------------------------ calls

    def call_arrived(
        self,
        *,
        caller: str,
        hotline_number: str,
        sip_call_id: str,
        at: datetime,
        direction: CallDirection = CallDirection.INBOUND,
        callee: str | None = None,
        agent_work_number: str | None = None,
    ) -> Written:
        with self._session_factory() as session:
            call = Call(
                sip_call_id=sip_call_id or None,
                direction=direction,
                caller_number=normalise(caller) or caller,
                callee_number=callee or hotline_number,
                hotline_number=hotline_number or None,
                arrived_at=_utc(at),
            )
            if agent_work_number is not None:
                call.agent_id = self.agent_id(session, agent_work_number)
            session.add(call)
            session.commit()
            return Written(call_id=call.id)

    def call_queued(
        self,
        call_id: int,
        *,
        queue_code: str,
        ivr_path: str,
        digits: str,
        customer_id: int | None,
        priority: int,
        at: datetime,
    ) -> Written:
        with self._session_factory() as session:
            call = session.get(Call, call_id)
            if call is None:
                return Written()
            call.queue_id = self.queue_id(session, queue_code)
            call.ivr_path = ivr_path[:128] or None
            call.ivr_digits = digits[:64] or None
            call.customer_id = customer_id
            call.priority = priority
            if call.queued_at is None:
                call.queued_at = _utc(at)
            session.commit()
            return Written(call_id=call_id)

    def queue_changed(self, call_id: int, *, queue_code: str) -> None:
        """Overflow or a transfer to a queue: the call now belongs to ``queue_code``."""
        with self._session_factory() as session:
            call = session.get(Call, call_id)
            if call is not None:
                call.queue_id = self.queue_id(session, queue_code) or call.queue_id
                session.commit()

    def offered(
        self,
        call_id: int,
        *,
        work_number: str,
        queue_code: str | None,
        ring_timeout_s: float,
        at: datetime,
    ) -> Written:
        """A new agent leg; the agent gets ``call_was_offered`` (leaders too, by the hub's rule)."""
        with self._session_factory() as session:
            call = session.get(Call, call_id)
            agent_id = self.agent_id(session, work_number)
            if call is None:
                return Written()
            if call.offered_at is None:
                call.offered_at = _utc(at)
            leg = CallAgentLeg(call_id=call_id, agent_id=agent_id, offered_at=_utc(at))
            session.add(leg)
            session.commit()
            out = Written(call_id=call_id, leg_id=leg.id, agent_id=agent_id)
            if agent_id is not None:
                payload = CallWasOffered(
                    call_id=call_id,
                    agent_id=agent_id,
                    caller_number=call.caller_number,
                    queue_code=queue_code,
                    hotline_number=call.hotline_number,
                    ivr_path=call.ivr_path,
                    customer_id=call.customer_id,
                    offer_timeout_seconds=round(ring_timeout_s),
                )
                out.publications.append(Publication(EventType.CALL_WAS_OFFERED, payload, (agent_id,)))
            return out

    def leg_ended(self, leg_id: int, *, outcome: str, at: datetime) -> None:
        with self._session_factory() as session:
            leg = session.get(CallAgentLeg, leg_id)
            if leg is not None and leg.ended_at is None:
                leg.ended_at = _utc(at)
                # a transfer ends an answered leg: say so (the transfer chain reads from here)
                leg.outcome = outcome if outcome.startswith("transferred") else (leg.outcome or outcome)
                session.commit()

    def conference_leg_answered(self, leg_id: int, *, at: datetime) -> None:
        """A conference party joined: the leg is answered (the call's own agent stays who took the call)."""
        with self._session_factory() as session:
            leg = session.get(CallAgentLeg, leg_id)
            if leg is not None and leg.answered_at is None:
                leg.answered_at = _utc(at)
                leg.outcome = "conference"
                session.commit()

    def transfer_leg(
        self, call_id: int, *, target_number: str | None, department: str | None, at: datetime
    ) -> Written:
        """A leg to a department or an outside number (no agent of ours)."""
        with self._session_factory() as session:
            dept_id = None
            if department:
                dept_id = session.scalar(
                    select(Department.id).where(
                        (Department.code == department) | (Department.name == department)
                    )
                )
            leg = CallAgentLeg(
                call_id=call_id, department_id=dept_id, target_number=target_number, offered_at=_utc(at)
            )
            session.add(leg)
            session.commit()
            return Written(call_id=call_id, leg_id=leg.id)

    def answered(self, call_id: int, *, leg_id: int | None, work_number: str, at: datetime) -> Written:
        with self._session_factory() as session:
            call = session.get(Call, call_id)
            if call is None:
                return Written()
            agent_id = self.agent_id(session, work_number)
            if call.answered_at is None:
                call.answered_at = _utc(at)
            _left_queue(call, _utc(at))
            call.agent_id = agent_id
            call.disposition = CallDisposition.ANSWERED
            if leg_id is not None:
                leg = session.get(CallAgentLeg, leg_id)
                if leg is not None:
                    leg.answered_at = _utc(at)
                    leg.outcome = "answered"
            session.commit()
            payload = {
                "call_id": call_id,
                "agent_id": agent_id,
                "work_number": work_number,
                "caller_number": call.caller_number,
                "queue_id": call.queue_id,
                "direction": call.direction.value,
                "at": _utc(at).isoformat(),
            }
            return Written(
                call_id=call_id,
                agent_id=agent_id,
                publications=[Publication(EventType.CALL_DID_START, payload)],
            )

    def ended(
        self,
        call_id: int,
        *,
        at: datetime,
        disposition: CallDisposition | None,
        recording: mc.RecordingInfo | None,
        ended_by: str,
        hold_seconds: int = 0,
    ) -> Written:
        """The call is over: end time, disposition (kept if set already), open legs closed, the recording."""
        with self._session_factory() as session:
            call = session.get(Call, call_id)
            if call is None:
                return Written()
            when = _utc(at)
            call.ended_at = when
            _left_queue(call, when)
            if disposition is not None and (
                call.disposition is None or disposition is CallDisposition.TRANSFERRED
            ):
                call.disposition = disposition
            call.hold_seconds = hold_seconds
            for leg in call.legs:
                if leg.ended_at is None:
                    leg.ended_at = when
                    leg.outcome = leg.outcome or ("answered" if leg.answered_at else "cancelled")
            if recording is not None:
                agent = recording.agent_work_numbers[0] if recording.agent_work_numbers else None
                session.add(
                    Recording(
                        call_id=call_id,
                        agent_id=self.agent_id(session, agent) if agent else call.agent_id,
                        path=recording.path,
                        kind="mix",
                        started_at=_utc(recording.started_at),
                        duration_seconds=recording.duration_s,
                        size_bytes=recording.size_bytes,
                        sample_rate=recording.sample_rate,
                    )
                )
            session.commit()
            payload = {
                "call_id": call_id,
                "agent_id": call.agent_id,
                "caller_number": call.caller_number,
                "queue_id": call.queue_id,
                "disposition": call.disposition.value if call.disposition else None,
                "ended_by": ended_by,
                "recorded": recording is not None,
                "at": when.isoformat(),
            }
            return Written(call_id=call_id, publications=[Publication(EventType.CALL_DID_END, payload)])

    def left_queue(self, call_id: int, *, at: datetime) -> None:
        """The caller stopped waiting without an agent: sent to voicemail, after hours, transferred out."""
        with self._session_factory() as session:
            call = session.get(Call, call_id)
            if call is not None and _left_queue(call, _utc(at)):
                session.commit()

    def set_disposition(self, call_id: int, disposition: CallDisposition) -> None:
        with self._session_factory() as session:
            call = session.get(Call, call_id)
            if call is not None:
                call.disposition = disposition
                session.commit()

    def abandoned(self, call_id: int, *, queue_code: str | None, at: datetime | None = None) -> Written:
        """The caller hung up while queued: disposition abandoned and a callback task, round robin."""
        with self._session_factory() as session:
            call = session.get(Call, call_id)
            if call is None:
                return Written()
            call.disposition = CallDisposition.ABANDONED
            _left_queue(call, _utc(at) if at is not None else datetime.now(UTC))
            task, assigned = callbacks.create_callback_task(
                session,
                number=call.caller_number,
                call_id=call_id,
                queue_id=self.queue_id(session, queue_code) or call.queue_id,
            )
            session.commit()
            out = Written(call_id=call_id)
            if assigned is not None:
                out.publications.append(
                    Publication(EventType.CALLBACK_WAS_ASSIGNED, assigned, (assigned.agent_id,))
                )
            logger.info("abandoned call %s -> callback task %s", call_id, task.id)
            return out

    def voicemail_left(
        self, call_id: int | None, *, caller: str, queue_code: str | None, path: str, duration_s: float
    ) -> Written:
        with self._session_factory() as session:
            _vm, event = voicemails.leave_voicemail(
                session,
                caller_number=caller,
                path=path,
                duration_seconds=duration_s,
                call_id=call_id,
                queue_id=self.queue_id(session, queue_code),
            )
            if call_id is not None:
                call = session.get(Call, call_id)
                if call is not None:
                    call.disposition = CallDisposition.VOICEMAIL
                    # the caller left the queue when the message began (unless left_queue said so already)
                    _left_queue(call, datetime.now(UTC) - timedelta(seconds=max(0.0, duration_s)))
            session.commit()
            return Written(call_id=call_id, publications=[Publication(EventType.VOICEMAIL_WAS_LEFT, event)])

    # ------------------------------------------------------------------ agent states

    def agent_state(
        self,
        work_number: str,
        *,
        state: AgentState,
        reason: str | None,
        call_id: int | None,
        at: datetime | None = None,
    ) -> Written:
        """Persist an ACD-made state change (reserved, talking, wrap-up, missed…) through
        :func:`server_stub.services.agent_states.record_state`: the ACD's own state machine already checked
        the transition, so the REST table (which refuses e.g. not-ready "rejected") is not consulted.
        Nothing is written when the row already says so (the change came from REST in the first place)."""
        with self._session_factory() as session:
            agent = session.scalar(select(Agent).where(Agent.work_number == work_number))
            if agent is None:
                return Written()
            if agent.state == state and (agent.state_reason or None) == (reason or None):
                return Written(agent_id=agent.id)
            payload = agent_states.record_state(
                session,
                agent=agent,
                state=state,
                reason=reason,
                call_id=call_id,
                now=_utc(at) if at is not None else None,
            )
            session.commit()
            return Written(
                agent_id=agent.id, publications=[Publication(EventType.AGENT_STATE_DID_CHANGE, payload)]
            )

    def signed_in_agents(self) -> list[tuple[str, AgentState, str | None]]:
        """Call-takers the database shows signed in: (work number, state, reason)."""
        from shared.protocol.enums import Role

        with self._session_factory() as session:
            rows = session.execute(
                select(Agent.work_number, Agent.state, Agent.state_reason).where(
                    Agent.active.is_(True), Agent.role == Role.AGENT, Agent.state != AgentState.LOGGED_OUT
                )
            ).all()
            return [(r[0], AgentState(r[1]), r[2]) for r in rows]
