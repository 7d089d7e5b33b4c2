"""Verify a source's metadata with TUF (python-tuf ngclient) against our trusted root.

ngclient gives us the TUF client workflow: root rotation, signature thresholds, and
refusal of rolled-back versions, expired (frozen) metadata and mixed snapshots. Our job is
to feed it bytes from any Source and to keep its trusted state in the data dir.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tuf.api import exceptions as tuf_exc
from tuf.api.metadata import Metadata, Root, Snapshot, TargetFile, Timestamp
from tuf.ngclient import Updater, UpdaterConfig
from tuf.ngclient.fetcher import FetcherInterface

from eduteach_desktop.core.errors import (
    PermanentSourceError,
    SourceUnavailableError,
    SyncError,
    VerificationError,
)
from eduteach_protocol import durable, limits
from eduteach_protocol.app_release import (
    APPS_PREFIX,
    APPS_ROLE,
    AppRelease,
    AppReleaseError,
    trusted_releases,
)
from eduteach_protocol.catalog import Catalog, CatalogError
from eduteach_protocol.chunks import is_sha256_hex
from eduteach_protocol.cli_i18n import L_
from eduteach_protocol.repo_layout import CATALOG_TARGET, catalog_relpath

from .sources import NotFound, Source, TooLarge

_SCHEME = "eduteach-source:///"
_METADATA = "metadata/"
# python-tuf's per-role caps (the TUF specification leaves them to the client; these are
# UpdaterConfig's defaults, written out so they are visible here). Each metadata read stops
# there, before any JSON is parsed; snapshot and targets are capped by the length the
# parent role signed when it gives one.
TUF_LIMITS = UpdaterConfig(
    root_max_length=512_000,
    timestamp_max_length=16_384,
    snapshot_max_length=2_000_000,
    targets_max_length=5_000_000,
)


class SourceRefused(VerificationError):
    """A source's metadata or catalog was refused; the message says why in a technician's
    words, without the source (the report names it)."""

    code = "refused"


class RollbackError(SourceRefused):
    """The source offers metadata older than what we already trust."""

    code = "rollback"


class ExpiredError(SourceRefused):
    """The source's metadata has expired (it may be stale, or someone froze it)."""

    code = "expired"


class MixAndMatchError(SourceRefused):
    """Metadata files that do not belong together (versions or hashes disagree)."""

    code = "mix_and_match"


class UnknownKeyError(SourceRefused):
    """Signed by a key this PC's root does not name."""

    code = "unknown_key"


class OtherRepositoryError(SourceRefused):
    """A repository with another root: another county's, or another publisher's."""

    code = "other_repository"


class NotARepositoryError(SourceRefused):
    """No TUF metadata there at all: a wrong address, a web page, a captive portal."""

    code = "not_a_repository"


class DamagedRepositoryError(SourceRefused):
    """A repository with files missing or unreadable past its timestamp."""

    code = "damaged_repository"


class CatalogRefusedError(SourceRefused):
    """The catalog is signed, but breaks the format or its limits."""

    code = "catalog_refused"


class CatalogMismatchError(SourceRefused):
    """The catalog's bytes are not the ones the targets metadata signed."""

    code = "catalog_mismatch"


class NoCatalogError(SourceRefused):
    code = "no_catalog"


class AppsRefusedError(SourceRefused):
    """App packages offered without the pinned apps key's signature."""

    code = "apps_refused"


class _SourceFetcher(FetcherInterface):
    """Feeds python-tuf from any Source, each read capped by the length ngclient allows for
    that role, and remembers what it read so a refusal can be explained."""

    def __init__(self, source: Source):
        self.source = source
        self.last_error: SourceUnavailableError | None = None
        self.last_relpath = ""
        self.fetched: dict[str, bytes] = {}

    def download_bytes(self, url: str, max_length: int) -> bytes:
        relpath = url.removeprefix(_SCHEME)
        self.last_relpath = relpath
        try:
            data = self.source.read_small(relpath, max_length)
        except NotFound as exc:
            self.last_error = exc
            raise tuf_exc.DownloadHTTPError(str(exc), 404) from exc
        except SourceUnavailableError as exc:
            self.last_error = exc  # keeps details such as Retry-After for the engine
            raise tuf_exc.DownloadError(str(exc)) from exc
        self.fetched[relpath] = data
        return data

    def _fetch(self, url: str) -> Iterator[bytes]:
        # ngclient reads metadata through download_bytes; this path (target files) is not
        # used, and stays capped all the same.
        return iter([self.download_bytes(url, TUF_LIMITS.targets_max_length)])

    def phase(self) -> str:
        """The role being read when something failed: root, timestamp, snapshot or targets."""
        name = self.last_relpath.removeprefix(_METADATA)
        return name.rsplit(".", 2)[-2] if name.count(".") >= 1 else name

    def parsed(self, role: str) -> Metadata[Any] | None:
        for relpath in reversed(list(self.fetched)):
            if relpath.endswith(f"{role}.json"):
                try:
                    return Metadata.from_bytes(self.fetched[relpath])
                except Exception:  # noqa: BLE001 - unparseable is simply "not known"
                    return None
        return None


