"""Run the real hub for integration tests: `python -m eduteach_hub` as a subprocess.

    with running_hub(home) as url:
        requests.get(url + "/xapi/about")

The server listens on 127.0.0.1 port 0; its one stdout line gives the URL. Its log goes to
HOME/serve-test.log and is shown in the error if it fails to start.
"""

from __future__ import annotations

import contextlib
import os
import queue
import re
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import requests

LISTENING_RE = re.compile(r"^EduTeach hub listening on (http://\S+)$")
START_TIMEOUT = 30.0


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("EDUTEACH_HUB_HOME", None)
    env["PYTHONUNBUFFERED"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"  # read as UTF-8 below, whatever the locale
    return env


def run_cli(
    *args: str, home: Path | None = None, timeout: float = 60, input_text: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m eduteach_hub ARGS [--home HOME]` and return its result (never raises)."""
    cmd = [sys.executable, "-m", "eduteach_hub", *args]
    if home is not None:
        cmd += ["--home", str(home)]
    return subprocess.run(
        cmd,
        capture_output=True,
        text=True, encoding="utf-8",
        timeout=timeout,
        env=_env(),
        check=False,
        input=input_text if input_text is not None else "",
    )


@contextlib.contextmanager
def running_hub(
    home: Path, extra_args: Sequence[str] = (), timeout: float = START_TIMEOUT
) -> Iterator[str]:
    """Start `eduteach_hub serve` for HOME, yield its base URL, stop it (SIGTERM) at the end."""
    log_path = Path(home) / "serve-test.log"
    cmd = [
        sys.executable,
        "-m",
        "eduteach_hub",
        "serve",
        "--home",
        str(home),
        "--port",
        "0",
        *extra_args,
    ]
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=log, text=True, encoding="utf-8", env=_env())
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:  # keep draining stdout so the server can never block on it
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line.rstrip("\n"))
        lines.put(None)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    try:
        url = _wait_for_url(proc, lines, timeout, log_path)
        yield url
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        reader.join(timeout=5)


def _wait_for_url(
    proc: subprocess.Popen[str], lines: queue.Queue[str | None], timeout: float, log: Path
) -> str:
    import time

    deadline = time.monotonic() + timeout
    seen: list[str] = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise RuntimeError(
                f"hub did not start within {timeout:.0f} s; stdout {seen!r}; log:\n{_tail(log)}"
            )
        try:
            line = lines.get(timeout=min(remaining, 0.5))
        except queue.Empty:
            continue
        if line is None:
            proc.wait(timeout=5)
            raise RuntimeError(
                f"hub exited with {proc.returncode} before listening; log:\n{_tail(log)}"
            )
        seen.append(line)
        m = LISTENING_RE.match(line)
        if m:
            return m.group(1)


def _tail(path: Path, n: int = 40) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-n:])
    except OSError:
        return "(no log)"


# --- test data: a hub home, schools, enrolled devices, statements -----------------------

COUNTY = "420100"


def init_home(base: Path, county: str = COUNTY, db_url: str | None = None) -> Path:
    """A new hub home under base (in-process: key generation needs no subprocess).
    db_url: another database than the home's SQLite file (e.g. a test PostgreSQL)."""
    from eduteach_hub.config import HubHome

    return HubHome.init(base / "hub", county, db_url).path


def add_admin(home: Path, name: str = "admin", password: str = "correct horse battery") -> tuple[str, str]:
    """Create an admin account via the real CLI code path; returns (name, password)."""
    import io
    from contextlib import redirect_stdout
    from unittest import mock

    from eduteach_hub.cli import main

    with mock.patch("sys.stdin", io.StringIO(password + "\n")), redirect_stdout(io.StringIO()):
        assert main(["user", "add", name, "--role", "admin", "--password-stdin", "--home", str(home)]) == 0
    return name, password


def db_path_or_url(home: Path) -> str:
    from eduteach_hub.config import HubHome

    return HubHome(home).db_url


def cli(*args: str, home: Path | None = None) -> tuple[int, str]:
    """Run the CLI in this process (fast); returns (exit code, stdout)."""
    import io
    from contextlib import redirect_stdout

    from eduteach_hub.cli import main

    argv = [*args, *(["--home", str(home)] if home is not None else [])]
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(argv)
    return code, out.getvalue()


def add_school(home: Path, code: str, name: str = "测试教学点", *extra: str) -> str:
    """Add (or re-add) a school and return the fresh enrollment code (the last output line)."""
    rc, out = cli("school", "add", code, "--name", name, *extra, home=home)
    assert rc == 0, out
    return out.strip().splitlines()[-1]


def new_public_key() -> str:
    import base64

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    raw = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def enroll_body(code: str, name: str = "教室电脑") -> dict[str, str]:
    return {
        "code": code,
        "device_name": name,
        "public_key": new_public_key(),
        "app_version": "0.1.0",
    }


class EnrolledDevice:
    """Credentials from a real enrollment."""

    def __init__(self, url: str, answer: dict):
        self.url = url
        self.answer = answer
        self.id: str = answer["device_id"]
        self.secret: str = answer["secret"]
        self.school: str = answer["school"]["code"]
        self.auth = (self.id, self.secret)


def enroll(url: str, code: str) -> EnrolledDevice:
    import requests

    resp = requests.post(f"{url}/api/v1/enroll", json=enroll_body(code), timeout=10)
    assert resp.status_code == 200, resp.text
    return EnrolledDevice(url, resp.json())


XAPI_HEADERS = {"X-Experience-API-Version": "2.0.0"}


def playback(
    device_id: str,
    school_code: str,
    *,
    statement_id: str | None = None,
    lesson: str = "music-g1-xiaoxingxing",
    completed: bool = True,
    seconds: float = 50.3,
    seq: int = 1,
    county: str = COUNTY,
) -> dict:
    """A valid profile statement, built the way the app builds it."""
    from eduteach_protocol.records import PlaybackFacts, new_statement_id, playback_statement

    return playback_statement(
        PlaybackFacts(
            statement_id=statement_id or new_statement_id(),
            device_id=device_id,
            school_code=school_code,
            county_code=county,
            lesson_id=lesson,
            lesson_title="小星星",
            kind="audio",
            grade=1,
            subject="music",
            edition="人音版",
            started_at="2026-03-02T08:00:00+08:00",
            seconds_played=seconds,
            length=50.3,
            completed=completed,
            device_seq=seq,
            app_version="0.1.0",
        )
    )


def sql(home: Path, query: str, **params: object) -> tuple:
    """The first row of a query on the hub's database (SQLite or PostgreSQL)."""
    from sqlalchemy import text

    from eduteach_hub.db import Database

    db = Database.open(db_path_or_url(home))
    try:
        with db.read() as conn:
            row = conn.execute(text(query), params).first()
    finally:
        db.dispose()
    return tuple(row) if row is not None else ()


def enroll_with_key(url: str, code: str) -> tuple[EnrolledDevice, object]:
    """Enroll with a key pair made here; returns the device and its Ed25519 private key."""
    import base64

    import requests
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    key = Ed25519PrivateKey.generate()
    body = enroll_body(code)
    body["public_key"] = base64.b64encode(
        key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    ).decode()
    resp = requests.post(f"{url}/api/v1/enroll", json=body, timeout=10)
    assert resp.status_code == 200, resp.text
    return EnrolledDevice(url, resp.json()), key


def sql_exec(home: Path, query: str, **params: object) -> None:
    """Run one changing statement on the hub's database (SQLite or PostgreSQL)."""
    from sqlalchemy import text

    from eduteach_hub.db import Database

    db = Database.open(db_path_or_url(home))
    try:
        with db.write() as conn:
            conn.execute(text(query), params)
    finally:
        db.dispose()


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]


def admin_session(url: str) -> requests.Session:
    """A session logged in to the dashboard as add_admin()'s default account."""
    s = requests.Session()
    token = csrf_of(s.get(f"{url}/dashboard/login", timeout=10).text)
    resp = s.post(f"{url}/dashboard/login", timeout=10, allow_redirects=False,
                  data={"name": "admin", "password": "correct horse battery", "csrf": token})
    assert resp.status_code == 303
    return s
