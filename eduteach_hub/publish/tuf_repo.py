"""Write and sign the static content repository with python-tuf's Metadata API.

The layout (eduteach_protocol.repo_layout) uses TUF consistent snapshots, so a repository
copied to a web server, a CDN, a USB stick or a satellite folder is valid as it stands.
Four Ed25519 keys, one per top-level role; timestamp and snapshot are re-signed on every
publish, so a client that sees an older version or an expired timestamp refuses it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_pem_private_key,
)
from securesystemslib.signer import CryptoSigner
from tuf.api.metadata import (
    Metadata,
    MetaFile,
    Root,
    Snapshot,
    TargetFile,
    Targets,
    Timestamp,
)
from tuf.api.serialization.json import JSONSerializer

from eduteach_protocol import durable
from eduteach_protocol.repo_layout import CATALOG_TARGET, METADATA_DIR, catalog_relpath

ROLES = ("root", "targets", "snapshot", "timestamp")


@dataclass(frozen=True)
class Expiry:
    """How long each role's signature stays valid. Timestamp is short: freeze protection."""

    root_days: int = 365 * 5
    targets_days: int = 365
    snapshot_days: int = 365
    timestamp_days: int = 30

    @classmethod
    def long_lived(cls, years: int = 30) -> Expiry:
        days = 365 * years
        return cls(days, days, days, days)


def generate_keys(keys_dir: Path) -> None:
    keys_dir.mkdir(parents=True, exist_ok=True)
    for role in ROLES:
        path = keys_dir / f"{role}.pem"
        if path.exists():
            raise FileExistsError(f"{path} exists; refusing to overwrite a signing key")
        pem = Ed25519PrivateKey.generate().private_bytes(
            Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()
        )
        # Durable, 0600 from the first byte: a key lost to a power cut after the repository
        # was signed with it could never sign again.
        durable.write_atomic(path, pem, mode=0o600)


def load_signer(keys_dir: Path, role: str) -> CryptoSigner:
    key = load_pem_private_key((keys_dir / f"{role}.pem").read_bytes(), password=None)
    return CryptoSigner(key)


class LazySigners:
    """Each role's key is read from keys_dir the first time that role signs.

    So root.pem can live offline: publishing and timestamp refreshes sign with targets,
    snapshot and timestamp only; reading metadata (describe) needs no key at all.
    """

    def __init__(self, keys_dir: Path):
        self.keys_dir = keys_dir
        self._loaded: dict[str, CryptoSigner] = {}

    def __getitem__(self, role: str) -> CryptoSigner:
        if role not in self._loaded:
            path = self.keys_dir / f"{role}.pem"
            if not path.is_file():
                raise FileNotFoundError(
                    f"{path}: the {role} key is needed for this step; bring it back from offline storage"
                )
            self._loaded[role] = load_signer(self.keys_dir, role)
        return self._loaded[role]


def _write_atomic(path: Path, data: bytes) -> None:
    durable.write_atomic(path, data)


