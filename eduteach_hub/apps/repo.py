"""The `apps` role in the hub's signed repository: set it up, and change what it lists.

Every change to `apps` (publish, promote, withdraw) is a new version of its metadata,
signed with the apps key. When that key is here (HOME/keys/apps.pem or --key), the change
is signed and published at once (snapshot and timestamp with the hub's online keys).
When it is not, the change waits unsigned in HOME/apps-pending.json; `app sign-request`
hands it to the machine that keeps the key, and `app import-signed` publishes the result
after checking it is signed by the delegated key and is exactly the change this hub asked
for. The format is eduteach_protocol.app_release.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
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
from tuf.api.exceptions import UnsignedMetadataError
from tuf.api.metadata import DelegatedRole, Delegations, Metadata, TargetFile, Targets
from tuf.api.serialization import DeserializationError
from tuf.api.serialization.json import JSONSerializer

from eduteach_hub.config import HubHome
from eduteach_protocol import durable, safefs
from eduteach_protocol.app_release import (
    APPS_PATH_PATTERN,
    APPS_ROLE,
    ROOT_APPS_KEYIDS_FIELD,
    WITHDRAWN_FIELD,
    AppRelease,
    AppReleaseError,
    app_relpath,
    app_target_path,
    check_channel,
    notes_problem,
    parse_version,
    release_from_target,
)
from eduteach_protocol.repo_layout import blob_relpath

APPS_KEY_NAME = "apps.pem"
PENDING_NAME = "apps-pending.json"


class AppsError(Exception):
    """An expected failure, said in one sentence for the technician."""


class KeyMissing(AppsError):
    """The apps key is not on this machine (the change can wait for offline signing)."""


def default_key_path(home: HubHome) -> Path:
    return home.keys_dir / APPS_KEY_NAME


def load_signer(path: Path) -> CryptoSigner:
    try:
        key = load_pem_private_key(path.read_bytes(), password=None)
    except FileNotFoundError:
        raise KeyMissing(f"{path}: the apps key is not on this machine") from None
    except (ValueError, TypeError):
        raise AppsError(f"{path} is not an unencrypted PEM private key") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise AppsError(f"{path} is not an Ed25519 key")
    return CryptoSigner(key)


def generate_key(path: Path) -> None:
    if path.exists():
        raise AppsError(f"{path} exists; refusing to overwrite a signing key")
    pem = Ed25519PrivateKey.generate().private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    durable.write_atomic(path, pem, mode=0o600)


def _now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


# --- setting the role up ---------------------------------------------------------------


def is_initialised(home: HubHome) -> bool:
    return home.writer().has_role(APPS_ROLE)


def init_apps(home: HubHome, key_path: Path | None = None) -> Path:
    """Delegate `apps` from targets to the apps key and pin that key in root.

    Needs the root, targets, snapshot and timestamp keys (root.pem back from offline
    storage for a home made before app updates). key_path: an existing apps key to use;
    without it a new one is made in HOME/keys/apps.pem. Returns the key's path.
    """
    writer = home.writer()
    if writer.has_role(APPS_ROLE):
        raise AppsError("this hub's repository already has the apps role")
    for role in ("root", "targets", "snapshot", "timestamp"):
        writer.signers[role]  # every key must be here before anything is written
    path = key_path or default_key_path(home)
    if key_path is None and not path.exists():
        generate_key(path)
    signer = load_signer(path)
    public = signer.public_key
    targets_md = writer.load("targets")
    targets = targets_md.signed
    if targets.delegations is None:
        targets.delegations = Delegations(keys={}, roles={})
    assert targets.delegations.roles is not None
    targets.delegations.keys[public.keyid] = public
    targets.delegations.roles[APPS_ROLE] = DelegatedRole(
        name=APPS_ROLE, keyids=[public.keyid], threshold=1, terminating=True, paths=[APPS_PATH_PATTERN]
    )
    targets.version += 1
    targets.expires = writer.expires_in("targets")
    apps_md = Metadata(Targets(version=1, expires=writer.expires_in(APPS_ROLE)))
    apps_md.signed.unrecognized_fields[WITHDRAWN_FIELD] = []
    root_md = writer.load("root")
    root_md.signed.unrecognized_fields[ROOT_APPS_KEYIDS_FIELD] = [public.keyid]
    root_md.signed.version += 1
    # Root first: a PC that sees the delegation must also be able to see the pin.
    writer.write_root(root_md)
    writer.write_delegation(targets_md, {APPS_ROLE: apps_md}, {APPS_ROLE: signer})
    return path


# --- reading ---------------------------------------------------------------------------


def _require(home: HubHome) -> None:
    if not is_initialised(home):
        raise AppsError("this hub's repository has no apps role yet; run `eduteach-hub app init` first")


def current(home: HubHome) -> Metadata[Targets]:
    _require(home)
    md: Metadata[Targets] = home.writer().load(APPS_ROLE)
    return md


def pending_path(home: HubHome) -> Path:
    return home.path / PENDING_NAME


def pending(home: HubHome) -> Metadata[Targets] | None:
    path = pending_path(home)
    if not path.is_file():
        return None
    try:
        return read_metadata(path.read_bytes(), str(path))
    except AppsError:
        raise AppsError(f"{path} is damaged; delete it and make the waiting change again") from None


def releases(md: Metadata[Targets]) -> list[AppRelease]:
    out = []
    for target_path, info in md.signed.targets.items():
        try:
            out.append(release_from_target(target_path, info.to_dict()))
        except AppReleaseError:
            continue
    return sorted(out, key=lambda r: (r.platform, r.version_tuple))


def withdrawn(md: Metadata[Targets]) -> list[str]:
    raw = md.signed.unrecognized_fields.get(WITHDRAWN_FIELD, [])
    return [str(x) for x in raw] if isinstance(raw, list) else []


# --- changing --------------------------------------------------------------------------


@dataclass(frozen=True)
class ChangeResult:
    signed: bool  # False: the change waits in apps-pending.json for offline signing
    apps_version: int


def _change(home: HubHome, key_path: Path | None, edit: Callable[[Metadata[Targets]], None]) -> ChangeResult:
    """Apply edit to the newest apps metadata (a pending change, or the published one),
    as the next version; sign and publish when the key is here, else keep it pending."""
    with home.repo_lock():
        published = current(home)
        base = pending(home) or Metadata.from_bytes(published.to_bytes())
        edit(base)
        base.signed.version = published.signed.version + 1
        base.signed.expires = home.writer().expires_in(APPS_ROLE)
        base.signatures.clear()
        try:
            signer = load_signer(key_path or default_key_path(home))
        except KeyMissing:
            if key_path is not None:
                raise
            durable.write_atomic(pending_path(home), base.to_bytes(JSONSerializer(compact=False)))
            return ChangeResult(signed=False, apps_version=base.signed.version)
        base.sign(signer)
        _publish_signed(home, base)
        return ChangeResult(signed=True, apps_version=base.signed.version)


def _publish_signed(home: HubHome, md: Metadata[Targets]) -> None:
    writer = home.writer()
    targets = writer.load("targets")
    try:
        targets.verify_delegate(APPS_ROLE, md)
    except UnsignedMetadataError:
        raise AppsError("the apps metadata is not signed by the key this repository delegates apps to") from None
    writer.write_delegated(APPS_ROLE, md)
    pending_path(home).unlink(missing_ok=True)


def _hash_file(path: Path) -> tuple[str, int]:
    hasher = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while block := fh.read(1024 * 1024):
            hasher.update(block)
            size += len(block)
    return hasher.hexdigest(), size


def _copy_checked(src: Path, repo_dir: Path, relpath: str, sha: str) -> None:
    """Copy src into the repository, keeping it only if it is still the file hashed."""
    hasher = hashlib.sha256()

    def blocks() -> Iterator[bytes]:
        with src.open("rb") as fh:
            while block := fh.read(1024 * 1024):
                hasher.update(block)
                yield block

    def same() -> None:
        if hasher.hexdigest() != sha:
            raise AppsError(f"{src} changed while it was being published; publish it again")

    safefs.write_file(repo_dir, relpath, blocks(), before_rename=same)


def publish_app(home: HubHome, package: Path, platform: str, version: str, channel: str, notes: str,
                key_path: Path | None = None) -> tuple[AppRelease, ChangeResult]:
    if not package.is_file():
        raise AppsError(f"{package}: no such file")
    check_channel(channel)
    problem = notes_problem(notes)
    if problem:
        raise AppsError(f"--notes {problem}")
    target_path = app_target_path(platform, version, package.name)
    _require(home)
    listed = pending(home) or current(home)
    for release in releases(listed):
        if release.platform == platform and release.version == version:
            raise AppsError(f"{platform} {version} is already published; give the new package a new version")
    if f"{platform}/{version}" in withdrawn(listed):
        raise AppsError(f"{platform} {version} was withdrawn; a version number is never reused, take a new one")
    sha, size = _hash_file(package)
    release = AppRelease(version=version, platform=platform, channel=channel, notes=notes,
                         published=_now_iso(), target_path=target_path, length=size, sha256=sha)
    # The bytes first (harmless until signed): a PC never sees a listed package missing.
    _copy_checked(package, home.repo_dir, app_relpath(target_path, sha), sha)
    blob = home.repo_dir / blob_relpath(sha)
    if not blob.exists():
        blob.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(home.repo_dir / app_relpath(target_path, sha), blob)
        except OSError:  # a file system without hard links: a second copy
            _copy_checked(package, home.repo_dir, blob_relpath(sha), sha)

    def add(md: Metadata[Targets]) -> None:
        md.signed.targets[target_path] = TargetFile(size, {"sha256": sha}, target_path,
                                                    unrecognized_fields={"custom": release.custom()})

    return release, _change(home, key_path, add)


def _find(md: Metadata[Targets], platform: str, version: str) -> AppRelease:
    parse_version(version)
    for release in releases(md):
        if release.platform == platform and release.version == version:
            return release
    raise AppsError(f"{platform} {version} is not published (see `eduteach-hub app list`)")


def promote(home: HubHome, platform: str, version: str, key_path: Path | None = None) -> ChangeResult:
    """Move a pilot version to stable: the same bytes, re-signed with channel stable."""
    _require(home)
    release = _find(pending(home) or current(home), platform, version)
    if release.channel == "stable":
        raise AppsError(f"{platform} {version} is already on the stable channel")

    def edit(md: Metadata[Targets]) -> None:
        info = md.signed.targets[release.target_path]
        custom: dict[str, Any] = info.unrecognized_fields["custom"]
        custom["eduteach_app"]["channel"] = "stable"

    return _change(home, key_path, edit)


def withdraw(home: HubHome, platform: str, version: str, key_path: Path | None = None) -> ChangeResult:
    """Remove a version from `apps`: no PC stages or applies it from then on."""
    _require(home)
    release = _find(pending(home) or current(home), platform, version)

    def edit(md: Metadata[Targets]) -> None:
        del md.signed.targets[release.target_path]
        md.signed.unrecognized_fields[WITHDRAWN_FIELD] = [*withdrawn(md), f"{platform}/{version}"]

    return _change(home, key_path, edit)


# --- offline signing --------------------------------------------------------------------


def sign_request(home: HubHome) -> bytes:
    """The waiting change, unsigned, for the machine that keeps the apps key."""
    md = pending(home)
    if md is None:
        raise AppsError("no apps change is waiting to be signed")
    return md.to_bytes(JSONSerializer(compact=False))


def read_metadata(data: bytes, what: str) -> Metadata[Targets]:
    try:
        md: Metadata[Any] = Metadata.from_bytes(data)
    except DeserializationError:
        raise AppsError(f"{what} is not TUF metadata") from None
    if not isinstance(md.signed, Targets):
        raise AppsError(f"{what} is not apps (targets) metadata")
    return md


def sign(request: bytes, key_path: Path) -> bytes:
    """Sign a request with the apps key (on the machine that keeps it)."""
    md = read_metadata(request, "the request")
    md.signatures.clear()
    md.sign(load_signer(key_path))
    return md.to_bytes(JSONSerializer(compact=False))


def import_signed(home: HubHome, data: bytes) -> Metadata[Targets]:
    """Publish signed apps metadata brought back from the key's machine. It must be the
    change waiting here (byte for byte in what it says) and signed by the delegated key."""
    md = read_metadata(data, "the signed file")
    with home.repo_lock():
        waiting = pending(home)
        if waiting is None:
            raise AppsError("no apps change is waiting here; the signed file is not for this hub's current state")
        if md.signed.to_dict() != waiting.signed.to_dict():
            raise AppsError("the signed file is not the change waiting here; make a new sign-request")
        _publish_signed(home, md)
    return md
