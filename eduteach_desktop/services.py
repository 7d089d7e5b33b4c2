"""The object graph, built in one place and passed to whoever needs it (CLI or UI).

No globals: a test builds its own Services on a temporary data dir.
"""

from __future__ import annotations

import logging
import os
import platform
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eduteach_desktop.core.clock import Clock, SystemClock, iso_utc
from eduteach_desktop.core.errors import EnrollmentError, NotEnrolledError, StoreError
from eduteach_desktop.records.outbox import Outbox
from eduteach_desktop.records.recorder import RecordWriter, SessionRecorder, UsageRecorder
from eduteach_desktop.resources import demo_repo_path
from eduteach_desktop.store import settings as keys
from eduteach_desktop.store.annotations import AnnotationStore
from eduteach_desktop.store.blobs import BlobStore, free_bytes, hash_file
from eduteach_desktop.store.datadir import DataDir
from eduteach_desktop.store.db import Database
from eduteach_desktop.store.fileio import FileIO
from eduteach_desktop.store.library import LibraryStore
from eduteach_desktop.store.roster import RosterStore
from eduteach_desktop.store.secrets import SecretBox, platform_box
from eduteach_desktop.store.settings import Settings
from eduteach_desktop.update.identity import AppIdentity
from eduteach_protocol.app_release import CHANNELS, DEFAULT_CHANNEL
from eduteach_protocol.catalog import Lesson
from eduteach_protocol.cli_i18n import L_

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from eduteach_desktop.records.uploader import Uploader, UploadReport
    from eduteach_desktop.sync.engine import SyncEngine, SyncReport
    from eduteach_desktop.sync.export import ExportReport
    from eduteach_desktop.sync.hubclient import Enrollment
    from eduteach_desktop.sync.progress import ProgressBoard
    from eduteach_desktop.sync.share import LessonShare
    from eduteach_desktop.sync.sources import Source
    from eduteach_desktop.sync.trust import TrustStore
    from eduteach_desktop.update.service import AppUpdates

# The network and signature stack (requests, python-tuf, cryptography: about 25 MB) is
# imported on first use, not at start-up: a teacher who opens the app to play a lesson
# never pays for it (bench/app_startup.py measures the idle memory).


log = logging.getLogger(__name__)

@dataclass
class Status:
    data_dir: str
    enrolled: bool
    school_code: str | None
    school_name: str | None
    hub_url: str | None
    catalog_version: int | None
    pending_catalog_version: int | None
    lessons_in_catalog: int
    lessons_installed: int
    bytes_stored: int
    free_bytes: int
    last_sync: str | None
    last_sync_result: str | None
    last_upload: str | None
    records_waiting: int
    records_sent: int
    records_quarantined: int
    quarantined: list[tuple[str, str]]

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class VerifyReport:
    checked: int = 0
    bytes_checked: int = 0
    bad: list[str] = field(default_factory=list)
    repaired: int = 0


