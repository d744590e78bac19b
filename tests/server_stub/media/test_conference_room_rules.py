"""The conference room's pure rules: where a party rings (this worker, the next one, nowhere), who hears
whom, and what a failed invitation is called."""

from __future__ import annotations

from server_stub.media.conference_room import (
    MAX_CALLS_PER_WORKER,
    Placement,
    all_to_all,
    failure_reason,
    place_party,
    room_uri_user,
)


def _chain(room_size: int) -> list[int]:
    """Members per worker when a room of ``room_size`` fills up: [caller+agent+…, parties…, …]."""
    workers = [2]  # the conversation's worker: caller and owning agent
    slots = [2]  # calls in use per worker (links included)
    for members in range(2, room_size):
        spare = room_size - (members + 1)
        w = 0
        while True:
            has_link = w + 1 < len(workers)
            where = place_party(
                free_slots=MAX_CALLS_PER_WORKER - slots[w], has_link=has_link, spare_after=spare
            )
            if where is Placement.LOCAL:
                workers[w] += 1
                slots[w] += 1
                break
            assert where is Placement.FORWARD
            if not has_link:
                slots[w] += 1  # the link out
                workers.append(0)
                slots.append(1)  # the link in
            w += 1
    return workers


def test_given_a_room_of_four_when_it_fills_then_it_stays_on_one_worker() -> None:
    assert _chain(4) == [4]


def test_given_the_default_room_of_eight_when_it_fills_then_three_workers_share_it_with_every_slot_used() -> (
    None
):
    assert _chain(8) == [3, 2, 3]
    assert sum(_chain(8)) == 8


def test_given_a_room_of_five_when_it_fills_then_the_second_worker_takes_two_parties() -> None:
    assert _chain(5) == [3, 2]


def test_given_a_worker_with_every_slot_taken_and_no_link_when_placing_then_there_is_no_slot() -> None:
    assert place_party(free_slots=0, has_link=False, spare_after=3) is Placement.NO_SLOT
    assert place_party(free_slots=0, has_link=True, spare_after=3) is Placement.FORWARD


def test_given_members_when_mixed_all_to_all_then_nobody_hears_themselves() -> None:
    links = all_to_all(["caller", "agent", None, "p1", "agent"])
    assert links == {
        ("caller", "agent"),
        ("agent", "caller"),
        ("caller", "p1"),
        ("p1", "caller"),
        ("agent", "p1"),
        ("p1", "agent"),
    }
    assert all(src != dst for src, dst in links)


def test_given_sip_outcomes_when_naming_the_failure_then_the_inviting_agent_reads_plain_words() -> None:
    assert failure_reason(486, timed_out=False, cancelled=False) == "busy"
    assert failure_reason(603, timed_out=False, cancelled=False) == "declined"
    assert failure_reason(404, timed_out=False, cancelled=False).startswith("not reachable")
    assert failure_reason(487, timed_out=True, cancelled=False) == "no answer"
    assert failure_reason(487, timed_out=False, cancelled=True) == "cancelled"
    assert failure_reason(500, timed_out=False, cancelled=False, fallback="Server Error") == "Server Error"
    assert room_uri_user("abc") == "room-abc"
