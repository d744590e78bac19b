"""When the call centre's control thread is held up (a burst of events), a request waiting on it gets a
clear, retryable refusal — 503 ``call_center_busy`` — instead of an anonymous 500."""

from __future__ import annotations

import threading

import pytest

from server_stub.callcenter.router import _api_error
from server_stub.callcenter.runtime import CallCenterError

from .conftest import Centre


def test_given_a_held_up_control_thread_when_a_request_waits_then_busy_and_the_thread_goes_on(
    centre: Centre,
) -> None:
    release = threading.Event()
    centre.cc.call(lambda: None)  # the thread is up
    blocker = threading.Thread(target=lambda: centre.cc.call(lambda: release.wait(30), timeout=30))
    blocker.start()
    try:
        with pytest.raises(CallCenterError) as refused:
            centre.cc.call(lambda: "late", timeout=0.3)
        assert refused.value.error_id == "call_center_busy"
        error = _api_error(refused.value)
        assert error.status_code == 503 and error.error_id == "call_center_busy"
        assert "try again" in str(refused.value)
    finally:
        release.set()
        blocker.join(10)
    assert centre.cc.call(lambda: "answered") == "answered"  # nothing wedged
