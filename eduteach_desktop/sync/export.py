"""`eduteach export PATH`: a repository of what this PC holds, valid for the next school.

The signed metadata is the one this PC trusts (copied from the TUF trust folder), so the
receiving PC verifies everything exactly as if it came from the hub. Only blobs that this
PC has verified are written; the receiving PC fetches anything missing elsewhere.

The stick is someone else's: a link planted at a name export writes (`metadata/`, a blob,
the catalog, a temporary name) must never send this PC's bytes, or an overwrite, anywhere
else. So export first refuses a stick whose repository layout holds any link or special
file, then writes every file through eduteach_protocol.safefs (folders created or
verified as real folders, temporary names created with O_CREAT|O_EXCL by the filesystem
layer, fsync, rename).
The folder the technician names is trusted, unless it is itself a link.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from eduteach_desktop.core.errors import SyncError
from eduteach_desktop.store.blobs import BlobStore
from eduteach_desktop.store.db import Database
from eduteach_desktop.store.library import LibraryStore
from eduteach_protocol import safefs
from eduteach_protocol.app_release import APPS_ROLE
from eduteach_protocol.catalog import Catalog
from eduteach_protocol.cli_i18n import L_
from eduteach_protocol.repo_layout import (
    BLOBS_DIR,
    CATALOG_TARGET,
    METADATA_DIR,
    TARGETS_DIR,
    blob_relpath,
    catalog_relpath,
)

from .trust import TrustStore


@dataclass
class ExportReport:
    catalog_version: int
    lessons: int
    lessons_complete: int
    blobs: int
    bytes: int


class ExportRefused(SyncError):
    """The stick holds links or special files where export writes; nothing was written."""

    code = "export_refused"


def _blocks(src: Path) -> Iterator[bytes]:
    with open(src, "rb") as fh:  # this PC's own verified files
        while block := fh.read(1024 * 1024):
            yield block


class _Stick:
    def __init__(self, root: Path):
        self.root = root

    def write(self, relpath: str, data: bytes | Path) -> int:
        try:
            return safefs.write_file(self.root, relpath,
                                     data if isinstance(data, bytes) else _blocks(data))
        except safefs.UnsafeFileError as exc:
            raise ExportRefused(L_("{root}: {exc}; nothing more was written (use an empty folder or remove it)", root=self.root, exc=exc)) from None
        except OSError as exc:  # a full or pulled stick: say so in one line
            raise SyncError(L_("cannot write {relpath} to {root}: {problem}; run export again to finish", relpath=relpath, root=self.root, problem=exc.strerror or exc)) from None

    def has(self, relpath: str, size: int) -> bool:
        try:
            st = os.lstat(self.root / relpath)
        except FileNotFoundError:
            return False
        return stat.S_ISREG(st.st_mode) and st.st_size == size


def _prepare(dest: Path) -> _Stick:
    # The folder named is trusted, but not a link planted under the name the technician
    # was told to type (`/media/usb/eduteach` → somewhere on this PC).
    if os.path.islink(dest):
        raise ExportRefused(L_("{dest} is a link; nothing was written (name the real folder, {real}, if that is where the export should go)", dest=dest, real=os.path.realpath(dest)))
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SyncError(L_("cannot create {dest}: {problem}", dest=dest, problem=exc.strerror or exc)) from None
    if not dest.is_dir():
        raise ExportRefused(L_("{dest} is not a folder", dest=dest))
    try:
        found = safefs.find_link(dest, [METADATA_DIR, TARGETS_DIR, BLOBS_DIR])
    except OSError as exc:
        raise ExportRefused(L_("{dest}: cannot look at what is there ({problem}); nothing was written", dest=dest, problem=exc.strerror or exc)) from None
    if found is not None:
        raise ExportRefused(L_("{dest}: {found!r} is a link or special file; export writes only to plain files and folders, so nothing was written (use an empty folder or remove it)", dest=dest, found=found))
    return _Stick(dest)


@dataclass
class TrustedRepository:
    """What this PC can hand on: the signed metadata it trusts (relpath → file or bytes),
    the catalog it names, and that catalog's hash. Used by export and by share."""

    metadata: dict[str, Path]
    timestamp: Path
    catalog: Catalog
    catalog_sha256: str
    catalog_body: bytes


