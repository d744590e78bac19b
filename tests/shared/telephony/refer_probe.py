"""Run by ``test_telephony_refer_limits`` in a process of its own (one pjsua2 Endpoint per process): one
endpoint calls itself, the transferor REFERs the transferee to a plain UDP socket, and the transferee's
``onCallTransferRequest`` answers 202 without giving pjsua a new call. Prints one JSON line: did the
target receive an INVITE, and which transfer statuses did the transferor see."""

from __future__ import annotations

import gc
import json
import socket
import sys
import time
from typing import Any

import pjsua2 as pj


def main(refer_sub_false: bool) -> dict[str, Any]:
    target = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    target.bind(("127.0.0.1", 0))
    target.setblocking(False)
    ep = pj.Endpoint()
    ep.libCreate()
    cfg = pj.EpConfig()
    cfg.uaConfig.threadCnt = 0
    cfg.uaConfig.mainThreadOnly = True
    cfg.logConfig.level = 0
    cfg.logConfig.consoleLevel = 0
    ep.libInit(cfg)
    tcfg = pj.TransportConfig()
    tcfg.boundAddress = "127.0.0.1"
    tid = ep.transportCreate(pj.PJSIP_TRANSPORT_UDP, tcfg)
    ep.libStart()
    ep.audDevManager().setNullDev()
    port = ep.transportGetInfo(tid).localName.rpartition(":")[2]
    result: dict[str, Any] = {"statuses": [], "connected": 0, "target_got": ""}
    calls: list[pj.Call] = []

    class Call(pj.Call):
        def onCallState(self, prm: pj.OnCallStateParam) -> None:
            ci = self.getInfo()
            if ci.state == pj.PJSIP_INV_STATE_CONFIRMED:
                result["connected"] += 1

        def onCallTransferRequest(self, prm: pj.OnCallTransferRequestParam) -> None:
            prm.statusCode = 202  # accept, and give pjsua no new call: does it still dial?

        def onCallTransferStatus(self, prm: pj.OnCallTransferStatusParam) -> None:
            result["statuses"].append([int(prm.statusCode), bool(prm.finalNotify)])

    class Account(pj.Account):
        def onIncomingCall(self, prm: pj.OnIncomingCallParam) -> None:
            call = Call(self, prm.callId)
            calls.append(call)
            op = pj.CallOpParam()
            op.statusCode = 200
            call.answer(op)

    def pump_until(done: Any, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not done() and time.monotonic() < deadline:
            ep.libHandleEvents(10)

    acc = Account()
    acc_cfg = pj.AccountConfig()
    acc_cfg.idUri = f"sip:probe@127.0.0.1:{port}"
    acc.create(acc_cfg)
    transferor = Call(acc)
    calls.append(transferor)
    transferor.makeCall(f"sip:transferee@127.0.0.1:{port}", pj.CallOpParam(True))
    pump_until(lambda: result["connected"] >= 2, 10)
    xfer = pj.CallOpParam(True)
    if refer_sub_false:
        header = pj.SipHeader()
        header.hName, header.hValue = "Refer-Sub", "false"
        xfer.txOption.headers.append(header)
    transferor.xfer(f"sip:queue-12345@127.0.0.1:{target.getsockname()[1]}", xfer)

    def target_got() -> bool:
        try:
            result["target_got"] = target.recv(65536).split(b"\r\n", 1)[0].decode()
        except BlockingIOError:
            return False
        return True

    pump_until(lambda: target_got() and result["statuses"], 10)
    ep.hangupAllCalls()
    pump_until(lambda: False, 0.3)
    del transferor
    calls.clear()
    gc.collect()
    ep.libDestroy()
    target.close()
    return result


if __name__ == "__main__":
    sys.stdout.write(json.dumps(main(refer_sub_false="--refer-sub-false" in sys.argv)) + "\n")
