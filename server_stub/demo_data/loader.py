"""Write the demo data set into an EMPTY database through the server's models.

Everything goes in with SQLAlchemy Core ``insert()`` executemany (one round trip per chunk, no ORM
unit of work), with the explicit ids the generators assigned, so 20,000 calls and 5,000 tickets with
their histories load in seconds. The demo password is hashed once and shared by every demo login.
On PostgreSQL the id sequences are moved past the loaded rows afterwards so the server's own inserts
don't collide.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, func, insert, select, text, update
from sqlalchemy.orm import Session

from server_stub.db import models as m
from server_stub.demo_data import CENTRE_TZ
from server_stub.demo_data.bulk import BulkRefs, bulk_calls, bulk_tickets
from server_stub.demo_data.categories import category_id, leaf_categories
from server_stub.demo_data.dataset import DemoData, build_demo_data
from server_stub.demo_data.departments import department_id
from server_stub.demo_data.people import DEMO_PASSWORD, TEAMS, DemoStaff
from server_stub.demo_data.queues import IVR_MENUS, NOT_READY_REASONS, QA_CRITERIA, QA_FORM_NAME
from server_stub.demo_data.ticket_templates import TICKET_TEMPLATES
from shared.protocol.enums import AgentState, CallbackStatus, CallDisposition, CustomerTag, Role

logger = logging.getLogger(__name__)

CHUNK = 5_000

#: Tables that must be empty before the demo goes in (the ones an operator would have filled).
_MUST_BE_EMPTY = (
    m.Agent,
    m.Department,
    m.Category,
    m.Customer,
    m.Queue,
    m.Call,
    m.Ticket,
    m.KnowledgeArticle,
)


class DatabaseNotEmpty(RuntimeError):
    """The demo data only goes into an empty database; the message names what is already there."""


class DemoDataMissing(RuntimeError):
    """Bulk history needs the demo's reference rows (agents, queues, customers, categories)."""


def _table(model: type[Any]) -> Table:
    return cast(Table, model.__table__)


def _chunks(rows: Iterable[dict[str, Any]], size: int = CHUNK) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def insert_rows(conn: Connection | Session, model: type[Any], rows: Iterable[dict[str, Any]]) -> int:
    """Bulk-insert ``rows`` (dicts keyed by column name) in chunks; returns how many went in."""
    n = 0
    stmt = insert(_table(model))
    for batch in _chunks(rows):
        conn.execute(stmt, batch)
        n += len(batch)
    return n


def ensure_empty(conn: Connection | Session) -> None:
    """Raise :class:`DatabaseNotEmpty` if any table the demo fills already has rows."""
    filled = [
        f"{model.__tablename__} ({count} rows)"
        for model in _MUST_BE_EMPTY
        if (count := conn.execute(select(func.count()).select_from(_table(model))).scalar_one())
    ]
    if filled:
        raise DatabaseNotEmpty(
            "the demo data only goes into an empty database, but it already holds "
            + ", ".join(filled)
            + "; start with a new data directory (or database) to load the demo."
        )


def centre_today() -> date:
    """Today's date in the hotline centre's time zone (the one place the loader reads the clock)."""
    return datetime.now(CENTRE_TZ).date()


def load_demo_data(
    session_or_engine: Session | Engine,
    *,
    today: date | None = None,
    until: datetime | None = None,
    seed: int = 0,
    hash_password: Callable[[str], str] | None = None,
    customers: int = 1_000,
    calls: int = 20_000,
    tickets: int = 5_000,
) -> DemoData:
    """Fill an empty database with the demo centre's history up to ``until`` (a moment on ``today``).

    Without ``today`` the history runs up to now (the clock, centre time), so today's wallboard and
    reports already have this morning's calls; with ``today`` and no ``until`` it ends at the start
    of ``today`` (what tests use: the output then depends on the arguments only).

    With a ``Session`` the rows join the session's transaction and the caller commits; with an
    ``Engine`` the loader commits itself. ``hash_password`` is the server's password hasher
    (``PasswordHasher.hash``); it is called exactly once. Returns the data that was written.
    Raises :class:`DatabaseNotEmpty` without writing anything if the database has content.
    """
    if today is None:
        until = until or datetime.now(CENTRE_TZ)
        today = until.astimezone(CENTRE_TZ).date()
    sizes = (customers, calls, tickets)
    if isinstance(session_or_engine, Engine):
        with session_or_engine.begin() as conn:
            return _load(conn, today, until, seed, hash_password, sizes)
    return _load(session_or_engine, today, until, seed, hash_password, sizes)


