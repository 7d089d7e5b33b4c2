"""`eduteach doctor`: what a county technician needs to know about this PC, in one page,
and a support bundle without personal data that a teacher can send.

It reads the data dir without taking the writer lock and without migrating or writing
the database, so it works while the app is open and on a damaged data dir. Qt is probed
in a child process (`eduteach --qt-probe`): the CLI never imports Qt itself.

Exit code 0: nothing needs fixing (notes and warnings may be printed). 1: at least one
problem (FAIL) that needs a technician; each says what to do.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import io
import json
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eduteach_desktop import __version__
from eduteach_desktop.core.clock import Clock, SystemClock, iso_utc
from eduteach_desktop.store.datadir import (
    ENV_VAR,
    PORTABLE_MARKER,
    DataDir,
    folder_problem,
    resolve_data_dir,
    writable_problem,
)
from eduteach_desktop.store.db import sqlite_uri
from eduteach_protocol import durable

OK, NOTE, WARN, FAIL = "ok", "note", "warn", "fail"
MARKS = {OK: "[ OK ]", NOTE: "[note]", WARN: "[WARN]", FAIL: "[FAIL]"}
LOW_SPACE_WARN = 2 * 2**30
LOW_SPACE_FAIL = 300 * 2**20
SKEW_WARN_S = 120
SKEW_FAIL_S = 300  # the uploader flags records as "clock skewed" beyond this too
WAITING_TOO_LONG_DAYS = 30
PROBE_TIMEOUT_S = 90


@dataclass
class Check:
    area: str
    level: str
    title: str
    details: list[str] = field(default_factory=list)
    fix: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


# --- the command ----------------------------------------------------------------------------
def add_parser(sub: Any) -> None:
    p = sub.add_parser("doctor", help="check this PC and write a support bundle (for technicians)")
    p.add_argument("--bundle", nargs="?", const="", metavar="ZIP",
                   help="also write a support bundle (no personal data); default: on the Desktop")
    p.add_argument("--json", action="store_true", help="print the checks as JSON")
    p.add_argument("--full", action="store_true", help="re-hash every lesson file (slow)")
    p.add_argument("--no-probe", action="store_true", help="skip the Qt Multimedia probe")
    p.add_argument("--offline", action="store_true", help="do not contact the hub")
    p.add_argument("--pause", action="store_true", help="wait for Enter at the end (Start-menu shortcut)")


def cmd_doctor(_services: Any, args: argparse.Namespace) -> int:
    """cli/main.py calls this without Services: doctor opens the data dir itself."""
    return run(args)


def run(args: argparse.Namespace, clock: Clock | None = None,
        probe: Callable[[], dict[str, Any]] | None = None) -> int:
    clock = clock or SystemClock()
    root = resolve_data_dir(args.data_dir)
    checks = diagnose(root, args.data_dir, clock, full=args.full,
                      probe=None if args.no_probe else (probe or qt_probe),
                      offline=args.offline)
    text = render(checks, clock)
    code = 1 if any(c.level == FAIL for c in checks) else 0
    if args.json:
        print(json.dumps([asdict(c) for c in checks], ensure_ascii=False, indent=2))
    else:
        print(text)
    if args.bundle is not None:
        target = _bundle_path(args.bundle, clock)
        try:
            write_bundle(target, root, checks, text, clock)
            print(f"\nsupport bundle: {target}\n(no names, registry numbers, passwords or keys "
                  "inside; send it to the county technician)")
        except OSError as exc:
            print(f"eduteach doctor: cannot write the support bundle {target}: {exc}", file=sys.stderr)
            code = 1
    if getattr(args, "pause", False):
        with contextlib.suppress(EOFError):
            input("\nPress Enter to close this window / 按回车键关闭")
    return code


def render(checks: list[Check], clock: Clock) -> str:
    out = io.StringIO()
    out.write(f"EduTeach doctor, {clock.now().astimezone().strftime('%Y-%m-%d %H:%M')} "
              "(by this PC's clock)\n\n")
    for c in checks:
        out.write(f"{MARKS[c.level]} {c.area}: {c.title}\n")
        for line in c.details:
            out.write(f"       {line}\n")
        if c.fix:
            out.write(f"       Fix: {c.fix}\n")
    fails = sum(c.level == FAIL for c in checks)
    warns = sum(c.level == WARN for c in checks)
    out.write("\n")
    if fails:
        out.write(f"{fails} problem(s) to fix, {warns} warning(s). Follow the 'Fix:' lines above.\n")
    elif warns:
        out.write(f"No problems; {warns} warning(s) worth a look.\n")
    else:
        out.write("No problems found.\n")
    return out.getvalue()


# --- the checks -----------------------------------------------------------------------------
def diagnose(root: Path, explicit: str | None, clock: Clock, *, full: bool = False,
             probe: Callable[[], dict[str, Any]] | None = None, offline: bool = False) -> list[Check]:
    checks: list[Check] = []
    probe_result: dict[str, Any] | None = None
    if probe is not None:
        try:
            probe_result = probe()
        except Exception as exc:  # the probe itself failing is a finding, not a crash
            probe_result = {"error": f"{type(exc).__name__}: {exc}"}
    checks.append(check_versions(probe_result))
    dd = DataDir(root)
    checks.append(check_data_dir(dd, explicit))
    if not root.is_dir():
        if probe is not None:
            checks.append(check_media(probe_result))
        return checks
    db, db_check = open_database(dd)
    checks.append(db_check)
    settings: dict[str, Any] = read_settings(db) if db is not None else {}
    try:
        if db is not None:
            checks.append(check_lessons(db, dd, full))
        checks.append(check_trust(dd, settings, clock))
        checks.extend(check_hub(settings, clock, offline))
        if db is not None:
            checks.append(check_records(db, settings, clock))
        checks.append(check_app_update(dd))
    finally:
        if db is not None:
            db.close()
    if probe is not None:
        checks.append(check_media(probe_result))
    checks.append(check_logs(dd))
    return checks


def check_app_update(dd: DataDir) -> Check:
    """The app's own update (docs/updates.md): waiting, installed on trial, rolled back."""
    from eduteach_desktop.update.boot import describe
    from eduteach_desktop.update.identity import AppIdentity
    from eduteach_desktop.update.service import UPDATES_DIR
    from eduteach_desktop.update.state import StateFile

    identity = AppIdentity.detect()
    state = StateFile(dd.root / UPDATES_DIR).load()
    data = {"version": identity.version, "platform": identity.platform, "install": identity.install_kind,
            "state": state.state, "update_version": state.update_version, "last_error": state.last_error,
            "bad_versions": state.bad_versions}
    line = describe(state, identity.version)
    details = [f"running {identity.version} ({identity.platform}, {identity.install_kind})"]
    if state.bad_versions:
        details.append(f"never installed again here: {', '.join(state.bad_versions)}")
    if state.state == "rolled_back":
        return Check("app update", WARN, line, details, data=data,
                     fix="nothing to do on this PC: it runs the previous version; the county publishes a fixed one")
    if state.state == "failed":
        return Check("app update", WARN, line, details, data=data)
    return Check("app update", OK, line, details, data=data)


