"""The DOWN sync: newest verified catalog from any source, then every missing blob, then
atomic activation. docs/sync.md describes the algorithm and its failure handling.

This module plans and finishes a run (catalog, what is missing, disk space, activation,
clean-up); the transfer itself is sync/transfer.py, the report sync/report.py."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from eduteach_desktop.core.clock import Clock
from eduteach_desktop.core.errors import (
    DiskFullError,
    EduTeachError,
    PermanentSourceError,
    SourceUnavailableError,
    SyncError,
)
from eduteach_desktop.store.blobs import BlobStore, free_bytes
from eduteach_desktop.store.library import LibraryStore
from eduteach_protocol.catalog import Catalog, Lesson
from eduteach_protocol.cli_i18n import L_
from eduteach_protocol.sizes import format_size

from .downloader import BlobSpec, Cancelled, LocalChunks, OutsideWindow
from .multisource import STALL_AFTER
from .overlap import Beside
from .policy import Backoff, RateLimiter, Schedule
from .progress import ProgressBoard
from .report import INCOMPLETE, PEER, REFUSED, STOPPED, UNREACHABLE, Problem, SyncReport
from .retry import RetryBudget
from .sources import Source
from .transfer import LessonBlobs, Transfer
from .trust import SourceRefused, TrustStore, VerifiedCatalog

# The report's names stay importable from here (the CLI, the app update and tests use them).
__all__ = ["DEFAULT_RESERVE_BYTES", "DEFAULT_RETRY_BUDGET", "INCOMPLETE", "PEER", "REFUSED", "STOPPED",
           "UNREACHABLE", "Problem", "SyncEngine", "SyncReport"]

DEFAULT_RESERVE_BYTES = 512 * 1024 * 1024
DEFAULT_RETRY_BUDGET = 600.0


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
        retry_budget: float = DEFAULT_RETRY_BUDGET,
        after_lessons: Callable[[SyncEngine, SyncReport], None] | None = None,
        lan_limiter: RateLimiter | None = None,
        wan_paused: Callable[[], bool] | None = None,
        stall_after: float = STALL_AFTER,
    ):
        if not sources:
            raise SyncError(L_("no source to sync from"))
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
        # The most one run waits, in total, between retries of sources that fail transiently
        # (all blobs and sources together): a dead server costs minutes, not hours.
        self.retry_budget = retry_budget
        self._budget = RetryBudget(retry_budget, self.sleep, self.cancel, self.progress)
        self._given_up: set[str] = set()
        # Work that comes after the lessons, with their sources, throttle and schedule
        # (the app update, update/fetch.py): lower priority than this week's lessons.
        self.after_lessons = after_lessons
        self._beside: Beside | None = None
        # The schedule, throttle and metered rules are the WAN's; PCs nearby have their own cap.
        self.lan_limiter = lan_limiter
        # Asked again and again during the run: true while the connection is metered (the
        # app's network monitor), when only PCs nearby and folders may be used.
        self.wan_paused = wan_paused or (lambda: False)
        # A source sharing a blob's chunks that sends nothing for this long loses them.
        self.stall_after = stall_after

    # --- metadata ----------------------------------------------------------------------
    def refresh_catalog(self, report: SyncReport) -> VerifiedCatalog | None:
        """Ask every source; keep the newest catalog that verifies."""
        self.progress.update(phase="metadata", message="")
        best: VerifiedCatalog | None = None
        for source in self.sources:
            if source.kind == "wan" and self.wan_paused():
                report.note_metered(source.label)
                continue
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
        if source.kind == "lan":
            return self._peer_catalog(source, report)
        attempts = 0
        while True:
            try:
                return self.trust.fetch_catalog(source)
            except SourceRefused as exc:
                report.add(exc.code, str(exc), source.label, REFUSED)
                return None
            except PermanentSourceError as exc:  # not found, too large, encoded, odd redirect…
                report.add(exc.code, str(exc), source.label, REFUSED)
                return None
            except SourceUnavailableError as exc:
                attempts += 1
                if not source.retry_transient:
                    report.add(exc.code, str(exc), source.label, UNREACHABLE)
                    return None
                if attempts > self.max_retries:
                    report.add("server_failing", f"gave up after {attempts} tries: {exc}", source.label, UNREACHABLE)
                    return None
                if not self._budget.wait(self.backoff.next_delay(exc.details.get("retry_after")),  # type: ignore[arg-type]
                                         exc, source, report, UNREACHABLE):
                    self._given_up.add(source.label)  # no time left to wait for it this run
                    return None
            except EduTeachError as exc:
                report.add(exc.code, str(exc), source.label, STOPPED)
                return None

    def _peer_catalog(self, source: Source, report: SyncReport) -> VerifiedCatalog | None:
        """A PC nearby offers its catalog like the hub, and is verified like the hub; but it
        is an extra, so what goes wrong with it never makes the sync fail: an older or
        refused catalog is reported, and its blobs may still fill ours (each is checked
        against our signed catalog's hashes)."""
        try:
            return self.trust.fetch_catalog(source)
        except EduTeachError as exc:
            report.add(getattr(exc, "code", "peer"), f"a PC nearby: {exc}", source.label, PEER)
            return None

    # --- content -----------------------------------------------------------------------
    def _specs(self, lessons: Sequence[Lesson]) -> LessonBlobs:
        out = []
        for lesson in lessons:
            out.append((lesson, [BlobSpec(f.sha256, f.size, f.index) for f in lesson.files]))
        return out

    def run(self) -> SyncReport:
        report = SyncReport()
        self._budget = RetryBudget(self.retry_budget, self.sleep, self.cancel, self.progress)
        self._given_up = set()
        if self._beside is not None:
            self._beside.wait()  # a previous run's update check, left when it was paused
            self._beside = None
        try:
            self._run_beside(report)
        except Cancelled:
            self.progress.update(phase="cancelled", message="")
            report.add("cancelled", "cancelled; what arrived is kept and the next sync resumes", kind=STOPPED)
        except OutsideWindow as exc:
            self.progress.update(phase="waiting", message=str(exc))
            report.add(exc.code, str(exc), kind=STOPPED)
        except EduTeachError as exc:
            self.progress.update(phase="failed", message=str(exc))
            report.add(exc.code, str(exc), kind=STOPPED)
        return report

    def _run_beside(self, report: SyncReport) -> None:
        try:
            self._run(report)
        finally:
            if self._beside is not None:
                self._beside.abandon()  # the lessons stopped early: a waiting update download goes too

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
                report.add("no_catalog", "no catalog available from any source", kind=STOPPED)
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
                L_("the lessons to fetch need {need} but only {free} are free ({reserve_bytes} is kept in reserve): free some space, or subscribe to fewer lessons", need=format_size(missing_bytes), free=format_size(free), reserve_bytes=format_size(self.reserve_bytes)),
                needed=missing_bytes,
                free=free,
            )
        board = self.progress
        board.update(
            phase="downloading", items_done=0, items_total=len(wanted),
            bytes_done=0, bytes_total=missing_bytes,
        )
        local = LocalChunks(self.blobs, target.max_chunk_size)
        active = self.library.active_catalog()
        if active is not None:
            for old in active.lessons:
                for f in old.files:
                    local.add_file(f.sha256, f.size, f.index)
        # The app-update check's metadata round trips go out now, beside the lessons; its
        # download waits for them (sync/overlap.py).
        beside = Beside(self, report, self.after_lessons) if self.after_lessons is not None else None
        self._beside = beside
        transfer = Transfer(self.sources, self.blobs, target.max_chunk_size, board, self.cancel, self._budget,
                            self.backoff, self.max_retries, self._given_up, limiter=self.limiter,
                            lan_limiter=self.lan_limiter, check_window=self._check_window,
                            wan_paused=self.wan_paused, stall_after=self.stall_after)
        try:
            transfer.run(specs, present, local, report)
        finally:
            report.bytes_by_source = dict(transfer.by_source)
            report.requests_ahead = transfer.depth.deepest
            report.bytes_fetched = transfer.fetched_bytes - transfer.reused_bytes
            report.bytes_reused = transfer.reused_bytes
        have = self.blobs.present({s.sha256 for _, ss in specs for s in ss})
        complete = sum(1 for _, ss in specs if all(s.sha256 in have for s in ss))
        board.update(items_done=complete)
        report.lessons_complete = complete

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
        if beside is not None:
            beside.finish(report)