class RepositoryWriter:
    """Owns the signed metadata of one repository folder."""

    def __init__(self, repo_dir: Path, keys_dir: Path, expiry: Expiry | None = None):
        self.repo_dir = repo_dir
        self.meta_dir = repo_dir / METADATA_DIR
        self.signers = LazySigners(keys_dir)
        self.expiry = expiry or Expiry()
        self._serializer = JSONSerializer(compact=False)

    def _expires(self, days: int) -> datetime:
        return (datetime.now(UTC) + timedelta(days=days)).replace(microsecond=0)

    def _sign_and_write(
        self, md: Metadata[Any], role: str, versioned: bool, plain: bool, signer: CryptoSigner | None = None
    ) -> None:
        md.signatures.clear()
        md.sign(signer or self.signers[role])
        data = md.to_bytes(self._serializer)
        if versioned:
            _write_atomic(self.meta_dir / f"{md.signed.version}.{role}.json", data)
        if plain:
            _write_atomic(self.meta_dir / f"{role}.json", data)

    def exists(self) -> bool:
        return (self.meta_dir / "root.json").is_file()

    def bootstrap(self) -> None:
        """Create version 1 of every role with an empty target list."""
        root = Root(expires=self._expires(self.expiry.root_days), consistent_snapshot=True)
        for role in ROLES:
            root.add_key(self.signers[role].public_key, role)
        self._sign_and_write(Metadata(root), "root", versioned=True, plain=True)
        targets = Targets(expires=self._expires(self.expiry.targets_days))
        self._sign_and_write(Metadata(targets), "targets", versioned=True, plain=False)
        self._write_snapshot_and_timestamp(targets.version, None)

    def _load(self, role: str) -> Metadata[Any]:
        if role in ("root", "timestamp"):
            return Metadata.from_file(str(self.meta_dir / f"{role}.json"))
        ts = Metadata[Timestamp].from_file(str(self.meta_dir / "timestamp.json"))
        snap_version = ts.signed.snapshot_meta.version
        snap = Metadata[Snapshot].from_file(str(self.meta_dir / f"{snap_version}.snapshot.json"))
        if role == "snapshot":
            return snap
        ver = snap.signed.meta[f"{role}.json"].version
        return Metadata.from_file(str(self.meta_dir / f"{ver}.{role}.json"))

    def _write_snapshot_and_timestamp(
        self, targets_version: int, prev_snapshot: Metadata[Any] | None, delegated: dict[str, int] | None = None
    ) -> None:
        snap_version = prev_snapshot.signed.version + 1 if prev_snapshot else 1
        # Delegated roles (apps, eduteach_hub/apps) keep their version unless this write changes it.
        meta = {name: MetaFile(version=m.version) for name, m in prev_snapshot.signed.meta.items()} if prev_snapshot else {}
        meta["targets.json"] = MetaFile(version=targets_version)
        for role, version in (delegated or {}).items():
            meta[f"{role}.json"] = MetaFile(version=version)
        snapshot = Snapshot(
            version=snap_version,
            expires=self._expires(self.expiry.snapshot_days),
            meta=meta,
        )
        self._sign_and_write(Metadata(snapshot), "snapshot", versioned=True, plain=False)
        ts_path = self.meta_dir / "timestamp.json"
        ts_version = self._load("timestamp").signed.version + 1 if ts_path.exists() else 1
        timestamp = Timestamp(
            version=ts_version,
            expires=self._expires(self.expiry.timestamp_days),
            snapshot_meta=MetaFile(version=snap_version),
        )
        # timestamp.json is written last: it is the entry point, so clients only ever see
        # a repository whose snapshot and targets are already in place.
        self._sign_and_write(Metadata(timestamp), "timestamp", versioned=False, plain=True)

    def current_catalog_bytes(self) -> bytes | None:
        targets = self._load("targets").signed
        info = targets.targets.get(CATALOG_TARGET)
        if info is None:
            return None
        return (self.repo_dir / catalog_relpath(info.hashes["sha256"])).read_bytes()

    def publish_catalog(self, catalog_bytes: bytes) -> None:
        """Make catalog_bytes the signed catalog (new targets, snapshot and timestamp)."""
        info = TargetFile.from_data(CATALOG_TARGET, catalog_bytes, ["sha256"])
        _write_atomic(self.repo_dir / catalog_relpath(info.hashes["sha256"]), catalog_bytes)
        targets_md = self._load("targets")
        prev_snapshot = self._load("snapshot")
        targets_md.signed.targets[CATALOG_TARGET] = info
        targets_md.signed.version += 1
        targets_md.signed.expires = self._expires(self.expiry.targets_days)
        self._sign_and_write(targets_md, "targets", versioned=True, plain=False)
        self._write_snapshot_and_timestamp(targets_md.signed.version, prev_snapshot)

    # --- delegated roles (eduteach_hub/apps signs the `apps` role through these) ---------

    def load(self, role: str) -> Metadata[Any]:
        """The current signed metadata of a role, top-level or delegated."""
        return self._load(role)

    def has_role(self, role: str) -> bool:
        return f"{role}.json" in self._load("snapshot").signed.meta

    def expires_in(self, role: str) -> datetime:
        days = {"root": self.expiry.root_days, "snapshot": self.expiry.snapshot_days,
                "timestamp": self.expiry.timestamp_days}.get(role, self.expiry.targets_days)
        return self._expires(days)

    def write_root(self, root_md: Metadata[Root]) -> None:
        """A new root version (the caller changed it and bumped its version): root key."""
        self._sign_and_write(root_md, "root", versioned=True, plain=True)

    def write_delegation(self, targets_md: Metadata[Targets], delegated: dict[str, Metadata[Targets]],
                         signers: dict[str, CryptoSigner]) -> None:
        """New top-level targets (signed with the targets key) and delegated roles (each
        with its own signer), then snapshot and timestamp."""
        prev_snapshot = self._load("snapshot")
        self._sign_and_write(targets_md, "targets", versioned=True, plain=False)
        versions = {}
        for role, md in delegated.items():
            self._sign_and_write(md, role, versioned=True, plain=False, signer=signers[role])
            versions[role] = md.signed.version
        self._write_snapshot_and_timestamp(targets_md.signed.version, prev_snapshot, versions)

    def write_delegated(self, role: str, md: Metadata[Targets]) -> None:
        """A delegated role's metadata, already signed by its own key (kept as signed:
        it may have been signed on another machine), then snapshot and timestamp."""
        prev_snapshot = self._load("snapshot")
        _write_atomic(self.meta_dir / f"{md.signed.version}.{role}.json", md.to_bytes(self._serializer))
        targets_version = prev_snapshot.signed.meta["targets.json"].version
        self._write_snapshot_and_timestamp(targets_version, prev_snapshot, {role: md.signed.version})

    def refresh_timestamp(self) -> int:
        """Re-sign the timestamp with a new expiry (run daily so clients never see it expire)."""
        ts = self._load("timestamp")
        ts.signed.version += 1
        ts.signed.expires = self._expires(self.expiry.timestamp_days)
        self._sign_and_write(ts, "timestamp", versioned=False, plain=True)
        return int(ts.signed.version)

    def root_bytes(self) -> bytes:
        return (self.meta_dir / "root.json").read_bytes()

    def describe(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for role in ROLES:
            md = self._load(role)
            out[role] = {"version": md.signed.version, "expires": md.signed.expires.isoformat()}
        catalog = self.current_catalog_bytes()
        out["catalog_version"] = json.loads(catalog)["version"] if catalog else None
        return out