def _default_hash(password: str) -> str:
    from server_stub.security.passwords import PasswordHasher

    return PasswordHasher().hash(password)


def _load(
    conn: Connection | Session,
    today: date,
    until: datetime | None,
    seed: int,
    hash_password: Callable[[str], str] | None,
    sizes: tuple[int, int, int],
) -> DemoData:
    ensure_empty(conn)
    n_customers, n_calls, n_tickets = sizes
    data = build_demo_data(
        today=today, until=until, seed=seed, customers=n_customers, calls=n_calls, tickets=n_tickets
    )
    password_hash = (hash_password or _default_hash)(DEMO_PASSWORD)
    loaded_at = datetime.combine(today, time(0), CENTRE_TZ)
    agent_ids = {s.work_number: i for i, s in enumerate(data.staff, 1)}
    names = {s.work_number: s.name for s in data.staff}
    admin, leader = agent_ids["0001"], agent_ids["9001"]

    insert_rows(conn, m.Team, ({"id": i, "name": t} for i, t in enumerate(TEAMS, 1)))
    last_change = {span.agent: span.started_at for span in data.agent_states}
    insert_rows(
        conn,
        m.Agent,
        (
            _agent_row(i, s, password_hash, last_change.get(s.work_number, loaded_at), loaded_at)
            for i, s in enumerate(data.staff, 1)
        ),
    )
    insert_rows(
        conn,
        m.AgentSkill,
        (
            {"agent_id": agent_ids[s.work_number], "skill": skill.value, "level": level}
            for s in data.staff
            for skill, level in s.skills
        ),
    )
    insert_rows(
        conn,
        m.Department,
        (
            {
                "id": department_id(d.code),
                "code": d.code,
                "name": d.name,
                "transfer_number": d.transfer_number,
                "active": True,
            }
            for d in data.departments
        ),
    )
    insert_rows(conn, m.Category, _category_rows(data))
    insert_rows(
        conn,
        m.NotReadyReason,
        (
            {
                "code": r.code,
                "label_zh": r.label_zh,
                "label_en": r.label_en,
                "max_minutes": r.max_minutes,
                "sort_order": r.sort_order,
            }
            for r in NOT_READY_REASONS
        ),
    )
    _load_queues(conn, data, admin, loaded_at)
    _load_quality(conn, loaded_at)
    _load_knowledge(conn, data, admin)
    _load_ticket_templates(conn, loaded_at)
    _load_customers(conn, data, leader)
    _load_calls(conn, data, agent_ids, today)
    _load_tickets(conn, data, agent_ids, names)
    insert_rows(
        conn,
        m.AgentStateLog,
        (
            {
                "agent_id": agent_ids[x.agent],
                "state": x.state,
                "reason": x.reason,
                "started_at": x.started_at,
                "ended_at": x.ended_at,
                "changed_by_id": None,
                "call_id": x.call_id,
            }
            for x in data.agent_states
        ),
    )
    insert_rows(
        conn,
        m.Notice,
        (
            {
                "title": n.title,
                "body": n.body,
                "hotline_number": n.hotline,
                "play_in_ivr": n.play_in_ivr,
                "published_at": n.published_at,
                "expires_at": n.expires_at,
                "published_by_id": leader,
            }
            for n in data.notices
        ),
    )
    _advance_sequences(conn)
    logger.info(
        "demo data loaded: %d agents, %d customers, %d articles, %d calls, %d tickets",
        len(data.staff), len(data.customers), len(data.articles), len(data.calls), len(data.tickets),
    )  # fmt: skip
    return data