def check_versions(probe: dict[str, Any] | None) -> Check:
    from importlib import metadata

    frozen = bool(getattr(sys, "frozen", False))
    libs: dict[str, str | None] = {}
    for dist in ("PySide6-Essentials", "tuf", "cryptography", "requests"):
        try:
            libs[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            libs[dist] = None
    qt = (probe or {}).get("qt_version")
    data = {"app": __version__, "python": platform.python_version(), "qt": qt, "libraries": libs,
            "os": platform.platform(), "machine": platform.machine(), "frozen": frozen,
            "program": sys.executable}
    title = (f"EduTeach {__version__}, Python {platform.python_version()}, "
             f"Qt {qt or libs.get('PySide6-Essentials') or 'not found'}"
             f"{' (installed build)' if frozen else ' (from source)'}")
    details = [f"system: {platform.platform()} ({platform.machine()})",
               "libraries: " + ", ".join(f"{k} {v}" for k, v in libs.items() if v)]
    return Check("versions", OK, title, details, data=data)


def _data_dir_origin(explicit: str | None) -> str:
    if explicit:
        return "--data-dir"
    if os.environ.get(ENV_VAR):
        return f"${ENV_VAR}"
    exe_dir = Path(sys.executable).resolve().parent
    if getattr(sys, "frozen", False) and (exe_dir / PORTABLE_MARKER).exists():
        return f"portable mode ({PORTABLE_MARKER} beside the program)"
    if getattr(sys, "frozen", False) and (exe_dir / "data-dir.txt").exists():
        return "the installer's choice (data-dir.txt beside the program)"
    return "this user's usual data folder"


def check_data_dir(dd: DataDir, explicit: str | None) -> Check:
    root = dd.root
    origin = _data_dir_origin(explicit)
    data: dict[str, Any] = {"path": str(root), "origin": origin}
    if not root.is_dir():
        return Check("data folder", FAIL, f"{root} does not exist ({origin})",
                     fix="start EduTeach once (it creates the folder), or give the right "
                         "folder with --data-dir", data=data)
    usage = shutil.disk_usage(root)
    data.update(free_bytes=usage.free, total_bytes=usage.total)
    details = [f"chosen by: {origin}", f"free space: {_size(usage.free)} of {_size(usage.total)}"]
    if dd.device_key.exists():
        details.append("device key: present (never copied into support bundles)")
    running = _app_running(dd)
    data["app_running"] = running
    if running is not None:
        details.append("EduTeach is open now" if running else "EduTeach is not running")
    problem = folder_problem(root)
    if problem is not None and problem.code == "network_folder":
        return Check("data folder", FAIL, f"{root} is on a network drive", details,
                     fix="keep the data on this PC's own disk (a network folder damages the "
                         "database): move the folder, then start EduTeach with --data-dir", data=data)
    if problem is not None:
        return Check("data folder", FAIL, f"{root}: the path is too long for Windows", details,
                     fix="choose a folder with a shorter path, e.g. D:\\EduTeach", data=data)
    try:
        unwritable = writable_problem(root)
    except OSError:
        unwritable = None
    if not os.access(root, os.W_OK) or (unwritable is not None and unwritable.code == "read_only"):
        return Check("data folder", FAIL, f"{root} is read-only", details,
                     fix="give this Windows/Linux user write access to the folder; on a USB "
                         "stick, check its write-protect switch", data=data)
    if usage.free < LOW_SPACE_FAIL:
        return Check("data folder", FAIL, f"{root}: only {_size(usage.free)} free", details,
                     fix="free space on this drive (delete old files), or move the data "
                         "folder to a bigger drive", data=data)
    if usage.free < LOW_SPACE_WARN:
        return Check("data folder", WARN, f"{root}: {_size(usage.free)} free", details,
                     fix="new lessons may not fit; free some space on this drive", data=data)
    return Check("data folder", OK, f"{root}, {_size(usage.free)} free", details, data=data)


def _app_running(dd: DataDir) -> bool | None:
    """Is another process holding the writer lock? (None: cannot tell.)"""
    lock = dd.root / ".writer.lock"
    if not lock.exists():
        return False
    try:
        with open(lock, "a+b") as fh:
            if sys.platform == "win32":
                import msvcrt

                fh.seek(0)
                try:
                    msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
                except OSError:
                    return True
                fh.seek(0)
                msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
            else:
                import fcntl

                try:
                    fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    return True
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
        return False
    except OSError:
        return None


def open_database(dd: DataDir) -> tuple[sqlite3.Connection | None, Check]:
    """Open read-only (never creating, migrating or repairing) and run integrity_check."""
    from eduteach_desktop.store.migrations import LATEST, compatible_down_to_of

    path = dd.db_path
    data: dict[str, Any] = {"path": str(path)}
    if not path.exists():
        return None, Check("database", FAIL, f"{path.name} is missing",
                           fix="start EduTeach once to create it; if lessons were here "
                               "before, the folder may be the wrong one", data=data)
    data["size_bytes"] = path.stat().st_size
    damaged_fix = ("close EduTeach, copy the whole data folder somewhere safe (the county may "
                   "rescue records from it), then rename eduteach.sqlite3 to "
                   "eduteach.sqlite3.damaged and start EduTeach: it makes a new database; "
                   "then enroll again and `eduteach sync` (or sync --from the USB stick)")
    try:
        conn = sqlite3.connect(sqlite_uri(path), uri=True, timeout=5)
        conn.row_factory = sqlite3.Row
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check(20)").fetchall()]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        return None, Check("database", FAIL, f"{path.name} is damaged and cannot be read ({exc})",
                           fix=damaged_fix, data=dict(data, error=str(exc)))
    data.update(schema=version, app_schema=LATEST, integrity=rows[:20])
    if rows != ["ok"]:
        conn.close()
        return None, Check("database", FAIL, f"{path.name} is damaged (integrity check failed)",
                           [f"sqlite: {r}" for r in rows[:5]], fix=damaged_fix, data=data)
    if version > LATEST and (compatible_down_to_of(conn) or LATEST + 1) <= LATEST:
        return conn, Check("database", OK,
                           f"intact; written by a newer EduTeach (schema {version}) whose changes this version "
                           f"(schema {LATEST}) can ignore, as after an update was rolled back", data=data)
    if version > LATEST:
        return conn, Check("database", FAIL,
                           f"written by a newer EduTeach (schema {version}, this one knows {LATEST})",
                           fix="install the newer EduTeach again; an older one cannot use this data",
                           data=data)
    note = "" if version == LATEST else f"; it is upgraded from schema {version} at the next start"
    return conn, Check("database", OK, f"intact (integrity check ok, schema {LATEST}{note})",
                       [f"{path} ({_size(data['size_bytes'])})"], data=data)


