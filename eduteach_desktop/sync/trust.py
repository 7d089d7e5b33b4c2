"""Verify a source's metadata with TUF (python-tuf ngclient) against our trusted root.

ngclient gives us the TUF client workflow: root rotation, signature thresholds, and
refusal of rolled-back versions, expired (frozen) metadata and mixed snapshots. Our job is
to feed it bytes from any Source and to keep its trusted state in the data dir.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tuf.api import exceptions as tuf_exc
from tuf.api.metadata import Metadata, Root
from tuf.ngclient import Updater
from tuf.ngclient.fetcher import FetcherInterface

from eduteach_desktop.core.errors import SourceUnavailableError, SyncError, VerificationError
from eduteach_protocol import durable
from eduteach_protocol.catalog import Catalog, CatalogError
from eduteach_protocol.repo_layout import CATALOG_TARGET, catalog_relpath

from .sources import NotFound, Source, TooLarge

_SCHEME = "eduteach-source:///"
MAX_CATALOG_BYTES = 64 * 1024 * 1024


class RollbackError(VerificationError):
    """The source offers metadata older than what we already trust."""

    code = "rollback"


class ExpiredError(VerificationError):
    """The source's metadata has expired (it may be stale, or someone froze it)."""

    code = "expired"


class _SourceFetcher(FetcherInterface):
    def __init__(self, source: Source):
        self.source = source
        self.last_error: SourceUnavailableError | None = None

    def _fetch(self, url: str) -> Iterator[bytes]:
        relpath = url.removeprefix(_SCHEME)
        try:
            data = self.source.read_small(relpath, MAX_CATALOG_BYTES)
        except NotFound as exc:
            raise tuf_exc.DownloadHTTPError(str(exc), 404) from exc
        except SourceUnavailableError as exc:
            self.last_error = exc  # keeps details such as Retry-After for the engine
            raise tuf_exc.DownloadError(str(exc)) from exc
        return iter([data])


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
            raise VerificationError(f"trust root is not valid TUF metadata: {exc}") from exc
        if not isinstance(md.signed, Root):
            raise VerificationError("trust root is not a root role")
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

    def fetch_catalog(self, source: Source) -> VerifiedCatalog:
        """Refresh metadata from `source` and return its verified catalog."""
        if not self.has_root():
            raise SyncError("no trust root: enroll with a hub or import the demo lessons first")
        fetcher = _SourceFetcher(source)
        try:
            updater = Updater(
                metadata_dir=str(self.folder),
                metadata_base_url=_SCHEME + "metadata/",
                target_base_url=_SCHEME + "targets/",
                fetcher=fetcher,
                bootstrap=None,
            )
            updater.refresh()
            info = updater.get_targetinfo(CATALOG_TARGET)
            targets_version = updater._trusted_set.targets.version  # noqa: SLF001 - no public accessor
        except tuf_exc.BadVersionNumberError as exc:
            raise RollbackError(f"{source.label} offers an older catalog than this PC has ({exc})") from exc
        except tuf_exc.ExpiredMetadataError as exc:
            raise ExpiredError(f"{source.label} has expired metadata ({exc})") from exc
        except tuf_exc.RepositoryError as exc:
            raise VerificationError(f"{source.label} failed signature checks: {exc}") from exc
        except tuf_exc.DownloadError as exc:
            details = fetcher.last_error.details if fetcher.last_error else {}
            raise SourceUnavailableError(f"{source.label}: {exc}", **details) from exc
        if info is None:
            raise SyncError(f"{source.label} publishes no catalog yet")
        sha = info.hashes.get("sha256")
        if not sha:
            raise VerificationError("catalog target has no sha256")
        try:
            body = source.read_small(catalog_relpath(sha), info.length)
            info.verify_length_and_hashes(body)
        except (tuf_exc.LengthOrHashMismatchError, TooLarge) as exc:
            raise VerificationError(f"catalog from {source.label} does not match its signature") from exc
        try:
            catalog = Catalog.from_bytes(body)
        except CatalogError as exc:
            raise VerificationError(f"signed catalog is malformed: {exc}") from exc
        return VerifiedCatalog(catalog=catalog, body=body, sha256=sha, targets_version=targets_version)
