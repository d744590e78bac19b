"""The phone when the SIP engine could not start: every action explains why instead of crashing."""

from __future__ import annotations

from collections.abc import Mapping

from .port import PhoneError, PhoneListener, RegistrationChanged, SipAccount


class NoPhone:
    """Threading contract: GUI thread."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        self._listener: PhoneListener = lambda _e: None

    def _refuse(self) -> None:
        raise PhoneError(self.reason)

    def set_listener(self, listener: PhoneListener) -> None:
        self._listener = listener

    def register(self, account: SipAccount) -> None:
        self._listener(RegistrationChanged(False, self.reason))

    def unregister(self) -> None:
        return None

    def dial(self, number: str, headers: Mapping[str, str] | None = None) -> str:
        raise PhoneError(self.reason)

    def answer(self, call_id: str) -> None:
        self._refuse()

    def reject(self, call_id: str) -> None:
        self._refuse()

    def hangup(self, call_id: str) -> None:
        self._refuse()

    def hold(self, call_id: str, on: bool) -> None:
        self._refuse()

    def mute(self, call_id: str, on: bool) -> None:
        self._refuse()

    def send_dtmf(self, call_id: str, digits: str) -> None:
        self._refuse()

    def blind_transfer(self, call_id: str, target: str) -> None:
        self._refuse()

    def consult_transfer(self, call_id: str, consult_call_id: str) -> None:
        self._refuse()

    def conference(self, call_a: str, call_b: str) -> None:
        self._refuse()

    def shutdown(self) -> None:
        return None
