"""What one sync run tells its caller: the problems (each with a stable code, the source and
a technician's sentence) and the figures (lessons, bytes, where the bytes came from)."""

from __future__ import annotations

from dataclasses import dataclass, field

from eduteach_protocol.cli_i18n import L_

# What a problem means for the sync as a whole (docs/sync.md, "What a PC refuses").
REFUSED = "refused"  # a source's metadata or catalog was refused: nothing from it is used
UNREACHABLE = "unreachable"  # a source could not be checked this time (network, server)
STOPPED = "stopped"  # the sync itself stopped: cancelled, outside its window, disk full
INCOMPLETE = "incomplete"  # a file did not come from one source (maybe from another)
PEER = "peer"  # a PC nearby was refused, unreachable or dropped: the hub is the fallback

METERED = "metered"  # the problem code when the WAN source waited for a non-metered network


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
    requests_ahead: int = 0  # the most requests kept ahead of the one being read (sync/depth.py)
    problems: list[Problem] = field(default_factory=list)

    def note_metered(self, source: str) -> None:
        """Once per run: the WAN source waits for a normal network (a metered one is paid by
        the amount of data); PCs nearby and folders are still used."""
        if not any(p.code == METERED for p in self.problems):
            self.add(METERED, L_("this connection is metered (mobile data): the county link is not used; lessons from it continue on a normal network"), source, STOPPED)

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
