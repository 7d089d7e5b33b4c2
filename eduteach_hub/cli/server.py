"""The web server's plumbing: binding the socket, worker processes, a clean exit on
SIGTERM, and the thread that keeps the signed timestamp fresh."""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from eduteach_hub.config import HubHome
from eduteach_hub.db.times import parse_iso, utc_now
from eduteach_protocol.cli_i18n import _

from .common import HOME_ENV, CliError

LISTENING_LINE = "EduTeach hub listening on {url}"
REFRESH_CHECK_SECONDS = 3600

log = logging.getLogger("eduteach_hub")


def refresh_timestamp_if_due(home: HubHome, now: datetime) -> int | None:
    """Re-sign timestamp.json when less than half its lifetime is left. Returns the new version."""
    with home.repo_lock():
        writer = home.writer()
        info = writer.describe()["timestamp"]
        assert isinstance(info, dict)
        expires = parse_iso(str(info["expires"]))
        if expires - now < timedelta(days=home.config.timestamp_days) / 2:
            return writer.refresh_timestamp()
    return None


class Refresher(threading.Thread):
    """Keeps the timestamp fresh while the hub runs for weeks without a publish."""

    def __init__(self, home: HubHome, clock: Callable[[], datetime], interval: float):
        super().__init__(name="timestamp-refresher", daemon=True)
        self.home, self.clock, self.interval = home, clock, interval
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(self.interval):
            try:
                version = refresh_timestamp_if_due(self.home, self.clock())
                if version is not None:
                    log.info("re-signed timestamp metadata (v%d)", version)
            except Exception:  # noqa: BLE001 - keep serving; try again next round
                log.exception("could not re-sign the timestamp metadata")


def bind(host: str, port: int) -> tuple[socket.socket, str]:
    """A listening socket and the URL it answers on (port 0 picks a free one)."""
    try:
        family, _type, _proto, _name, addr = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Accepted connections inherit this (Linux): a response's header and body writes go
        # out at once instead of waiting ~40 ms for the client's delayed ACK on keep-alive.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind(addr)
        sock.listen(2048)
    except OSError as exc:
        raise CliError(_("cannot listen on {host}:{port}: {reason}").format(
            host=host, port=port, reason=exc.strerror or exc)) from None
    bound_port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    return sock, f"http://{shown}:{bound_port}"


def _uvicorn_options(forwarded_allow_ips: str) -> dict[str, Any]:
    return {
        "log_config": None,  # our logging: everything to stderr, stdout stays for LISTENING_LINE
        "proxy_headers": True,
        "forwarded_allow_ips": forwarded_allow_ips,
        "timeout_graceful_shutdown": 10,
        "server_header": False,
    }


class _Stopped(Exception):
    """SIGTERM arrived (re-raised by uvicorn after its graceful shutdown)."""


def _raise_stopped(_signum: int, _frame: object) -> None:
    raise _Stopped


def serve_one(app: Any, home: HubHome, sock: socket.socket, url: str, forwarded_allow_ips: str) -> int:
    """Serve `app` in this process until SIGINT/SIGTERM; 0 after a clean stop."""
    import uvicorn

    class Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets=sockets)
            if self.started and not self.should_exit:
                # Tests and scripts read this line to learn the port.
                print(LISTENING_LINE.format(url=url), flush=True)

    server = Server(uvicorn.Config(app, **_uvicorn_options(forwarded_allow_ips)))
    refresher = Refresher(home, utc_now, REFRESH_CHECK_SECONDS)
    refresher.start()
    # uvicorn shuts down gracefully on SIGINT/SIGTERM, then re-raises the signal for the
    # previous handler: these handlers turn that into a normal exit (status 0).
    previous = signal.signal(signal.SIGTERM, _raise_stopped)
    try:
        server.run(sockets=[sock])
    except (KeyboardInterrupt, _Stopped):
        pass
    except SystemExit as exc:  # uvicorn exits this way when start-up fails
        raise CliError(_("the hub could not start (code {code}); see the log above").format(code=exc.code)) from None
    finally:
        signal.signal(signal.SIGTERM, previous)
        refresher.stop.set()
        sock.close()
    return 0 if server.started else 1


def serve_workers(home: HubHome, workers: int, sock: socket.socket, url: str, forwarded_allow_ips: str) -> int:
    """Several worker processes on one socket (uvicorn's supervisor); they share only the
    database and HOME. The timestamp refresher runs here, in the supervisor."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    os.environ[HOME_ENV] = str(home.path)
    config = uvicorn.Config(
        "eduteach_hub.api.asgi:app_from_env",
        factory=True,
        workers=workers,
        **_uvicorn_options(forwarded_allow_ips),
    )
    refresher = Refresher(home, utc_now, REFRESH_CHECK_SECONDS)
    refresher.start()
    print(LISTENING_LINE.format(url=url), flush=True)
    try:
        Multiprocess(config, sockets=[sock]).run()
    except KeyboardInterrupt:
        pass
    finally:
        refresher.stop.set()
        sock.close()
    return 0
