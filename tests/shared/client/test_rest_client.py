"""The REST client against the real server: sign-in, state changes, errors a person can act on."""

from __future__ import annotations

import socket

import pytest

from shared.client import ApiClientError, ClientErrorId, HotlineClient
from shared.protocol.enums import AgentState

from .conftest import PASSWORD, LiveServer


def test_given_valid_work_number_when_login_then_token_kept_and_me_answers(live_server: LiveServer) -> None:
    live_server.add_agent("1001", name="王芳")
    client = HotlineClient(live_server.url)
    result = client.login("1001", PASSWORD)
    assert result.agent.name == "王芳"
    assert client.token == result.token
    assert client.me().work_number == "1001"


def test_given_wrong_password_when_login_then_clear_not_authenticated_error(live_server: LiveServer) -> None:
    live_server.add_agent("1002")
    client = HotlineClient(live_server.url)
    with pytest.raises(ApiClientError) as caught:
        client.login("1002", "wrong-password")
    assert caught.value.error_id is ClientErrorId.NOT_AUTHENTICATED
    assert caught.value.message  # the server's own sentence, shown to the person
    assert client.token is None


def test_given_signed_in_agent_when_going_ready_then_server_reports_ready(live_server: LiveServer) -> None:
    live_server.add_agent("1003")
    client = HotlineClient(live_server.url)
    client.login("1003", PASSWORD)
    status = client.set_state(AgentState.READY)
    assert status.state is AgentState.READY
    directory = client.directory()
    assert any(entry.work_number == "1003" and entry.state is AgentState.READY for entry in directory)


def test_given_signed_out_client_when_calling_then_not_authenticated(live_server: LiveServer) -> None:
    client = HotlineClient(live_server.url)
    with pytest.raises(ApiClientError) as caught:
        client.me()
    assert caught.value.error_id is ClientErrorId.NOT_AUTHENTICATED


def test_given_nothing_listening_when_calling_then_unreachable_and_retryable() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = HotlineClient(f"http://127.0.0.1:{port}", timeout_s=1.0)
    with pytest.raises(ApiClientError) as caught:
        client.login("1001", "x")
    assert caught.value.is_unreachable and caught.value.is_retryable
    assert "127.0.0.1" in caught.value.message
    assert client.health() is False


def test_given_address_without_scheme_when_building_client_then_clear_error() -> None:
    with pytest.raises(ApiClientError, match="http://"):
        HotlineClient("hotline.example:8080")
