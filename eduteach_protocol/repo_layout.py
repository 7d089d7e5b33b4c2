"""Where things live in a content repository (the same on a web server, a USB stick or a
satellite receive folder).

    <repo>/metadata/root.json, N.root.json       TUF root (trust anchor, key rotation)
    <repo>/metadata/timestamp.json               short-lived, points at the snapshot
    <repo>/metadata/N.snapshot.json               versions of all targets metadata
    <repo>/metadata/N.targets.json                lists catalog.json with length and hash
    <repo>/targets/<sha256>.catalog.json         the lesson catalog (consistent snapshot)
    <repo>/blobs/<aa>/<sha256>                   media files and chunk indexes, by content
"""

from __future__ import annotations

from .chunks import is_sha256_hex

CATALOG_TARGET = "catalog.json"
METADATA_DIR = "metadata"
TARGETS_DIR = "targets"
BLOBS_DIR = "blobs"


def blob_relpath(sha256: str) -> str:
    """Relative path of a blob inside a repository (fan-out keeps folders small on FAT32)."""
    _check(sha256)
    return f"{BLOBS_DIR}/{sha256[:2]}/{sha256}"


def catalog_relpath(sha256: str) -> str:
    _check(sha256)
    return f"{TARGETS_DIR}/{sha256}.{CATALOG_TARGET}"


def _check(sha256: str) -> None:
    # Hashes come from signed metadata, but a signature does not make "../../x" a hash:
    # nothing that is not 64 lowercase hex digits ever becomes a path.
    if not is_sha256_hex(sha256):
        raise ValueError(f"{str(sha256)[:80]!r} is not a SHA-256 hex digest")
