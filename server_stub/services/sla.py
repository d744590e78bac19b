"""SLA lights (green / yellow / red) for tickets, from their age, deadline and status.

The rule, made precise (the issue says "green within 3 days, yellow after 5, red after 7"):

* Every ticket gets a **deadline** when it is registered: ``created_at + deadline_days`` where
  ``deadline_days`` is the category's (nearest ancestor with one) or :attr:`SlaPolicy.default_deadline_days`
  (7). An approved extension moves the deadline.
* It also gets a **warn_at** moment: ``created_at + (deadline − created_at) × green_fraction`` with
  ``green_fraction = 3/7``. With the default 7-day deadline that is exactly 3 days.
* While the ticket is open (registered … processing) the light is **green** up to and including
  ``warn_at``, **yellow** after ``warn_at`` up to and including the deadline, **red** after the deadline.

So with the defaults: green for the first 3 days, yellow from just after day 3 until day 7 (the
3–5-day span is yellow: a ticket no longer on its green promise deserves a look — "yellow after 5"
holds a fortiori), red after 7 days. A per-category deadline of D days gives green up to 3/7·D, red
after D. After an approved extension ``warn_at`` is recomputed with the same fraction against the new
deadline.

Done, visited and closed tickets have **no running light** (``None``): nothing is waiting. Whether a
finished ticket was finished in time is :func:`finished_on_time`.

Both moments are stored columns, so "every red ticket of department X" is an indexed SQL filter
(``deadline < now``), never a scan in Python.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from shared.protocol.enums import SlaLight, TicketStatus

from .ticket_states import OPEN_STATUSES

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SlaPolicy:
    """Immutable; safe to share between threads."""

    default_deadline_days: int = 7
    green_days: int = 3

    @property
    def green_fraction(self) -> float:
        return self.green_days / self.default_deadline_days


DEFAULT_POLICY = SlaPolicy()


def deadline_for(
    created_at: datetime, deadline_days: int | None, policy: SlaPolicy = DEFAULT_POLICY
) -> datetime:
    days = deadline_days if deadline_days is not None else policy.default_deadline_days
    return created_at + timedelta(days=days)


def warn_at_for(created_at: datetime, deadline: datetime, policy: SlaPolicy = DEFAULT_POLICY) -> datetime:
    span = max(deadline - created_at, timedelta(0))
    return created_at + span * policy.green_fraction


def sla_light(
    *,
    status: TicketStatus,
    created_at: datetime,
    deadline: datetime | None,
    warn_at: datetime | None,
    now: datetime,
    policy: SlaPolicy = DEFAULT_POLICY,
) -> SlaLight | None:
    """The light of one ticket at ``now``; ``None`` once the ticket no longer waits for anyone."""
    if status not in OPEN_STATUSES:
        return None
    if deadline is None:
        deadline = deadline_for(created_at, None, policy)
    if warn_at is None:
        warn_at = warn_at_for(created_at, deadline, policy)
    if now > deadline:
        return SlaLight.RED
    if now > warn_at:
        return SlaLight.YELLOW
    return SlaLight.GREEN


def finished_on_time(*, done_at: datetime | None, deadline: datetime | None) -> bool | None:
    if done_at is None or deadline is None:
        return None
    return done_at <= deadline
