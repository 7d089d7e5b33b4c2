"""The doctor's look at the data folder and the database, through the stores' own queries on
a read-only open (never creating, migrating or repairing anything)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

from eduteach_desktop.core.clock import Clock
from eduteach_desktop.core.errors import DatabaseCorruptError, DatabaseLockedError, StoreError
from eduteach_desktop.store.datadir import (
    ENV_VAR,
    PORTABLE_MARKER,
    DataDir,
    folder_problem,
    writable_problem,
)
from eduteach_desktop.store.db import Database
from eduteach_protocol.cli_i18n import L_
from eduteach_protocol.sizes import format_size

from .report import (
    FAIL,
    LOW_SPACE_FAIL,
    LOW_SPACE_WARN,
    OK,
    WAITING_TOO_LONG_DAYS,
    WARN,
    Check,
    _parse_time,
    _short,
)


def _data_dir_origin(explicit: str | None) -> str:
    if explicit:
        return "--data-dir"  # an option's name: the same in every language
    if os.environ.get(ENV_VAR):
        return f"${ENV_VAR}"
    from eduteach_desktop.store.datadir import program_dir

    exe_dir = program_dir()
    if getattr(sys, "frozen", False) and (exe_dir / PORTABLE_MARKER).exists():
        return L_("portable mode ({marker} beside the program)", marker=PORTABLE_MARKER)
    if getattr(sys, "frozen", False) and (exe_dir / "data-dir.txt").exists():
        return L_("the installer's choice (data-dir.txt beside the program)")
    return L_("this user's usual data folder")


def check_data_dir(dd: DataDir, explicit: str | None) -> Check:
    root = dd.root
    origin = _data_dir_origin(explicit)
    data: dict[str, Any] = {"path": str(root), "origin": origin}
    if not root.is_dir():
        return Check(L_("data folder"), FAIL, L_("{root} does not exist ({origin})", root=root, origin=origin),
                     fix=L_("start EduTeach once (it creates the folder), or give the right folder with --data-dir"), data=data)
    usage = shutil.disk_usage(root)
    data.update(free_bytes=usage.free, total_bytes=usage.total)
    details = [L_("chosen by: {origin}", origin=origin), L_("free space: {free} of {total}", free=format_size(usage.free), total=format_size(usage.total))]
    if dd.device_key.exists():
        details.append(L_("device key: present (never copied into support bundles)"))
    running = dd.writer_lock_held()
    data["app_running"] = running
    if running is not None:
        details.append(L_("EduTeach is open now") if running else L_("EduTeach is not running"))
    problem = folder_problem(root)
    if problem is not None and problem.code == "network_folder":
        return Check(L_("data folder"), FAIL, L_("{root} is on a network drive", root=root), details,
                     fix=L_("keep the data on this PC's own disk (a network folder damages the database): move the folder, then start EduTeach with --data-dir"), data=data)
    if problem is not None:
        return Check(L_("data folder"), FAIL, L_("{root}: the path is too long for Windows", root=root), details,
                     fix=L_("choose a folder with a shorter path, e.g. D:\\EduTeach"), data=data)
    try:
        unwritable = writable_problem(root)
    except OSError:
        unwritable = None
    if not os.access(root, os.W_OK) or (unwritable is not None and unwritable.code == "read_only"):
        return Check(L_("data folder"), FAIL, L_("{root} is read-only", root=root), details,
                     fix=L_("give this Windows/Linux user write access to the folder; on a USB stick, check its write-protect switch"), data=data)
    if usage.free < LOW_SPACE_FAIL:
        return Check(L_("data folder"), FAIL, L_("{root}: only {free} free", root=root, free=format_size(usage.free)), details,
                     fix=L_("free space on this drive (delete old files), or move the data folder to a bigger drive"), data=data)
    if usage.free < LOW_SPACE_WARN:
        return Check(L_("data folder"), WARN, L_("{root}: {free} free", root=root, free=format_size(usage.free)), details,
                     fix=L_("new lessons may not fit; free some space on this drive"), data=data)
    return Check(L_("data folder"), OK, L_("{root}, {free} free", root=root, free=format_size(usage.free)), details, data=data)


def open_database(dd: DataDir) -> tuple[Database | None, Check]:
    """Open read-only (never creating, migrating or repairing) and run integrity_check."""
    from eduteach_desktop.store.migrations import LATEST, compatible_down_to_of

    path = dd.db_path
    data: dict[str, Any] = {"path": str(path)}
    if not path.exists():
        return None, Check(L_("database"), FAIL, L_("{name} is missing", name=path.name),
                           fix=L_("start EduTeach once to create it; if lessons were here before, the folder may be the wrong one"), data=data)
    data["size_bytes"] = path.stat().st_size
    damaged_fix = (L_("close EduTeach, copy the whole data folder somewhere safe (the county may rescue records from it), then rename eduteach.sqlite3 to eduteach.sqlite3.damaged and start EduTeach: it makes a new database; then enroll again and `eduteach sync` (or sync --from the USB stick)"))
    try:
        db = Database.open_readonly(path)
    except StoreError as exc:
        return None, _unreadable(path, exc, damaged_fix, data)
    try:
        rows = [r[0] for r in db.query("PRAGMA integrity_check(20)")]
        version = int(db.query("PRAGMA user_version")[0][0])
    except StoreError as exc:
        db.close()
        return None, _unreadable(path, exc, damaged_fix, data)
    data.update(schema=version, app_schema=LATEST, integrity=rows[:20])
    if rows != ["ok"]:
        db.close()
        return None, Check(L_("database"), FAIL, L_("{name} is damaged (integrity check failed)", name=path.name),
                           [f"sqlite: {r}" for r in rows[:5]], fix=damaged_fix, data=data)
    if version > LATEST:
        with db.reading() as conn:
            compatible = compatible_down_to_of(conn)
        if compatible is not None and compatible <= LATEST:
            return db, Check(L_("database"), OK,
                             L_("intact; written by a newer EduTeach (schema {version}) whose changes this version (schema {latest}) can ignore, as after an update was rolled back", version=version, latest=LATEST), data=data)
        return db, Check(L_("database"), FAIL,
                           L_("written by a newer EduTeach (schema {version}, this one knows {latest})", version=version, latest=LATEST),
                           fix=L_("install the newer EduTeach again; an older one cannot use this data"),
                           data=data)
    note = "" if version == LATEST else L_("; it is upgraded from schema {version} at the next start", version=version)
    return db, Check(L_("database"), OK, L_("intact (integrity check ok, schema {latest}{note})", latest=LATEST, note=note),
                       [L_("{path} ({size})", path=path, size=format_size(data['size_bytes']))], data=data)


def _unreadable(path: Path, exc: StoreError, damaged_fix: str, data: dict[str, Any]) -> Check:
    data = dict(data, error=exc.code, sqlite=exc.details.get("sqlite"))
    if isinstance(exc, DatabaseLockedError):
        return Check(L_("database"), WARN, L_("{name} is busy (another program holds it); try again", name=path.name),
                     fix=L_("run doctor again in a minute; if it stays busy, restart the PC"), data=data)
    if isinstance(exc, DatabaseCorruptError):
        return Check(L_("database"), FAIL, L_("{name} is damaged and cannot be read", name=path.name),
                     fix=damaged_fix, data=data)
    return Check(L_("database"), FAIL, L_("{name} cannot be opened ({code})", name=path.name, code=exc.code),
                 fix=L_("check that this user may read the data folder and that the disk works"), data=data)


SECRET_UNREADABLE = "_secret_unreadable"


def read_settings(db: Database) -> dict[str, Any]:
    """The settings, with sealed secrets opened (store/secrets.py); never written back."""
    from eduteach_desktop.store.secrets import platform_box
    from eduteach_desktop.store.settings import Settings

    try:
        values, unreadable = Settings(db, platform_box()).snapshot()
    except (StoreError, ValueError):
        return {}
    if unreadable:
        values[SECRET_UNREADABLE] = True
    return values


def check_lessons(db: Database, dd: DataDir, full: bool) -> Check:
    from eduteach_desktop.store.blobs import hash_file, recorded_blobs
    from eduteach_desktop.store.library import catalog_version, lesson_count, titles_by_file

    try:
        active = catalog_version(db, "active")
        pending = catalog_version(db, "pending")
        blobs = recorded_blobs(db)
        titles = titles_by_file(db, active) if active is not None else {}
        lessons = lesson_count(db, active) if active is not None else 0
    except StoreError as exc:
        return Check(L_("lessons"), FAIL, L_("cannot read the lesson tables ({code})", code=exc.code),
                     fix=L_("see the database line above"))
    bad: list[str] = []
    total = 0
    for sha256, size in blobs:
        path = dd.blobs / sha256[:2] / sha256
        try:
            ok = path.stat().st_size == size
            if ok and full:
                ok = hash_file(path) == sha256
        except OSError:
            ok = False
        if ok:
            total += size
        else:
            bad.append(sha256)
    data = {"catalog_version": active,
            "pending_catalog_version": pending,
            "lessons": lessons, "files": len(blobs), "bytes": total,
            "bad_files": bad, "checked": "hash" if full else "size"}
    if not active:
        return Check(L_("lessons"), WARN, L_("no lessons yet (no catalogue)"), data=data,
                     fix=L_("`eduteach sync` (enrolled PC) or `eduteach sync --from <USB folder>`"))
    title = (L_("catalogue v{active}: {lessons} lessons, {files} files ({size}, {how})", active=active, lessons=lessons,
                files=len(blobs), size=format_size(total), how=L_("checked by hash") if full else L_("checked by size")))
    details = [L_("catalogue v{pending} is still downloading", pending=pending)] if pending else []
    if bad:
        hurt = sorted({t for sha in bad for t in titles.get(sha, {"(a file of an older catalogue)"})})
        details.append(L_("{n} file(s) missing or damaged, in: {lessons}", n=len(bad),
                          lessons=", ".join(hurt[:8]) + (" …" if len(hurt) > 8 else "")))
        return Check(L_("lessons"), FAIL, title, details, data=data,
                     fix=L_("run `eduteach verify --repair`, then `eduteach sync` (or sync --from the USB stick) to fetch those files again"))
    return Check(L_("lessons"), OK, title, details, data=data)


def check_records(db: Database, settings: dict[str, Any], clock: Clock) -> Check:
    from eduteach_desktop.records.outbox import Outbox
    from eduteach_desktop.records.uploader import said_reason
    from eduteach_desktop.store import settings as keys

    outbox = Outbox(db, clock)
    try:
        counts = outbox.counts()
        oldest = outbox.oldest_pending_at()
        skewed = outbox.skewed_pending_count()
        quarantined = outbox.quarantined()[:20]
    except StoreError as exc:
        return Check(L_("records"), FAIL, L_("cannot read the outbox ({code})", code=exc.code), fix=L_("see the database line"))
    pending, acked, quar = counts.pending, counts.acked, counts.quarantined
    data = {"pending": pending, "sent": acked, "quarantined": quar, "oldest_pending": oldest,
            "skewed_pending": skewed, "quarantined_ids": [q[0] for q in quarantined],
            "last_upload": settings.get(keys.LAST_UPLOAD)}
    title = L_("{pending} waiting, {acked} sent, {quar} refused by the hub", pending=pending, acked=acked, quar=quar)
    details = [L_("last upload: {when}", when=settings.get(keys.LAST_UPLOAD) or L_("never"))]
    if skewed:
        details.append(L_("{skewed} waiting record(s) were made while the clock was wrong (flagged)", skewed=skewed))
    for rid, reason in quarantined[:5]:
        details.append(L_("refused {rid}: {reason}", rid=rid, reason=said_reason(_short(reason))))
    oldest_at = _parse_time(oldest, None) if oldest else None
    if quar:
        return Check(L_("records"), WARN, title, details, data=data,
                     fix=L_("the county must look at the refused records (send this support bundle)"))
    if pending and oldest_at and (clock.now() - oldest_at).days > WAITING_TOO_LONG_DAYS:
        days = (clock.now() - oldest_at).days
        return Check(L_("records"), WARN, title, details + [L_("the oldest has waited {days} days", days=days)],
                     data=data,
                     fix=L_("connect the PC to the internet once (the app uploads by itself), or carry them: `eduteach records export E:\\` and import at the county"))
    return Check(L_("records"), OK, title, details, data=data)


