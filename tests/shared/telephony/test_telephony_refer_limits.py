"""What this pjsua2 wheel does with a REFER the application accepts (202) without handing pjsua a new call:
it still dials the Refer-To target itself. That is why ``follow_transfers=False`` declines with 603 instead of
"accept and let the application transfer" — if a newer wheel stops dialling, these tests fail and the engine
can offer that option (see README, "Transfers an application wants to carry out itself")."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.sip

_PROBE = Path(__file__).with_name("refer_probe.py")


def _probe(*args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(_PROBE), *args], capture_output=True, text=True, timeout=60, check=True
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, f"the probe printed no result; stderr: {done.stderr[-2000:]}"
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def test_given_a_refer_accepted_with_202_and_no_new_call_then_pjsua_still_dials_the_target():
    result = _probe()
    assert result["connected"] == 2
    assert result["target_got"].startswith("INVITE sip:queue-12345@")


def test_given_refer_sub_false_and_a_202_then_the_transferor_sees_success_but_the_target_is_still_dialled():
    result = _probe("--refer-sub-false")
    assert [200, True] in result["statuses"]
    assert result["target_got"].startswith("INVITE sip:queue-12345@")