@dataclass(frozen=True)
class VerifiedCatalog:
    catalog: Catalog
    body: bytes
    sha256: str
    targets_version: int


class TrustStore:
    """The folder holding our trusted TUF metadata (root history and last-seen roles)."""

    def __init__(self, folder: Path, swap_step: Callable[[str], None] | None = None,
                 retry: durable.Retry = durable.DEFAULT_RETRY):
        self.folder = folder
        self._swap_step = swap_step  # a test hook between the steps of the folder swap
        self._retry = retry

    def has_root(self) -> bool:
        return (self.folder / "root.json").exists()

    def install_root(self, root_bytes: bytes) -> None:
        """Trust a new root (enrollment, or the bundled demo root). Forgets old state."""
        try:
            md = Metadata.from_bytes(root_bytes)
        except Exception as exc:
            raise VerificationError(L_("trust root is not valid TUF metadata: {exc}", exc=exc)) from exc
        if not isinstance(md.signed, Root):
            raise VerificationError(L_("trust root is not a root role"))
        md.signed.verify_delegate(Root.type, md.signed_bytes, md.signatures)
        self._swap_in_new_root(root_bytes)

    def _swap_in_new_root(self, root_bytes: bytes) -> None:
        """The new trust folder is built and fsynced beside the old one, then swapped in by
        rename: a power cut or an antivirus lock at any moment leaves the old root or the
        new one, never none (DataDir.acquire_writer_lock repairs an interrupted swap)."""
        staged = durable.staging_dir(self.folder)
        durable.write_atomic(staged / "root.json", root_bytes, retry=self._retry)
        durable.swap_dir(self.folder, retry=self._retry, step=self._swap_step)

    def root_fingerprint(self) -> str | None:
        if not self.has_root():
            return None
        md = Metadata.from_file(str(self.folder / "root.json"))
        keyids = sorted(md.signed.roles["root"].keyids)
        return f"v{md.signed.version}:" + ",".join(k[:12] for k in keyids)

    def _local_version(self, role: str) -> int | None:
        try:
            return int(Metadata.from_file(str(self.folder / f"{role}.json")).signed.version)
        except Exception:  # noqa: BLE001 - no trusted copy yet (or unreadable): nothing to compare
            return None

    def fetch_catalog(self, source: Source) -> VerifiedCatalog:
        """Refresh metadata from `source` and return its verified catalog.

        Every refusal is a SourceRefused subclass with a stable code and a sentence for a
        technician; a source that could not be read this time raises SourceUnavailableError
        (PermanentSourceError when asking again cannot help)."""
        updater, fetcher, before = self._updater(source)
        try:
            updater.refresh()
            info = updater.get_targetinfo(CATALOG_TARGET)
            targets_version = updater._trusted_set.targets.version  # noqa: SLF001 - no public accessor
        except (tuf_exc.RepositoryError, tuf_exc.DownloadError) as exc:
            raise self._refusal(exc, before, source, updater, fetcher) from exc
        if info is None:
            raise NoCatalogError(L_("this repository publishes no catalog yet (the county has to run eduteach-hub publish)"))
        return _read_catalog(source, info, targets_version)

    def fetch_app_releases(self, source: Source, platform: str) -> list[AppRelease]:
        """The app releases `source` offers, read only from the verified delegated `apps`
        role (eduteach_protocol/app_release.py): a package listed by the lesson key, or apps
        metadata signed by any key but the one root pins, is never offered. [] when the
        repository publishes no apps role."""
        updater, fetcher, before = self._updater(source)
        try:
            updater.refresh()
            # Looking up a path under apps/ makes ngclient load and verify the delegated role.
            updater.get_targetinfo(f"{APPS_PREFIX}{platform}/0.0.0/probe")
        except tuf_exc.UnsignedMetadataError as exc:
            if fetcher.phase() == APPS_ROLE:
                raise AppsRefusedError(
                    L_("its app packages are not signed by the county's apps key (signed by another key, such as the lesson key, or tampered with); no update from it is used")) from exc
            raise self._refusal(exc, before, source, updater, fetcher) from exc
        except (tuf_exc.RepositoryError, tuf_exc.DownloadError) as exc:
            raise self._refusal(exc, before, source, updater, fetcher) from exc
        trusted = updater._trusted_set  # noqa: SLF001 - no public accessor for a delegated role
        try:
            apps = trusted[APPS_ROLE]
        except KeyError:
            return []
        try:
            return trusted_releases(trusted.root.to_dict(), trusted.targets.to_dict(), apps.to_dict())
        except AppReleaseError as exc:
            raise AppsRefusedError(str(exc)) from exc

    def _updater(self, source: Source) -> tuple[Updater, _SourceFetcher, dict[str, int | None]]:
        if not self.has_root():
            raise SyncError(L_("no trust root: enroll with a hub or import the demo lessons first"))
        before = {role: self._local_version(role) for role in ("timestamp", "snapshot", "targets")}
        fetcher = _SourceFetcher(source)
        try:
            updater = Updater(
                metadata_dir=str(self.folder),
                metadata_base_url=_SCHEME + _METADATA,
                target_base_url=_SCHEME + "targets/",
                fetcher=fetcher,
                bootstrap=None,
                config=TUF_LIMITS,
            )
        except (OSError, tuf_exc.RepositoryError) as exc:  # our own trusted root, not the source's
            raise SyncError(L_("this PC's trusted root ({folder}) is unreadable; enroll again or re-import the demo lessons", folder=self.folder)) from exc
        return updater, fetcher, before

    def _refusal(self, exc: Exception, before: dict[str, int | None], source: Source, updater: Updater,
                 fetcher: _SourceFetcher) -> Exception:
        """A python-tuf failure in a technician's words (SourceRefused or SourceUnavailableError)."""
        if isinstance(exc, tuf_exc.ExpiredMetadataError):
            return ExpiredError(_expired(exc, updater, fetcher))
        if isinstance(exc, (tuf_exc.BadVersionNumberError, tuf_exc.LengthOrHashMismatchError)):
            rollback = _rollback(before, fetcher)
            if rollback:
                return RollbackError(
                    L_("it offers older metadata than this PC already has ({rollback}): an old copy, such as last term's stick; nothing from it is used", rollback=rollback))
            return MixAndMatchError(
                L_("its {phase} metadata is not the version or hash the rest of its metadata names: files from different publishes mixed together (a mix-and-match attack, or a half-copied repository); nothing from it is used", phase=fetcher.phase()))
        if isinstance(exc, tuf_exc.UnsignedMetadataError):
            return self._unsigned(exc, source, updater, fetcher)
        if isinstance(exc, tuf_exc.RepositoryError):
            return _malformed(fetcher)
        return _unreadable(fetcher, exc)

    def _unsigned(self, exc: Exception, source: Source, updater: Updater,
                  fetcher: _SourceFetcher) -> SourceRefused:
        """Another county's repository (different root keys), or one role signed by a key
        our root does not name."""
        ours = _root_keys(updater._trusted_set.root)  # noqa: SLF001
        theirs: set[str] | None = None
        role = fetcher.phase()
        try:
            if role == "root":  # the next root in its chain is not signed by ours
                md = fetcher.parsed("root")
            else:
                md = Metadata.from_bytes(source.read_small(_METADATA + "root.json", TUF_LIMITS.root_max_length))
            if md is not None and isinstance(md.signed, Root):
                theirs = _root_keys(md.signed)
        except Exception:  # noqa: BLE001 - no readable root: judge by the failing role alone
            theirs = None
        if theirs is not None and ours is not None and theirs != ours:
            return OtherRepositoryError(
                L_("this is another county's repository: its root keys ({theirs}) are not this PC's ({ours}); use a source made for this county, or enroll this PC with that county's hub", theirs=_fingerprint(theirs), ours=_fingerprint(ours)))
        return UnknownKeyError(
            L_("its {role} metadata is signed by a key this PC does not trust: it was tampered with or signed by someone else; do not use this source, and tell the county", role=role))


