"""The demo centre looks like a real hotline: staff, customers, calls and tickets in sane proportions."""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, time, timedelta
from itertools import pairwise

import pytest

from server_stub.demo_data import CENTRE_TZ
from server_stub.demo_data.calls import generate_calls
from server_stub.demo_data.dataset import DemoData, build_demo_data
from server_stub.demo_data.people import DEMO_PASSWORD, demo_staff, generate_customers
from server_stub.demo_data.queues import HOTLINES, IVR_MENUS, QA_CRITERIA, ivr_routes, queue
from server_stub.demo_data.tickets import replay
from server_stub.services.ticket_states import InvalidTicketTransition
from shared.protocol.enums import (
    AgentState,
    CallDirection,
    CallDisposition,
    CustomerTag,
    ExtensionDecision,
    Role,
    Satisfaction,
    TicketStatus,
    TicketType,
)

from .conftest import TODAY

_MOBILE = re.compile(r"1(3\d|5[0-35-9]|8\d)\d{8}")
_LANDLINE = re.compile(r"0\d{2}[2-7]\d{7}")


def test_given_demo_when_listing_logins_then_admin_leader_and_twenty_agents_exist(demo: DemoData) -> None:
    by_number = {s.work_number: s for s in demo.staff}

    assert by_number["0001"].role is Role.ADMIN
    assert by_number["9001"].role is Role.LEADER
    agents = [s for s in demo.staff if s.role is Role.AGENT]
    assert [a.work_number for a in agents] == [str(n) for n in range(1001, 1021)]
    assert {a.team for a in agents} == {"一组", "二组", "三组"}
    assert all(1 <= level <= 5 for a in agents for _, level in a.skills)
    assert DEMO_PASSWORD == "demo1234"


def test_given_demo_when_counting_then_sizes_match_the_issue(demo: DemoData) -> None:
    assert 18 <= len(demo.departments) <= 25
    assert len(demo.articles) >= 300
    assert len(demo.customers) == 1000
    assert len(demo.calls) == 20_000
    assert len(demo.tickets) == 5_000
    assert max(c.level for c in demo.categories) == 3


def test_given_customers_when_inspecting_numbers_and_tags_then_realistic(demo: DemoData) -> None:
    numbers = [p for c in demo.customers for p in c.phones]
    assert len(numbers) == len(set(numbers)), "a number belongs to one customer"
    assert all(_MOBILE.fullmatch(n) or _LANDLINE.fullmatch(n) for n in numbers)
    assert 0.05 < sum(n.startswith("0") for n in numbers) / len(numbers) < 0.3
    assert 0.08 < sum(len(c.phones) == 2 for c in demo.customers) / 1000 < 0.25
    tags = Counter(t for c in demo.customers for t in c.tags)
    assert (
        tags[CustomerTag.ELDERLY]
        > tags[CustomerTag.IMPORTANT]
        > tags[CustomerTag.VIP]
        > tags[CustomerTag.BLACKLISTED]
        > 0
    )
    assert all(len(c.name) in (2, 3, 4) and c.address for c in demo.customers)


def test_given_calls_when_charting_then_daily_curve_peaks_in_office_hours(demo: DemoData) -> None:
    by_hour = Counter(c.arrived_at.astimezone(CENTRE_TZ).hour for c in demo.calls)
    peak_hours = {h for h, _ in by_hour.most_common(4)}
    assert peak_hours <= {9, 10, 11, 14, 15, 16}
    assert by_hour[3] < by_hour[10] / 20
    by_weekday = Counter(c.arrived_at.astimezone(CENTRE_TZ).weekday() for c in demo.calls)
    assert by_weekday[6] < by_weekday[2] * 0.7, "fewer calls at weekends"
    first = datetime.combine(TODAY - timedelta(days=60), time(0), CENTRE_TZ)
    assert all(first <= c.arrived_at < datetime.combine(TODAY, time(0), CENTRE_TZ) + timedelta(hours=1)
               for c in demo.calls)  # fmt: skip


def test_given_calls_when_grouping_dispositions_then_mostly_answered_with_every_outcome(
    demo: DemoData,
) -> None:
    dispositions = Counter(c.disposition for c in demo.calls)
    assert set(dispositions) == set(CallDisposition)
    assert dispositions[CallDisposition.ANSWERED] / len(demo.calls) > 0.75
    assert 0.03 < dispositions[CallDisposition.ABANDONED] / len(demo.calls) < 0.12
    assert {c.hotline for c in demo.calls} == set(HOTLINES)
    assert any(c.direction is CallDirection.OUTBOUND for c in demo.calls)


