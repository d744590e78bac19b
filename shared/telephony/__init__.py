"""The softphone engine: the only place in the project that imports ``pjsua2``.

Typical use (owner thread = the GUI thread, pumped by :class:`~shared.telephony.qt_adapter.QtTelephony`,
or any loop calling ``engine.pump(10)``)::

    engine = SoftphoneEngine()
    engine.add_listener(on_event)            # typed events from shared.telephony.events
    engine.start(EngineConfig())
    acc = engine.add_account(AccountConfig("sip:1001@pbx", registrar_uri="sip:pbx", username="1001",
                                           password="…"))
    call = engine.dial("1002", account_id=acc, headers={"X-Hotline-Call": "42"})
    ...
    engine.shutdown()

See README.md beside this file for the whole API.
"""

from shared.telephony.config import AccountConfig, EngineConfig
from shared.telephony.engine import CallSnapshot, Headset, SoftphoneEngine
from shared.telephony.errors import TelephonyError, TelephonyErrorId
from shared.telephony.events import (
    CallCreated,
    CallEnded,
    CallMediaChanged,
    CallQuality,
    CallReplaced,
    CallStateChanged,
    DtmfReceived,
    IncomingCall,
    IncomingCallRejected,
    PlaybackFinished,
    RegistrationChanged,
    TelephonyEvent,
    TransferProgress,
    TransferRequested,
)
from shared.telephony.ids import LOCAL_ACCOUNT, AccountId, CallId, MediaId
from shared.telephony.states import CallDirectionKind, CallState, DtmfMethod, EndReason, RegistrationState

__all__ = [
    "LOCAL_ACCOUNT",
    "AccountConfig",
    "AccountId",
    "CallCreated",
    "CallDirectionKind",
    "CallEnded",
    "CallId",
    "CallMediaChanged",
    "CallQuality",
    "CallReplaced",
    "CallSnapshot",
    "CallState",
    "CallStateChanged",
    "DtmfMethod",
    "DtmfReceived",
    "EndReason",
    "EngineConfig",
    "Headset",
    "IncomingCall",
    "IncomingCallRejected",
    "MediaId",
    "PlaybackFinished",
    "RegistrationChanged",
    "RegistrationState",
    "SoftphoneEngine",
    "TelephonyError",
    "TelephonyErrorId",
    "TelephonyEvent",
    "TransferProgress",
    "TransferRequested",
]
