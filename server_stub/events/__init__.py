"""The live event stream: a hub that numbers and fans out events, agent presence, and the resync snapshot.

Scale-out path: with several API processes on PostgreSQL, a ``PgNotifyHub`` implementing
:class:`~server_stub.events.hub.EventSink` would ``NOTIFY`` each envelope and feed received ones into the
local fan-out (sequence numbers then come from a database sequence). One process needs none of that.
"""

from .hub import EventHub, Subscription

__all__ = ["EventHub", "Subscription"]