def test_given_answered_calls_when_checking_agents_then_nobody_takes_two_calls_at_once(
    demo: DemoData,
) -> None:
    by_agent: dict[str, list[tuple[datetime, datetime]]] = {}
    for c in demo.calls:
        for leg in c.legs:
            if leg.agent and leg.answered_at and leg.ended_at:
                by_agent.setdefault(leg.agent, []).append((leg.answered_at, leg.ended_at))
    for spans in by_agent.values():
        spans.sort()
        assert all(a_end <= b_start for (_, a_end), (b_start, _) in pairwise(spans))


def test_given_call_records_when_reading_times_then_they_are_ordered_and_routed(demo: DemoData) -> None:
    routes = {h: {(p, d, q) for p, d, q in ivr_routes(h)} for h in HOTLINES}
    for c in demo.calls:
        if c.answered_at:
            assert c.arrived_at <= c.answered_at <= c.ended_at
            assert c.agent is not None
        if c.queued_at:
            assert c.arrived_at < c.queued_at
            assert (c.ivr_path, c.ivr_digits, c.queue_code) in routes[c.hotline]
            assert queue(c.queue_code or "").hotline == c.hotline
        if c.disposition is CallDisposition.BLOCKED:
            customer = demo.customers[(c.customer_id or 0) - 1]
            assert customer.blacklisted_at is not None and c.arrived_at >= customer.blacklisted_at


def test_given_tickets_when_replaying_histories_then_every_status_is_reached_validly(demo: DemoData) -> None:
    statuses = Counter(t.status for t in demo.tickets)
    assert set(statuses) == set(TicketStatus)
    assert statuses[TicketStatus.CLOSED] < len(demo.tickets) * 0.95, "the demo needs open tickets"
    assert {t.type for t in demo.tickets} == set(TicketType)
    for t in demo.tickets:
        assert replay(t.events) is t.status, t.serial
        assert t.created_at == t.events[0].at
        assert t.updated_at == t.events[-1].at
        assert t.events[-1].at < datetime.combine(TODAY, time(0), CENTRE_TZ)
    kinds = Counter(e.kind for t in demo.tickets for e in t.events)
    assert kinds["return"] > 0 and kinds["reopen"] > 0 and kinds["linked"] > 0
    assert kinds["extension_approved"] > 0 and kinds["extension_refused"] > 0
    decisions = Counter(x.decision for t in demo.tickets for x in t.extensions)
    assert set(decisions) == set(ExtensionDecision)
    assert {t.satisfaction for t in demo.tickets if t.status is TicketStatus.VISITED} <= set(Satisfaction)
    for t in demo.tickets:
        assert t.return_count == sum(e.kind == "return" for e in t.events)
        if t.status in (TicketStatus.DISPATCHED, TicketStatus.ACCEPTED, TicketStatus.PROCESSING):
            assert t.department_code is not None and t.dispatched_at is not None
        if t.status in (TicketStatus.DONE, TicketStatus.VISITED, TicketStatus.CLOSED):
            assert t.result and t.done_at
        if t.status is TicketStatus.CLOSED:
            assert t.closed_at == t.events[-1].at or any(e.kind == "linked" for e in t.events)
        assert t.warn_at <= t.deadline


def test_given_ticket_serials_when_reading_them_then_unique_and_dated_by_creation_day(demo: DemoData) -> None:
    serials = [t.serial for t in demo.tickets]
    assert len(set(serials)) == len(serials)
    for t in demo.tickets:
        day, seq = t.serial.split("-")
        assert day == t.created_at.astimezone(CENTRE_TZ).strftime("%Y%m%d")
        assert re.fullmatch(r"\d{4,}", seq) and int(seq) >= 1


def test_given_tickets_when_reading_content_then_chinese_sentences_from_templates(demo: DemoData) -> None:
    for t in demo.tickets[:500]:
        assert t.content.startswith("市民") and t.content.endswith("。"), t.content
        assert t.title
    assert len({t.content for t in demo.tickets}) > 1500