class Services:
    def __init__(self, datadir: DataDir, clock: Clock | None = None, fileio: FileIO | None = None,
                 take_writer_lock: bool = True, secrets: SecretBox | None = None,
                 identity: AppIdentity | None = None):
        self.datadir = datadir
        self.identity = identity or AppIdentity.detect()
        self.secrets = secrets or platform_box()
        self.clock = clock or SystemClock()
        self.fileio = fileio or FileIO()
        if take_writer_lock:
            datadir.acquire_writer_lock()
        datadir.ensure()
        self.db = Database(datadir.db_path)
        self.settings = Settings(self.db, self.secrets)
        self.blobs = BlobStore(datadir.blobs, datadir.partial, self.db, self.fileio, self.clock)
        try:
            self.blobs.delete_pending()
        except OSError as exc:  # a read-only data folder: try again next start
            log.warning("could not delete forgotten lesson files: %s", exc)
        self.library = LibraryStore(self.db, self.blobs, self.clock)
        self.outbox = Outbox(self.db, self.clock)
        self.records = RecordWriter(self.db, self.outbox, self.settings, self.clock, self._key_digest)
        self.usage = UsageRecorder(self.records)
        self.sessions = SessionRecorder(self.records)
        self.roster = RosterStore(self.db)
        self.annotations = AnnotationStore(datadir.annotations, self.fileio)

    @cached_property
    def trust(self) -> TrustStore:
        from eduteach_desktop.sync.trust import TrustStore

        return TrustStore(self.datadir.trust)

    @cached_property
    def updates(self) -> AppUpdates:
        from eduteach_desktop.update.service import AppUpdates

        return AppUpdates(self.datadir.root, self.identity, lambda: self.trust, self.fileio, self.clock,
                          lambda: self.settings.get(keys.UPDATE_CHANNEL) or DEFAULT_CHANNEL)

    @cached_property
    def device_key(self) -> Ed25519PrivateKey:
        from eduteach_desktop.store.devicekey import load_or_create_device_key

        return load_or_create_device_key(self.datadir.device_key, self.secrets)

    def _key_digest(self) -> bytes:
        """The digest record ids are made from, cached so start-up needs no cryptography."""
        cached = self.settings.get(keys.DEVICE_KEY_DIGEST)
        if cached and self.datadir.device_key.exists():
            return bytes.fromhex(cached)
        from eduteach_desktop.store.devicekey import key_digest

        digest = key_digest(self.device_key)
        self.settings.set(keys.DEVICE_KEY_DIGEST, digest.hex())
        return digest

    @classmethod
    def open(cls, data_dir: Path, clock: Clock | None = None, **kwargs: Any) -> Services:
        return cls(DataDir(data_dir), clock, **kwargs)

    def close(self) -> None:
        self.db.close()
        self.datadir.release_writer_lock()

    # --- sync --------------------------------------------------------------------------
    def default_sources(self) -> list[Source]:
        from eduteach_desktop.sync.sources import source_from

        repo = self.settings.get(keys.REPO_URL)
        if repo:
            return [source_from(repo)]
        if self.settings.get(keys.TRUST_ORIGIN) == "demo":
            return [source_from(str(demo_repo_path()))]
        return []

    def sync_engine(self, locations: list[str] | None = None, progress: ProgressBoard | None = None,
                    cancel: threading.Event | None = None, priority: Callable[[Lesson], int] | None = None,
                    ignore_schedule: bool = False, retry_budget: float | None = None,
                    peers: list[str] | None = None,
                    wan_paused: Callable[[], bool] | None = None) -> SyncEngine:
        """An engine with the PC's transfer policy (bandwidth cap, schedule windows).

        `peers` are PCs nearby sharing their lessons (found by discovery or named with
        --peer): sources beside the hub, tried first, with their own cap (LAN_BANDWIDTH_CAP)
        and never the WAN's schedule or throttle. While `wan_paused` says so (a metered
        connection) only those PCs and folders are used."""
        from eduteach_desktop.sync.engine import DEFAULT_RETRY_BUDGET, SyncEngine
        from eduteach_desktop.sync.policy import RateLimiter, Schedule, Window
        from eduteach_desktop.sync.sources import HttpSource, source_from

        sources = [source_from(loc) for loc in locations] if locations else self.default_sources()
        if not sources:
            raise NotEnrolledError(L_("no hub configured: enroll first, or sync --from a folder"))
        # A PC nearby answers within seconds or not at all: a short timeout, then the hub.
        sources += [HttpSource(url, timeout=5.0, grace=10.0, min_rate=16 * 1024, kind="lan") for url in peers or []]
        cap = self.settings.get(keys.BANDWIDTH_CAP) or None
        lan_cap = self.settings.get(keys.LAN_BANDWIDTH_CAP) or None
        windows = [] if ignore_schedule else [Window.parse(w) for w in self.settings.get(keys.SYNC_WINDOWS) or []]
        # Folder sources (USB, satellite) are local: no cap and no schedule for them.
        remote = any(isinstance(src, HttpSource) and src.kind == "wan" for src in sources)
        return SyncEngine(
            sources, self.library, self.blobs, self.trust, self.clock, progress, cancel,
            limiter=RateLimiter(cap, self.clock) if cap and remote else None,
            schedule=Schedule(windows, self.clock) if windows and remote else None,
            priority=priority,
            retry_budget=DEFAULT_RETRY_BUDGET if retry_budget is None else retry_budget,
            after_lessons=self.updates.fetcher.during_sync,
            lan_limiter=RateLimiter(lan_cap, self.clock) if lan_cap else None,
            wan_paused=wan_paused,
        )

    def sync(self, locations: list[str] | None = None, progress: ProgressBoard | None = None,
             cancel: threading.Event | None = None, priority: Callable[[Lesson], int] | None = None,
             ignore_schedule: bool = False, retry_budget: float | None = None,
             peers: list[str] | None = None, wan_paused: Callable[[], bool] | None = None) -> SyncReport:
        if peers is None and self.settings.get(keys.USE_LAN_PEERS):
            peers = self.find_peers()
        report = self.sync_engine(locations, progress, cancel, priority, ignore_schedule, retry_budget,
                                  peers, wan_paused).run()
        self.settings.update({
            keys.LAST_SYNC: iso_utc(self.clock.now()),
            keys.LAST_SYNC_RESULT: "ok" if report.ok else "; ".join(report.problems[-3:]) or "incomplete",
        })
        return report

    def find_peers(self, seconds: float = 2.0) -> list[str]:
        """PCs nearby announcing shared lessons (mDNS, at most `seconds`): their URLs. A PC
        whose network cannot do multicast simply finds none: the hub is always there."""
        from eduteach_desktop.sync.peers import discover

        try:
            return [p.url for p in discover(seconds)]
        except (OSError, ImportError, RuntimeError, ValueError) as exc:
            log.info("no PCs nearby looked for: %s", exc)
            return []

    def lesson_share(self, port: int = 8765, host: str = "0.0.0.0", announce: bool = True,
                     max_clients: int = 4, cap: float | None = None) -> LessonShare:
        """This PC's verified lessons, served read-only to PCs nearby (`eduteach share`)."""
        from eduteach_desktop.sync.share import LessonShare

        return LessonShare(self.trust, self.db, self.blobs, host=host, port=port,
                           cap_bytes_per_s=cap if cap is not None else (self.settings.get(keys.LAN_BANDWIDTH_CAP) or None),
                           max_clients=max_clients, announce=announce)

    def import_demo_if_first_run(self) -> SyncReport | None:
        """First start with no hub: trust the bundled demo root and import its lessons
        through the same folder-source path a USB stick uses."""
        if self.settings.get(keys.DEMO_IMPORTED) or self.settings.enrolled() or self.trust.has_root():
            return None
        demo = demo_repo_path()
        if not (demo / "metadata" / "root.json").exists():
            return None
        self.trust.install_root((demo / "metadata" / "root.json").read_bytes())
        self.settings.update({keys.TRUST_ORIGIN: "demo", keys.DEMO_IMPORTED: True})
        return self.sync([str(demo)])

    # --- enrollment and upload -----------------------------------------------------------
    def enroll(self, hub_url: str, code: str, device_name: str | None = None) -> Enrollment:
        from eduteach_desktop.sync.hubclient import HubClient

        if self.settings.get(keys.ENROLLED_BY) == "file" and self.settings.get(keys.DEVICE_ID):
            # A code would make it a second device at the hub; going online keeps it one.
            raise EnrollmentError(
                L_("this PC is already enrolled from the county's enrollment file; to go online, run `eduteach upload --hub URL` or enter the address in Settings (it stays the same PC)"),
                reason="enrolled_by_file",
            )

        enrollment = HubClient(hub_url).enroll(code, device_name or platform.node() or "school-pc", self.device_key)
        if self.settings.get(keys.TRUST_ORIGIN) != hub_url or not self.trust.has_root():
            # A new trust root means a different repository: its catalog versions are not
            # comparable with what we hold, so start from its catalog.
            self.trust.install_root(enrollment.root)
            self.library.reset()
        self.settings.update({
            keys.HUB_URL: hub_url,
            keys.REPO_URL: enrollment.repo_url,
            keys.DEVICE_ID: enrollment.device_id,
            keys.DEVICE_SECRET: enrollment.secret,
            keys.SCHOOL_CODE: enrollment.school_code,
            keys.SCHOOL_NAME: enrollment.school_name,
            keys.COUNTY_CODE: enrollment.county_code,
            keys.TRUST_ORIGIN: hub_url,
        })
        self.outbox.adopt_identity(enrollment.device_id, enrollment.school_code, enrollment.county_code)
        if enrollment.editions is not None:
            self.library.set_county_editions(enrollment.editions)
        self.set_update_channel(enrollment.channel)
        return enrollment

    def uploader(self) -> Uploader:
        from eduteach_desktop.records.uploader import Uploader
        from eduteach_desktop.sync.hubclient import HubClient

        hub = self.settings.get(keys.HUB_URL)
        if not hub:
            raise NotEnrolledError(L_("this PC is not enrolled with a county hub yet"))
        return Uploader(HubClient(hub), self.outbox, self.settings, self.clock, inventory=self.inventory,
                        on_hub_config=self.apply_hub_config)

    def apply_hub_config(self, body: dict[str, Any]) -> None:
        """The county's settings for this PC, sent with its device state: the school's
        textbook editions (they decide what is downloaded unless the teacher chose)."""
        from eduteach_desktop.sync.hubclient import editions_from

        rules = editions_from(body)
        if rules is not None:
            self.library.set_county_editions(rules)
        self.set_update_channel(body.get("channel"))

    def set_update_channel(self, channel: object) -> None:
        """The school's update channel from the county (pilot or stable; anything else is
        ignored, so an older hub that sends none leaves the PC on stable)."""
        if isinstance(channel, str) and channel in CHANNELS and channel != self.settings.get(keys.UPDATE_CHANNEL):
            self.settings.set(keys.UPDATE_CHANNEL, channel)

    def inventory(self) -> dict[str, Any]:
        """What this PC holds, for the county's content-status page."""
        active = self.library.active_catalog()
        wanted = self.library.wanted(active) if active else []
        installed = {ls.id for ls in self.library.installed_lessons()}
        return {
            "catalog_version": active.version if active else 0,
            "lessons_installed": sum(1 for ls in wanted if ls.id in installed),
            "lessons_subscribed": len(wanted),
            "bytes": self.blobs.total_bytes(),
            "last_sync": self.settings.get(keys.LAST_SYNC),
            "books": self.library.book_holdings(wanted, installed),
            **self.updates.inventory_fields(),
        }

    def upload(self) -> UploadReport:
        from eduteach_desktop.records.first_contact import bind_online_if_claimed

        bind_online_if_claimed(self)  # a PC enrolled from a file, online for the first time
        return self.uploader().run()

    # --- integrity and export ------------------------------------------------------------
    def verify(self, repair: bool = False) -> VerifyReport:
        """Re-hash every stored blob. With repair, bad or missing ones are forgotten so the
        next sync fetches them again (and they are never played meanwhile)."""
        report = VerifyReport()
        for row in self.db.query("SELECT sha256, size FROM blobs ORDER BY sha256"):
            sha = row["sha256"]
            path = self.blobs.path(sha)
            report.checked += 1
            try:
                ok = path.stat().st_size == row["size"] and hash_file(path) == sha
            except OSError:
                ok = False
            if ok:
                report.bytes_checked += int(row["size"])
                continue
            report.bad.append(sha)
            if repair:
                self.blobs.forget(sha)
                report.repaired += 1
        return report

    def export_repository(self, dest: Path) -> ExportReport:
        """Write a valid repository of what this PC has, for the next school's USB stick."""
        from eduteach_desktop.sync.export import export_repository

        return export_repository(self.trust, self.library, self.blobs, self.db, dest,
                                 app_packages=self.updates.fetcher.packages)

    def export_records(self, dest: Path) -> tuple[Path, int]:
        """Write waiting records to a signed file for a USB stick. They stay waiting here:
        an online upload later is harmless (the hub keeps each record once)."""
        from eduteach_desktop.sync.export import ExportRefused
        from eduteach_protocol import record_file, safefs

        if not self.settings.has_identity():
            raise NotEnrolledError(L_("enroll first: the hub must know this PC's key to accept its file"))
        dest = Path(dest)
        # Same rules as `eduteach export`: a stick may hold links planted at the name typed
        # (or at the file's name); the file goes only into a real folder, never through one.
        for named in (dest, dest.parent):
            if os.path.islink(named):
                raise ExportRefused(L_("{named} is a link; nothing was written (name the real folder or a new file name on the stick)", named=named))
        statements = [item.statement for item in self.outbox.pending(limit=10**9)]
        stamp = self.clock.now().strftime("%Y%m%d-%H%M%S")
        school = self.settings.get(keys.SCHOOL_CODE)
        if dest.is_dir():
            root, name = dest, f"eduteach-{school}-{stamp}{record_file.SUFFIX}"
        else:
            root, name = dest.parent, dest.name
        path = root / name
        doc = record_file.build(self.device_key, self.settings.get(keys.DEVICE_ID), school,
                                iso_utc(self.clock.now()), statements,
                                enrollment=self.settings.get(keys.ENROLL_CLAIM))  # first contact by USB
        data = record_file.encode(doc)
        try:
            safefs.write_file(root, name, data, label=str(path))
        except safefs.UnsafeFileError as exc:
            raise ExportRefused(L_("{exc}; nothing was written (use another name or folder)", exc=exc)) from None
        except OSError as exc:  # a full, read-only or pulled stick: one line, not a traceback
            raise StoreError(L_("cannot write {path}: {problem}; nothing was written, the records stay waiting here", path=path, problem=exc.strerror or exc)) from None
        return path, len(statements)

    # --- status ------------------------------------------------------------------------
    def status(self) -> Status:
        lessons = self.library.lessons()
        installed = self.library.installed_lessons()
        counts = self.outbox.counts()
        pending = self.library.pending_catalog()
        return Status(
            data_dir=str(self.datadir.root),
            enrolled=self.settings.enrolled(),
            school_code=self.settings.get(keys.SCHOOL_CODE),
            school_name=self.settings.get(keys.SCHOOL_NAME),
            hub_url=self.settings.get(keys.HUB_URL),
            catalog_version=self.library.active_version(),
            pending_catalog_version=pending.version if pending else None,
            lessons_in_catalog=len(lessons),
            lessons_installed=len(installed),
            bytes_stored=self.blobs.total_bytes(),
            free_bytes=free_bytes(self.datadir.root),
            last_sync=self.settings.get(keys.LAST_SYNC),
            last_sync_result=self.settings.get(keys.LAST_SYNC_RESULT),
            last_upload=self.settings.get(keys.LAST_UPLOAD),
            records_waiting=counts.pending,
            records_sent=counts.acked,
            records_quarantined=counts.quarantined,
            quarantined=self.outbox.quarantined(),
        )