def trusted_repository(trust: TrustStore, db: Database) -> TrustedRepository:
    tdir = trust.folder
    needed = [tdir / "timestamp.json", tdir / "snapshot.json", tdir / "targets.json"]
    if not all(p.exists() for p in needed):
        raise SyncError(L_("nothing to export yet: sync at least once"))
    targets = json.loads((tdir / "targets.json").read_bytes())["signed"]
    snapshot = json.loads((tdir / "snapshot.json").read_bytes())["signed"]
    info = targets["targets"].get(CATALOG_TARGET)
    if info is None:
        raise SyncError(L_("the trusted metadata lists no catalog"))
    sha = info["hashes"]["sha256"]
    row = db.query_one("SELECT body FROM catalogs WHERE sha256 = ?", (sha,))
    if row is None:
        raise SyncError(L_("this PC does not hold the catalog its metadata names; sync first"))
    body = bytes(row["body"])
    meta = METADATA_DIR
    files: dict[str, Path] = {}
    roots = sorted((tdir / "root_history").glob("*.root.json"))
    for root in roots:
        files[f"{meta}/{root.name}"] = root
    files[f"{meta}/root.json"] = max(roots, key=lambda p: int(p.name.split(".")[0]))
    files[f"{meta}/{snapshot['version']}.snapshot.json"] = tdir / "snapshot.json"
    files[f"{meta}/{targets['version']}.targets.json"] = tdir / "targets.json"
    return TrustedRepository(files, tdir / "timestamp.json", Catalog.from_bytes(body), sha, body)


def export_repository(trust: TrustStore, library: LibraryStore, blobs: BlobStore, db: Database,
                      dest: Path, app_packages: BlobStore | None = None) -> ExportReport:
    repo = trusted_repository(trust, db)
    catalog = repo.catalog
    stick = _prepare(dest)
    for relpath, path in repo.metadata.items():
        stick.write(relpath, path)
    stick.write(catalog_relpath(repo.catalog_sha256), repo.catalog_body)
    count = size = complete = 0
    for lesson in catalog.lessons:
        have_all = True
        for blob in sorted(lesson.blob_hashes()):
            if not blobs.has(blob):
                have_all = False
                continue
            src = blobs.path(blob)
            if not stick.has(blob_relpath(blob), src.stat().st_size):
                size += stick.write(blob_relpath(blob), src)
                count += 1
        complete += have_all
    _export_apps(stick, trust.folder, app_packages)
    # timestamp.json last: the entry point appears only once everything it names is there
    stick.write(f"{METADATA_DIR}/timestamp.json", repo.timestamp)
    return ExportReport(catalog.version, len(catalog.lessons), complete, count, size)


def _export_apps(stick: _Stick, tdir: Path, packages: BlobStore | None) -> None:
    """The delegated apps metadata this PC trusts, and every app package it holds that
    the metadata lists, so an update travels by stick like the lessons (docs/updates.md)."""
    apps = tdir / f"{APPS_ROLE}.json"
    if not apps.exists():
        return
    signed = json.loads(apps.read_bytes())["signed"]
    stick.write(f"{METADATA_DIR}/{signed['version']}.{APPS_ROLE}.json", apps)
    stick.write(f"{METADATA_DIR}/{APPS_ROLE}.json", apps)
    if packages is None:
        return
    for entry in signed.get("targets", {}).values():
        sha = entry.get("hashes", {}).get("sha256", "")
        if isinstance(sha, str) and packages.has(sha):
            src = packages.path(sha)
            if not stick.has(blob_relpath(sha), src.stat().st_size):
                stick.write(blob_relpath(sha), src)
