"""REST + WebSocket client both apps use, with a Qt bridge that keeps the GUI thread free."""

from .api import HotlineApi
from .errors import ApiClientError, ClientErrorId
from .events import EventStream, StreamState
from .rest import HotlineClient

__all__ = ["ApiClientError", "ClientErrorId", "EventStream", "HotlineApi", "HotlineClient", "StreamState"]
