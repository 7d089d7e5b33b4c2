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
    PermanentSourceError,
    SourceUnavailableError,
    SyncError,
    VerificationError,
)
from eduteach_desktop.store.blobs import BlobStore, free_bytes
from eduteach_desktop.store.library import LibraryStore
from eduteach_protocol.catalog import Catalog, Lesson
from eduteach_protocol.chunks import IndexError_, parse_index
from eduteach_protocol.cli_i18n import L_
from eduteach_protocol.repo_layout import blob_relpath
from eduteach_protocol.sizes import format_size

from .downloader import (
    BlobDownloader,
    BlobSpec,
    Cancelled,
    ChunkMismatch,
    LocalChunks,
    OutsideWindow,
)
from .finisher import Finished, Finisher
from .policy import Backoff, RateLimiter, Schedule
from .progress import ProgressBoard
from .sources import HttpSource, Source
from .trust import SourceRefused, TrustStore, VerifiedCatalog

DEFAULT_RESERVE_BYTES = 512 * 1024 * 1024
DEFAULT_RETRY_BUDGET = 600.0


# What a problem means for the sync as a whole (docs/sync.md, "What a PC refuses").
REFUSED = "refused"  # a source's metadata or catalog was refused: nothing from it is used
UNREACHABLE = "unreachable"  # a source could not be checked this time (network, server)
STOPPED = "stopped"  # the sync itself stopped: cancelled, outside its window, disk full
INCOMPLETE = "incomplete"  # a file did not come from one source (maybe from another)
PEER = "peer"  # a PC nearby was refused, unreachable or dropped: the hub is the fallback

# One request is always kept ahead of the one being read (no WAN cap); where the round trip
# is this long (satellite IP), more while the blobs ahead are small (up to MAX_AHEAD, each
# on its own connection).
PIPELINE_RTT = 0.6
MAX_AHEAD = 8
AHEAD_BYTES = 512 * 1024
# Blobs fetched from LAN and folder sources before the hub (the scarce link).
_ORDER = {"local": 0, "lan": 1, "wan": 2}


