"""HTTP endpoints for customers (paths relative to /api/v1).

Roles: every signed-in user reads, creates and edits customers and tags them (agents do so during calls);
deleting and the CSV import are for admins.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status
from starlette.concurrency import run_in_threadpool

from shared.protocol.enums import CustomerTag
from shared.protocol.schemas.customers import (
    CustomerCreate,
    CustomerImportResult,
    CustomerOut,
    CustomerPage,
    CustomerUpdate,
)

from ...db.models import Customer
from ...services import customer_import
from ...services import customers as service
from ..deps import AdminOnly, CurrentAgent, SessionDep
from ..errors import InvalidInput, NotFound

logger = logging.getLogger(__name__)

router = APIRouter(tags=["customers"])


def _load(session: SessionDep, customer_id: int) -> Customer:
    customer = service.get_customer(session, customer_id=customer_id)
    if customer is None:
        raise NotFound(f"There is no customer {customer_id}.", details={"customer_id": customer_id})
    return customer


@router.get("/customers", response_model=CustomerPage)
def list_customers(
    session: SessionDep,
    _agent: CurrentAgent,
    q: Annotated[str | None, Query(max_length=64, description="part of a name or number")] = None,
    tag: CustomerTag | None = None,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> CustomerPage:
    rows, total = service.list_customers(
        session, query=q.strip() if q and q.strip() else None, tag=tag, offset=offset, limit=limit
    )
    return CustomerPage(
        items=[service.customer_out(c) for c in rows], total=total, offset=offset, limit=limit
    )


@router.post("/customers", status_code=status.HTTP_201_CREATED, response_model=CustomerOut)
def create_customer(body: CustomerCreate, session: SessionDep, _agent: CurrentAgent) -> CustomerOut:
    customer = service.create_customer(session, data=body, now=datetime.now(UTC))
    session.commit()
    return service.customer_out(customer)


@router.post("/customers/import", response_model=CustomerImportResult)
async def import_customers(request: Request, session: SessionDep, _admin: AdminOnly) -> CustomerImportResult:
    """Upload a CSV file (raw body, ``text/csv``, or a multipart form field ``file``). All rows or none."""
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        form = await request.form()
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise InvalidInput("Attach the CSV as the form field 'file'.", error_id="csv_invalid")
        data = await upload.read()
    else:
        data = await request.body()

    def run() -> int:
        count = customer_import.import_customers(session, data=data, now=datetime.now(UTC))
        session.commit()
        return count

    # validating tens of thousands of rows must not stall the event loop
    return CustomerImportResult(created=await run_in_threadpool(run))


@router.get("/customers/{customer_id}", response_model=CustomerOut)
def get_customer(customer_id: int, session: SessionDep, _agent: CurrentAgent) -> CustomerOut:
    return service.customer_out(_load(session, customer_id))


@router.patch("/customers/{customer_id}", response_model=CustomerOut)
def update_customer(
    customer_id: int, body: CustomerUpdate, session: SessionDep, _agent: CurrentAgent
) -> CustomerOut:
    customer = service.update_customer(
        session, customer=_load(session, customer_id), data=body, now=datetime.now(UTC)
    )
    session.commit()
    return service.customer_out(customer)


@router.put("/customers/{customer_id}/tags/{tag}", response_model=CustomerOut)
def add_tag(customer_id: int, tag: CustomerTag, session: SessionDep, _agent: CurrentAgent) -> CustomerOut:
    customer = service.set_tag(
        session, customer=_load(session, customer_id), tag=tag, present=True, now=datetime.now(UTC)
    )
    session.commit()
    return service.customer_out(customer)


@router.delete("/customers/{customer_id}/tags/{tag}", response_model=CustomerOut)
def remove_tag(customer_id: int, tag: CustomerTag, session: SessionDep, _agent: CurrentAgent) -> CustomerOut:
    customer = service.set_tag(
        session, customer=_load(session, customer_id), tag=tag, present=False, now=datetime.now(UTC)
    )
    session.commit()
    return service.customer_out(customer)


@router.delete("/customers/{customer_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_customer(customer_id: int, session: SessionDep, _admin: AdminOnly) -> Response:
    service.delete_customer(session, customer=_load(session, customer_id))
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
