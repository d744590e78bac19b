"""Start and stop the whole call path (Kamailio + media worker pool + registrar sync) for the server.

```python
handle = start_call_path(data_dir=settings.data_dir, sip_host="127.0.0.1", sip_port=5060, worker_count=4,
                         session_factory=session_factory, control=my_call_control)
handle.offer_to_agent(conversation_id, "1001", {"X-Hotline-Queue": "Q12345_GENERAL"})   # MediaControl
...
handle.stop()
```

Threading: :func:`start_call_path` and :meth:`CallPathHandle.stop` from the owner thread; the
:class:`~server_stub.media.control.MediaControl` methods from any thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path

from sqlalchemy.orm import Session

from shared.protocol.enums import SupervisionMode

from ..sip.kamailio import KamailioService
from ..sip.users import RegistrarSync, load_sip_users
from ..sip.watchdog import KamailioWatchdog
from . import control as mc
from .channel import CommandName, WorkerConfig
from .conference_room import DEFAULT_MAX_ROOM_SIZE, MIN_ROOM_SIZE
from .pool import WorkerPool
from .prompts import RESOURCES

logger = logging.getLogger(__name__)


class CallPathHandle:
    """The running call path; implements :class:`~server_stub.media.control.MediaControl`.

    ``max_room_size`` caps a conference room (caller and owning agent included); it is read at each
    ``conference_add``, so changing it applies to the next invitation."""

    def __init__(
        self,
        kamailio: KamailioService,
        pool: WorkerPool,
        registrar_sync: RegistrarSync | None,
        watchdog: KamailioWatchdog | None = None,
        max_room_size: int = DEFAULT_MAX_ROOM_SIZE,
    ) -> None:
        self.kamailio = kamailio
        self.pool = pool
        self._registrar_sync = registrar_sync
        self.watchdog = watchdog
        self.max_room_size = _check_room_size(max_room_size)

    @property
    def sip_address(self) -> str:
        """``host:port`` of the front door (agents register as ``sip:<work_number>@<sip_address>``)."""
        return self.kamailio.address

    def stop(self) -> None:
        if self.watchdog is not None:
            self.watchdog.stop()  # first: a Kamailio we stop must not be "restarted"
        if self._registrar_sync is not None:
            self._registrar_sync.stop()
        self.pool.stop()
        self.kamailio.stop()

    # ------------------------------------------------------------------ MediaControl

    def offer_to_agent(
        self, conversation_id: str, agent_work_number: str, headers: dict[str, str], timeout_s: float = 20.0
    ) -> None:
        self.pool.command(
            conversation_id,
            CommandName.OFFER,
            agent_work_number=agent_work_number,
            headers=dict(headers),
            timeout_s=timeout_s,
        )

    def cancel_offer(self, conversation_id: str) -> None:
        self.pool.command(conversation_id, CommandName.CANCEL_OFFER)

    def announce_position(self, conversation_id: str, position: int, estimated_wait_s: int | None) -> None:
        self.pool.command(
            conversation_id, CommandName.ANNOUNCE, position=position, estimated_wait_s=estimated_wait_s
        )

    def route_to_voicemail(self, conversation_id: str, prompt: str | None = None) -> None:
        self.pool.command(conversation_id, CommandName.VOICEMAIL, prompt=prompt)

    def play_and_hang_up(self, conversation_id: str, prompt: str) -> None:
        self.pool.command(conversation_id, CommandName.PLAY_AND_HANG_UP, prompt=prompt)

    def transfer(
        self,
        conversation_id: str,
        target: mc.TransferTarget,
        *,
        consult: bool = False,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        if consult and target.kind is mc.TransferTargetKind.QUEUE:
            raise mc.MediaCommandError(
                "a consult transfer needs a person to talk to: an agent or a number, not a queue",
                error_id="consult_to_queue",
            )
        if not target.value:
            raise mc.MediaCommandError("the transfer target is empty", error_id="bad_target")
        call_data = {k: v for k, v in (headers or {}).items() if v}
        bad = [k for k in call_data if not k.lower().startswith("x-hotline-")]
        if bad:
            raise mc.MediaCommandError(
                f"only X-Hotline-* headers travel with a transfer, not {', '.join(bad)}",
                error_id="bad_headers",
            )
        self.pool.command(
            conversation_id, CommandName.TRANSFER, target=target, consult=consult, headers=call_data
        )

    def complete_transfer(self, conversation_id: str) -> None:
        self.pool.command(conversation_id, CommandName.COMPLETE_TRANSFER)

    def cancel_transfer(self, conversation_id: str) -> None:
        self.pool.command(conversation_id, CommandName.CANCEL_TRANSFER)

    def supervise(self, conversation_id: str, supervisor_work_number: str, mode: SupervisionMode) -> None:
        self.pool.command(
            conversation_id,
            CommandName.SUPERVISE,
            supervisor_work_number=supervisor_work_number,
            mode=str(mode),
        )

    def end_supervision(self, conversation_id: str) -> None:
        self.pool.command(conversation_id, CommandName.END_SUPERVISION)

    def dial_outbound(
        self, agent_work_number: str, number: str, headers: dict[str, str] | None = None
    ) -> str:
        return self.pool.dial_outbound(agent_work_number, number, headers)

    def hang_up(self, conversation_id: str) -> None:
        self.pool.command(conversation_id, CommandName.HANG_UP)

    def conference_add(
        self,
        conversation_id: str,
        party_id: str,
        target: mc.TransferTarget,
        headers: Mapping[str, str] | None = None,
        timeout_s: float = 30.0,
    ) -> None:
        if not party_id:
            raise mc.MediaCommandError("a conference party needs a party id", error_id="bad_party")
        if target.kind not in (mc.TransferTargetKind.AGENT, mc.TransferTargetKind.NUMBER):
            raise mc.MediaCommandError(
                f"a conference party is an agent or a number, not a {target.kind}", error_id="bad_target"
            )
        if not target.value:
            raise mc.MediaCommandError("the conference party's target is empty", error_id="bad_target")
        if not timeout_s > 0:
            raise mc.MediaCommandError("the ring timeout must be positive", error_id="bad_timeout")
        bad = [k for k in (headers or {}) if not k or any(ch in k for ch in ": \r\n")]
        if bad:
            raise mc.MediaCommandError(f"not valid SIP header names: {bad}", error_id="bad_headers")
        self.pool.command(
            conversation_id,
            CommandName.CONFERENCE_ADD,
            party_id=party_id,
            target=target,
            headers={str(k): str(v) for k, v in (headers or {}).items()},
            timeout_s=float(timeout_s),
            max_room=self.max_room_size,
        )

    def conference_remove(self, conversation_id: str, party_id: str) -> None:
        if not party_id:
            raise mc.MediaCommandError("a conference party needs a party id", error_id="bad_party")
        self.pool.command(conversation_id, CommandName.CONFERENCE_REMOVE, party_id=party_id)


def _check_room_size(size: int) -> int:
    if size < MIN_ROOM_SIZE:
        raise ValueError(
            f"a conference room holds at least {MIN_ROOM_SIZE} members (caller, agent and one party), "
            f"not {size}"
        )
    return size


def start_call_path(
    *,
    data_dir: Path,
    control: mc.CallControl,
    sip_host: str = "127.0.0.1",
    sip_port: int = 5060,
    worker_count: int = 4,
    min_idle: int = 1,
    max_workers: int | None = None,
    session_factory: Callable[[], Session] | None = None,
    users: Mapping[str, str] | None = None,
    trunk: str = "",
    sip_domain: str = "",
    registrar_poll_s: float = 2.0,
    worker_log_level: str = "WARNING",
    record_legs: bool = False,
    max_room_size: int = DEFAULT_MAX_ROOM_SIZE,
) -> CallPathHandle:
    """Start Kamailio on ``sip_host:sip_port`` and ``worker_count`` media workers.

    Registrar logins come from ``session_factory`` (the agents table, polled every ``registrar_poll_s``)
    or, for tests, from ``users``. ``trunk`` is the ``host:port`` of the trunk gateway outbound and
    department legs are sent to; ``record_legs`` adds the caller's and the agents' side as separate WAVs
    beside the mix. ``max_room_size`` caps a conference room (caller and owning agent included; a room
    larger than one worker's four call slots is chained over further idle workers). Raises
    :class:`~server_stub.sip.kamailio.KamailioNotInstalled` /
    ``KamailioError`` with a message a person can act on.
    """
    if sip_host in ("0.0.0.0", "", "::"):
        raise ValueError(
            f"--sip-host must be one concrete address of this machine (SIP Contact, SDP and the dispatcher "
            f"use it), not {sip_host!r}; e.g. 127.0.0.1 or the server's LAN address"
        )
    _check_room_size(max_room_size)
    run_dir = data_dir / "sip"
    initial_users = dict(users or {})
    if session_factory is not None:
        with session_factory() as session:
            initial_users.update(load_sip_users(session))
    kamailio = KamailioService(
        run_dir=run_dir, host=sip_host, port=sip_port, domain=sip_domain, users=initial_users
    )
    kamailio.start()
    template = WorkerConfig(
        worker_id="",
        host=sip_host,
        registrar=kamailio.address,
        trunk=trunk,
        recordings_dir=data_dir / "recordings",
        voicemail_dir=data_dir / "voicemail",
        prompt_cache_dir=data_dir / "prompts",
        prompts_dir=RESOURCES,
        log_level=worker_log_level,
        record_legs=record_legs,
        max_room_size=max_room_size,
    )
    pool = WorkerPool(
        template=template,
        control=control,
        size=worker_count,
        min_idle=min_idle,
        max_size=max_workers,
        on_workers_changed=kamailio.set_workers,
    )
    sync: RegistrarSync | None = None
    watchdog = KamailioWatchdog(kamailio)
    try:
        pool.start()
        if session_factory is not None:
            sync = RegistrarSync(kamailio, session_factory, registrar_poll_s)
            sync.start()
        watchdog.start()
    except BaseException:
        watchdog.stop()
        if sync is not None:
            sync.stop()
        pool.stop()
        kamailio.stop()
        raise
    logger.info("call path up: SIP front door udp:%s, %d media workers", kamailio.address, worker_count)
    return CallPathHandle(kamailio, pool, sync, watchdog, max_room_size)