def _agent_row(
    agent_id: int, s: DemoStaff, password_hash: str, logged_out_since: datetime, loaded_at: datetime
) -> dict[str, Any]:
    return {
        "id": agent_id,
        "work_number": s.work_number,
        "name": s.name,
        "password_hash": password_hash,
        "role": s.role,
        "team_id": TEAMS.index(s.team) + 1 if s.team else None,
        "sip_password": s.sip_password,
        "active": True,
        "state": AgentState.LOGGED_OUT,
        "state_reason": None,
        "state_since": logged_out_since,
        "created_at": loaded_at - timedelta(days=400),
    }


def _category_rows(data: DemoData) -> Iterator[dict[str, Any]]:
    siblings: dict[str | None, int] = {}
    for c in data.categories:
        order = siblings.get(c.parent_code, 0)
        siblings[c.parent_code] = order + 1
        yield {
            "id": category_id(c.code),
            "parent_id": category_id(c.parent_code) if c.parent_code else None,
            "name": c.name,
            "code": c.code,
            "deadline_days": c.deadline_days,
            "sort_order": order,
        }


def _load_queues(conn: Connection | Session, data: DemoData, admin: int, loaded_at: datetime) -> None:
    ids = {q.code: i for i, q in enumerate(data.queues, 1)}
    insert_rows(
        conn,
        m.Queue,
        (
            {
                "id": ids[q.code],
                "code": q.code,
                "name": q.name,
                "hotline_number": q.hotline,
                "strategy": q.strategy,
                "required_skills": {s.value: lvl for s, lvl in q.required_skills.items()},
                "priority_rules": dict(q.priority_rules),
                "wrap_up_seconds": q.wrap_up_seconds,
                "service_level_seconds": q.service_level_seconds,
                "max_wait_seconds": q.max_wait_seconds,
                "overflow_queue_id": None,
                "overflow_to_voicemail": q.overflow_to_voicemail,
                "announce_every_seconds": 30,
                "offer_timeout_seconds": 15,
                "opening_hours": q.opening_hours,
                "active": True,
            }
            for q in data.queues
        ),
    )
    # overflow targets may come later in the list, so they are set once every queue exists
    table = _table(m.Queue)
    for q in data.queues:
        if q.overflow_to:
            conn.execute(
                update(table).where(table.c.id == ids[q.code]).values(overflow_queue_id=ids[q.overflow_to])
            )
    insert_rows(
        conn,
        m.IvrMenu,
        (
            {
                "hotline_number": hotline,
                "name": tree["name"],
                "tree": tree,
                "updated_at": loaded_at,
                "updated_by_id": admin,
            }
            for hotline, tree in IVR_MENUS.items()
        ),
    )


def _load_quality(conn: Connection | Session, loaded_at: datetime) -> None:
    insert_rows(conn, m.QaForm, [{"id": 1, "name": QA_FORM_NAME, "active": True, "created_at": loaded_at}])
    insert_rows(
        conn,
        m.QaCriterion,
        (
            {"form_id": 1, "name": c.name, "weight": c.weight, "max_score": c.max_score, "sort_order": i}
            for i, c in enumerate(QA_CRITERIA)
        ),
    )


def _load_knowledge(conn: Connection | Session, data: DemoData, admin: int) -> None:
    by_path = {c.path: c.code for c in data.categories}
    by_name = {d.name: d.code for d in data.departments}
    insert_rows(
        conn,
        m.KnowledgeArticle,
        (
            {
                "id": a.id,
                "title": a.title,
                "body": a.body,
                "category_id": category_id(by_path[tuple(a.category_path)]),
                "keywords": list(a.keywords),
                "short_code": a.short_code,
                "department_id": department_id(by_name[a.department]) if a.department else None,
                "version": a.version,
                "created_at": a.updated_at,
                "updated_at": a.updated_at,
                "updated_by_id": admin,
                "deleted": a.deleted,
            }
            for a in data.articles
        ),
    )
    latest = max((a.version for a in data.articles), default=0)
    insert_rows(conn, m.KnowledgeVersion, [{"id": 1, "current": latest}])


