"""The DOWN sync: newest verified catalog from any source, then every missing blob, then
atomic activation. docs/sync.md describes the algorithm and its failure handling."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from eduteach_desktop.core.clock import Clock
from eduteach_desktop.core.errors import (
    DiskFullError,
    EduTeachError,
    SourceUnavailableError,
    SyncError,
    VerificationError,
)
from eduteach_desktop.store.blobs import BlobStore, free_bytes
from eduteach_desktop.store.library import LibraryStore
from eduteach_protocol.catalog import Catalog, Lesson

from .downloader import BlobDownloader, BlobSpec, Cancelled, LocalChunks, OutsideWindow
from .policy import Backoff, RateLimiter, Schedule
from .progress import ProgressBoard
from .sources import NotFound, Source
from .trust import RollbackError, TrustStore, VerifiedCatalog

DEFAULT_RESERVE_BYTES = 512 * 1024 * 1024


@dataclass
class SyncReport:
    catalog_version: int | None = None
    new_catalog: bool = False
    activated: bool = False
    lessons_wanted: int = 0
    lessons_complete: int = 0
    blobs_fetched: int = 0
    bytes_fetched: int = 0
    bytes_freed: int = 0
    bytes_reused: int = 0  # delta updates: chunks copied from older local files
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.lessons_complete == self.lessons_wanted and self.catalog_version is not None


class SyncEngine:
    def __init__(
        self,
        sources: Sequence[Source],
        library: LibraryStore,
        blobs: BlobStore,
        trust: TrustStore,
        clock: Clock,
        progress: ProgressBoard | None = None,
        cancel: threading.Event | None = None,
        reserve_bytes: int = DEFAULT_RESERVE_BYTES,
        limiter: RateLimiter | None = None,
        schedule: Schedule | None = None,
        backoff: Backoff | None = None,
        max_retries: int = 8,
        sleep: Callable[[float], object] | None = None,
        priority: Callable[[Lesson], int] | None = None,
    ):
        if not sources:
            raise SyncError("no source to sync from")
        self.sources = list(sources)
        self.library = library
        self.blobs = blobs
        self.trust = trust
        self.clock = clock
        self.progress = progress or ProgressBoard(clock.monotonic)
        self.cancel = cancel or threading.Event()
        self.reserve_bytes = reserve_bytes
        self.limiter = limiter
        self.schedule = schedule
        self.backoff = backoff or Backoff()
        self.max_retries = max_retries
        # Waiting is cancellable: a pause or quit never waits out a long backoff.
        self.sleep = sleep if sleep is not None else self.cancel.wait
        self.priority = priority
        self._local: LocalChunks | None = None

    # --- metadata ----------------------------------------------------------------------
    def refresh_catalog(self, report: SyncReport) -> VerifiedCatalog | None:
        """Ask every source; keep the newest catalog that verifies."""
        self.progress.update(phase="metadata", message="")
        best: VerifiedCatalog | None = None
        for source in self.sources:
            verified = self._catalog_from(source, report)
            if verified is None:
                continue
            if best is None or verified.catalog.version > best.catalog.version:
                best = verified
        if best is not None and best.catalog.version > self.library.highest_version():
            self.library.add_catalog(best.catalog, best.sha256, best.body, self.sources[0].label)
            report.new_catalog = True
        return best

    def _catalog_from(self, source: Source, report: SyncReport) -> VerifiedCatalog | None:
        attempts = 0
        while True:
            try:
                return self.trust.fetch_catalog(source)
            except RollbackError as exc:
                report.problems.append(f"older-metadata: {exc}")
                return None
            except NotFound as exc:
                report.problems.append(f"{exc.code}: {exc}")
                return None
            except SourceUnavailableError as exc:
                attempts += 1
                if not source.retry_transient or attempts > self.max_retries:
                    report.problems.append(f"server_failing: {source.label}: {exc}")
                    return None
                self.sleep(self.backoff.next_delay(exc.details.get("retry_after")))  # type: ignore[arg-type]
                if self.cancel.is_set():
                    raise Cancelled("cancelled") from exc
            except EduTeachError as exc:
                report.problems.append(f"{exc.code}: {exc}")
                return None

    # --- content -----------------------------------------------------------------------
    def _specs(self, lessons: Sequence[Lesson]) -> list[tuple[Lesson, list[BlobSpec]]]:
        out = []
        for lesson in lessons:
            out.append((lesson, [BlobSpec(f.sha256, f.size, f.index) for f in lesson.files]))
        return out

    def run(self) -> SyncReport:
        report = SyncReport()
        try:
            self._run(report)
        except Cancelled:
            self.progress.update(phase="cancelled", message="")
            report.problems.append("cancelled")
        except OutsideWindow as exc:
            self.progress.update(phase="waiting", message=str(exc))
            report.problems.append(f"{exc.code}: {exc}")
        except EduTeachError as exc:
            self.progress.update(phase="failed", message=str(exc))
            report.problems.append(f"{exc.code}: {exc}")
        return report

    def _check_window(self) -> None:
        if self.schedule is not None and not self.schedule.is_open():
            wait = self.schedule.seconds_until_open()
            raise OutsideWindow(
                f"outside the download window; it opens in {wait / 60:.0f} min", seconds=wait
            )

    def _run(self, report: SyncReport) -> None:
        self._check_window()
        self.refresh_catalog(report)
        first = self.library.pending_catalog()
        if first is not None and self.library.active_catalog() is None:
            # Nothing to replace (a PC's first county catalog, e.g. arriving by satellite over
            # days): activate it now, so each lesson is playable as soon as its files verify.
            self.library.activate(first.version)
            report.activated = True
        target: Catalog | None = self.library.pending_catalog() or self.library.active_catalog()
        if target is None:
            self.progress.update(phase="failed", message="no catalog")
            if not report.problems:
                report.problems.append("sync: no catalog available from any source")
            return
        report.catalog_version = target.version
        wanted = self.library.wanted(target)
        if self.priority is not None:
            wanted.sort(key=self.priority)  # stable: catalog order within a priority
        report.lessons_wanted = len(wanted)
        specs = self._specs(wanted)
        all_hashes = {s.sha256 for _, ss in specs for s in ss} | {
            s.index for _, ss in specs for s in ss if s.index
        }
        present = self.blobs.present(all_hashes)
        # Identical blobs are stored once: count each missing hash once.
        unique_missing = {s.sha256: s.size for _, ss in specs for s in ss if s.sha256 not in present}
        missing_bytes = sum(unique_missing.values())
        free = free_bytes(self.blobs.root)
        if missing_bytes and free - missing_bytes < self.reserve_bytes:
            raise DiskFullError(
                f"need {missing_bytes} bytes but only {free} are free (keeping {self.reserve_bytes} in reserve)",
                needed=missing_bytes,
                free=free,
            )
        board = self.progress
        board.update(
            phase="downloading", items_done=0, items_total=len(wanted),
            bytes_done=0, bytes_total=missing_bytes,
        )
        fetched_bytes = 0

        def on_bytes(n: int) -> None:
            nonlocal fetched_bytes
            fetched_bytes += n
            board.update(bytes_done=fetched_bytes)

        def throttle(n: int) -> None:
            if self.limiter is not None:
                self.limiter.consume(n)
            self._check_window()

        downloader = BlobDownloader(
            self.blobs, target.max_chunk_size, on_bytes=on_bytes, cancel=self.cancel, throttle=throttle
        )
        local = LocalChunks(self.blobs, target.max_chunk_size)
        active = self.library.active_catalog()
        if active is not None:
            for old in active.lessons:
                for f in old.files:
                    local.add_file(f.sha256, f.size, f.index)
        self._local = local
        complete = 0
        for lesson, blob_specs in specs:
            board.update(lesson_id=lesson.id, lesson_title=lesson.title)
            ok = True
            for spec in blob_specs:
                if spec.sha256 in present or self.blobs.has(spec.sha256):
                    continue
                if not self._fetch_from_any(downloader, spec, report):
                    ok = False
                    break
                report.blobs_fetched += 1
            if ok:
                complete += 1
            board.update(items_done=complete)
        report.lessons_complete = complete
        report.bytes_fetched = fetched_bytes - downloader.reused_bytes
        report.bytes_reused = downloader.reused_bytes

        pending = self.library.pending_catalog()
        if pending is not None and complete == len(wanted):
            board.update(phase="activating")
            self.library.activate(pending.version)
            report.activated = True
        active = self.library.active_catalog()
        if active is not None and (pending is None or report.activated):
            keep: set[str] = set()
            for lesson in self.library.wanted(active):
                keep |= lesson.blob_hashes()
            report.bytes_freed = self.blobs.collect_garbage(keep)
        board.update(phase="done" if complete == len(wanted) else "failed",
                     message="" if complete == len(wanted) else "some lessons could not be fetched")
        report.catalog_version = active.version if active else report.catalog_version

    def _fetch_from_any(self, downloader: BlobDownloader, spec: BlobSpec, report: SyncReport) -> bool:
        """Try each source in turn, retrying transient failures with backoff.

        A bad chunk from one source is taken from the next. Attempts only count while no
        progress is made, so a link that drops every few minutes never runs out of tries.
        """
        for source in self.sources:
            attempts = 0
            while True:
                if self.cancel.is_set():
                    raise Cancelled("cancelled")
                before = self.blobs.partial_state(spec.sha256).received
                try:
                    downloader.fetch(spec, source, self._local)
                    self.backoff.reset()
                    return True
                except (Cancelled, OutsideWindow, DiskFullError):
                    raise
                except OSError as exc:
                    from eduteach_desktop.store.db import translate

                    err = translate(exc)
                    if isinstance(err, DiskFullError):
                        raise err from exc
                    report.problems.append(f"io: {exc}")
                    break
                except (VerificationError, NotFound) as exc:
                    report.problems.append(f"{exc.code}: {exc}")
                    break
                except SourceUnavailableError as exc:
                    if self.blobs.partial_state(spec.sha256).received > before:
                        attempts = 0
                        self.backoff.reset()
                    attempts += 1
                    if not source.retry_transient:
                        report.problems.append(f"incomplete: {source.label}: {exc}")
                        break
                    if attempts > self.max_retries:
                        report.problems.append(f"server_failing: {source.label}: {exc}")
                        break
                    delay = self.backoff.next_delay(exc.details.get("retry_after"))  # type: ignore[arg-type]
                    self.progress.update(message=f"retrying in {delay:.0f} s: {exc}")
                    self.sleep(delay)
        return False
