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
from eduteach_desktop.store.datadir import resolve_data_dir
from eduteach_protocol import cliguard
from eduteach_protocol.cli_i18n import N_, _, render
from eduteach_protocol.sizes import format_size
from eduteach_protocol.subjects import subject_name
from eduteach_protocol.text_rules import (
    MAX_TITLE_CHARS,
    display_width,
    escape_for_terminal,
    escape_json_text,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eduteach",
        description=_("EduTeach 教学点数字课堂. With no command, opens the app."),
    )
    parser.add_argument("--data-dir", help=_("where lessons and records live (or $EDUTEACH_DATA_DIR)"))
    from eduteach_desktop.update.identity import AppIdentity

    # The version this program is (a bundle's eduteach-version.txt, written from the signed
    # release when an update unpacked it), so a technician sees which slot runs.
    parser.add_argument("--version", action="version", version=f"eduteach {AppIdentity.detect().version}",
                        help=_("show program's version number and exit"))
    parser.add_argument("--lang", choices=["zh_CN", "en"], help=_("app language (default zh_CN, or $EDUTEACH_LANG)"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("enroll", help=_("join a county hub with a one-time code, or from an enrollment file"))
    p.add_argument("hub_url", nargs="?")
    p.add_argument("code", nargs="?")
    p.add_argument("--name", help=_("a name for this PC (default: its host name)"))
    p.add_argument("--file", metavar="PATH",
                   help=_("an enrollment file (.etenroll) from the county, e.g. on a USB stick: no network needed"))

    p = sub.add_parser("sync", help=_("download and verify lessons"))
    p.add_argument("--from", dest="sources", action="append", metavar="URL|PATH",
                   help=_("a hub/mirror URL or a folder (USB stick, satellite folder); repeatable"))
    p.add_argument("--quiet", action="store_true", help=_("no progress bar"))
    p.add_argument("--now", action="store_true", help=_("ignore the download schedule this time"))
    p.add_argument("--watch", type=float, metavar="SECONDS",
                   help=_("keep watching the --from folders (satellite receive folder) and sync when files arrive"))
    p.add_argument("--json", action="store_true",
                   help=_("print the report as JSON (exit code and problems as without it)"))
    p.add_argument("--retry-budget", type=float, metavar="SECONDS",
                   help=_("the most this sync waits, in total, to retry failing sources (default 600)"))
    p.add_argument("--peer", dest="peers", action="append", metavar="URL",
                   help=_("a PC nearby running `eduteach share` (http://ADDRESS:PORT/); repeatable"))
    p.add_argument("--find-peers", type=float, metavar="SECONDS", nargs="?", const=2.0,
                   help=_("look for PCs nearby sharing lessons (mDNS) for up to SECONDS (default 2) first"))

    p = sub.add_parser("share", help=_("serve this PC's verified lessons to PCs nearby (read-only)"))
    p.add_argument("--port", type=int, default=8765, help=_("TCP port (default 8765)"))
    p.add_argument("--bind", default="0.0.0.0", help=_("address to listen on (default all)"))
    p.add_argument("--cap", type=float, metavar="BYTES_PER_S",
                   help=_("bandwidth cap for all PCs together (default: the lan_bandwidth_cap setting, else none)"))
    p.add_argument("--max-clients", type=int, default=4, help=_("PCs served at once (default 4)"))
    p.add_argument("--no-announce", action="store_true", help=_("do not announce it on the LAN (mDNS)"))

    p = sub.add_parser("lessons", help=_("list lessons in the active catalog"))
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("upload", help=_("send waiting records to the hub"))
    p.add_argument("--hub", metavar="URL", help=_("the hub's address, for a PC enrolled from a file without one"))

    p = sub.add_parser("status", help=_("lessons, storage, sync and records at a glance"))
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("import-demo", help=_("import the bundled demo lessons (first-run does this)"))

    p = sub.add_parser("records", help=_("usage and attendance records"))
    rsub = p.add_subparsers(dest="records_command", metavar="ACTION", required=True)
    rp = rsub.add_parser("export", help=_("write waiting records to a signed file (for a USB stick)"))
    rp.add_argument("path", help=_("a folder (a file name is chosen) or a file path"))

    p = sub.add_parser("verify", help=_("re-check every stored lesson file against its hash"))
    p.add_argument("--repair", action="store_true", help=_("forget bad files so the next sync fetches them"))

    p = sub.add_parser("export", help=_("write a repository of this PC's lessons (for another school)"))
    p.add_argument("path", help=_("a folder, e.g. on a USB stick"))

    update.add_parser(sub)
    doctor.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Every command ends in one line on stderr and a non-zero exit when it fails, never a
    traceback (cli/failures.py words it; a bug is logged to the data dir's logs), in the
    user's language (eduteach_protocol/cli_i18n.py)."""
    parser, parsed = cliguard.start(build_parser, argv)
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
        cliguard.say("eduteach", _("enroll needs HUB_URL CODE, or --file PATH"))
        return 2
    e = s.enroll(args.hub_url, args.code, args.name)
    print(escape_for_terminal(_("enrolled: {school} ({code}), device {device}").format(
        school=e.school_name, code=e.school_code, device=e.device_id)))
    print(_("lessons come from {url}; run `eduteach sync` to fetch them").format(url=e.repo_url))
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
        cliguard.say("eduteach", _("--watch needs at least one --from FOLDER"))
        return 2
    watchers = [FolderWatcher(f) for f in folders]
    print(_("watching {folders} every {seconds:g} s (Ctrl-C to stop)").format(
        folders=", ".join(map(str, folders)), seconds=args.watch))
    while True:
        if any([w.changed() for w in watchers]):
            try:
                _sync_once(s, args)
            except EduTeachError as exc:  # unattended: say it, keep watching (a full disk is freed…)
                cliguard.say("eduteach", _("{problem}; still watching").format(
                    problem=failures.explain(exc) or render(exc)))
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


# The progress bar's word for each phase of a sync (sync/progress.py), in the user's language.
PHASE_WORDS = {
    "idle": N_("starting"), "waiting": N_("waiting"), "metadata": N_("checking"), "downloading": N_("downloading"),
    "activating": N_("activating"), "done": N_("done"), "cancelled": N_("stopped"), "failed": N_("failed"),
}


def phase_word(phase: str) -> str:
    return _(PHASE_WORDS[phase]) if phase in PHASE_WORDS else phase


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
                bar.update(task, description=escape_for_terminal(f"{phase_word(snap.phase)} {snap.lesson_title}", 40),
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
            (_("catalog v{version} (new): {ready}/{wanted} lessons ready, {files} files fetched ({size})")
             if report.new_catalog else
             _("catalog v{version}: {ready}/{wanted} lessons ready, {files} files fetched ({size})")).format(
                version=report.catalog_version, ready=report.lessons_complete, wanted=report.lessons_wanted,
                files=report.blobs_fetched, size=format_size(report.bytes_fetched))
            + (_(", activated") if report.activated else "")
        )
        if len(report.bytes_by_source) > 1 or getattr(args, "peers", None) or getattr(args, "find_peers", None):
            print("  " + _("from") + " " + ", ".join(f"{escape_for_terminal(label, MAX_TITLE_CHARS)} {format_size(n)}" for label, n in report.bytes_by_source.items()))
    for problem in report.problems:
        # One line per problem: the source, what happened in a technician's words, the code.
        line = failures.problem_line(problem, problem.code, problem.source, problem.kind)
        print(escape_for_terminal(f"eduteach sync: {line}"), file=sys.stderr)
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
        print(_("no lessons yet: run `eduteach sync` (or `eduteach import-demo`)"))
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
    print(_("sent {sent} records in {batches} batches; {waiting} waiting").format(
        sent=report.sent, batches=report.batches, waiting=report.remaining)
          + (_("; {n} quarantined").format(n=report.quarantined) if report.quarantined else ""))
    return 0


def cmd_status(s: Any, args: argparse.Namespace) -> int:
    st = s.status()
    if args.json:
        _print_json(st.to_dict())
        return 0
    never = _("never")
    rows = [
        (_("data dir:"), str(st.data_dir)),
        (_("school:"), f"{st.school_name} ({st.school_code})" if st.enrolled else _("not enrolled")),
        (_("catalog:"), f"v{st.catalog_version}" if st.catalog_version else _("none")),
        ("", _("v{version} downloading").format(version=st.pending_catalog_version)
         if st.pending_catalog_version else None),
        (_("lessons:"), _("{installed} installed of {total}").format(
            installed=st.lessons_installed, total=st.lessons_in_catalog)),
        (_("storage:"), _("{used} used, {free} free").format(
            used=format_size(st.bytes_stored), free=format_size(st.free_bytes))),
        (_("last sync:"), f"{st.last_sync or never} {st.last_sync_result or ''}"),
        (_("last upload:"), st.last_upload or never),
        (_("records:"), _("{waiting} waiting, {sent} sent, {quarantined} quarantined").format(
            waiting=st.records_waiting, sent=st.records_sent, quarantined=st.records_quarantined)),
    ]
    width = max(15, max(display_width(label) for label, _value in rows) + 2)
    for label, value in rows:
        if value is not None:
            print(escape_for_terminal(label + " " * (width - display_width(label)) + value))
    from eduteach_desktop.records.uploader import said_reason

    for rid, reason in st.quarantined:
        print(escape_for_terminal("  " + _("quarantined {record}: {reason}").format(record=rid, reason=render(said_reason(reason)))))
    return 0


def cmd_import_demo(s: Any, args: argparse.Namespace) -> int:
    report = s.import_demo_if_first_run()
    if report is None:
        print(_("demo lessons not imported: this PC already has a hub or lessons"))
        return 0
    print(_("demo lessons: {ready}/{wanted} ready").format(ready=report.lessons_complete,
                                                        wanted=report.lessons_wanted))
    return 0 if report.ok else 1


def cmd_records(s: Any, args: argparse.Namespace) -> int:
    from pathlib import Path

    path, count = s.export_records(Path(args.path))
    print(_("wrote {count} records to {path}; take it to the county (eduteach-hub records import)").format(
        count=count, path=path))
    return 0


def cmd_verify(s: Any, args: argparse.Namespace) -> int:
    report = s.verify(repair=args.repair)
    print(_("checked {files} files ({size} good)").format(files=report.checked,
                                                        size=format_size(report.bytes_checked)))
    for sha in report.bad:
        print("  " + (_("bad: {file} (forgotten; the next sync fetches it again)") if args.repair
                      else _("bad: {file}")).format(file=sha))
    if report.bad and not args.repair:
        cliguard.say("eduteach", _("damaged files found: run `eduteach verify --repair`, then `eduteach sync`"))
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
        cliguard.say("eduteach", _("nothing to share yet: sync this PC first"))
        return 1
    share.start()
    print((_("sharing catalog v{version} on port {port} (Ctrl-C to stop)") if args.no_announce else
           _("sharing catalog v{version} on port {port}, announced on the LAN (Ctrl-C to stop)")).format(
        version=version, port=share.port), flush=True)
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
    print(_("exported catalog v{version}: {complete}/{lessons} lessons complete, {files} files ({size}) "
            "to {path}").format(version=report.catalog_version, complete=report.lessons_complete,
                                lessons=report.lessons, files=report.blobs, size=format_size(report.bytes),
                                path=args.path))
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