def _read_catalog(source: Source, info: TargetFile, targets_version: int) -> VerifiedCatalog:
    sha = info.hashes.get("sha256")
    if not is_sha256_hex(sha):
        raise CatalogRefusedError(L_("the signed catalog's hash is not a SHA-256 digest; nothing from it is used"))
    if info.length > limits.MAX_CATALOG_BYTES:
        raise CatalogRefusedError(
            L_("the signed catalog is {length} bytes (at most {limit}); nothing from it is used", length=info.length, limit=limits.MAX_CATALOG_BYTES))
    try:
        body = source.read_small(catalog_relpath(sha), info.length)
        info.verify_length_and_hashes(body)
    except (tuf_exc.LengthOrHashMismatchError, TooLarge) as exc:
        raise CatalogMismatchError(L_("its catalog does not match its signature (tampered or damaged); not used")) from exc
    except NotFound as exc:
        raise DamagedRepositoryError(L_("its signed catalog ({path}) is missing", path=catalog_relpath(sha))) from exc
    try:
        catalog = Catalog.from_bytes(body)
    except CatalogError as exc:
        raise CatalogRefusedError(
            L_("its signed catalog breaks the format's limits ({exc}); nothing from it is used; tell the county", exc=exc)) from exc
    return VerifiedCatalog(catalog=catalog, body=body, sha256=sha, targets_version=targets_version)


