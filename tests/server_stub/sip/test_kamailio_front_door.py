"""Kamailio as the front door: generated config, registrar with digest auth (logins from the agents table,
changed without a restart), dispatcher list, and a clear message when Kamailio is missing."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from server_stub.db.engine import create_db_engine, make_session_factory
from server_stub.db.models import Agent
from server_stub.sip import kamailio as kamailio_module
from server_stub.sip.kamailio import KamailioError, KamailioNotInstalled, KamailioService
from server_stub.sip.users import RegistrarSync, load_sip_users
from shared.protocol.enums import Role
from shared.telephony.peer_client import PeerProcess
from tests.shared.telephony.sip_servers import free_udp_port


def _register(peer: PeerProcess, user: str, password: str, address: str) -> dict[str, object]:
    acc = peer.request(
        "add_account",
        config={
            "sip_uri": f"sip:{user}@{address}",
            "registrar_uri": f"sip:{address}",
            "username": user,
            "password": password,
        },
    )
    event = peer.wait_event(
        "RegistrationChanged", timeout=15, account_id=acc, where=lambda m: m["state"] != "registering"
    )
    peer.request("remove_account", account_id=acc)
    return event


@pytest.fixture()
def kamailio(tmp_path: Path) -> Iterator[KamailioService]:
    service = KamailioService(run_dir=tmp_path / "sip", port=free_udp_port(), users={"1001": "secret-1"})
    service.start()
    try:
        yield service
    finally:
        service.stop()


@pytest.fixture(scope="module")
def phone() -> Iterator[PeerProcess]:
    peer = PeerProcess("registrar-phone").start()
    try:
        yield peer
    finally:
        peer.stop()


def test_given_workers_when_rendering_config_then_dispatcher_and_users_are_in_it(tmp_path: Path) -> None:
    service = KamailioService(
        run_dir=tmp_path, port=5099, users={"1001": "pw"}, workers=[("127.0.0.1", 40001)]
    )
    config = service.render_config()
    assert "listen=udp:127.0.0.1:5099" in config
    assert '$sht(users=>1001) = "pw";' in config
    assert 'ds_select_dst("1", "4", "0")' in config
    assert 'alias="127.0.0.1"\n' not in config  # a port-less alias would swallow the workers' addresses


def test_given_an_invite_from_outside_when_routing_then_conference_link_headers_are_stripped(
    tmp_path: Path,
) -> None:
    # a worker treats an INVITE carrying X-Hotline-Room as a link of a conference chain (answered, no IVR)
    config = KamailioService(
        run_dir=tmp_path, port=5099, users={}, workers=[("127.0.0.1", 40001)]
    ).render_config()
    from_workers = config.index('if (ds_is_from_list("1"))')
    to_workers = config.index("route(TO_WORKERS);", from_workers)
    for header in ("X-Hotline-Room", "X-Hotline-Room-From", "X-Hotline-Room-Key"):
        stripped = config.index(f'remove_hf("{header}");', from_workers)
        assert stripped < to_workers


def test_given_a_password_with_a_quote_when_rendering_then_a_clear_error(tmp_path: Path) -> None:
    service = KamailioService(run_dir=tmp_path, users={"1001": 'bad"pw'})
    with pytest.raises(KamailioError, match="may not contain quotes"):
        service.render_config()


def test_given_no_kamailio_when_starting_then_the_message_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(kamailio_module, "KAMAILIO_MODULES", tmp_path / "missing")
    with pytest.raises(KamailioNotInstalled, match="apt-get install kamailio"):
        KamailioService(run_dir=tmp_path / "sip").start()


@pytest.mark.sip
def test_given_the_sip_port_taken_when_starting_then_the_message_names_the_port(tmp_path: Path) -> None:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as busy:
        busy.bind(("127.0.0.1", 0))
        port = busy.getsockname()[1]
        service = KamailioService(run_dir=tmp_path / "sip", port=port)
        with pytest.raises(KamailioError, match=f"udp:127.0.0.1:{port} is already in use"):
            service.start(timeout=20)
    assert not service.running


@pytest.mark.sip
def test_given_right_password_when_registering_then_ok_and_wrong_password_refused(
    kamailio: KamailioService, phone: PeerProcess
) -> None:
    assert _register(phone, "1001", "secret-1", kamailio.address)["state"] == "registered"
    refused = _register(phone, "1001", "wrong", kamailio.address)
    assert refused["state"] == "failed" and refused["sip_code"] in (401, 403)
    unknown = _register(phone, "9999", "whatever", kamailio.address)
    assert unknown["state"] == "failed"


@pytest.mark.sip
def test_given_a_changed_password_when_registering_then_new_works_and_old_is_refused_without_restart(
    kamailio: KamailioService, phone: PeerProcess
) -> None:
    pid = kamailio.pid
    kamailio.set_user("1001", "secret-2")
    assert _register(phone, "1001", "secret-2", kamailio.address)["state"] == "registered"
    assert _register(phone, "1001", "secret-1", kamailio.address)["state"] == "failed"
    kamailio.set_user("1001", None)
    assert _register(phone, "1001", "secret-2", kamailio.address)["state"] == "failed"
    assert kamailio.pid == pid and kamailio.running


@pytest.mark.sip
def test_given_workers_when_published_then_dispatcher_lists_them(kamailio: KamailioService) -> None:
    kamailio.set_workers([("127.0.0.1", 40001), ("127.0.0.1", 40002)])
    listed = kamailio.kamcmd("dispatcher.list")
    assert "sip:127.0.0.1:40001" in listed and "sip:127.0.0.1:40002" in listed
    kamailio.set_workers([("127.0.0.1", 40002)])
    assert "sip:127.0.0.1:40001" not in kamailio.kamcmd("dispatcher.list")


@pytest.mark.sip
def test_given_an_admin_changes_a_sip_password_in_the_database_when_synced_then_the_registrar_follows(
    kamailio: KamailioService, phone: PeerProcess, sqlite_template: Path, tmp_path: Path
) -> None:
    db_file = tmp_path / "hotline.sqlite"
    shutil.copy(sqlite_template, db_file)
    engine = create_db_engine(f"sqlite:///{db_file}")
    factory = make_session_factory(engine)
    with factory() as session:
        session.add(
            Agent(work_number="1001", name="张敏", password_hash="x", role=Role.AGENT, sip_password="db-1")
        )
        session.add(
            Agent(work_number="1002", name="李强", password_hash="x", role=Role.AGENT, sip_password=None)
        )
        session.commit()
        assert load_sip_users(session) == {"1001": "db-1"}
    sync = RegistrarSync(kamailio, factory, interval_s=60)
    sync.sync_now()
    assert _register(phone, "1001", "db-1", kamailio.address)["state"] == "registered"
    with factory() as session:
        agent = _agent(session, "1001")
        agent.sip_password = "db-2"
        session.commit()
    assert sync.sync_now() == 1
    assert _register(phone, "1001", "db-2", kamailio.address)["state"] == "registered"
    assert _register(phone, "1001", "db-1", kamailio.address)["state"] == "failed"
    engine.dispose()


def _agent(session: Session, work_number: str) -> Agent:
    from sqlalchemy import select

    agent = session.scalar(select(Agent).where(Agent.work_number == work_number))
    assert agent is not None
    return agent
