"""The eduteach-hub command: set up a county hub, publish lessons, serve, enroll, export.

Exit codes: 0 success, 1 failure (with a one-line reason on stderr), 2 usage error.
Every command except init finds the hub through --home or EDUTEACH_HUB_HOME.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import logging
import os
import re
import signal
import socket
import sys
import threading
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, Any

from sqlalchemy.exc import SQLAlchemyError

from eduteach_hub import __version__
from eduteach_hub.config import COUNTY_CODE_RE, HubHome
from eduteach_hub.db import Database, DatabaseError
from eduteach_hub.db.times import iso_ms, parse_iso, utc_now
from eduteach_protocol import durable
from eduteach_protocol.text_rules import escape_for_terminal

HOME_ENV = "EDUTEACH_HUB_HOME"
LISTENING_LINE = "EduTeach hub listening on {url}"
REFRESH_CHECK_SECONDS = 3600

log = logging.getLogger("eduteach_hub")


class CliError(Exception):
    """An expected failure: printed as one line, exit code 1."""


class UsageError(Exception):
    """The command line is wrong: printed with the usage, exit code 2."""


# ---------------------------------------------------------------------------------------
# argument types


def _county(value: str) -> str:
    if not COUNTY_CODE_RE.match(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a 6-digit county code (GB/T 2260)")
    return value


def _school_code(value: str) -> str:
    if not re.fullmatch(r"\d{10}", value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a 10-digit school code (学校标识码)")
    return value


def _ttl_days(value: str) -> int:
    try:
        days = int(value)
    except ValueError:
        days = 0
    if not 1 <= days <= 3650:
        raise argparse.ArgumentTypeError("must be a whole number of days from 1 to 3650")
    return days


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError("must be a port number (0 picks a free one)")
    return port


# ---------------------------------------------------------------------------------------
# helpers


def _home(args: argparse.Namespace) -> HubHome:
    path = args.home or os.environ.get(HOME_ENV)
    if not path:
        raise UsageError(
            f"say where the hub lives: --home HOME or the {HOME_ENV} environment variable"
        )
    return HubHome(path).check()


@contextlib.contextmanager
def _database(home: HubHome) -> Iterator[Database]:
    db = Database.open(home.db_url)
    try:
        db.migrate()  # Alembic: a no-op when the schema is current
        yield db
    finally:
        db.dispose()


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _print_table(headers: Sequence[str], rows: Sequence[Sequence[str]], out: IO[str]) -> None:
    widths = [_display_width(h) for h in headers]
    for row in rows:
        widths = [max(w, _display_width(c)) for w, c in zip(widths, row, strict=True)]
    for row in [headers, *rows]:
        cells = [c + " " * (w - _display_width(c)) for c, w in zip(row, widths, strict=True)]
        print("  ".join(cells).rstrip(), file=out)


def _short_time(iso: str | None) -> str:
    return iso[:16].replace("T", " ") if iso else "-"


# ---------------------------------------------------------------------------------------
# commands


def cmd_init(args: argparse.Namespace) -> int:
    home = HubHome.init(Path(args.path), args.county, args.db_url)
    print(f"hub home created: {home.path}")
    print(f"  county {args.county}; signing keys in {home.keys_dir} (back up root.pem offline)")
    print(f"  next: eduteach-hub publish LESSONS --home {home.path}")
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    from eduteach_hub.publish.chunking import hash_file
    from eduteach_hub.publish.hash_cache import CACHE_NAME, HashCache
    from eduteach_hub.publish.publisher import PublishError, publish
    from eduteach_hub.publish.sources import DEFAULT_LIMITS, MiB, SourceError, SourceLimits

    home = _home(args)
    source = Path(args.source)
    limits = DEFAULT_LIMITS
    if args.max_video_mib is not None:
        if args.max_video_mib < 1:
            raise CliError("--max-video-mib must be at least 1")
        limits = SourceLimits(media=dict(DEFAULT_LIMITS.media, video=args.max_video_mib * MiB))
    try:
        with home.repo_lock():
            cache = HashCache(home.path / CACHE_NAME, hash_file)
            result = publish(source, home.writer(), replace_all=not args.keep_missing, cache=cache,
                             limits=limits)
    except PublishError as exc:
        for err in exc.errors:
            print(escape_for_terminal(str(err)), file=sys.stderr)
        n = len(exc.errors)
        print(
            f"{n} error{'s' if n != 1 else ''}; nothing published, the repository is unchanged",
            file=sys.stderr,
        )
        return 1
    except SourceError as exc:
        raise CliError(f"{exc}; nothing published") from None
    if cache.stats.discarded:
        print(f"the publish cache was {cache.stats.discarded}; every file was hashed again", file=sys.stderr)
    print(
        f"hashed {cache.stats.files_hashed} files ({cache.stats.bytes_hashed / 1e6:.1f} MB); "
        f"{cache.stats.hits} unchanged files taken from the cache",
        file=sys.stderr,
    )
    if result.changed:
        from eduteach_hub.publish.history import record_publish

        try:
            with _database(home) as db:
                record_publish(db, home.writer(), result)
        except (DatabaseError, SQLAlchemyError, OSError) as exc:
            # The repository is published and signed; only the dashboard's history lacks it.
            print(f"warning: published, but the publish history was not recorded ({exc.__class__.__name__}); "
                  "the dashboard's 课程资源 page will not list this publish", file=sys.stderr)
        print(
            f"catalog v{result.catalog_version}: {result.lessons} lessons "
            f"({len(result.added)} added, {len(result.updated)} updated, {len(result.removed)} removed), "
            f"{result.blobs_written} blobs written"
        )
    else:
        print(f"unchanged: catalog v{result.catalog_version} ({result.lessons} lessons)")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from eduteach_hub.importer.cli import cmd_import as run_import_command

    if args.publish and not (args.home or os.environ.get(HOME_ENV)):
        raise UsageError("--publish needs --home HOME (or $" + HOME_ENV + ")")
    publish = None
    if args.publish:
        def publish(out: Path) -> int:
            # Through the parser, so publish's own options keep their defaults as they grow.
            argv = ["publish", str(out), *(["--home", args.home] if args.home else [])]
            return cmd_publish(build_parser().parse_args(argv))
    return run_import_command(args, publish)


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


class _Refresher(threading.Thread):
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


def _bind(host: str, port: int) -> tuple[socket.socket, str]:
    try:
        family, _, _, _, addr = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Accepted connections inherit this (Linux): a response's header and body writes go
        # out at once instead of waiting ~40 ms for the client's delayed ACK on keep-alive.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind(addr)
        sock.listen(2048)
    except OSError as exc:
        raise CliError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    bound_port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    return sock, f"http://{shown}:{bound_port}"


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from eduteach_hub.api.app import create_app

    home = _home(args)
    logging.basicConfig(
        level=logging.INFO,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)
    db = Database.open(home.db_url)
    db.migrate()
    db.check()
    try:
        version = refresh_timestamp_if_due(home, utc_now())
        if version is not None:
            log.info("re-signed timestamp metadata (v%d)", version)
    except Exception as exc:  # noqa: BLE001 - serve anyway; the metadata is valid until it expires
        log.error("could not re-sign the timestamp metadata: %s", exc)
    sock, url = _bind(args.host, args.port)
    if args.workers > 1:
        db.dispose()  # each worker opens its own connections
        return _serve_workers(home, args, sock, url)
    app = create_app(home, db=db)

    class Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets=sockets)
            if self.started and not self.should_exit:
                # Tests and scripts read this line to learn the port.
                print(LISTENING_LINE.format(url=url), flush=True)

    config = uvicorn.Config(
        app,
        log_config=None,  # our logging: everything to stderr, stdout stays for the line above
        proxy_headers=True,
        forwarded_allow_ips=args.forwarded_allow_ips,
        timeout_graceful_shutdown=10,
        server_header=False,
    )
    server = Server(config)
    refresher = _Refresher(home, utc_now, REFRESH_CHECK_SECONDS)
    refresher.start()
    # uvicorn shuts down gracefully on SIGINT/SIGTERM, then re-raises the signal for the
    # previous handler: these handlers turn that into a normal exit (status 0).
    previous = signal.signal(signal.SIGTERM, _raise_stopped)
    try:
        server.run(sockets=[sock])
    except (KeyboardInterrupt, _Stopped):
        pass
    except SystemExit as exc:  # uvicorn exits this way when start-up fails
        raise CliError(f"the hub could not start (code {exc.code}); see the log above") from None
    finally:
        signal.signal(signal.SIGTERM, previous)
        refresher.stop.set()
        sock.close()
    return 0 if server.started else 1


def _serve_workers(home: HubHome, args: argparse.Namespace, sock: socket.socket, url: str) -> int:
    """Several worker processes on one socket (uvicorn's supervisor); they share only the
    database and HOME. The timestamp refresher runs here, in the supervisor."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    os.environ[HOME_ENV] = str(home.path)
    config = uvicorn.Config(
        "eduteach_hub.api.asgi:app_from_env",
        factory=True,
        workers=args.workers,
        log_config=None,
        proxy_headers=True,
        forwarded_allow_ips=args.forwarded_allow_ips,
        timeout_graceful_shutdown=10,
        server_header=False,
    )
    refresher = _Refresher(home, utc_now, REFRESH_CHECK_SECONDS)
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


class _Stopped(Exception):
    """SIGTERM arrived (re-raised by uvicorn after its graceful shutdown)."""


def _raise_stopped(_signum: int, _frame: object) -> None:
    raise _Stopped


def _add_code(db: Database, school_code: str, ttl_days: int) -> tuple[str, str]:
    from eduteach_hub.db import enroll_codes

    now = utc_now()
    expires = iso_ms(now + timedelta(days=ttl_days))
    with db.write() as conn:
        code = enroll_codes.create(conn, school_code, iso_ms(now), expires)
    return code, expires


def _print_code(code: str, expires: str) -> None:
    print(f"enrollment code, for one PC, valid until {_short_time(expires)} UTC:")
    print(code)


def cmd_school_add(args: argparse.Namespace) -> int:
    from eduteach_hub.db import schools

    home = _home(args)
    name = args.name.strip()
    if not name:
        raise UsageError("--name must not be empty")
    county = args.county or home.config.county_code
    with _database(home) as db:
        try:
            with db.write() as conn:
                school, created = schools.add(conn, args.code, name, county, iso_ms(utc_now()))
        except schools.SchoolConflict as exc:
            raise CliError(str(exc)) from None
        print(
            f"school {school.code} {school.name} (county {school.county_code}): {'added' if created else 'exists'}"
        )
        if args.enroll_file:
            from eduteach_hub.enroll_cli import EnrollFileCliError, write_enroll_file

            try:
                return write_enroll_file(db, home, school.code, args.ttl_days, args.enroll_file)
            except EnrollFileCliError as exc:
                raise CliError(str(exc)) from None
        code, expires = _add_code(
            db, school.code, args.ttl_days or home.config.enroll_code_ttl_days
        )
    _print_code(code, expires)
    return 0


def cmd_school_code(args: argparse.Namespace) -> int:
    from eduteach_hub.db import schools

    home = _home(args)
    with _database(home) as db:
        with db.read() as conn:
            school = schools.get(conn, args.code)
        if school is None:
            raise CliError(f"no school {args.code}; add it with `eduteach-hub school add`")
        code, expires = _add_code(
            db, school.code, args.ttl_days or home.config.enroll_code_ttl_days
        )
    print(f"school {school.code} {school.name}")
    _print_code(code, expires)
    return 0


def cmd_school_list(args: argparse.Namespace) -> int:
    from eduteach_hub.db import schools

    home = _home(args)
    with _database(home) as db, db.read() as conn:
        rows = schools.list_all(conn, iso_ms(utc_now()))
    if not rows:
        print("no schools yet; add one with `eduteach-hub school add CODE --name NAME`")
        return 0
    _print_table(
        ["CODE", "NAME", "COUNTY", "DEVICES", "OPEN CODES"],
        [
            [r.school.code, r.school.name, r.school.county_code, str(r.devices), str(r.open_codes)]
            for r in rows
        ],
        sys.stdout,
    )
    return 0


def cmd_device_list(args: argparse.Namespace) -> int:
    from eduteach_hub.db import devices

    home = _home(args)
    with _database(home) as db, db.read() as conn:
        rows = devices.list_all(conn, args.school)
    if not rows:
        print("no devices enrolled")
        return 0
    _print_table(
        ["DEVICE", "SCHOOL", "NAME", "APP", "ENROLLED", "LAST SEEN", "STATUS"],
        [
            [
                d.id,
                d.school_code,
                d.name,
                d.app_version,
                _short_time(d.enrolled_at),
                _short_time(d.last_seen_at),
                "revoked" if d.revoked_at else "active",
            ]
            for d in rows
        ],
        sys.stdout,
    )
    return 0


def cmd_device_revoke(args: argparse.Namespace) -> int:
    from eduteach_hub.db import devices

    home = _home(args)
    with _database(home) as db, db.write() as conn:
        if not devices.revoke(conn, args.device_id, iso_ms(utc_now())):
            raise CliError(f"no device {args.device_id}")
    print(f"device {args.device_id} revoked: it can no longer send or read records")
    return 0


def cmd_code_list(args: argparse.Namespace) -> int:
    from eduteach_hub.db import enroll_codes

    home = _home(args)
    now = iso_ms(utc_now())
    with _database(home) as db, db.read() as conn:
        rows = enroll_codes.list_codes(conn, args.school)
    if not rows:
        print("no enrollment codes")
        return 0
    _print_table(
        ["ID", "SCHOOL", "CREATED", "EXPIRES", "STATUS", "DEVICE"],
        [
            [
                str(c.id),
                c.school_code,
                _short_time(c.created_at),
                _short_time(c.expires_at),
                enroll_codes.status(c, now),
                c.device_id or "-",
            ]
            for c in rows
        ],
        sys.stdout,
    )
    return 0


def cmd_code_revoke(args: argparse.Namespace) -> int:
    from eduteach_hub.db import enroll_codes

    home = _home(args)
    now = iso_ms(utc_now())
    chosen = [x for x in (args.code, args.id, args.school) if x is not None]
    if len(chosen) != 1:
        raise UsageError("give exactly one of: CODE, --id N or --school CODE")
    with _database(home) as db, db.write() as conn:
        if args.school is not None:
            n = enroll_codes.revoke_open(conn, args.school, now)
            print(f"{n} open code{'s' if n != 1 else ''} of school {args.school} revoked")
            return 0
        code_id = args.id
        if args.code is not None:
            found = enroll_codes.find(conn, args.code)
            if found is None:
                raise CliError("no such enrollment code (check it for typos)")
            code_id = found.id
        if not enroll_codes.revoke_one(conn, code_id, now):
            raise CliError(f"code {code_id} is not open (already used, revoked, or unknown)")
    print(f"enrollment code {code_id} revoked")
    return 0


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    import getpass

    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise CliError("the two passwords differ")
    return first


def cmd_user_add(args: argparse.Namespace) -> int:
    from eduteach_hub.db import users

    home = _home(args)
    password = _read_password(args)
    try:
        users.check_name(args.name)
        users.check_password(password)
    except users.UserError as exc:
        raise CliError(str(exc)) from None
    with _database(home) as db, db.write() as conn:
        existed = users.get(conn, args.name) is not None
        user = users.add(conn, args.name, args.role, password, iso_ms(utc_now()))
    print(f"user {user.name} ({user.role}): {'password changed' if existed else 'added'}")
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    from eduteach_hub.db import users

    home = _home(args)
    with _database(home) as db, db.read() as conn:
        rows = users.list_all(conn)
    if not rows:
        print("no users yet; add one with `eduteach-hub user add NAME --role admin`")
        return 0
    _print_table(
        ["NAME", "ROLE", "CREATED", "STATUS"],
        [[u.name, u.role, _short_time(u.created_at), "disabled" if u.disabled_at else "active"] for u in rows],
        sys.stdout,
    )
    return 0


def cmd_user_disable(args: argparse.Namespace) -> int:
    from eduteach_hub.db import users

    home = _home(args)
    with _database(home) as db, db.write() as conn:
        if users.get(conn, args.name) is None:
            raise CliError(f"no user {args.name}")
        users.disable(conn, args.name, iso_ms(utc_now()))
    print(f"user {args.name} disabled")
    return 0


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    home = _home(args)
    with _database(home) as db:
        from eduteach_hub.db.migrate import current

        with db.read() as conn:
            print(f"database schema at revision {current(conn)} ({db.engine.url.render_as_string()})")
    return 0


# --- records export ----------------------------------------------------------------------

CSV_COLUMNS = [
    "id",
    "stored",
    "timestamp",
    "school_code",
    "county_code",
    "device_id",
    "verb",
    "lesson_id",
    "subject",
    "grade",
    "duration_s",
    "completed",
]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    """Text for a CSV cell; text a spreadsheet would run as a formula is quoted with '."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"{value:g}" if isinstance(value, float) else str(value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_row(row: Any, counties: dict[str, str]) -> list[str]:
    from eduteach_hub.db.facts import duration_seconds  # the seconds the dashboard counts
    from eduteach_protocol.records import (
        EXT_COUNTY,
        EXT_GRADE,
        EXT_LESSON,
        EXT_SUBJECT,
        LESSON_BASE,
    )

    stmt = json.loads(row.body)
    ext = (stmt.get("context") or {}).get("extensions") or {}
    result = stmt.get("result") or {}
    obj_id = (stmt.get("object") or {}).get("id", "")
    lesson = ext.get(EXT_LESSON) or (
        obj_id[len(LESSON_BASE) :] if obj_id.startswith(LESSON_BASE) else ""
    )
    verb_id = stmt["verb"]["id"]
    return [
        _cell(v)
        for v in (
            row.id,
            row.stored,
            row.timestamp,
            row.school_code,
            ext.get(EXT_COUNTY) or counties.get(row.school_code, ""),
            row.device_id,
            verb_id.rstrip("/").rsplit("/", 1)[-1],
            lesson,
            ext.get(EXT_SUBJECT),
            ext.get(EXT_GRADE),
            duration_seconds(result.get("duration")),
            result.get("completion"),
        )
    ]


def export_records(db: Database, fmt: str, out: IO[bytes]) -> int:
    """Write every record that counts (voided ones left out) as CSV or JSON; returns how many."""
    from eduteach_hub.db import schools, statements

    n = 0
    with db.read() as conn:
        counties = {s.school.code: s.school.county_code for s in schools.list_all(conn, "")}
        rows = statements.iter_export(conn)
        if fmt == "csv":
            text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
            writer = csv.writer(text)
            writer.writerow(CSV_COLUMNS)
            for row in rows:
                writer.writerow(csv_row(row, counties))
                n += 1
            text.flush()
            text.detach()
        else:
            out.write(b"[")
            for row in rows:
                out.write((b",\n" if n else b"\n") + row.body.encode("utf-8"))
                n += 1
            out.write(b"\n]\n" if n else b"]\n")
    return n


def cmd_records_export(args: argparse.Namespace) -> int:
    home = _home(args)
    with _database(home) as db:
        if args.out is None:
            n = export_records(db, args.format, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            dest = Path(args.out)
            try:
                with durable.atomic_writer(dest) as fh:
                    n = export_records(db, args.format, fh)
            except OSError as exc:
                raise CliError(f"cannot write {dest}: {exc.strerror or exc}") from None
            print(f"{n} records written to {dest}", file=sys.stderr)
    return 0


def cmd_records_import(args: argparse.Namespace) -> int:
    from eduteach_hub.records_import import import_file
    from eduteach_protocol.record_file import RecordsFileError

    home = _home(args)
    failed = 0
    with _database(home) as db:
        for name in args.files:
            path = Path(name)
            try:
                report = import_file(db, path, utc_now)
            except RecordsFileError as exc:
                print(escape_for_terminal(f"{path}: refused ({exc.code}): {exc}"), file=sys.stderr)
                failed += 1
                continue
            print(
                f"{path}: {report.statements} records from {report.device_id} (school {report.school_code}): "
                f"{report.new} new, {report.repeated} already stored"
            )
    return 1 if failed else 0


def cmd_sample_data(args: argparse.Namespace) -> int:
    from eduteach_hub import sampledata

    home = _home(args)
    with _database(home) as db:
        n, total = sampledata.load(db, args.schools, args.weeks, home.config.county_code, args.seed)
    print(f"added {n} sample schools (codes 99…) with {total} records over {args.weeks} weeks")
    return 0


# --- repo -----------------------------------------------------------------------------


def cmd_repo_status(args: argparse.Namespace) -> int:
    home = _home(args)
    info = home.writer().describe()
    print(f"repository: {home.repo_dir}")
    catalog = info.get("catalog_version")
    print(f"catalog: {'v' + str(catalog) if catalog else 'none published yet'}")
    for role in ("root", "targets", "snapshot", "timestamp"):
        meta = info[role]
        assert isinstance(meta, dict)
        print(f"{role:<10} v{meta['version']:<5} expires {meta['expires']}")
    return 0


def cmd_repo_refresh(args: argparse.Namespace) -> int:
    home = _home(args)
    with home.repo_lock():
        version = home.writer().refresh_timestamp()
    print(f"timestamp re-signed: v{version}, valid for {home.config.timestamp_days} days")
    return 0


# ---------------------------------------------------------------------------------------
# parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eduteach-hub",
        description="EduTeach county hub: publish lessons, enroll teaching points, collect records.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    with_home = argparse.ArgumentParser(add_help=False)
    with_home.add_argument(
        "--home", metavar="HOME", help=f"the hub's home folder (default: ${HOME_ENV})"
    )

    p = sub.add_parser("init", help="create a new hub home (keys, repository, database)")
    p.add_argument("path", metavar="HOME")
    p.add_argument("--county", type=_county, default="000000", help="6-digit GB/T 2260 county code")
    p.add_argument(
        "--db-url",
        metavar="URL",
        help="SQLAlchemy database URL, e.g. postgresql+psycopg://hub@db/eduteach (default: SQLite in HOME)",
    )
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("publish", parents=[with_home], help="publish a folder of lesson sources")
    p.add_argument("source", metavar="SOURCE_DIR")
    p.add_argument(
        "--keep-missing",
        action="store_true",
        help="keep published lessons that are not in SOURCE_DIR (default: withdraw them)",
    )
    p.add_argument(
        "--max-video-mib", type=int, default=None, metavar="MIB",
        help="largest video file accepted, in MiB (default 1024; see docs/hub.md)",
    )
    p.set_defaults(func=cmd_publish)

    from eduteach_hub.importer.cli import add_parser as add_import_parser

    add_import_parser(sub, with_home).set_defaults(func=cmd_import)

    p = sub.add_parser("serve", parents=[with_home], help="run the hub's web server")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument(
        "--port", type=_port, default=8470, help="port (default 8470; 0 picks a free one)"
    )
    p.add_argument(
        "--workers", type=int, default=1, help="worker processes (default 1; they share only the database)"
    )
    p.add_argument(
        "--forwarded-allow-ips",
        default="127.0.0.1",
        help="proxies whose X-Forwarded-* headers are trusted (default 127.0.0.1)",
    )
    p.set_defaults(func=cmd_serve)

    school = sub.add_parser("school", help="schools and their enrollment codes").add_subparsers(
        dest="school_command", metavar="ACTION", required=True
    )
    p = school.add_parser(
        "add", parents=[with_home], help="add a school and print an enrollment code"
    )
    p.add_argument("code", type=_school_code, metavar="CODE", help="10-digit 学校标识码")
    p.add_argument("--name", required=True)
    p.add_argument("--county", type=_county, help="default: the hub's county")
    p.add_argument(
        "--ttl-days", type=_ttl_days, help="how long the code works (default from hub.toml)"
    )
    p.add_argument("--enroll-file", metavar="PATH",
                   help="write a signed enrollment file for a USB stick instead of printing a code")
    p.set_defaults(func=cmd_school_add)
    from eduteach_hub.enroll_cli import add_parser as add_enroll_file_parser

    add_enroll_file_parser(school, with_home, _school_code, _ttl_days)
    p = school.add_parser(
        "code", parents=[with_home], help="print a new enrollment code for a school"
    )
    p.add_argument("code", type=_school_code, metavar="CODE")
    p.add_argument("--ttl-days", type=_ttl_days)
    p.set_defaults(func=cmd_school_code)
    p = school.add_parser("list", parents=[with_home], help="list schools")
    p.set_defaults(func=cmd_school_list)
    from eduteach_hub import cli_editions

    cli_editions.add_parsers(school, with_home, _school_code)

    device = sub.add_parser("device", help="enrolled teacher PCs").add_subparsers(
        dest="device_command", metavar="ACTION", required=True
    )
    p = device.add_parser("list", parents=[with_home], help="list devices")
    p.add_argument("--school", type=_school_code, help="only this school's devices")
    p.set_defaults(func=cmd_device_list)
    p = device.add_parser("revoke", parents=[with_home], help="revoke a device's credentials")
    p.add_argument("device_id", metavar="DEVICE_ID")
    p.set_defaults(func=cmd_device_revoke)

    code = sub.add_parser("code", help="enrollment codes").add_subparsers(
        dest="code_command", metavar="ACTION", required=True
    )
    p = code.add_parser("list", parents=[with_home], help="list codes and their status")
    p.add_argument("--school", type=_school_code)
    p.set_defaults(func=cmd_code_list)
    p = code.add_parser("revoke", parents=[with_home], help="withdraw an unused code")
    p.add_argument("code", nargs="?", metavar="CODE", help="the code as printed")
    p.add_argument("--id", type=int, help="the code's ID from `code list`")
    p.add_argument("--school", type=_school_code, help="every open code of this school")
    p.set_defaults(func=cmd_code_revoke)

    user = sub.add_parser("user", help="admin accounts (dashboard, xAPI reads)").add_subparsers(
        dest="user_command", metavar="ACTION", required=True
    )
    p = user.add_parser("add", parents=[with_home], help="add a user, or set a new password")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--role", choices=("admin",), default="admin")
    p.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    p.set_defaults(func=cmd_user_add)
    p = user.add_parser("list", parents=[with_home], help="list users")
    p.set_defaults(func=cmd_user_list)
    p = user.add_parser("disable", parents=[with_home], help="disable a user")
    p.add_argument("name", metavar="NAME")
    p.set_defaults(func=cmd_user_disable)

    dbp = sub.add_parser("db", help="the database").add_subparsers(
        dest="db_command", metavar="ACTION", required=True
    )
    p = dbp.add_parser("upgrade", parents=[with_home], help="apply schema migrations (Alembic)")
    p.set_defaults(func=cmd_db_upgrade)

    records = sub.add_parser("records", help="usage records sent by the schools").add_subparsers(
        dest="records_command", metavar="ACTION", required=True
    )
    p = records.add_parser("export", parents=[with_home], help="export records as CSV or JSON")
    p.add_argument("--format", choices=("csv", "json"), default="csv")
    p.add_argument("--out", metavar="FILE", help="write to FILE (default: standard output)")
    p.set_defaults(func=cmd_records_export)

    p = records.add_parser(
        "import", parents=[with_home], help="import signed record files (.etrec) from a USB stick"
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.set_defaults(func=cmd_records_import)

    p = sub.add_parser(
        "sample-data", parents=[with_home], help="add made-up schools and records (to try the dashboard)"
    )
    p.add_argument("--schools", type=int, default=30)
    p.add_argument("--weeks", type=int, default=8)
    p.add_argument("--seed", type=int, default=7)
    p.set_defaults(func=cmd_sample_data)

    repo = sub.add_parser("repo", help="the signed content repository").add_subparsers(
        dest="repo_command", metavar="ACTION", required=True
    )
    p = repo.add_parser("status", parents=[with_home], help="versions and expiry of the metadata")
    p.set_defaults(func=cmd_repo_status)
    p = repo.add_parser("refresh", parents=[with_home], help="re-sign the timestamp (run daily)")
    p.set_defaults(func=cmd_repo_refresh)
    from eduteach_hub.apps import commands as app_commands

    app_commands.add_parsers(sub, with_home)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Every command ends in one line on stderr and a non-zero exit when it fails, never a
    traceback (eduteach_hub/failures.py words it; a bug is logged under HOME/logs)."""
    from eduteach_hub import failures
    from eduteach_protocol import cliguard

    parser = build_parser()
    parsed = cliguard.parse_args(parser, argv)
    if isinstance(parsed, int):
        return parsed
    args = parsed

    def run() -> int:
        try:
            return int(args.func(args))
        except UsageError as exc:
            cliguard.say("eduteach-hub", f"error: {exc} (see `eduteach-hub --help`)")
            return cliguard.EXIT_USAGE

    home = getattr(args, "home", None) or os.environ.get(HOME_ENV)
    return cliguard.run_guarded("eduteach-hub", run, failures.explain, lambda: failures.log_files(home))