def _load_ticket_templates(conn: Connection | Session, loaded_at: datetime) -> None:
    insert_rows(
        conn,
        m.TicketTemplate,
        (
            {
                "id": i,
                "name": t.name,
                "type": t.type,
                "category_id": category_id(t.category_code) if t.category_code else None,
                "department_id": department_id(t.department_code) if t.department_code else None,
                "content": t.content,
                "sort_order": i * 10,
                "active": True,
                "updated_at": loaded_at,
            }
            for i, t in enumerate(TICKET_TEMPLATES, 1)
        ),
    )


def _load_customers(conn: Connection | Session, data: DemoData, leader: int) -> None:
    insert_rows(
        conn,
        m.Customer,
        (
            {
                "id": c.id,
                "name": c.name,
                "address": c.address,
                "notes": c.notes,
                "created_at": c.created_at,
                "updated_at": c.blacklisted_at or c.created_at,
            }
            for c in data.customers
        ),
    )
    insert_rows(
        conn, m.CustomerPhone, ({"customer_id": c.id, "number": p} for c in data.customers for p in c.phones)
    )
    insert_rows(
        conn, m.CustomerTagLink, ({"customer_id": c.id, "tag": t} for c in data.customers for t in c.tags)
    )
    insert_rows(
        conn,
        m.BlacklistEntry,
        (
            {
                "number": p,
                "reason": c.blacklist_reason or "",
                "created_at": c.blacklisted_at,
                "expires_at": None,
                "created_by_id": leader,
            }
            for c in data.customers
            if CustomerTag.BLACKLISTED in c.tags and c.blacklisted_at
            for p in c.phones
        ),
    )


def _load_calls(conn: Connection | Session, data: DemoData, agent_ids: dict[str, int], today: date) -> None:
    queue_ids = {q.code: i for i, q in enumerate(data.queues, 1)}
    insert_rows(
        conn,
        m.Call,
        (
            {
                "id": c.id,
                "sip_call_id": f"demo-{c.id}@hotline-desk",
                "direction": c.direction,
                "caller_number": c.caller_number,
                "callee_number": c.callee_number,
                "hotline_number": c.hotline,
                "queue_id": queue_ids[c.queue_code] if c.queue_code else None,
                "customer_id": c.customer_id,
                "ivr_path": c.ivr_path,
                "ivr_digits": c.ivr_digits,
                "priority": c.priority,
                "arrived_at": c.arrived_at,
                "queued_at": c.queued_at,
                "offered_at": c.offered_at,
                "answered_at": c.answered_at,
                "ended_at": c.ended_at,
                "agent_id": agent_ids[c.agent] if c.agent else None,
                "disposition": c.disposition,
                "hold_seconds": c.hold_seconds,
                "transferred_from_id": None,
            }
            for c in data.calls
        ),
    )
    insert_rows(
        conn,
        m.CallAgentLeg,
        (
            {
                "call_id": c.id,
                "agent_id": agent_ids[leg.agent] if leg.agent else None,
                "department_id": department_id(leg.department_code) if leg.department_code else None,
                "target_number": leg.target_number,
                "offered_at": leg.offered_at,
                "answered_at": leg.answered_at,
                "ended_at": leg.ended_at,
                "outcome": leg.outcome,
            }
            for c in data.calls
            for leg in c.legs
        ),
    )
    insert_rows(conn, m.CallbackTask, _callback_rows(data, agent_ids, queue_ids, today))


def _callback_rows(
    data: DemoData, agent_ids: dict[str, int], queue_ids: dict[str, int], today: date
) -> Iterator[dict[str, Any]]:
    """Abandoned callers get a call-back task: done or failed in the past, open for the last day."""
    recent = datetime.combine(today - timedelta(days=1), time(0), CENTRE_TZ)
    agents = [w for w in agent_ids if w.startswith("10")]
    for n, c in enumerate(x for x in data.calls if x.disposition is CallDisposition.ABANDONED):
        row: dict[str, Any] = {
            "call_id": c.id,
            "number": c.caller_number,
            "queue_id": queue_ids[c.queue_code] if c.queue_code else None,
            "reason": "abandoned",
            "created_at": c.ended_at,
            "assigned_agent_id": None,
            "status": CallbackStatus.OPEN,
            "attempts": 0,
            "last_attempt_at": None,
            "result_note": None,
            "done_at": None,
        }
        if c.ended_at < recent:
            attempt = c.ended_at + timedelta(minutes=20 + n % 90)
            ok = n % 9 != 0
            row.update(
                assigned_agent_id=agent_ids[agents[n % len(agents)]],
                status=CallbackStatus.DONE if ok else CallbackStatus.FAILED,
                attempts=1 if ok else 3,
                last_attempt_at=attempt,
                result_note="已回电，市民问题已解答。" if ok else "三次回拨均无人接听。",
                done_at=attempt,
            )
        yield row


