"""The support bundle: the doctor's findings and the logs, without personal data."""

from __future__ import annotations

import getpass
import json
import platform
import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import asdict
from pathlib import Path

from eduteach_desktop import __version__
from eduteach_desktop.core.clock import Clock, iso_utc
from eduteach_desktop.core.errors import StoreError
from eduteach_desktop.store.datadir import (
    DataDir,
)
from eduteach_desktop.store.db import Database
from eduteach_protocol import durable

from .report import (
    Check,
)


class Redactor:
    """Removes personal data and secrets from text that leaves the PC."""

    REGISTRY = re.compile(r"(?<![0-9A-Za-z])[A-Za-z]?\d{17}[\dXx](?![0-9A-Za-z])")  # 学籍号 / ID numbers
    CODE = re.compile(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}\b")  # one-time enrollment codes
    AUTH_HEADER = re.compile(r"(?i)\b(authorization\s*[:=]\s*)(\w+\s+)?\S+")
    AUTH = re.compile(r"(?i)\b(basic|bearer|secret|password|passwd|token)(\s*[:=]\s*|\s+)(\S+)")
    USERINFO = re.compile(r"(?i)\b(https?://)[^/\s:@]+:[^/\s@]+@")
    PEM = re.compile(r"-----BEGIN [A-Z ]+-----.*?-----END [A-Z ]+-----", re.S)

    def __init__(self, literals: Iterable[tuple[str, str]]):
        # Longest first, so a full name goes before a part of it.
        self.literals = sorted({(s, label) for s, label in literals if s and len(s) >= 2},
                               key=lambda p: -len(p[0]))

    def __call__(self, text: str) -> str:
        text = self.PEM.sub("[key removed]", text)
        for secret, label in self.literals:
            text = text.replace(secret, label)
        text = self.USERINFO.sub(r"\1[user]@", text)
        text = self.AUTH_HEADER.sub(lambda m: f"{m.group(1)}[removed]", text)
        text = self.AUTH.sub(lambda m: f"{m.group(1)}{m.group(2)}[removed]", text)
        text = self.REGISTRY.sub("[registry-no]", text)
        return self.CODE.sub("[code]", text)


def make_redactor(dd: DataDir) -> Redactor:
    literals: list[tuple[str, str]] = []
    home = str(Path.home())
    if len(home) > 3:
        literals += [(home, "~"), (home.replace("\\", "/"), "~")]
    for name, label in ((_safe(getpass.getuser), "[user]"), (platform.node(), "[host]")):
        if name and len(name) >= 3 and name.lower() not in ("root", "user", "admin", "localhost"):
            literals.append((name, label))
    if dd.device_key.exists():
        try:
            for line in dd.device_key.read_text(encoding="ascii", errors="ignore").splitlines():
                if line and not line.startswith("-----"):
                    literals.append((line.strip(), "[key removed]"))
        except OSError:
            pass
    if dd.db_path.exists():
        try:
            db: Database | None = Database.open_readonly(dd.db_path)
        except StoreError:
            db = None
        if db is not None:
            queries = (
                ("SELECT key, value FROM settings", lambda k, v: [(str(json.loads(v)), "[removed]")]
                 if any(w in k.lower() for w in ("secret", "password", "token", "key")) else []),
                ("SELECT name, registry_no FROM pupils",
                 lambda name, reg: [(name or "", "[pupil]"), (reg or "", "[registry-no]")]),
            )
            for sql, found in queries:
                try:  # each on its own: a damaged or older database still gives what it can
                    for row in db.query(sql):
                        literals += found(*row)
                except (StoreError, ValueError):
                    pass
            db.close()
    return Redactor(literals)


def _safe(fn: Callable[[], str]) -> str:
    try:
        return fn()
    except Exception:
        return ""


def write_bundle(target: Path, root: Path, checks: list[Check], text: str, clock: Clock) -> None:
    """A zip of the doctor's findings, status and logs. Never the database, the device key,
    rosters or settings values; every text passes the redactor."""
    dd = DataDir(root)
    redact = make_redactor(dd)
    status = {c.area: c.data for c in checks}
    for value in status.values():  # no credential-like fields
        value.pop("device_secret", None)
    readme = (
        "EduTeach support bundle\n"
        f"made {iso_utc(clock.now())} by `eduteach doctor --bundle` (EduTeach {__version__})\n\n"
        "doctor.txt   what the doctor printed\n"
        "doctor.json  the same checks, for programs\n"
        "status.json  counts and versions (no names)\n"
        "logs/        the app's logs\n\n"
        "Not inside, on purpose: the database, lesson files, rosters, pupil names and registry\n"
        "numbers (replaced by [pupil] / [registry-no]), the device key and the hub password,\n"
        "enrollment codes, the user's name and home folder (replaced by [user] / ~).\n"
    )
    with durable.atomic_writer(target) as out, \
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("README.txt", readme)
        zf.writestr("doctor.txt", redact(text))
        zf.writestr("doctor.json", redact(json.dumps([asdict(c) for c in checks], ensure_ascii=False,
                                                     indent=2, default=str)))
        zf.writestr("status.json", redact(json.dumps(status, ensure_ascii=False, indent=2, default=str)))
        if dd.logs.is_dir():
            for log in sorted(dd.logs.glob("*.log*")):
                try:
                    body = log.read_text(encoding="utf-8", errors="replace")
                except OSError:
                    continue
                zf.writestr(f"logs/{log.name}", redact(body[-2_000_000:]))  # the newest 2 MB


def _bundle_path(value: str, clock: Clock) -> Path:
    name = f"eduteach-support-{clock.now().astimezone():%Y%m%d-%H%M%S}.zip"
    if value:
        path = Path(value).expanduser()
        return path / name if path.is_dir() else path
    try:  # the real Desktop (OneDrive may have moved it; Chinese Windows shows it as 桌面)
        import platformdirs

        desktop = Path(platformdirs.user_desktop_dir())
    except Exception:
        desktop = Path.home() / "Desktop"
    return (desktop if desktop.is_dir() else Path.home()) / name


