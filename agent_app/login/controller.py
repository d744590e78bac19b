"""Sign-in and sign-out for the call-taker: the shared sign-in (:mod:`shared.ui.login`) plus the SIP
account fetched in the same background job, and offline sign-in.

Offline sign-in: every online sign-in keeps a verifier of the password and the SIP credentials on this
PC (:class:`~agent_app.offline.sign_in_cache.OfflineSignInCache`). When the server cannot be reached,
the form offers "Work offline": the same work number and password are checked against the verifier,
and the seat starts with the kept SIP account, so it can take calls as long as the SIP registrar is
reachable. The password stays in memory (never on disk) for that session only, so the app can sign in
online in the background once the server answers again (:meth:`resume_online`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal

from agent_app.context import AppContext
from agent_app.offline.sign_in_cache import OfflineSeat, OfflineSignInCache, OfflineSignInError
from shared.client.errors import ApiClientError, ClientErrorId
from shared.client.models import LoginResponse, SipCredentials
from shared.ui import login

from .widgets import LoginWidget

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class OnlineSignIn:
    """What the sign-in job returns: the session and the seat's SIP account (or why there is none)."""

    session: LoginResponse
    sip: SipCredentials | None
    sip_error: str | None


class LoginController(login.LoginController):
    """Owns the login form. Threading contract: GUI thread; network and disk work run on the bridge.

    ``offline_session`` is true between an offline sign-in and the background online sign-in
    (``went_online``) or its refusal (``resume_refused``, with words for the call-taker).
    """

    went_online = Signal(object)  # LoginResponse
    resume_refused = Signal(str)

    def __init__(self, ctx: AppContext, widget: LoginWidget, cache: OfflineSignInCache | None = None) -> None:
        super().__init__(
            api=ctx.api,
            bridge=ctx.bridge,
            settings=ctx.settings,
            widget=widget,
            server_url=ctx.settings.server_url,
        )
        self._ctx = ctx
        self.widget: LoginWidget = widget
        self.cache = cache
        self.sip: SipCredentials | None = None
        self.sip_error: str | None = None
        self.offline_session = False
        self._offline_password: str | None = None
        self._resuming = False
        widget.work_offline_requested.connect(self.work_offline)

    # ---- online ---------------------------------------------------------------------------------

    def login_job(self, work_number: str, password: str) -> Callable[[], OnlineSignIn]:
        api, cache = self._ctx.api, self.cache

        def job() -> OnlineSignIn:
            session = api.login(work_number, password)
            sip: SipCredentials | None = None
            sip_error: str | None = None
            try:
                sip = api.sip_credentials()
            except ApiClientError as exc:  # signed in, but no phone: the softphone pane says why
                sip_error = exc.message
            if sip is not None and cache is not None:
                try:
                    cache.remember(work_number, password, session.agent, sip)
                except OSError:
                    logger.exception("could not keep the offline sign-in for %s", work_number)
            return OnlineSignIn(session, sip, sip_error)

        return job

    def session_from(self, result: OnlineSignIn) -> LoginResponse:
        self.sip, self.sip_error = result.sip, result.sip_error
        self.offline_session = False
        self._offline_password = None
        return result.session

    def wrong_password(self, work_number: str) -> None:
        cache = self.cache
        if cache is not None:  # the password changed (or the account was reset): stop accepting the old one
            self._ctx.bridge.run(lambda: cache.forget(work_number))

    def unreachable(self, work_number: str, password: str, error: ApiClientError) -> None:
        cache = self.cache
        if cache is None:
            super().unreachable(work_number, password, error)
            return

        def offer(possible: bool) -> None:
            if possible:
                self.widget.offer_offline(
                    self.tr(
                        "Cannot reach the server. You can work offline: calls still ring, tickets wait on "
                        "this PC and are sent when the server is back."
                    )
                )
            else:
                self.widget.show_error(
                    self.tr(
                        "Cannot reach the server. Check the network cable or tell IT. (Working offline "
                        "needs one sign-in on this PC while the server is reachable, within the last days.)"
                    )
                )

        self._ctx.bridge.run(lambda: cache.available(work_number), success=offer)

    # ---- offline --------------------------------------------------------------------------------

    def work_offline(self, work_number: str, password: str) -> None:
        cache = self.cache
        if cache is None:
            return
        if not work_number or not password:
            self.widget.show_error(self.tr("Enter your work number and password."))
            return
        self.widget.set_busy(True)

        def verify() -> OfflineSeat | OfflineSignInError:
            try:
                return cache.verify(work_number, password)
            except OfflineSignInError as exc:
                return exc

        self._ctx.bridge.run(
            verify,
            success=lambda outcome: self._offline_outcome(password, outcome),
            failure=self._offline_failed,
        )

    def _offline_failed(self, error: ApiClientError) -> None:
        # a bug or an unreadable disk (the bridge logged it): the form must not stay busy
        self.widget.set_busy(False)
        self.widget.show_error(error.message)

    def _offline_outcome(self, password: str, outcome: OfflineSeat | OfflineSignInError) -> None:
        self.widget.set_busy(False)
        if isinstance(outcome, OfflineSignInError):
            logger.info("offline sign-in refused: %s", outcome)
            if outcome.reason == "wrong_password":
                self.widget.show_error(self.tr("Wrong work number or password."))
            elif outcome.reason == "expired":
                self.widget.withdraw_offline()
                self.widget.show_error(
                    self.tr(
                        "Working offline has expired on this PC: sign in once while the server is reachable."
                    )
                )
            else:
                self.widget.withdraw_offline()
                self.widget.show_error(
                    self.tr(
                        "This work number has not signed in on this PC while the server was reachable, "
                        "so it cannot work offline."
                    )
                )
            return
        self.sip, self.sip_error = outcome.sip, None
        self.offline_session = True
        self._offline_password = password
        self.widget.withdraw_offline()
        logger.info("%s works offline (allowed until %s)", outcome.agent.work_number, outcome.expires_at)
        self.signed_in_with(LoginResponse(token="", expires_at=outcome.expires_at, agent=outcome.agent))

    def resume_online(self) -> None:
        """The server answers again: sign in online in the background with the password of this session."""
        if not self.offline_session or self._resuming or self._offline_password is None or not self.session:
            return
        self._resuming = True
        work_number = self.session.agent.work_number
        self._ctx.bridge.run(
            self.login_job(work_number, self._offline_password),
            success=self._resumed,
            failure=lambda error: self._resume_failed(work_number, error),
        )

    def _resumed(self, result: OnlineSignIn) -> None:
        self._resuming = False
        if not self.offline_session:  # signed out meanwhile
            return
        self.offline_session = False
        self._offline_password = None
        self.session = result.session
        self.sip, self.sip_error = result.sip or self.sip, result.sip_error
        logger.info("%s signed in online again", result.session.agent.work_number)
        self.went_online.emit(result.session)

    def _resume_failed(self, work_number: str, error: ApiClientError) -> None:
        self._resuming = False
        if error.error_id is ClientErrorId.NOT_AUTHENTICATED and self.offline_session:
            self.wrong_password(work_number)
            self._offline_password = None
            self.resume_refused.emit(
                self.tr("The server no longer accepts your password; please sign in again.")
            )
            self.offline_session = False
        else:  # still unreachable (the offline banner probes again) or a passing server error
            logger.info("online sign-in after working offline failed: %s", error)

    def logout(self) -> None:
        self.offline_session = False
        self._offline_password = None
        self.sip = None
        super().logout()
