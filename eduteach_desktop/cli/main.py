"""`eduteach` on the command line: everything the app does, headless, for technicians and scripts."""

from __future__ import annotations

import argparse
import json
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eduteach_desktop.cli import doctor, failures, update
from eduteach_desktop.core.errors import EduTeachError
from eduteach_desktop.core.sizes import format_size
from eduteach_desktop.store.datadir import resolve_data_dir
from eduteach_protocol import cliguard
from eduteach_protocol.subjects import subject_name
from eduteach_protocol.text_rules import (
    MAX_TITLE_CHARS,
    escape_for_terminal,
    escape_json_text,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eduteach",
        description="EduTeach 教学点数字课堂. With no command, opens the app.",
    )
    parser.add_argument("--data-dir", help="where lessons and records live (or $EDUTEACH_DATA_DIR)")
    from eduteach_desktop.update.identity import AppIdentity

    # The version this program is (a bundle's eduteach-version.txt, written from the signed
    # release when an update unpacked it), so a technician sees which slot runs.
    parser.add_argument("--version", action="version", version=f"eduteach {AppIdentity.detect().version}")
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="app language (default zh_CN, or $EDUTEACH_LANG)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("enroll", help="join a county hub with a one-time code, or from an enrollment file")
    p.add_argument("hub_url", nargs="?")
    p.add_argument("code", nargs="?")
    p.add_argument("--name", help="a name for this PC (default: its host name)")
    p.add_argument("--file", metavar="PATH",
                   help="an enrollment file (.etenroll) from the county, e.g. on a USB stick: no network needed")

    p = sub.add_parser("sync", help="download and verify lessons")
    p.add_argument("--from", dest="sources", action="append", metavar="URL|PATH",
                   help="a hub/mirror URL or a folder (USB stick, satellite folder); repeatable")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--now", action="store_true", help="ignore the download schedule this time")
    p.add_argument("--watch", type=float, metavar="SECONDS",
                   help="keep watching the --from folders (satellite receive folder) and sync when files arrive")
    p.add_argument("--json", action="store_true",
                   help="print the report as JSON (exit code and problems as without it)")
    p.add_argument("--retry-budget", type=float, metavar="SECONDS",
                   help="the most this sync waits, in total, to retry failing sources (default 600)")
    p.add_argument("--peer", dest="peers", action="append", metavar="URL",
                   help="a PC nearby running `eduteach share` (http://ADDRESS:PORT/); repeatable")
    p.add_argument("--find-peers", type=float, metavar="SECONDS", nargs="?", const=2.0,
                   help="look for PCs nearby sharing lessons (mDNS) for up to SECONDS (default 2) first")

    p = sub.add_parser("share", help="serve this PC's verified lessons to PCs nearby (read-only)")
    p.add_argument("--port", type=int, default=8765, help="TCP port (default 8765)")
    p.add_argument("--bind", default="0.0.0.0", help="address to listen on (default all)")
    p.add_argument("--cap", type=float, metavar="BYTES_PER_S",
                   help="bandwidth cap for all PCs together (default: the lan_bandwidth_cap setting, else none)")
    p.add_argument("--max-clients", type=int, default=4, help="PCs served at once (default 4)")
    p.add_argument("--no-announce", action="store_true", help="do not announce it on the LAN (mDNS)")

    p = sub.add_parser("lessons", help="list lessons in the active catalog")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("upload", help="send waiting records to the hub")
    p.add_argument("--hub", metavar="URL", help="the hub's address, for a PC enrolled from a file without one")

    p = sub.add_parser("status", help="lessons, storage, sync and records at a glance")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("import-demo", help="import the bundled demo lessons (first-run does this)")

    p = sub.add_parser("records", help="usage and attendance records")
    rsub = p.add_subparsers(dest="records_command", metavar="ACTION", required=True)
    rp = rsub.add_parser("export", help="write waiting records to a signed file (for a USB stick)")
    rp.add_argument("path", help="a folder (a file name is chosen) or a file path")

    p = sub.add_parser("verify", help="re-check every stored lesson file against its hash")
    p.add_argument("--repair", action="store_true", help="forget bad files so the next sync fetches them")

    p = sub.add_parser("export", help="write a repository of this PC's lessons (for another school)")
    p.add_argument("path", help="a folder, e.g. on a USB stick")

    update.add_parser(sub)
    doctor.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Every command ends in one line on stderr and a non-zero exit when it fails, never a
    traceback (cli/failures.py words it; a bug is logged to the data dir's logs)."""
    parser = build_parser()
    parsed = cliguard.parse_args(parser, argv)
    if isinstance(parsed, int):
        return parsed
    args = parsed
    if args.command is None:
        parser.print_help()
        return 2
    data_dir: list[Path] = []  # known once resolved; the guard words failures with it

    def explain(exc: BaseException) -> str | None:
        return failures.explain(exc, data_dir[0] if data_dir else None)

    def run() -> int:
        data_dir.append(resolve_data_dir(args.data_dir))
        if args.command == "doctor":  # must work on a damaged or busy data dir: opens it itself
            return doctor.cmd_doctor(None, args)
        if args.command == "update":  # installs with the data folder released: opens it itself
            return update.cmd_update(None, args)
        return _run_command(data_dir[0], args)

    return cliguard.run_guarded("eduteach", run, explain,
                                lambda: failures.log_files(data_dir[0] if data_dir else None))


def _run_command(root: Path, args: argparse.Namespace) -> int:
    from eduteach_desktop.services import Services

    services = Services.open(root)
    try:
        return COMMANDS[args.command](services, args)
    finally:
        services.close()


def _print_json(value: Any) -> None:
    print(escape_json_text(json.dumps(value, ensure_ascii=False, indent=2)))


def cmd_enroll(s: Any, args: argparse.Namespace) -> int:
    if args.file:
        from eduteach_desktop.cli.enroll_file import cmd_enroll_file

        return cmd_enroll_file(s, args)
    if not (args.hub_url and args.code):
        print("eduteach: enroll needs HUB_URL CODE, or --file PATH", file=sys.stderr)
        return 2
    e = s.enroll(args.hub_url, args.code, args.name)
    print(escape_for_terminal(f"enrolled: {e.school_name} ({e.school_code}), device {e.device_id}"))
    print(f"lessons come from {e.repo_url}; run `eduteach sync` to fetch them")
    return 0


def cmd_sync(s: Any, args: argparse.Namespace) -> int:
    if args.watch:
        return _watch(s, args)
    return _sync_once(s, args)


def _watch(s: Any, args: argparse.Namespace) -> int:
    """Sync whenever a watched folder changes and then settles; until Ctrl-C."""
    import time
    from pathlib import Path

    from eduteach_desktop.sync.watch import FolderWatcher

    folders = [Path(f) for f in args.sources or [] if not f.startswith(("http://", "https://"))]
    if not folders:
        print("eduteach: --watch needs at least one --from FOLDER", file=sys.stderr)
        return 2
    watchers = [FolderWatcher(f) for f in folders]
    print(f"watching {', '.join(map(str, folders))} every {args.watch:g} s (Ctrl-C to stop)")
    while True:
        if any([w.changed() for w in watchers]):
            try:
                _sync_once(s, args)
            except EduTeachError as exc:  # unattended: say it, keep watching (a full disk is freed…)
                cliguard.say("eduteach", f"{failures.explain(exc) or exc}; still watching")
        time.sleep(args.watch)


# `eduteach sync` exit codes (docs/sync.md, "What a PC refuses, and what it says").
EXIT_OK = 0
EXIT_INCOMPLETE = 1  # some lessons are missing, or the sync stopped (disk full, cancelled…)
EXIT_REFUSED = 3  # a source's metadata or catalog was refused: nothing from it was used
EXIT_UNREACHABLE = 4  # a source could not be checked (network, server): try again later


def sync_exit_code(report: Any) -> int:
    from eduteach_desktop.sync.engine import REFUSED, UNREACHABLE

    kinds = {p.kind for p in report.problems}
    if REFUSED in kinds:
        return EXIT_REFUSED
    if UNREACHABLE in kinds and not report.ok:
        return EXIT_UNREACHABLE
    return EXIT_OK if report.ok else EXIT_INCOMPLETE


def _is_terminal(stream: Any) -> bool:
    """False for a windowed build's missing stream (None) as well as for a pipe or file."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty is not None and isatty())


def _sync_once(s: Any, args: argparse.Namespace) -> int:
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    from eduteach_desktop.sync.progress import ProgressBoard

    cancel = threading.Event()
    if args.quiet or getattr(args, "json", False) or not _is_terminal(sys.stderr):
        board = ProgressBoard(s.clock.monotonic)
        report = s.sync(args.sources, board, cancel, ignore_schedule=args.now, retry_budget=args.retry_budget,
                        peers=_peers(s, args))
    else:
        with Progress(
            TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
            TransferSpeedColumn(), TimeRemainingColumn(), transient=True,
        ) as bar:
            task = bar.add_task("sync", total=None)

            def show(snap: Any) -> None:
                bar.update(task, description=escape_for_terminal(f"{snap.phase} {snap.lesson_title}", 40),
                           completed=snap.bytes_done, total=snap.bytes_total or None)

            board = ProgressBoard(s.clock.monotonic, listener=show)
            report = s.sync(args.sources, board, cancel, ignore_schedule=args.now, retry_budget=args.retry_budget,
                            peers=_peers(s, args))
    code = sync_exit_code(report)
    if getattr(args, "json", False):
        _print_json(dict(report.to_dict(), exit_code=code))
        return code
    if report.catalog_version is not None:
        print(
            f"catalog v{report.catalog_version}{' (new)' if report.new_catalog else ''}: "
            f"{report.lessons_complete}/{report.lessons_wanted} lessons ready, "
            f"{report.blobs_fetched} files fetched ({format_size(report.bytes_fetched)})"
            + (", activated" if report.activated else "")
        )
        if len(report.bytes_by_source) > 1 or getattr(args, "peers", None) or getattr(args, "find_peers", None):
            print("  from " + ", ".join(f"{escape_for_terminal(label, MAX_TITLE_CHARS)} {format_size(n)}" for label, n in report.bytes_by_source.items()))
    for problem in report.problems:
        # One line per problem: the source, what happened in a technician's words, the code.
        verb = {"refused": " refused", "unreachable": " not checked"}.get(problem.kind, "")
        where = f"{problem.source}{verb}: " if problem.source else ""
        print(escape_for_terminal(f"eduteach sync: {where}{problem.message} [{problem.code}]"), file=sys.stderr)
    return code


def cmd_lessons(s: Any, args: argparse.Namespace) -> int:
    lessons = s.library.lessons()
    installed = {ls.id for ls in s.library.installed_lessons()}
    if args.json:
        # Escaped, not cut: JSON is for programs, which get the same values back.
        print(escape_json_text(json.dumps(
            [dict(ls.to_dict(), installed=ls.id in installed) for ls in lessons],
            ensure_ascii=False, indent=2)))
        return 0
    if not lessons:
        print("no lessons yet: run `eduteach sync` (or `eduteach import-demo`)")
        return 0
    for ls in lessons:
        mark = "✓" if ls.id in installed else "…"
        print(f"{mark} {ls.grade}年级 {subject_name(ls.subject)} {_shown(ls.edition)}{_shown(ls.volume)} "
              f"第{ls.unit}单元 {ls.order}. {_shown(ls.title)}  [{_shown(ls.id)}]")
    return 0


def _shown(text: str) -> str:
    """Catalog text as the terminal may show it: control and bidi-override characters
    escaped (a title must not drive the terminal or reorder the line), and cut short."""
    return escape_for_terminal(text, MAX_TITLE_CHARS)


def cmd_upload(s: Any, args: argparse.Namespace) -> int:
    if args.hub:
        from eduteach_desktop.records.first_contact import set_hub_url

        set_hub_url(s, args.hub)
    report = s.upload()
    print(f"sent {report.sent} records in {report.batches} batches; {report.remaining} waiting"
          + (f"; {report.quarantined} quarantined" if report.quarantined else ""))
    return 0


def cmd_status(s: Any, args: argparse.Namespace) -> int:
    st = s.status()
    if args.json:
        _print_json(st.to_dict())
        return 0
    print(f"data dir:      {st.data_dir}")
    print(escape_for_terminal(f"school:        {st.school_name} ({st.school_code})") if st.enrolled else "school:        not enrolled")
    print(f"catalog:       v{st.catalog_version}" if st.catalog_version else "catalog:       none")
    if st.pending_catalog_version:
        print(f"               v{st.pending_catalog_version} downloading")
    print(f"lessons:       {st.lessons_installed} installed of {st.lessons_in_catalog}")
    print(f"storage:       {format_size(st.bytes_stored)} used, {format_size(st.free_bytes)} free")
    print(f"last sync:     {st.last_sync or 'never'} {st.last_sync_result or ''}")
    print(f"last upload:   {st.last_upload or 'never'}")
    print(f"records:       {st.records_waiting} waiting, {st.records_sent} sent, {st.records_quarantined} quarantined")
    for rid, reason in st.quarantined:
        print(escape_for_terminal(f"  quarantined {rid}: {reason}"))
    return 0


def cmd_import_demo(s: Any, args: argparse.Namespace) -> int:
    report = s.import_demo_if_first_run()
    if report is None:
        print("demo lessons not imported: this PC already has a hub or lessons")
        return 0
    print(f"demo lessons: {report.lessons_complete}/{report.lessons_wanted} ready")
    return 0 if report.ok else 1


def cmd_records(s: Any, args: argparse.Namespace) -> int:
    from pathlib import Path

    path, count = s.export_records(Path(args.path))
    print(f"wrote {count} records to {path}; take it to the county (eduteach-hub records import)")
    return 0


def cmd_verify(s: Any, args: argparse.Namespace) -> int:
    report = s.verify(repair=args.repair)
    print(f"checked {report.checked} files ({format_size(report.bytes_checked)} good)")
    for sha in report.bad:
        print(f"  bad: {sha}" + ("  (forgotten; the next sync fetches it again)" if args.repair else ""))
    if report.bad and not args.repair:
        print("run `eduteach verify --repair`, then `eduteach sync`", file=sys.stderr)
    return 1 if report.bad and not args.repair else 0


def _peers(s: Any, args: argparse.Namespace) -> list[str] | None:
    """Peers named or found; None (neither option) leaves it to the use_lan_peers setting."""
    if not getattr(args, "peers", None) and not getattr(args, "find_peers", None):
        return None
    peers = list(args.peers or [])
    if args.find_peers:
        found = s.find_peers(args.find_peers)
        peers += [url for url in found if url not in peers]
    return peers


def cmd_share(s: Any, args: argparse.Namespace) -> int:
    share = s.lesson_share(port=args.port, host=args.bind, announce=not args.no_announce,
                           max_clients=args.max_clients, cap=args.cap)
    version = share.index.catalog_version
    if version is None:
        print("eduteach: nothing to share yet: sync this PC first", file=sys.stderr)
        return 1
    share.start()
    print(f"sharing catalog v{version} on port {share.port}"
          f"{'' if args.no_announce else ', announced on the LAN'} (Ctrl-C to stop)", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        share.stop()
    return 0


def cmd_export(s: Any, args: argparse.Namespace) -> int:
    from pathlib import Path

    report = s.export_repository(Path(args.path))
    print(f"exported catalog v{report.catalog_version}: {report.lessons_complete}/{report.lessons} "
          f"lessons complete, {report.blobs} files ({format_size(report.bytes)}) to {args.path}")
    return 0


COMMANDS = {
    "enroll": cmd_enroll,
    "sync": cmd_sync,
    "lessons": cmd_lessons,
    "upload": cmd_upload,
    "status": cmd_status,
    "import-demo": cmd_import_demo,
    "verify": cmd_verify,
    "share": cmd_share,
    "records": cmd_records,
    "export": cmd_export,
    "doctor": doctor.cmd_doctor,
    "update": update.cmd_update,
}


if __name__ == "__main__":
    sys.exit(main())