def _load_tickets(
    conn: Connection | Session, data: DemoData, agent_ids: dict[str, int], names: dict[str, str]
) -> None:
    insert_rows(
        conn,
        m.Ticket,
        (
            {
                "id": t.id,
                "serial": t.serial,
                "type": t.type,
                "status": t.status,
                "title": t.title,
                "content": t.content,
                "caller_number": t.caller_number,
                "customer_id": t.customer_id,
                "category_id": category_id(t.category_code),
                "department_id": department_id(t.department_code) if t.department_code else None,
                "agent_id": agent_ids[t.agent],
                "created_at": t.created_at,
                "updated_at": t.updated_at,
                "deadline": t.deadline,
                "warn_at": t.warn_at,
                "dispatched_at": t.dispatched_at,
                "done_at": t.done_at,
                "closed_at": t.closed_at,
                "satisfaction": t.satisfaction,
                "result": t.result,
                "return_count": t.return_count,
                "revision": 1,
                "client_ref": None,
            }
            for t in data.tickets
        ),
    )
    insert_rows(
        conn,
        m.TicketEvent,
        (
            {
                "ticket_id": t.id,
                "at": e.at,
                "actor_id": agent_ids[e.actor] if e.actor else None,
                # as the server records it: the clerk's name if relayed, else the actor's own name
                "actor_name": e.actor_name or (names[e.actor] if e.actor else None),
                "kind": e.kind,
                "from_status": e.from_status,
                "to_status": e.to_status,
                "note": e.note,
                "details": e.details,
            }
            for t in data.tickets
            for e in t.events
        ),
    )
    insert_rows(
        conn,
        m.TicketExtension,
        (
            {
                "id": x.id,
                "ticket_id": t.id,
                "requested_at": x.requested_at,
                "requested_by": x.requested_by,
                "reason": x.reason,
                "requested_deadline": x.requested_deadline,
                "decision": x.decision,
                "decided_at": x.decided_at,
                "decided_by_id": agent_ids[x.decided_by] if x.decided_by else None,
                "decision_note": x.decision_note,
            }
            for t in data.tickets
            for x in t.extensions
        ),
    )
    insert_rows(
        conn,
        m.TicketLink,
        (
            {
                "ticket_id": k.ticket_id,
                "linked_ticket_id": k.linked_ticket_id,
                "created_at": k.created_at,
                "created_by_id": agent_ids[k.created_by],
            }
            for k in data.ticket_links
        ),
    )
    conn.execute(insert(m.ticket_calls), [{"ticket_id": t.id, "call_id": t.call_id} for t in data.tickets])
    last: dict[date, int] = {}
    for t in data.tickets:
        day_text, seq = t.serial.split("-")
        day = datetime.strptime(day_text, "%Y%m%d").replace(tzinfo=UTC).date()
        last[day] = max(last.get(day, 0), int(seq))
    insert_rows(
        conn, m.TicketSerialCounter, ({"day": d, "last_sequence": n} for d, n in sorted(last.items()))
    )


def _advance_sequences(conn: Connection | Session) -> None:
    """PostgreSQL: move each ``id`` sequence past the explicit ids the demo inserted."""
    bind = conn.get_bind() if isinstance(conn, Session) else conn
    if bind.dialect.name != "postgresql":
        return
    for table in m.Call.metadata.sorted_tables:
        id_col = table.c.get("id")
        if id_col is None or not id_col.primary_key or not isinstance(id_col.type.python_type, type):
            continue
        if id_col.type.python_type is not int:
            continue
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
            )
        )


