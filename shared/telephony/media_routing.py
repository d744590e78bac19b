"""The one place that decides which conference-bridge ports talk to which.

Every re-INVITE (hold, unhold, codec change) recreates a call's stream, gives it a new bridge slot and drops
all its connections, so the engine never patches links by hand: after any change it calls
:meth:`BridgeRouter.apply` with the current model, which computes the wanted links from scratch
(:func:`desired_links`, pure), reads the links the bridge really has, and starts/stops only the difference.
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
    """Applies a set of links to the conference bridge. Owner thread only (like the engine)."""

    def apply(self, ports: Mapping[MediaId, pj.AudioMedia], links: set[Link]) -> None:
        slot_of: dict[MediaId, int] = {}
        media_of_slot: dict[int, pj.AudioMedia] = {}
        for media_id, media in ports.items():
            try:
                slot = media.getPortId()
            except pj.Error:
                continue
            if slot >= 0:
                slot_of[media_id] = slot
                media_of_slot[slot] = media
        wanted = {
            (slot_of[s], slot_of[d])
            for s, d in links
            if s in slot_of and d in slot_of and slot_of[s] != slot_of[d]
        }
        actual: set[tuple[int, int]] = set()
        for slot, media in media_of_slot.items():
            try:
                info = media.getPortInfo()
                listeners = list(info.listeners)
            except pj.Error as err:
                logger.debug("bridge slot %s vanished while routing: %s", slot, err.reason)
                continue
            actual.update((slot, dst) for dst in listeners if dst in media_of_slot)
        for src, dst in sorted(actual - wanted):
            try:
                media_of_slot[src].stopTransmit(media_of_slot[dst])
            except pj.Error as err:
                logger.warning("could not disconnect bridge %s→%s: %s", src, dst, err.reason)
        for src, dst in sorted(wanted - actual):
            try:
                media_of_slot[src].startTransmit(media_of_slot[dst])
            except pj.Error as err:
                logger.warning("could not connect bridge %s→%s: %s", src, dst, err.reason)
        if wanted != actual:
            logger.debug("bridge links now %s", sorted(wanted))