SECRET_UNREADABLE = "_secret_unreadable"


def read_settings(conn: sqlite3.Connection) -> dict[str, Any]:
    """The settings, with sealed secrets opened (store/secrets.py); never written back."""
    from eduteach_desktop.core.errors import StoreError
    from eduteach_desktop.store.secrets import platform_box
    from eduteach_desktop.store.settings import SECRET_KEYS

    try:
        values = {r["key"]: json.loads(r["value"]) for r in conn.execute("SELECT key, value FROM settings")}
    except (sqlite3.Error, ValueError):
        return {}
    box = platform_box()
    for key in SECRET_KEYS & values.keys():
        if isinstance(values[key], str):
            try:
                values[key] = box.open_text(values[key])[0]
            except (StoreError, ValueError):
                values[key] = None
                values[SECRET_UNREADABLE] = True
    return values


def check_lessons(conn: sqlite3.Connection, dd: DataDir, full: bool) -> Check:
    from eduteach_desktop.store.blobs import hash_file

    try:
        active = conn.execute("SELECT version FROM catalogs WHERE state = 'active'").fetchone()
        pending = conn.execute("SELECT version FROM catalogs WHERE state = 'pending'").fetchone()
        blobs = conn.execute("SELECT sha256, size FROM blobs").fetchall()
        titles: dict[str, set[str]] = {}
        lesson_count = 0
        if active:
            lesson_count = conn.execute("SELECT COUNT(*) FROM lessons WHERE catalog_version = ?",
                                        (active[0],)).fetchone()[0]
            for row in conn.execute(
                "SELECT l.title, json_extract(f.value, '$.sha256') AS sha FROM lessons l,"
                " json_each(l.body, '$.files') f WHERE l.catalog_version = ?", (active[0],)):
                titles.setdefault(row["sha"], set()).add(row["title"])
    except sqlite3.Error as exc:
        return Check("lessons", FAIL, f"cannot read the lesson tables ({exc})",
                     fix="see the database line above")
    bad: list[str] = []
    total = 0
    for row in blobs:
        path = dd.blobs / row["sha256"][:2] / row["sha256"]
        try:
            ok = path.stat().st_size == row["size"]
            if ok and full:
                ok = hash_file(path) == row["sha256"]
        except OSError:
            ok = False
        if ok:
            total += row["size"]
        else:
            bad.append(row["sha256"])
    data = {"catalog_version": active[0] if active else None,
            "pending_catalog_version": pending[0] if pending else None,
            "lessons": lesson_count, "files": len(blobs), "bytes": total,
            "bad_files": bad, "checked": "hash" if full else "size"}
    if not active:
        return Check("lessons", WARN, "no lessons yet (no catalogue)", data=data,
                     fix="`eduteach sync` (enrolled PC) or `eduteach sync --from <USB folder>`")
    title = (f"catalogue v{active[0]}: {lesson_count} lessons, {len(blobs)} files "
             f"({_size(total)}, checked by {'hash' if full else 'size'})")
    details = [f"catalogue v{pending[0]} is still downloading"] if pending else []
    if bad:
        hurt = sorted({t for sha in bad for t in titles.get(sha, {"(a file of an older catalogue)"})})
        details.append(f"{len(bad)} file(s) missing or damaged, in: " + ", ".join(hurt[:8])
                       + (" …" if len(hurt) > 8 else ""))
        return Check("lessons", FAIL, title, details, data=data,
                     fix="run `eduteach verify --repair`, then `eduteach sync` (or sync --from "
                         "the USB stick) to fetch those files again")
    return Check("lessons", OK, title, details, data=data)


