"""Sign-in attempts checked in parallel (FastAPI runs the handler in a thread pool) cannot test more than
``max_failures`` passwords of one work number between lockouts: an attempt is counted when it begins."""

from __future__ import annotations

import threading

from server_stub.services.login_throttle import LockScope, LoginThrottle


def test_given_attempts_under_way_when_one_more_begins_then_refused_until_they_end() -> None:
    throttle = LoginThrottle(max_failures=3, max_client_failures=30)
    for _ in range(3):
        assert throttle.begin(work_number="1001", client="10.0.0.5") is None

    refused = throttle.begin(work_number="1001", client="10.0.0.5")
    assert refused is not None and refused.scope is LockScope.WORK_NUMBER and refused.retry_after_seconds == 1
    assert throttle.begin(work_number="1002", client="10.0.0.5") is None  # a colleague is not affected
    throttle.released(work_number="1002", client="10.0.0.5")

    for _ in range(3):
        throttle.failed(work_number="1001", client="10.0.0.5")
    locked = throttle.begin(work_number="1001", client="10.0.0.5")
    assert locked is not None and locked.retry_after_seconds > 60  # the real lockout now


def test_given_many_threads_guessing_at_once_then_at_most_max_failures_passwords_are_checked() -> None:
    throttle = LoginThrottle(max_failures=5, max_client_failures=1000)
    checked: list[int] = []
    gate = threading.Barrier(40)
    lock = threading.Lock()

    def guess(i: int) -> None:
        gate.wait()
        if throttle.begin(work_number="1001", client=f"10.0.0.{i}") is None:
            with lock:
                checked.append(i)
            throttle.failed(work_number="1001", client=f"10.0.0.{i}")

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert len(checked) <= 5
    assert throttle.check(work_number="1001", client="10.0.0.99") is not None  # locked


def test_given_a_success_after_failures_when_signing_in_again_then_the_count_starts_over() -> None:
    throttle = LoginThrottle(max_failures=2)
    assert throttle.begin(work_number="1001", client="c") is None
    throttle.failed(work_number="1001", client="c")
    assert throttle.begin(work_number="1001", client="c") is None
    throttle.succeeded(work_number="1001", client="c")
    assert throttle.begin(work_number="1001", client="c") is None
    throttle.failed(work_number="1001", client="c")
    assert throttle.check(work_number="1001", client="c") is None  # one failure since the success