def _expired(exc: Exception, updater: Updater, fetcher: _SourceFetcher) -> str:
    text = str(exc)
    role = next((r for r in ("root", "timestamp", "snapshot", "targets") if r in text), "timestamp")
    trusted = updater._trusted_set.get(role)  # noqa: SLF001 - the expired role, if loaded
    expires = trusted.expires if trusted is not None else None
    if expires is None:
        md = fetcher.parsed(role)
        expires = md.signed.expires if md is not None else None
    when = f" on {expires:%Y-%m-%d %H:%M} UTC" if expires is not None else ""
    return (f"its signed {role} metadata expired{when}: the hub has not refreshed it, or this is an old "
            "copy; check this PC's date and time, then ask the county to run `eduteach-hub repo refresh`")


def _rollback(before: dict[str, int | None], fetcher: _SourceFetcher) -> str | None:
    """What is older than what we trusted before this refresh, if anything (a real rollback)."""
    ts = fetcher.parsed("timestamp")
    if ts is not None and isinstance(ts.signed, Timestamp):
        if before["timestamp"] is not None and ts.signed.version < before["timestamp"]:
            return f"timestamp v{ts.signed.version}, this PC has v{before['timestamp']}"
        if before["snapshot"] is not None and ts.signed.snapshot_meta.version < before["snapshot"]:
            return f"snapshot v{ts.signed.snapshot_meta.version}, this PC has v{before['snapshot']}"
    snap = fetcher.parsed("snapshot")
    if snap is not None and isinstance(snap.signed, Snapshot):
        meta = snap.signed.meta.get("targets.json")
        if meta is not None and before["targets"] is not None and meta.version < before["targets"]:
            return f"targets v{meta.version}, this PC has v{before['targets']}"
    return None


def _malformed(fetcher: _SourceFetcher) -> SourceRefused:
    phase = fetcher.phase()
    data = fetcher.fetched.get(fetcher.last_relpath, b"")
    page = data.lstrip()[:15].lower().startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body"))
    what = L_("a web page (a captive portal or a login page?)") if page else L_("something that is not signed metadata")
    if phase in ("root", "timestamp"):
        return NotARepositoryError(L_("this is not a lesson repository: {path} is {what}; check the address", path=fetcher.last_relpath, what=what))
    return DamagedRepositoryError(L_("{path} is {what}; the repository is damaged or half-copied", path=fetcher.last_relpath, what=what))


def _unreadable(fetcher: _SourceFetcher, exc: Exception) -> SourceUnavailableError | SourceRefused:
    err = fetcher.last_error
    phase = fetcher.phase()
    # NotFound's subclasses (a folder's link or FIFO at that name…) say why themselves.
    missing = isinstance(err, NotFound) and err.code == NotFound.code
    if (missing or isinstance(err, TooLarge)) and phase in ("root", "timestamp"):
        why = L_("is missing") if missing else L_("is far too large for signed metadata")
        return NotARepositoryError(
            L_("this is not a lesson repository: {path} {why}; check the address", path=fetcher.last_relpath, why=why))
    if missing:
        return DamagedRepositoryError(L_("{path} is missing; the repository is damaged or half-copied", path=fetcher.last_relpath))
    if isinstance(err, PermanentSourceError):
        return type(err)(str(err), **err.details)
    if err is not None:
        return SourceUnavailableError(str(err), **err.details)
    return SourceUnavailableError(L_("could not read its metadata"))


def _root_keys(root: Root | None) -> set[str] | None:
    return set(root.roles["root"].keyids) if root is not None else None


def _fingerprint(keys: set[str] | None) -> str:
    return ", ".join(k[:8] for k in sorted(keys)) if keys else "unknown"