def check_trust(dd: DataDir, settings: dict[str, Any], clock: Clock) -> Check:
    from eduteach_desktop.store import settings as keys

    origin = settings.get(keys.TRUST_ORIGIN)
    root_file = dd.trust / "root.json"
    if not root_file.exists():
        if settings.get(keys.DEVICE_ID):
            return Check("trust root", FAIL, "missing, although this PC is enrolled",
                         fix="enroll again with a new code from the county (eduteach enroll URL CODE)")
        return Check("trust root", WARN, "none yet (not enrolled, no demo lessons)",
                     fix="`eduteach enroll URL CODE`, or start the app once for the demo lessons")
    try:
        signed = json.loads(root_file.read_text(encoding="utf-8"))["signed"]
        keyids = sorted(signed["roles"]["root"]["keyids"])
        version = int(signed["version"])
        expires = _parse_time(signed["expires"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return Check("trust root", FAIL, f"unreadable ({exc})",
                     fix="enroll again (eduteach enroll URL CODE) to get a fresh trust root")
    fingerprint = f"v{version}:" + ",".join(k[:12] for k in keyids)
    source = "the bundled demo repository" if origin == "demo" else (origin or "unknown origin")
    data = {"fingerprint": fingerprint, "version": version, "origin": origin,
            "expires": iso_utc(expires)}
    details = [f"from {source}", f"root expires {expires.date().isoformat()}"]
    now = clock.now()
    if expires < now:
        return Check("trust root", WARN, f"{fingerprint}, expired {expires.date()}", details, data=data,
                     fix="if the date on this PC is wrong, correct it; otherwise sync with the hub "
                         "(it rotates the root)")
    stamp = dd.trust / "timestamp.json"
    if stamp.exists():
        try:
            ts_expires = _parse_time(json.loads(stamp.read_text(encoding="utf-8"))["signed"]["expires"])
            data["timestamp_expires"] = iso_utc(ts_expires)
            if ts_expires < now:
                details.append(f"the last lesson list's signature expired {ts_expires:%Y-%m-%d %H:%M}Z: "
                               "the next sync renews it")
        except (OSError, ValueError, KeyError, TypeError):
            details.append("timestamp.json unreadable (the next sync replaces it)")
    return Check("trust root", OK, f"{fingerprint} ({'demo' if origin == 'demo' else 'hub'})",
                 details, data=data)


def check_hub(settings: dict[str, Any], clock: Clock, offline: bool) -> list[Check]:
    from eduteach_desktop.store import settings as keys

    hub = settings.get(keys.HUB_URL)
    checks: list[Check] = []
    last_seen = [t for t in (settings.get(keys.LAST_SYNC), settings.get(keys.LAST_UPLOAD)) if t]
    if not hub and settings.get(keys.ENROLLED_BY) == "file" and settings.get(keys.DEVICE_ID):
        from eduteach_desktop.sync.enroll_file import doctor_lines  # a never-online school

        title, details = doctor_lines(settings)
        checks.append(Check("hub", NOTE, title, details, fix=None))
        checks.extend(_clock_against_history(last_seen, clock))
        return checks
    if not hub or not settings.get(keys.DEVICE_ID):
        from eduteach_desktop.sync.enroll_file import LAST_PROBLEM

        problem = settings.get(LAST_PROBLEM)
        checks.append(Check("hub", NOTE, "not enrolled with a county hub (demo or USB lessons only)",
                            [f"last enrollment file refused: {problem}"] if problem else [], fix=None))
        checks.extend(_clock_against_history(last_seen, clock))
        return checks
    school = f"{settings.get(keys.SCHOOL_NAME) or '?'} ({settings.get(keys.SCHOOL_CODE) or '?'})"
    data: dict[str, Any] = {"url": hub, "school_code": settings.get(keys.SCHOOL_CODE),
                            "device_id": settings.get(keys.DEVICE_ID)}
    if settings.get(SECRET_UNREADABLE):
        checks.append(Check("hub", FAIL, "this Windows account cannot read the hub credential",
                            fix="start EduTeach under the Windows account that enrolled this PC, "
                                "or enroll again in Settings", data=data))
        return checks
    if offline:
        checks.append(Check("hub", NOTE, f"{hub} not contacted (--offline); school {school}", data=data))
        checks.extend(_clock_against_history(last_seen, clock))
        return checks
    import uuid

    from eduteach_desktop.core.errors import UploadError
    from eduteach_desktop.sync.hubclient import HubClient

    client = HubClient(hub, timeout=10)
    started_wall = clock.now()
    started = time.monotonic()
    try:
        result = client.get_statement(settings[keys.DEVICE_ID], settings.get(keys.DEVICE_SECRET) or "",
                                      str(uuid.uuid4()))
    except UploadError as exc:
        checks.append(Check("hub", WARN, f"cannot reach {hub}", [f"school {school}", _short(str(exc))],
                            fix="records wait safely on this PC; that is normal without internet. "
                                "If this PC should be online, check the network, or ask the county "
                                "whether the hub's address changed", data=data))
        checks.extend(_clock_against_history(last_seen, clock))
        return checks
    rtt = time.monotonic() - started
    data.update(http_status=result.status, rtt_ms=round(rtt * 1000))
    if result.status in (401, 403):
        checks.append(Check("hub", FAIL, f"{hub} refuses this PC's credentials (HTTP {result.status})",
                            [f"school {school}"], data=data,
                            fix="the county may have revoked this PC: get a new code and run "
                                "`eduteach enroll URL CODE`"))
    elif result.status >= 500:
        checks.append(Check("hub", WARN, f"{hub} answers with an error (HTTP {result.status})",
                            [f"school {school}"], data=data,
                            fix="tell the county technician; records wait on this PC meanwhile"))
    else:
        checks.append(Check("hub", OK, f"{hub} reachable in {rtt * 1000:.0f} ms, this PC is known",
                            [f"school {school}"], data=data))
    checks.append(_clock_against_hub(result.hub_date, started_wall, rtt, settings))
    return checks


def _clock_against_hub(hub_date: datetime | None, local_then: datetime, rtt: float,
                       settings: dict[str, Any]) -> Check:
    if hub_date is None:
        return Check("clock", NOTE, "the hub sent no Date header: cannot compare clocks")
    # The hub stamped its answer about half a round trip after we asked.
    local = local_then.timestamp() + rtt / 2
    skew = hub_date.timestamp() - local  # > 0: this PC is behind
    data = {"skew_seconds": round(skew, 1), "hub_time": iso_utc(hub_date),
            "pc_time": iso_utc(datetime.fromtimestamp(local, UTC))}
    how = f"{_duration(abs(skew))} {'behind' if skew > 0 else 'ahead of'} the hub"
    details = [f"PC {datetime.fromtimestamp(local).astimezone():%Y-%m-%d %H:%M:%S %z}, "
               f"hub {hub_date.astimezone():%Y-%m-%d %H:%M:%S %z}"]
    fix = ("set the correct date and time (Windows: Settings → Time & language; Linux: the "
           "clock's settings or `timedatectl`). If it is wrong again after the PC was off, the "
           "CMOS battery on the mainboard is flat: replace it (a CR2032 coin cell)")
    if abs(skew) > SKEW_FAIL_S:
        return Check("clock", FAIL, f"this PC's clock is {how}", details, fix=fix, data=data)
    if abs(skew) > SKEW_WARN_S:
        return Check("clock", WARN, f"this PC's clock is {how}", details, fix=fix, data=data)
    return Check("clock", OK, f"agrees with the hub (within {_duration(abs(skew))})", data=data)


def _clock_against_history(seen: Iterable[str], clock: Clock) -> list[Check]:
    """Offline: a PC clock earlier than its own last sync/upload has been reset."""
    times = [t for t in (_parse_time(s, None) for s in seen) if t is not None]
    if times and clock.now() < max(times):
        latest = max(times)
        return [Check("clock", FAIL, f"this PC's clock is earlier than its own last sync ({latest:%Y-%m-%d})",
                      [f"PC clock now: {clock.now().astimezone():%Y-%m-%d %H:%M}"],
                      fix="set the correct date and time; if it resets whenever the PC is off, "
                          "replace the CMOS battery (a CR2032 coin cell)")]
    return []


def check_records(conn: sqlite3.Connection, settings: dict[str, Any], clock: Clock) -> Check:
    from eduteach_desktop.store import settings as keys

    try:
        counts = {r["state"]: r["n"] for r in conn.execute(
            "SELECT state, COUNT(*) AS n FROM outbox GROUP BY state")}
        oldest = conn.execute(
            "SELECT MIN(created_at) FROM outbox WHERE state = 'pending'").fetchone()[0]
        skewed = conn.execute(
            "SELECT COUNT(*) FROM outbox WHERE state = 'pending' AND skewed = 1").fetchone()[0]
        quarantined = [(r["id"], r["error"] or "") for r in conn.execute(
            "SELECT id, error FROM outbox WHERE state = 'quarantined' ORDER BY seq LIMIT 20")]
    except sqlite3.Error as exc:
        return Check("records", FAIL, f"cannot read the outbox ({exc})", fix="see the database line")
    pending, acked, quar = counts.get("pending", 0), counts.get("acked", 0), counts.get("quarantined", 0)
    data = {"pending": pending, "sent": acked, "quarantined": quar, "oldest_pending": oldest,
            "skewed_pending": skewed, "quarantined_ids": [q[0] for q in quarantined],
            "last_upload": settings.get(keys.LAST_UPLOAD)}
    title = f"{pending} waiting, {acked} sent, {quar} refused by the hub"
    details = [f"last upload: {settings.get(keys.LAST_UPLOAD) or 'never'}"]
    if skewed:
        details.append(f"{skewed} waiting record(s) were made while the clock was wrong (flagged)")
    for rid, reason in quarantined[:5]:
        details.append(f"refused {rid}: {_short(reason)}")
    oldest_at = _parse_time(oldest, None) if oldest else None
    if quar:
        return Check("records", WARN, title, details, data=data,
                     fix="the county must look at the refused records (send this support bundle)")
    if pending and oldest_at and (clock.now() - oldest_at).days > WAITING_TOO_LONG_DAYS:
        days = (clock.now() - oldest_at).days
        return Check("records", WARN, title, details + [f"the oldest has waited {days} days"],
                     data=data,
                     fix="connect the PC to the internet once (the app uploads by itself), or "
                         "carry them: `eduteach records export E:\\` and import at the county")
    return Check("records", OK, title, details, data=data)


def qt_probe() -> dict[str, Any]:
    """Run `eduteach --qt-probe` in a child process (Qt never loads into the CLI)."""
    if getattr(sys, "frozen", False):
        cmd = [sys.executable, "--qt-probe"]
    else:
        cmd = [sys.executable, "-m", "eduteach_desktop", "--qt-probe"]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")  # read as UTF-8 below
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=PROBE_TIMEOUT_S, env=env,
                              encoding="utf-8", errors="replace")
    except (OSError, subprocess.TimeoutExpired) as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("EDUTEACH-SELFTEST "):
            try:
                return dict(json.loads(line.split(" ", 1)[1]))
            except ValueError:
                break
    tail = "\n".join((proc.stderr or "").strip().splitlines()[-6:])
    return {"error": f"exit code {proc.returncode}: {tail}"}


def check_media(probe: dict[str, Any] | None) -> Check:
    if probe is None:
        return Check("media", NOTE, "Qt Multimedia not probed (--no-probe)")
    if "error" in probe and "multimedia" not in probe:
        return Check("media", FAIL, "Qt does not start", [_short(str(probe["error"]), 400)],
                     fix="reinstall EduTeach; on Linux, install the system libraries the package "
                         "lists (sudo apt-get install -f)", data=probe)
    mm = probe.get("multimedia", {})
    data = {"qt": probe.get("qt_version"), "multimedia": mm,
            "translations": probe.get("translations"), "collation_zh": probe.get("collation_zh")}
    details = [f"backend: {', '.join(mm.get('backend_plugins') or ['none'])}"
               f" (QT_MEDIA_BACKEND={mm.get('backend_env')})",
               f"decodes: {', '.join(mm.get('decodes') or []) or 'nothing'}",
               f"sound outputs: {', '.join(mm.get('audio_outputs') or []) or 'none found'}"]
    if not mm.get("player_available"):
        return Check("media", FAIL, "lessons cannot play: Qt Multimedia has no working backend",
                     details + ([_short(mm["error"])] if mm.get("error") else []), data=data,
                     fix="reinstall EduTeach (its FFmpeg plugin did not load)")
    missing = [k for k, ok in (probe.get("translations") or {}).items() if not ok]
    if missing:
        return Check("media", WARN, "lessons can play, but translations are missing: " + ", ".join(missing),
                     details, data=data, fix="reinstall EduTeach")
    if not mm.get("audio_outputs"):
        return Check("media", WARN, "lessons can play, but no sound device was found", details,
                     data=data, fix="plug in the speakers or projector sound cable and check the "
                                    "system's sound settings; lessons play silently meanwhile")
    return Check("media", OK, f"Qt {probe.get('qt_version')} plays lessons (FFmpeg)", details, data=data)


def check_logs(dd: DataDir) -> Check:
    files = sorted(dd.logs.glob("*.log*")) if dd.logs.is_dir() else []
    if not files:
        return Check("logs", NOTE, "no log files yet")
    errors = 0
    last_error = ""
    for f in files:
        try:
            for line in f.read_text(encoding="utf-8", errors="replace").splitlines():
                if " ERROR " in line or " CRITICAL " in line:
                    errors += 1
                    last_error = line
        except OSError:
            continue
    size = sum(f.stat().st_size for f in files)
    details = [f"{len(files)} file(s), {_size(size)} in {dd.logs}"]
    level = NOTE
    if errors:
        details.append(f"{errors} error line(s); the last: {_short(last_error)}")
        level = WARN
    return Check("logs", level, f"{errors} error(s) logged", details,
                 data={"files": [f.name for f in files], "errors": errors},
                 fix="the support bundle carries the logs to the county" if errors else None)


# --- the support bundle ---------------------------------------------------------------------
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
            conn = sqlite3.connect(sqlite_uri(dd.db_path), uri=True, timeout=5)
        except sqlite3.Error:
            conn = None
        if conn is not None:
            queries = (
                ("SELECT key, value FROM settings", lambda k, v: [(str(json.loads(v)), "[removed]")]
                 if any(w in k.lower() for w in ("secret", "password", "token", "key")) else []),
                ("SELECT name, registry_no FROM pupils",
                 lambda name, reg: [(name or "", "[pupil]"), (reg or "", "[registry-no]")]),
            )
            for sql, found in queries:
                try:  # each on its own: a damaged or older database still gives what it can
                    for row in conn.execute(sql):
                        literals += found(*row)
                except (sqlite3.Error, ValueError):
                    pass
            conn.close()
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


# --- small helpers --------------------------------------------------------------------------
def _parse_time(value: Any, default: Any = ...) -> Any:
    try:
        text = str(value).replace("Z", "+00:00")
        parsed = datetime.fromisoformat(text)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    except (TypeError, ValueError):
        if default is ...:
            raise
        return default


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{round(seconds)} s"
    minutes = round(seconds / 60)  # the hub's Date header has whole seconds
    if minutes < 90:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min"
    return f"{hours // 24} days {hours % 24} h"


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
