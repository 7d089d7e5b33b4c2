"""`eduteach export PATH`: a repository of what this PC holds, valid for the next school.

The signed metadata is the one this PC trusts (copied from the TUF trust folder), so the
receiving PC verifies everything exactly as if it came from the hub. Only blobs that this
PC has verified are written; the receiving PC fetches anything missing elsewhere.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from eduteach_desktop.core.errors import SyncError
from eduteach_desktop.store.blobs import BlobStore
from eduteach_desktop.store.db import Database
from eduteach_desktop.store.library import LibraryStore
from eduteach_protocol.catalog import Catalog
from eduteach_protocol.repo_layout import CATALOG_TARGET, blob_relpath, catalog_relpath

from .trust import TrustStore


@dataclass
class ExportReport:
    catalog_version: int
    lessons: int
    lessons_complete: int
    blobs: int
    bytes: int


def _copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(dst.name + ".tmp")
    shutil.copyfile(src, tmp)
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, dst)


def export_repository(trust: TrustStore, library: LibraryStore, blobs: BlobStore, db: Database,
                      dest: Path) -> ExportReport:
    tdir = trust.folder
    needed = [tdir / "timestamp.json", tdir / "snapshot.json", tdir / "targets.json"]
    if not all(p.exists() for p in needed):
        raise SyncError("nothing to export yet: sync at least once")
    targets = json.loads((tdir / "targets.json").read_bytes())["signed"]
    snapshot = json.loads((tdir / "snapshot.json").read_bytes())["signed"]
    info = targets["targets"].get(CATALOG_TARGET)
    if info is None:
        raise SyncError("the trusted metadata lists no catalog")
    sha = info["hashes"]["sha256"]
    row = db.query_one("SELECT body FROM catalogs WHERE sha256 = ?", (sha,))
    if row is None:
        raise SyncError("this PC does not hold the catalog its metadata names; sync first")
    body = bytes(row["body"])
    catalog = Catalog.from_bytes(body)

    meta = dest / "metadata"
    meta.mkdir(parents=True, exist_ok=True)
    for root in sorted((tdir / "root_history").glob("*.root.json")):
        _copy(root, meta / root.name)
    latest_root = max((tdir / "root_history").glob("*.root.json"), key=lambda p: int(p.name.split(".")[0]))
    _copy(latest_root, meta / "root.json")
    _copy(tdir / "snapshot.json", meta / f"{snapshot['version']}.snapshot.json")
    _copy(tdir / "targets.json", meta / f"{targets['version']}.targets.json")
    cat_path = dest / catalog_relpath(sha)
    cat_path.parent.mkdir(parents=True, exist_ok=True)
    cat_path.write_bytes(body)
    count = size = complete = 0
    for lesson in catalog.lessons:
        have_all = True
        for blob in sorted(lesson.blob_hashes()):
            if not blobs.has(blob):
                have_all = False
                continue
            out = dest / blob_relpath(blob)
            if not out.exists():
                _copy(blobs.path(blob), out)
                count += 1
                size += out.stat().st_size
        complete += have_all
    # timestamp.json last: the entry point appears only once everything it names is there
    _copy(tdir / "timestamp.json", meta / "timestamp.json")
    return ExportReport(catalog.version, len(catalog.lessons), complete, count, size)
