"""Customers: phone-number normalisation, lookup by number, create / update / delete, tags."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql.base import ExecutableOption

from shared.protocol.enums import CustomerTag
from shared.protocol.schemas.customers import CustomerCreate, CustomerOut, CustomerUpdate

from ..api.errors import Conflict, InvalidInput
from ..db.models import Customer, CustomerPhone, CustomerTagLink

logger = logging.getLogger(__name__)

_SEPARATORS = re.compile(r"[\s\-().]")
_MIN_DIGITS = 3  # 110, 120 and hotline short numbers are real callers of the system too
_MAX_DIGITS = 20


def normalize_number(raw: str) -> str | None:
    """Digits only, without the +86 / 0086 country prefix; ``None`` if it is not a phone number.

    ``+86 138-0013-8000`` → ``13800138000``; ``0086 26 1234 5678`` → ``2612345678`` (a landline keeps
    whatever trunk prefix the caller used after the country code); ``8613800138000`` (a mobile with the
    bare country code, as some trunks send it) → ``13800138000``.
    """
    text = _SEPARATORS.sub("", raw.strip())
    if text.startswith("+"):
        if not text.startswith("+86"):
            return text[1:] if text[1:].isdigit() and _MIN_DIGITS <= len(text) - 1 <= _MAX_DIGITS else None
        text = text[3:]
    elif text.startswith("0086"):
        text = text[4:]
    elif len(text) == 13 and text.startswith("861"):
        text = text[2:]
    if not text.isdigit() or not _MIN_DIGITS <= len(text) <= _MAX_DIGITS:
        return None
    return text


def require_number(raw: str, *, field: str = "number") -> str:
    number = normalize_number(raw)
    if number is None:
        raise InvalidInput(
            f"{raw[:40]!r} is not a phone number: use digits, optionally with +86, spaces or dashes.",
            error_id="invalid_phone_number",
            details={"field": field, "value": raw[:40]},
        )
    return number


def customer_out(customer: Customer) -> CustomerOut:
    return CustomerOut(
        id=customer.id,
        name=customer.name,
        address=customer.address,
        notes=customer.notes,
        phones=[p.number for p in customer.phones],
        tags=[t.tag for t in customer.tags],
        created_at=customer.created_at,
        updated_at=customer.updated_at,
    )


def _with_children() -> tuple[ExecutableOption, ...]:
    return (selectinload(Customer.phones), selectinload(Customer.tags))


def get_customer(session: Session, *, customer_id: int) -> Customer | None:
    return session.scalar(select(Customer).where(Customer.id == customer_id).options(*_with_children()))


def find_by_number(session: Session, *, number: str) -> Customer | None:
    """The customer owning an already normalised number."""
    return session.scalar(
        select(Customer)
        .join(CustomerPhone, CustomerPhone.customer_id == Customer.id)
        .where(CustomerPhone.number == number)
        .options(*_with_children())
    )


def list_customers(
    session: Session,
    *,
    query: str | None = None,
    tag: CustomerTag | None = None,
    offset: int = 0,
    limit: int = 50,
) -> tuple[Sequence[Customer], int]:
    stmt = select(Customer)
    if query:
        digits = normalize_number(query)
        conditions = [Customer.name.contains(query, autoescape=True)]
        if digits:
            conditions.append(
                Customer.id.in_(
                    select(CustomerPhone.customer_id).where(
                        CustomerPhone.number.contains(digits, autoescape=True)
                    )
                )
            )
        stmt = stmt.where(or_(*conditions))
    if tag is not None:
        stmt = stmt.where(
            Customer.id.in_(select(CustomerTagLink.customer_id).where(CustomerTagLink.tag == tag))
        )
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = session.scalars(
        stmt.order_by(Customer.id).offset(offset).limit(limit).options(*_with_children())
    ).all()
    return rows, total


def _normalized_phones(raw_phones: Sequence[str]) -> list[str]:
    numbers: list[str] = []
    for raw in raw_phones:
        number = require_number(raw, field="phones")
        if number not in numbers:
            numbers.append(number)
    return numbers


def _check_phones_free(session: Session, numbers: Sequence[str], *, owner_id: int | None) -> None:
    if not numbers:
        return
    taken = session.execute(
        select(CustomerPhone.number, CustomerPhone.customer_id).where(CustomerPhone.number.in_(numbers))
    ).all()
    clashes = [(n, cid) for n, cid in taken if cid != owner_id]
    if clashes:
        number, other = clashes[0]
        raise Conflict(
            f"The number {number} already belongs to customer {other}; remove it there first.",
            error_id="phone_taken",
            details={"number": number, "customer_id": other},
        )


def create_customer(session: Session, *, data: CustomerCreate, now: datetime) -> Customer:
    numbers = _normalized_phones(data.phones)
    _check_phones_free(session, numbers, owner_id=None)
    customer = Customer(
        name=data.name or None,
        address=data.address or None,
        notes=data.notes or None,
        created_at=now,
        updated_at=now,
        phones=[CustomerPhone(number=n) for n in numbers],
        tags=[CustomerTagLink(tag=t) for t in dict.fromkeys(data.tags)],
    )
    session.add(customer)
    session.flush()
    return customer


def update_customer(session: Session, *, customer: Customer, data: CustomerUpdate, now: datetime) -> Customer:
    fields = data.model_fields_set
    for name in ("name", "address", "notes"):
        if name in fields:
            setattr(customer, name, getattr(data, name) or None)
    if "phones" in fields:
        numbers = _normalized_phones(data.phones or [])
        _check_phones_free(session, numbers, owner_id=customer.id)
        keep = [p for p in customer.phones if p.number in numbers]
        existing = {p.number for p in keep}
        customer.phones = keep + [CustomerPhone(number=n) for n in numbers if n not in existing]
    if "tags" in fields:
        wanted = list(dict.fromkeys(data.tags or []))
        keep_tags = [t for t in customer.tags if t.tag in wanted]
        have = {t.tag for t in keep_tags}
        customer.tags = keep_tags + [CustomerTagLink(tag=t) for t in wanted if t not in have]
    customer.updated_at = now
    session.flush()
    return customer


def set_tag(
    session: Session, *, customer: Customer, tag: CustomerTag, present: bool, now: datetime
) -> Customer:
    has = any(t.tag == tag for t in customer.tags)
    if present and not has:
        customer.tags.append(CustomerTagLink(tag=tag))
    elif not present and has:
        customer.tags = [t for t in customer.tags if t.tag != tag]
    customer.updated_at = now
    session.flush()
    return customer


def delete_customer(session: Session, *, customer: Customer) -> None:
    """Removes the customer and their numbers; tickets and calls keep the caller number but lose the link."""
    from ..db.models import Call, Ticket

    session.execute(update(Ticket).where(Ticket.customer_id == customer.id).values(customer_id=None))
    session.execute(update(Call).where(Call.customer_id == customer.id).values(customer_id=None))
    session.delete(customer)
    session.flush()
