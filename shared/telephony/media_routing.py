"""The one place that decides which conference-bridge ports talk to which.

Every re-INVITE (hold, unhold, codec change) recreates a call's stream, gives it a new bridge slot and drops
all its connections, so the engine never patches links by hand: after any change it calls
:meth:`BridgeRouter.apply` with the current model, which computes the wanted links from scratch
(:func:`desired_links`, pure), compares them with the links it has applied, and starts/stops only the
difference.
That is what keeps a three-way conference, mute and supervision links alive across hold/unhold.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pjsua2 as pj

from shared.telephony.ids import HEADSET_CAPTURE, HEADSET_PLAYBACK, CallId, MediaId, call_media_id

logger = logging.getLogger(__name__)

Link = tuple[MediaId, MediaId]  # (source, destination): the source's audio is heard at the destination
_PortKey = tuple[MediaId, int]  # a port as the router knows it: our id and its bridge slot


@dataclass(frozen=True)
class CallAudio:
    """What routing needs to know about one call."""

    call_id: CallId
    has_audio: bool  # a stream with a bridge slot exists (active, or held by the far end)
    local_hold: bool
    muted: bool
    to_headset: bool = True  # False for calls a server worker bridges itself
    conference_peers: frozenset[CallId] = field(default_factory=frozenset)


def desired_links(calls: Iterable[CallAudio], extra_links: Iterable[Link] = ()) -> set[Link]:
    """The links the bridge should have. A call we hold gets none; a muted call still reaches the ear;
    conferenced calls also hear each other (each hears the other parties plus our microphone)."""
    by_id = {c.call_id: c for c in calls}

    def live(c: CallAudio) -> bool:
        return c.has_audio and not c.local_hold

    links: set[Link] = set()
    for call in by_id.values():
        if not live(call):
            continue
        me = call_media_id(call.call_id)
        if call.to_headset:
            links.add((me, HEADSET_PLAYBACK))
            if not call.muted:
                links.add((HEADSET_CAPTURE, me))
        for peer_id in call.conference_peers:
            peer = by_id.get(peer_id)
            if peer is not None and live(peer):
                links.add((me, call_media_id(peer_id)))
    links.update(extra_links)
    return links


class BridgeRouter:
    """Applies a set of links to the conference bridge. Owner thread only (like the engine).

    PJSIP queues every connect/disconnect and carries it out on the conference clock thread, so the
    listeners a port reports lag what we asked for by up to a tick. Diffing against that report made a link
    made and unmade within a tick survive (the unmake saw no link to remove). So the router diffs against
    its own record of what it asked for, keyed by ``(MediaId, slot)`` so a port that vanished or came back
    on another slot drops its record by itself (PJSIP removes a port together with its links). A stream
    recreated on the *same* slot is invisible from here: the engine calls :meth:`invalidate` on every
    media change, and for such ports the router takes PJSIP's report as the starting point, stops every
    link it shows that is not wanted and (re)asks for every wanted one — both idempotent in PJSIP.
    """

    def __init__(self) -> None:
        self._applied: set[tuple[_PortKey, _PortKey]] = set()
        self._stale: set[MediaId] = set()

    def invalidate(self, media_id: MediaId) -> None:
        """``media_id``'s bridge port may have been recreated: forget what was applied to it."""
        self._stale.add(media_id)

    def applied_links(self) -> set[Link]:
        """The links the router has asked PJSIP for (for diagnostics and tests)."""
        return {(s[0], d[0]) for s, d in self._applied}

    def apply(self, ports: Mapping[MediaId, pj.AudioMedia], links: set[Link]) -> None:
        key_of: dict[MediaId, _PortKey] = {}
        media_of: dict[_PortKey, pj.AudioMedia] = {}
        for media_id, media in ports.items():
            try:
                slot = media.getPortId()
            except pj.Error:
                continue
            if slot >= 0:
                key_of[media_id] = (media_id, slot)
                media_of[(media_id, slot)] = media
        wanted = {
            (key_of[s], key_of[d])
            for s, d in links
            if s in key_of and d in key_of and key_of[s][1] != key_of[d][1]
        }
        # a record naming a port that is gone (or now on another slot) died with that port in PJSIP
        applied = {(s, d) for s, d in self._applied if s in media_of and d in media_of}
        stale = {key_of[m] for m in self._stale if m in key_of}
        self._stale.clear()
        to_stop = applied - wanted
        to_start = wanted - applied
        if stale:
            reported = self._reported_links(media_of, stale)
            to_stop |= {link for link in reported if link not in wanted}
            to_start |= {link for link in wanted if link[0] in stale or link[1] in stale}
        for src, dst in sorted(to_stop):
            try:
                media_of[src].stopTransmit(media_of[dst])
            except pj.Error as err:
                logger.warning("could not disconnect bridge %s→%s: %s", src, dst, err.reason)
        started: set[tuple[_PortKey, _PortKey]] = set()
        for src, dst in sorted(to_start):
            try:
                media_of[src].startTransmit(media_of[dst])
                started.add((src, dst))
            except pj.Error as err:
                logger.warning("could not connect bridge %s→%s: %s", src, dst, err.reason)
        self._applied = (applied & wanted) | started
        if to_stop or to_start:
            logger.debug("bridge links now %s", sorted((s[0], d[0]) for s, d in self._applied))

    @staticmethod
    def _reported_links(
        media_of: Mapping[_PortKey, pj.AudioMedia], ports: set[_PortKey]
    ) -> set[tuple[_PortKey, _PortKey]]:
        """The links PJSIP reports from or to ``ports`` (as of its last clock tick)."""
        key_of_slot = {key[1]: key for key in media_of}
        reported: set[tuple[_PortKey, _PortKey]] = set()
        for key, media in media_of.items():
            try:
                info = media.getPortInfo()
                listeners = [int(slot) for slot in info.listeners]
            except pj.Error as err:
                logger.debug("bridge slot %s vanished while routing: %s", key[1], err.reason)
                continue
            for slot in listeners:
                dst = key_of_slot.get(slot)
                if dst is not None and (key in ports or dst in ports):
                    reported.add((key, dst))
        return reported
