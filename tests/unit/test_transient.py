"""The one network-failure classifier: which failures are retried, and the words they get."""

from __future__ import annotations

import errno
import socket
import struct
import threading
from collections.abc import Iterator

import pytest
import requests

from eduteach_desktop.sync.transient import (
    is_transient,
    is_transient_status,
    plain_reason,
    unreachable_message,
)
from tests.helpers.refusing import closed_port


@pytest.mark.parametrize("status", [408, 425, 429, 500, 502, 503, 504, 599])
def test_statuses_worth_asking_again(status):
    assert is_transient_status(status)


@pytest.mark.parametrize("status", [200, 301, 400, 401, 403, 404, 409, 410, 413, 415, 422])
def test_statuses_asking_again_cannot_change(status):
    assert not is_transient_status(status)


@pytest.fixture
def resetting_server() -> Iterator[int]:
    """Accepts, reads the request, and resets the connection (SO_LINGER 0): the
    `('Connection aborted.', ConnectionResetError(104, …))` a teacher must never read."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen()

    def serve_one() -> None:  # requests does not retry a GET by default: one connection
        conn, _ = srv.accept()
        conn.recv(65536)
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        conn.close()

    thread = threading.Thread(target=serve_one, daemon=True)
    thread.start()
    yield int(srv.getsockname()[1])
    thread.join(5)
    srv.close()


@pytest.fixture
def silent_server() -> Iterator[int]:
    """Accepts and never answers."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen()
    yield int(srv.getsockname()[1])
    srv.close()


def _failure(url: str, timeout: float = 5) -> requests.RequestException:
    with pytest.raises(requests.RequestException) as info:
        requests.get(url, timeout=timeout)
    return info.value


def test_refused_connection_is_transient_and_worded_plainly():
    url = f"http://127.0.0.1:{closed_port()}/"
    exc = _failure(url)
    assert is_transient(exc)
    message = unreachable_message("the county server", url, exc)
    assert message.startswith(f"cannot reach the county server at {url}: nothing answers there")
    assert message.endswith("check the network and try again")
    assert "HTTPConnectionPool" not in message and "Errno" not in message and "\n" not in message


def test_reset_connection_is_transient_and_worded_plainly(resetting_server):
    exc = _failure(f"http://127.0.0.1:{resetting_server}/")
    assert "Connection aborted" in str(exc) or "reset" in str(exc).lower()  # what requests says
    assert is_transient(exc)
    assert plain_reason(exc) == "the connection was cut"


def test_silent_server_is_transient(silent_server):
    exc = _failure(f"http://127.0.0.1:{silent_server}/", timeout=0.5)
    assert is_transient(exc)
    assert plain_reason(exc) == "no answer in time"


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/", "http://", "127.0.0.1:8080/no-scheme"])
def test_a_bad_address_is_permanent(url):
    exc = _failure(url)
    assert not is_transient(exc)
    assert plain_reason(exc) == "the address is not a valid http(s) address"
    assert unreachable_message("the county server", url, exc).endswith("check the address")


def test_socket_errors_outside_requests():
    assert is_transient(ConnectionResetError(errno.ECONNRESET, "reset"))
    assert is_transient(TimeoutError())
    # Our own disk failing while a body streams in is not a network failure to retry.
    assert not is_transient(OSError(errno.ENOSPC, "No space left on device"))
    assert not is_transient(OSError(errno.EROFS, "Read-only file system"))


def test_unknown_failures_are_not_retried():
    assert not is_transient(ValueError("a bug"))
    assert not is_transient(requests.exceptions.TooManyRedirects())
    assert not is_transient(requests.exceptions.SSLError())
