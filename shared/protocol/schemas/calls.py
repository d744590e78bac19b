"""Who was in a conversation besides the caller, as call history shows it (screen pop, an agent's calls).

A conversation belongs to the agent who took it (``calls.agent_id``, the *owner*); colleagues,
departments or outside numbers the owner brought into its conference room are listed after the owner,
in the order they joined. Parties that were invited but never joined are not listed.
"""

from __future__ import annotations

from enum import StrEnum

from ._base import ResponseBody


class CallParticipantRole(StrEnum):
    OWNER = "owner"  # took the call (its ``agent_id``)
    CONFERENCE = "conference"  # joined its conference room


class CallParticipant(ResponseBody):
    role: CallParticipantRole
    #: an agent of ours; ``None`` for a department or an outside number
    agent_id: int | None = None
    #: the agent's work number, or the number dialled for a department / outside party
    number: str | None = None
    #: what a person reads: the agent's or the department's name, else the number
    name: str