def load_bulk(
    engine: Engine,
    *,
    calls: int = 1_000_000,
    tickets: int = 300_000,
    days: int = 365,
    seed: int = 0,
    today: date | None = None,
    with_events: bool = True,
) -> dict[str, int]:
    """Add benchmark-scale history (default a million calls, 300,000 tickets) on top of the demo.

    An empty database gets the demo data first. The bulk rows point at the demo's agents, queues,
    customers and categories, continue the id and serial sequences, and go in within one
    transaction (all or nothing). Returns the row counts written per table.
    """
    today = today or centre_today()
    with engine.connect() as conn:
        empty = conn.execute(select(func.count()).select_from(_table(m.Agent))).scalar_one() == 0
    if empty:
        load_demo_data(engine, today=today, seed=seed)
    written = {"calls": 0, "tickets": 0, "ticket_events": 0, "ticket_calls": 0}
    with engine.begin() as conn:
        refs = _bulk_refs(conn)
        first_call = (conn.execute(select(func.max(_table(m.Call).c.id))).scalar() or 0) + 1
        for chunk in bulk_calls(refs, count=calls, start_id=first_call, today=today, days=days, seed=seed):
            written["calls"] += insert_rows(conn, m.Call, chunk)
        counters_table = _table(m.TicketSerialCounter)
        sequences: dict[date, int] = {
            day: n for day, n in conn.execute(select(counters_table.c.day, counters_table.c.last_sequence))
        }
        before = dict(sequences)
        first_ticket = (conn.execute(select(func.max(_table(m.Ticket).c.id))).scalar() or 0) + 1
        call_ids = range(first_call, first_call + calls) if calls else range(1, first_call)
        for tchunk in bulk_tickets(
            refs,
            count=tickets,
            start_id=first_ticket,
            call_ids=call_ids,
            today=today,
            days=days,
            seed=seed,
            sequences=sequences,
            with_events=with_events,
        ):
            written["tickets"] += insert_rows(conn, m.Ticket, tchunk.tickets)
            written["ticket_events"] += insert_rows(conn, m.TicketEvent, tchunk.events)
            conn.execute(insert(m.ticket_calls), tchunk.ticket_calls)
            written["ticket_calls"] += len(tchunk.ticket_calls)
        for day, last in sequences.items():
            if day in before:
                conn.execute(
                    update(counters_table).where(counters_table.c.day == day).values(last_sequence=last)
                )
        insert_rows(
            conn,
            m.TicketSerialCounter,
            ({"day": d, "last_sequence": n} for d, n in sorted(sequences.items()) if d not in before),
        )
        _advance_sequences(conn)
    logger.info("bulk history loaded: %s", written)
    return written


def _bulk_refs(conn: Connection) -> BulkRefs:
    agents = _table(m.Agent)
    agent_ids = list(
        conn.execute(select(agents.c.id).where(agents.c.role == Role.AGENT).order_by(agents.c.id)).scalars()
    )
    leader = conn.execute(
        select(agents.c.id).where(agents.c.role == Role.LEADER).order_by(agents.c.id)
    ).scalar()
    queues = _table(m.Queue)
    by_hotline: dict[str, list[int]] = {}
    for qid, hotline in conn.execute(select(queues.c.id, queues.c.hotline_number).order_by(queues.c.id)):
        by_hotline.setdefault(hotline, []).append(qid)
    phones = _table(m.CustomerPhone)
    customers = [
        (cid, number)
        for cid, number in conn.execute(select(phones.c.customer_id, phones.c.number).order_by(phones.c.id))
    ]
    cats = _table(m.Category)
    leaf_codes = {c.code: c.department_code for c in leaf_categories()}
    categories = [
        (cid, department_id(leaf_codes[code]))
        for cid, code in conn.execute(select(cats.c.id, cats.c.code).order_by(cats.c.id))
        if code in leaf_codes
    ]
    if not (
        agent_ids
        and leader
        and customers
        and categories
        and all(h in by_hotline for h in ("12345", "12329", "12315"))
    ):
        raise DemoDataMissing(
            "bulk history needs the demo's agents, leader, queues, customers and categories; "
            "load it into an empty database or one filled by load_demo_data"
        )
    return BulkRefs(agent_ids, dict(by_hotline), customers, categories, leader)