def test_given_links_when_checking_then_each_pair_is_ordered_and_recorded_on_both(demo: DemoData) -> None:
    assert demo.ticket_links
    by_id = {t.id: t for t in demo.tickets}
    for link in demo.ticket_links:
        assert link.ticket_id < link.linked_ticket_id
        for own, other in ((link.ticket_id, link.linked_ticket_id), (link.linked_ticket_id, link.ticket_id)):
            serial = by_id[other].serial
            assert any(e.kind == "linked" and e.details["serial"] == serial for e in by_id[own].events)


def test_given_a_forged_history_when_replaying_then_it_is_refused(demo: DemoData) -> None:
    closed = next(t for t in demo.tickets if t.status is TicketStatus.CLOSED and len(t.events) > 3)
    swapped = (closed.events[0], closed.events[2], closed.events[1], *closed.events[3:])

    with pytest.raises((ValueError, InvalidTicketTransition)):
        replay(swapped)


def test_given_same_seed_when_generating_people_and_calls_then_identical_other_seed_differs() -> None:
    staff = demo_staff(0)
    a = generate_customers(200, seed=3, today=TODAY)
    assert a == generate_customers(200, seed=3, today=TODAY)
    assert a != generate_customers(200, seed=4, today=TODAY)
    calls = generate_calls(customers=a, staff=staff, today=TODAY, seed=3, count=500, days=10)
    assert calls == generate_calls(customers=a, staff=staff, today=TODAY, seed=3, count=500, days=10)
    assert calls != generate_calls(customers=a, staff=staff, today=TODAY, seed=4, count=500, days=10)


def test_given_centre_configuration_when_reading_then_every_hotline_has_ivr_and_queues(
    demo: DemoData,
) -> None:
    assert set(IVR_MENUS) == set(HOTLINES)
    for h in HOTLINES:
        assert ivr_routes(h), h
    codes = {q.code for q in demo.queues}
    assert all(q.overflow_to is None or q.overflow_to in codes for q in demo.queues)
    assert queue("Q12345_GENERAL").is_24h and not queue("Q12329_TQ").is_24h
    assert abs(sum(c.weight for c in QA_CRITERIA) - 1.0) < 1e-9
    assert len(demo.notices) >= 2


def test_given_agent_history_when_reading_states_then_continuous_and_matching_the_calls(
    demo: DemoData,
) -> None:
    by_agent: dict[str, list] = {}
    for span in demo.agent_states:
        by_agent.setdefault(span.agent, []).append(span)
    assert set(by_agent) == {str(n) for n in range(1001, 1021)}
    for spans in by_agent.values():
        assert all(a.ended_at == b.started_at for a, b in pairwise(spans)), "no gaps, no overlaps"
        assert spans[-1].state is AgentState.LOGGED_OUT and spans[-1].ended_at is None
    talking = {(s.agent, s.call_id) for s in demo.agent_states if s.state is AgentState.TALKING}
    answered = {
        (leg.agent, c.id)
        for c in demo.calls
        for leg in c.legs
        if leg.agent and leg.answered_at and leg.ended_at
    }
    assert talking == answered
    reasons = {s.reason for s in demo.agent_states if s.state is AgentState.NOT_READY}
    assert {"meal", "break", "missed"} <= reasons


def test_given_a_moment_today_when_building_then_this_mornings_history_is_included_and_over() -> None:
    until = datetime.combine(TODAY, time(16, 30), CENTRE_TZ)

    data = build_demo_data(today=TODAY, until=until, customers=200, calls=3_000, tickets=600)

    todays = [c for c in data.calls if c.arrived_at.astimezone(CENTRE_TZ).date() == TODAY]
    assert len(data.calls) == 3_000 and todays, "this morning's calls are part of the history"
    assert all(c.ended_at <= until for c in data.calls)
    assert all(t.events[-1].at < until for t in data.tickets)
    assert any(t.created_at.astimezone(CENTRE_TZ).date() == TODAY for t in data.tickets)
    assert all(
        s.started_at <= until and (s.ended_at is None or s.ended_at <= until) for s in data.agent_states
    )
    assert data == build_demo_data(today=TODAY, until=until, customers=200, calls=3_000, tickets=600)


def test_given_an_end_not_on_today_when_building_then_refused_with_the_reason() -> None:
    with pytest.raises(ValueError, match="not on today"):
        build_demo_data(today=TODAY, until=datetime.combine(TODAY - timedelta(days=1), time(9), CENTRE_TZ))
