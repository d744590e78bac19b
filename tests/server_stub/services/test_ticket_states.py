"""The ticket life cycle table: every (status, action) pair is either a listed move or refused."""

from __future__ import annotations

import pytest

from server_stub.services.ticket_states import (
    TRANSITIONS,
    InvalidTicketTransition,
    TicketAction,
    allowed_actions,
    next_status,
    role_may,
)
from shared.protocol.enums import Role, TicketStatus

S = TicketStatus
A = TicketAction

EXPECTED: dict[tuple[TicketStatus, TicketAction], TicketStatus] = {
    (S.REGISTERED, A.DISPATCH): S.DISPATCHED,
    (S.REGISTERED, A.ANSWER): S.DONE,
    (S.DISPATCHED, A.ACCEPT): S.ACCEPTED,
    (S.ACCEPTED, A.START): S.PROCESSING,
    (S.PROCESSING, A.FINISH): S.DONE,
    (S.DONE, A.VISIT): S.VISITED,
    (S.DONE, A.CLOSE): S.CLOSED,
    (S.VISITED, A.CLOSE): S.CLOSED,
    (S.VISITED, A.REOPEN): S.REGISTERED,
    **{(s, A.RETURN): S.REGISTERED for s in (S.DISPATCHED, S.ACCEPTED, S.PROCESSING)},
    **{(s, A.REQUEST_EXTENSION): s for s in (S.DISPATCHED, S.ACCEPTED, S.PROCESSING)},
    **{(s, A.DECIDE_EXTENSION): s for s in (S.DISPATCHED, S.ACCEPTED, S.PROCESSING)},
    **{(s, a): s for s in TicketStatus if s != S.CLOSED for a in (A.EDIT, A.LINK, A.REMARK)},
}

ALL_PAIRS = [(s, a) for s in TicketStatus for a in TicketAction]


@pytest.mark.parametrize(("status", "action"), [p for p in ALL_PAIRS if p in EXPECTED])
def test_given_valid_pair_when_next_status_then_listed_target(
    status: TicketStatus, action: TicketAction
) -> None:
    assert next_status(status, action) == EXPECTED[(status, action)]


@pytest.mark.parametrize(("status", "action"), [p for p in ALL_PAIRS if p not in EXPECTED])
def test_given_invalid_pair_when_next_status_then_refused_with_reason(
    status: TicketStatus, action: TicketAction
) -> None:
    with pytest.raises(InvalidTicketTransition) as info:
        next_status(status, action)
    assert action.value in str(info.value)
    assert status.value in str(info.value)


def test_given_table_then_it_is_exactly_the_documented_one() -> None:
    assert dict(TRANSITIONS) == EXPECTED


def test_given_closed_ticket_then_nothing_is_allowed() -> None:
    assert allowed_actions(S.CLOSED) == []
    with pytest.raises(InvalidTicketTransition, match="final"):
        next_status(S.CLOSED, A.EDIT)


def test_given_every_status_except_closed_then_a_way_forward_exists() -> None:
    for status in TicketStatus:
        if status != S.CLOSED:
            moves = [a for a in allowed_actions(status) if TRANSITIONS[(status, a)] != status]
            assert moves, status


@pytest.mark.parametrize("action", list(TicketAction))
def test_given_roles_when_checking_then_leaders_and_admins_may_do_everything(action: TicketAction) -> None:
    assert role_may(Role.LEADER, action, own_ticket=False)
    assert role_may(Role.ADMIN, action, own_ticket=False)


def test_given_agent_when_acting_on_someone_elses_ticket_then_only_shared_work_is_allowed() -> None:
    assert role_may(Role.AGENT, A.DISPATCH, own_ticket=True)
    assert not role_may(Role.AGENT, A.DISPATCH, own_ticket=False)
    assert not role_may(Role.AGENT, A.EDIT, own_ticket=False)
    assert role_may(Role.AGENT, A.VISIT, own_ticket=False)
    assert not role_may(Role.AGENT, A.CLOSE, own_ticket=True)
    assert not role_may(Role.AGENT, A.DECIDE_EXTENSION, own_ticket=True)
    assert not role_may(Role.AGENT, A.REOPEN, own_ticket=True)
