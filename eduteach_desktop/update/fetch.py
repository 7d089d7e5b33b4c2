"""Find a newer app version through TUF and stage it (docs/updates.md, "On the PC").

Runs after the lessons in every sync (the engine's after-lessons hook), and from
`eduteach update --check`. Every refusal is a Problem-like (code, message, source) triple
with a technician's sentence; the state file keeps the last one for the app, doctor and
the county's inventory."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from eduteach_desktop.core.clock import Clock, iso_utc
from eduteach_desktop.core.errors import (
    DiskFullError,
    EduTeachError,
    PermanentSourceError,
    SourceUnavailableError,
    VerificationError,
)
from eduteach_desktop.store.blobs import free_bytes
from eduteach_desktop.store.fileio import FileIO
from eduteach_protocol.app_release import AppRelease, newest_for, still_listed
from eduteach_protocol.cli_i18n import L_, message_of

from .identity import AppIdentity
from .packages import PackageStore
from .state import StateFile, UpdateState, release_to_dict

if TYPE_CHECKING:
    from eduteach_desktop.sync.engine import SyncEngine, SyncReport
    from eduteach_desktop.sync.sources import Source
    from eduteach_desktop.sync.trust import TrustStore

# Kept free after a package is staged: the lessons and the records need the disk more.
DEFAULT_RESERVE_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class Note:
    code: str
    message: str
    source: str = ""


@dataclass
class CheckResult:
    running: str
    offer: AppRelease | None = None  # newer, for this platform and channel, not refused
    staged: AppRelease | None = None
    verified_sources: int = 0
    notes: list[Note] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "running": self.running,
            "offer": self.offer.version if self.offer else None,
            "staged": self.staged.version if self.staged else None,
            "notes": [n.__dict__ for n in self.notes],
        }


class UpdateFetcher:
    def __init__(self, folder: Path, identity: AppIdentity, trust: TrustStore, fileio: FileIO, clock: Clock,
                 channel: Callable[[], str], reserve_bytes: int = DEFAULT_RESERVE_BYTES):
        self.folder = folder
        self.identity = identity
        self.trust = trust
        self.clock = clock
        self.channel = channel
        self.reserve_bytes = reserve_bytes
        self.states = StateFile(folder)
        self.packages = PackageStore(folder, fileio, clock)

    # --- what is offered -------------------------------------------------------------------
    def check(self, sources: Sequence[Source]) -> CheckResult:
        from eduteach_desktop.sync.trust import SourceRefused

        state = self.states.load()
        result = CheckResult(running=self.identity.version)
        releases: dict[tuple[str, str], AppRelease] = {}
        for source in sources:
            try:
                found = self.trust.fetch_app_releases(source, self.identity.platform)
            except SourceRefused as exc:
                result.notes.append(Note(f"update_{exc.code}", message_of(exc), source.label))
                continue
            except EduTeachError as exc:  # unreachable this time: the next sync asks again
                result.notes.append(Note("update_unreachable", message_of(exc), source.label))
                continue
            result.verified_sources += 1
            for r in found:
                releases[(r.target_path, r.sha256)] = r
        offered = list(releases.values())
        staged = state.staged_release()
        if staged is not None and result.verified_sources and not still_listed(staged, offered):
            result.notes.append(Note("update_withdrawn",
                                     L_("version {version} was withdrawn by the county; it will not be installed", version=staged.version)))
            self._unstage(state)
            staged = None
        result.staged = staged if staged is not None and self.packages.has(staged.sha256) else None
        newest = newest_for(self.identity.platform, self.channel(), offered)
        if newest is None:
            others = sorted({r.platform for r in offered if r.platform != self.identity.platform})
            if others:
                result.notes.append(Note("update_other_platform",
                                         L_("app packages are offered only for {platforms}, not for this PC ({platform}); nothing to install", platforms=', '.join(others), platform=self.identity.platform)))
            return result
        running = self.identity.version_tuple
        if newest.version_tuple < running:
            result.notes.append(Note("update_older",
                                     L_("the newest version offered, {version}, is older than the one this PC runs ({running}); an older version is never installed", version=newest.version, running=self.identity.version)))
        elif newest.version_tuple == running:
            pass
        elif newest.version in state.bad_versions:
            result.notes.append(Note("update_bad_version",
                                     L_("version {version} failed on this PC before and is not installed again; the county should publish a newer version", version=newest.version)))
        else:
            result.offer = newest
        state.last_check = iso_utc(self.clock.now())
        self.states.save(state)
        return result

    def _unstage(self, state: UpdateState) -> None:
        state.staged, state.state, state.update_version = None, "idle", None
        self.states.save(state)
        self.packages.keep_only(set())

    # --- download and stage ----------------------------------------------------------------
    def fetch(self, sources: Sequence[Source], throttle: Callable[[int], None] = lambda n: None,
              cancel: threading.Event | None = None, on_bytes: Callable[[int], None] = lambda n: None,
              ) -> CheckResult:
        """Check, then download the offered version with the lessons' resumable verified
        downloader and stage it. Cancelled and OutsideWindow pass through (the engine stops)."""
        from eduteach_desktop.store.db import translate
        from eduteach_desktop.sync.downloader import (
            BlobDownloader,
            BlobSpec,
            Cancelled,
            OutsideWindow,
        )

        result = self.check(sources)
        offer = result.offer
        if offer is None or (result.staged is not None and result.staged.sha256 == offer.sha256):
            return result
        state = self.states.load()
        remaining = offer.length - self.packages.partial_state(offer.sha256).received
        free = free_bytes(self.folder if self.folder.exists() else self.folder.parent)
        if free - remaining < self.reserve_bytes:
            msg = L_("version {version} ({mb} MB) was not downloaded: the disk is too full; free some space, the "
                     "next sync tries again", version=offer.version, mb=offer.length // (1024 * 1024))
            result.notes.append(Note("update_disk_full", msg))
            state.fail(msg, offer.version)
            self.states.save(state)
            return result
        downloader = BlobDownloader(self.packages, max(offer.length, 1), on_bytes=on_bytes, cancel=cancel,
                                    throttle=throttle)
        spec = BlobSpec(offer.sha256, offer.length, None)
        for source in sources:
            try:
                downloader.fetch(spec, source)
            except (Cancelled, OutsideWindow):
                raise
            except OSError as exc:
                err = translate(exc)
                msg = (L_("version {version} could not be staged: the disk is full; free some space, the next "
                          "sync tries again", version=offer.version) if isinstance(err, DiskFullError) else
                       L_("version {version} could not be staged: {problem}", version=offer.version,
                          problem=exc.strerror or exc))
                result.notes.append(Note("update_disk_full" if isinstance(err, DiskFullError) else "update_io",
                                         msg, source.label))
                state.fail(msg, offer.version)
                break
            except VerificationError as exc:
                msg = L_("the package of version {version} does not match its signature (tampered or damaged: "
                         "{problem}); it was discarded and is never installed", version=offer.version, problem=exc)
                result.notes.append(Note("update_tampered", msg, source.label))
                state.fail(msg, offer.version)
                continue
            except (PermanentSourceError, SourceUnavailableError) as exc:
                msg = L_("version {version} is not fully downloaded yet ({problem}); the next sync resumes it",
                         version=offer.version, problem=exc)
                result.notes.append(Note("update_incomplete", msg, source.label))
                continue
            self.packages.keep_only({offer.sha256})
            state.staged, state.state = release_to_dict(offer), "staged"
            state.update_version, state.last_error = offer.version, None
            result.staged = offer
            break
        self.states.save(state)
        return result

    def during_sync(self, engine: SyncEngine, report: SyncReport) -> None:
        """The sync engine's after-lessons hook: the same sources, cancel, throttle and
        schedule as the lessons, and only once the lessons had their turn."""
        limiter, schedule = engine.limiter, engine.schedule
        if engine.wan_paused():
            return  # a metered connection: the app update waits for a normal network

        def throttle(n: int) -> None:
            if limiter is not None:
                limiter.consume(n)
            if schedule is not None and not schedule.is_open():
                from eduteach_desktop.sync.downloader import OutsideWindow

                raise OutsideWindow("outside the download window; the app update resumes when it opens")

        from eduteach_desktop.sync.engine import INCOMPLETE, REFUSED, UNREACHABLE

        # A source the lessons could not use this run is not asked again: its refusal is
        # already reported once, in the lessons' words.
        skipped = {p.source for p in report.problems if p.kind in (REFUSED, UNREACHABLE)}
        # PCs nearby (`eduteach share`) serve lessons only, not the apps role or packages.
        sources = [s for s in engine.sources if s.label not in skipped and getattr(s, "kind", "wan") != "lan"]
        if not sources:
            return
        result = self.fetch(sources, throttle, engine.cancel)
        for note in result.notes:
            if note.code not in SOURCE_LEVEL:
                # An update problem never makes the lesson sync fail: it is reported beside it.
                report.add(note.code, note.message, note.source, INCOMPLETE)


# Refusals of a whole source (expired, rollback…) that the lessons' check reports itself.
SOURCE_LEVEL = frozenset({"update_unreachable", "update_refused", "update_rollback", "update_expired",
                          "update_mix_and_match", "update_unknown_key", "update_other_repository",
                          "update_not_a_repository", "update_damaged_repository", "update_source_refused"})
