"""The ticket (work order) life cycle as an explicit transition table, and who may perform each action.

Life cycle::

    registered ──dispatch──▶ dispatched ──accept──▶ accepted ──start──▶ processing ──finish──▶ done
        │                       │                      │                    │                   │
        │                       └──────return──────────┴────────────────────┘ (back to          │
        │                                                                       registered)      │
        └──answer (consultation/praise answered on the spot)──────────────────────────────▶ done │
                                                                                                 ▼
                     closed ◀──close── visited ◀──visit (satisfied / unsatisfied / unknown)── done
                                         │                                                    │
                                         └─reopen (unsatisfied) ─▶ registered           └─close─▶ closed

Rules chosen (the issue leaves them open):

* A consultation (or praise, suggestion) the agent settles during the call goes ``registered → done``
  directly with the ``answer`` action; every other ticket type must be dispatched first.
* ``return``: a department hands a ticket back (wrong department, not its remit) with a reason; the
  ticket goes back to ``registered`` so it can be dispatched again, and ``return_count`` is bumped.
* ``close`` is allowed from ``visited`` and, for tickets that need no return visit, from ``done``.
  ``closed`` is final: nothing — not even an edit — is accepted afterwards.
* ``reopen``: a return visit found the citizen unsatisfied; a leader sends the ticket round again.
* Actions that do not move the status (edit, link, extension request/decision, remark) are in the table
  too, as self-loops, so that "what may happen in this state" has one answer.

Department clerks have no login: a leader (or an agent taking the clerk's phone call) records what the
department did, naming the clerk in ``actor_name``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from shared.protocol.enums import Role, TicketStatus, TicketType

logger = logging.getLogger(__name__)


class TicketAction(StrEnum):
    DISPATCH = "dispatch"
    ANSWER = "answer"
    ACCEPT = "accept"
    START = "start"
    FINISH = "finish"
    RETURN = "return"
    VISIT = "visit"
    CLOSE = "close"
    REOPEN = "reopen"
    EDIT = "edit"
    LINK = "link"
    REQUEST_EXTENSION = "request_extension"
    DECIDE_EXTENSION = "decide_extension"
    REMARK = "remark"


S = TicketStatus
A = TicketAction

_OPEN_WORK = (S.REGISTERED, S.DISPATCHED, S.ACCEPTED, S.PROCESSING)
_AT_DEPARTMENT = (S.DISPATCHED, S.ACCEPTED, S.PROCESSING)
_NOT_CLOSED = (*_OPEN_WORK, S.DONE, S.VISITED)

_table: dict[tuple[TicketStatus, TicketAction], TicketStatus] = {
    (S.REGISTERED, A.DISPATCH): S.DISPATCHED,
    (S.REGISTERED, A.ANSWER): S.DONE,
    (S.DISPATCHED, A.ACCEPT): S.ACCEPTED,
    (S.ACCEPTED, A.START): S.PROCESSING,
    (S.PROCESSING, A.FINISH): S.DONE,
    (S.DONE, A.VISIT): S.VISITED,
    (S.DONE, A.CLOSE): S.CLOSED,
    (S.VISITED, A.CLOSE): S.CLOSED,
    (S.VISITED, A.REOPEN): S.REGISTERED,
}
for _status in _AT_DEPARTMENT:
    _table[(_status, A.RETURN)] = S.REGISTERED
    _table[(_status, A.REQUEST_EXTENSION)] = _status
    _table[(_status, A.DECIDE_EXTENSION)] = _status
for _status in _NOT_CLOSED:
    _table[(_status, A.EDIT)] = _status
    _table[(_status, A.LINK)] = _status
    _table[(_status, A.REMARK)] = _status

TRANSITIONS: Mapping[tuple[TicketStatus, TicketAction], TicketStatus] = MappingProxyType(_table)

#: Statuses in which the SLA light runs (the ticket still waits for somebody to act on it).
OPEN_STATUSES: frozenset[TicketStatus] = frozenset(_OPEN_WORK)
#: Statuses shown to an agent as "this caller's unfinished business" (everything not closed).
NOT_CLOSED_STATUSES: frozenset[TicketStatus] = frozenset(_NOT_CLOSED)

#: Ticket types an agent may settle on the spot (``answer``); the rest need a department.
ANSWERABLE_ON_THE_SPOT: frozenset[TicketType] = frozenset(
    {TicketType.CONSULTATION, TicketType.PRAISE, TicketType.SUGGESTION}
)

_EVERYONE = frozenset(Role)
_SUPERVISORS = frozenset({Role.LEADER, Role.ADMIN})

#: Who may perform each action. Agents are further limited to their own tickets for the actions in
#: :data:`OWN_TICKET_ACTIONS`.
ACTION_ROLES: Mapping[TicketAction, frozenset[Role]] = MappingProxyType(
    {
        A.DISPATCH: _EVERYONE,
        A.ANSWER: _EVERYONE,
        A.EDIT: _EVERYONE,
        A.LINK: _EVERYONE,
        A.REMARK: _EVERYONE,
        A.VISIT: _EVERYONE,  # agents make the return calls about finished tickets
        # Department steps: relayed by whoever takes the clerk's call, recorded with the clerk's name.
        A.ACCEPT: _EVERYONE,
        A.START: _EVERYONE,
        A.FINISH: _EVERYONE,
        A.RETURN: _EVERYONE,
        A.REQUEST_EXTENSION: _EVERYONE,
        A.DECIDE_EXTENSION: _SUPERVISORS,
        A.CLOSE: _SUPERVISORS,
        A.REOPEN: _SUPERVISORS,
    }
)
#: Agents may do these only on tickets they registered (or were assigned).
OWN_TICKET_ACTIONS: frozenset[TicketAction] = frozenset({A.DISPATCH, A.ANSWER, A.EDIT})


class InvalidTicketTransition(ValueError):
    """``action`` is not allowed while the ticket is in ``status``."""

    def __init__(self, status: TicketStatus, action: TicketAction, reason: str | None = None):
        self.status = status
        self.action = action
        allowed = allowed_actions(status)
        if reason is None:
            if not allowed:
                reason = f"a {status.value} ticket is final and cannot be changed"
            else:
                names = ", ".join(a.value for a in allowed)
                reason = f"a {status.value} ticket allows only: {names}"
        super().__init__(f"Cannot {action.value} this ticket: {reason}.")


def next_status(status: TicketStatus, action: TicketAction) -> TicketStatus:
    """The status after ``action``; raises :class:`InvalidTicketTransition` for a pair not in the table."""
    try:
        return TRANSITIONS[(status, action)]
    except KeyError:
        raise InvalidTicketTransition(status, action) from None


def allowed_actions(status: TicketStatus) -> list[TicketAction]:
    return [action for action in TicketAction if (status, action) in TRANSITIONS]


def role_may(role: Role, action: TicketAction, *, own_ticket: bool) -> bool:
    """Whether someone with ``role`` may perform ``action`` (``own_ticket``: they registered it)."""
    if role not in ACTION_ROLES[action]:
        return False
    if role == Role.AGENT and action in OWN_TICKET_ACTIONS:
        return own_ticket
    return True