class Problem(str):
    """One thing that went wrong, with a stable code, the source and a technician's sentence.

    It is also the text "code: source: message", so callers that show problems as lines
    (the app's dialogs, the last-sync setting) need nothing else.
    """

    code: str
    source: str
    message: str
    kind: str

    def __new__(cls, code: str, message: str, source: str = "", kind: str = INCOMPLETE) -> Problem:
        self = super().__new__(cls, f"{code}: {source}: {message}" if source else f"{code}: {message}")
        self.code, self.source, self.message, self.kind = code, source, message, kind
        return self

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "kind": self.kind, "source": self.source, "message": self.message}


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
    bytes_by_source: dict[str, int] = field(default_factory=dict)  # where the bytes came from
    problems: list[Problem] = field(default_factory=list)

    def add(self, code: str, message: str, source: str = "", kind: str = INCOMPLETE) -> Problem:
        problem = Problem(code, message, source, kind)
        self.problems.append(problem)
        return problem

    @property
    def complete(self) -> bool:
        """Every wanted lesson of the newest verified catalog is on this PC."""
        return self.lessons_complete == self.lessons_wanted and self.catalog_version is not None

    @property
    def refused(self) -> list[Problem]:
        return [p for p in self.problems if p.kind == REFUSED]

    @property
    def ok(self) -> bool:
        """Complete, and every source was checked and accepted. A refused or unreachable
        source is not ok even when the lessons already here are complete: the PC could not
        learn whether there is something newer, and someone should know why."""
        return self.complete and not any(p.kind in (REFUSED, UNREACHABLE, STOPPED) for p in self.problems)

    def to_dict(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "complete": self.complete,
            "catalog_version": self.catalog_version,
            "new_catalog": self.new_catalog,
            "activated": self.activated,
            "lessons_wanted": self.lessons_wanted,
            "lessons_complete": self.lessons_complete,
            "blobs_fetched": self.blobs_fetched,
            "bytes_fetched": self.bytes_fetched,
            "bytes_reused": self.bytes_reused,
            "bytes_freed": self.bytes_freed,
            "bytes_by_source": dict(self.bytes_by_source),
            "problems": [p.to_dict() for p in self.problems],
        }


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
        self._waited = 0.0
        self._given_up: set[str] = set()
        self._local: LocalChunks | None = None
        # Work that comes after the lessons, with their sources, throttle and schedule
        # (the app update, update/fetch.py): lower priority than this week's lessons.
        self.after_lessons = after_lessons
        # The schedule, throttle and metered rules are the WAN's; PCs nearby have their own cap.
        self.lan_limiter = lan_limiter
        # Sources that sent bytes failing their signed hash: not asked again in this run.
        self._dropped: set[str] = set()
        self._by_source: dict[str, int] = {}
        self._kinds: dict[str, str] = {}
        self._current: Source | None = None

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
                if not self._wait(self.backoff.next_delay(exc.details.get("retry_after")), exc,  # type: ignore[arg-type]
                                  source, report, UNREACHABLE):
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

    def _wait(self, delay: float, exc: Exception, source: Source, report: SyncReport, kind: str) -> bool:
        """Sleep before a retry if this run's retry budget allows it; else report and say no."""
        if self._waited + delay > self.retry_budget:
            report.add(
                "retry_budget",
                f"gave up: this sync has waited {_duration(self._waited)} for failing sources and would wait "
                f"{_duration(delay)} more (its budget is {_duration(self.retry_budget)}); last error: {exc}",
                source.label, kind,
            )
            return False
        self._waited += delay
        self.progress.update(message=f"retrying in {delay:.0f} s: {exc}")
        self.sleep(delay)
        if self.cancel.is_set():
            raise Cancelled("cancelled")
        return True

    # --- content -----------------------------------------------------------------------
    def _specs(self, lessons: Sequence[Lesson]) -> list[tuple[Lesson, list[BlobSpec]]]:
        out = []
        for lesson in lessons:
            out.append((lesson, [BlobSpec(f.sha256, f.size, f.index) for f in lesson.files]))
        return out

    def run(self) -> SyncReport:
        report = SyncReport()
        self._waited = 0.0
        self._given_up = set()
        self._dropped = set()
        self._by_source = {}
        try:
            self._run(report)
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
        fetched_bytes = 0

        def on_bytes(n: int) -> None:
            nonlocal fetched_bytes
            fetched_bytes += n
            source = self._current
            if source is not None:
                self._by_source[source.label] = self._by_source.get(source.label, 0) + n
                self._kinds[source.label] = source.kind
            board.update(bytes_done=fetched_bytes,
                         by_source=tuple((label, self._kinds[label], n) for label, n in self._by_source.items()))

        def throttle(n: int) -> None:
            source = self._current
            if source is not None and source.kind == "lan":
                if self.lan_limiter is not None:
                    self.lan_limiter.consume(n)
                return
            if source is not None and source.kind == "local":
                return
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
        todo = [spec for _, ss in specs for spec in ss if spec.sha256 not in present]
        self._fetch_indexes(downloader, todo, report)
        finisher = Finisher(self.blobs)
        failed: set[str] = set()
        # Blobs in fetch order, so the next few can be asked for ahead on a long round trip.
        unique: dict[str, BlobSpec] = {}
        for _, ss in specs:
            for spec in ss:
                if spec.sha256 not in present and spec.size > 0:
                    unique.setdefault(spec.sha256, spec)
        order = list(unique.values())
        position = {spec.sha256: i for i, spec in enumerate(order)}
        downloader.on_response = lambda: self._collect(finisher.drain(), failed, report)
        try:
            for lesson, blob_specs in specs:
                board.update(lesson_id=lesson.id, lesson_title=lesson.title)
                for spec in blob_specs:
                    self._collect(finisher.drain(), failed, report)
                    if spec.sha256 in present or finisher.pending(spec.sha256) or spec.sha256 in failed:
                        continue
                    if self.blobs.has(spec.sha256):
                        continue
                    at = position.get(spec.sha256, len(order))
                    if not self._fetch_from_any(downloader, spec, report, finisher, order[at + 1:at + 1 + MAX_AHEAD]):
                        failed.add(spec.sha256)
                        continue
                    report.blobs_fetched += 1
                board.update(items_done=self._count_complete(specs, present, finisher, failed, stop=lesson))
        finally:
            self._collect(finisher.drain(wait=True), failed, report)
            finisher.close()
            for source in self.sources:
                if isinstance(source, HttpSource):
                    source.close_preopened()
        have = self.blobs.present({s.sha256 for _, ss in specs for s in ss})
        complete = sum(1 for _, ss in specs if all(s.sha256 in have for s in ss))
        board.update(items_done=complete)
        report.lessons_complete = complete
        report.bytes_by_source = dict(self._by_source)
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
        if self.after_lessons is not None:
            self.after_lessons(self, report)

    def _collect(self, finished: list[Finished], failed: set[str], report: SyncReport) -> None:
        for item in finished:
            if not item.ok:
                failed.add(item.spec.sha256)
                report.add("verification", f"blob {item.spec.sha256[:12]} failed its final check; "
                           "it was not installed and is fetched again next time")

    @staticmethod
    def _count_complete(specs: list[tuple[Lesson, list[BlobSpec]]], present: set[str], finisher: Finisher,
                        failed: set[str], stop: Lesson) -> int:
        """Lessons up to `stop` whose blobs are here or being finished (for the progress bar)."""
        done = 0
        for lesson, ss in specs:
            if all(s.sha256 not in failed for s in ss):
                done += 1
            if lesson is stop:
                break
        return done

    def _ordered(self) -> list[Source]:
        """Folders and PCs nearby first; the hub (the scarce county link) is the fallback."""
        return sorted((s for s in self.sources if s.label not in self._dropped), key=lambda s: _ORDER.get(s.kind, 2))

    def _fetch_indexes(self, downloader: BlobDownloader, todo: list[BlobSpec], report: SyncReport) -> None:
        """Plan phase: fetch every missing chunk index now, back to back, so the transfer
        phase asks only for media and the link never idles for an index between two blobs.
        A failure here is not reported, and a source that fails once is not asked again in
        this phase: the blob's own fetch tries every source again, with its retry rules."""
        failing: set[str] = set()
        for spec in todo:
            if spec.index is None or self.blobs.has(spec.index) or self.cancel.is_set():
                continue
            for source in self._ordered():
                if source.label in failing:
                    continue
                self._current = source
                try:
                    downloader.chunks(spec, source)
                    break
                except (VerificationError, EduTeachError, OSError):
                    failing.add(source.label)

    def _pipeline(self, source: Source, upcoming: Sequence[BlobSpec]) -> None:
        """Ask for the next blob before this one ends, on a second connection, so the link
        never idles for a request's round trip between two files: one request ahead, and
        on a long round trip (>= PIPELINE_RTT, measured from the responses) more while the
        blobs ahead are smaller than what the link carries in one round trip (MAX_AHEAD).

        Not with a WAN bandwidth cap: a response asked for early is pushed into this PC's
        socket buffer at the link's full speed before anyone reads (and throttles) it. Only
        blobs fetched whole from the start (no partial, no local chunks to reuse), in order."""
        if not upcoming or not isinstance(source, HttpSource) or source.kind == "local":
            return
        cap = self.limiter if source.kind == "wan" else self.lan_limiter
        if cap is not None and cap.rate is not None:
            return
        rtt = source.rtt
        if rtt is None:
            return  # nothing measured yet: the first response tells
        # On a long round trip keep asked-for bytes ahead of what the link carries in two
        # round trips at the recent rate, and at least AHEAD_BYTES (a rate measured while the
        # pipeline was still shallow understates the link).
        ahead_wanted = max(AHEAD_BYTES, 2 * self.progress.latest().rate * rtt) if rtt >= PIPELINE_RTT else 1.0
        ahead = 0
        for nxt in upcoming:
            if ahead >= ahead_wanted:
                return
            if self.blobs.has(nxt.sha256):
                continue  # came earlier under another lesson, or from an earlier run
            if not self._whole_fetch(nxt):
                return  # keep the order: never ask for a later blob before an earlier one
            source.preopen(blob_relpath(nxt.sha256), 0, nxt.size)
            ahead += nxt.size

    def _whole_fetch(self, spec: BlobSpec) -> bool:
        if spec.size == 0 or self.blobs.has(spec.sha256):
            return False
        if spec.index is not None and not self.blobs.has(spec.index):
            return False
        if self.blobs.partial_state(spec.sha256).received:
            return False
        local = self._local
        if local is None:
            return True
        if spec.index is None:
            digests = [bytes.fromhex(spec.sha256)]
        else:
            try:
                digests = [c.digest for c in parse_index(self.blobs.read(spec.index), spec.size, local.max_chunk)]
            except (IndexError_, OSError):
                return False
        return not any(local.has(d) for d in digests)

    def _fetch_from_any(self, downloader: BlobDownloader, spec: BlobSpec, report: SyncReport,
                        finisher: Finisher | None = None, upcoming: Sequence[BlobSpec] = ()) -> bool:
        """Try each source in turn (folders and PCs nearby first, the hub last), retrying
        transient failures with backoff.

        A source that sends bytes failing their signed hash is dropped for the rest of the
        run and named in the report; the blob resumes from the last good chunk on the next
        source. Attempts only count while no progress is made, so a link that drops every
        few minutes never runs out of tries; the run's retry budget still bounds the total
        wait. A permanent error is never retried, and a source that used up its tries is
        not asked again in this run.
        """
        for source in self._ordered():
            if source.label in self._given_up or source.label in self._dropped:
                continue
            attempts = 0
            self._current = source
            while True:
                if self.cancel.is_set():
                    raise Cancelled("cancelled")
                before = self.blobs.partial_state(spec.sha256).received
                try:
                    self._pipeline(source, upcoming)
                    downloader.fetch(spec, source, self._local, finish=finisher.submit if finisher else None)
                    self.backoff.reset()
                    return True
                except (Cancelled, OutsideWindow, DiskFullError):
                    raise
                except OSError as exc:
                    from eduteach_desktop.store.db import translate

                    err = translate(exc)
                    if isinstance(err, DiskFullError):
                        raise err from exc
                    report.add("io", f"cannot write {spec.sha256[:12]}: {exc.strerror or exc}", source.label)
                    break
                except ChunkMismatch as exc:
                    self._dropped.add(source.label)
                    report.add("bad_source", f"sent data that failed its signed hash ({exc}); "
                               "it is not used again in this sync", source.label,
                               PEER if source.kind == "lan" else INCOMPLETE)
                    break
                except (VerificationError, PermanentSourceError) as exc:
                    report.add(exc.code, str(exc), source.label, PEER if source.kind == "lan" else INCOMPLETE)
                    break
                except SourceUnavailableError as exc:
                    if self.blobs.partial_state(spec.sha256).received > before:
                        attempts = 0
                        self.backoff.reset()
                    attempts += 1
                    if not source.retry_transient:
                        if source.kind == "lan":
                            # A PC nearby that went away (switched off mid-transfer): the
                            # hub takes over from the last good chunk; not asked again.
                            self._given_up.add(source.label)
                            report.add("peer_gone", str(exc), source.label, PEER)
                        else:
                            report.add("incomplete", str(exc), source.label)
                        break
                    if attempts > self.max_retries:
                        report.add("server_failing", f"gave up after {attempts} tries: {exc}", source.label)
                        self._given_up.add(source.label)
                        break
                    delay = self.backoff.next_delay(exc.details.get("retry_after"))  # type: ignore[arg-type]
                    if not self._wait(delay, exc, source, report, INCOMPLETE):
                        self._given_up.add(source.label)
                        break
        return False


def _duration(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"
