"""What the pipeline counts as in flight (sync/pipeline.py): a small body asked for ahead
stops counting once it has arrived, so the next request goes out then; a large one counts
until it is read; the memory held for bodies ahead is bounded. Injected clock, a source that
records what it was asked, nothing on the network."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from eduteach_desktop.sync.depth import MAX_CONNECTIONS, DepthController
from eduteach_desktop.sync.downloader import BlobSpec
from eduteach_desktop.sync.pipeline import Pipeline
from eduteach_desktop.sync.policy import RateLimiter
from eduteach_desktop.sync.progress import ProgressBoard
from eduteach_desktop.sync.sources import HttpSource


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def monotonic(self) -> float:  # the token bucket's view of the same clock
        return self.now


@dataclass
class Partial:
    received: int = 0


class NoBlobs:
    """A store that holds nothing yet (the pipeline only asks what is there)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def has(self, sha256: str) -> bool:
        return False

    def chunk_journal_path(self, sha256: str) -> Path:
        return self.root / sha256

    def partial_state(self, sha256: str) -> Partial:
        return Partial()


class Recording(HttpSource):
    def __init__(self, rtt: float) -> None:
        super().__init__("http://127.0.0.1:9/")
        self._rtt = rtt
        self.asked: list[tuple[str, bool]] = []
        self.arrive: dict[str, Callable[[], None]] = {}
        self.progress: dict[str, Callable[[int], None]] = {}

    @property
    def rtt(self) -> float | None:
        return self._rtt

    def preopen(self, relpath: str, offset: int, length: int, hold: bool = False,
                on_arrived: Callable[[], None] | None = None,
                on_progress: Callable[[int], None] | None = None) -> None:
        sha = relpath.rsplit("/", 1)[-1]
        self.asked.append((sha, hold))
        if on_arrived is not None:
            self.arrive[sha] = on_arrived
        if on_progress is not None:
            self.progress[sha] = on_progress


def specs(*sizes: int) -> list[BlobSpec]:
    return [BlobSpec(f"{i:064x}", size, None) for i, size in enumerate(sizes)]


def satellite(clock: Clock, rtt: float = 0.7) -> DepthController:
    depth = DepthController(clock)
    for _ in range(int(250_000 * 5.0 / 16_000)):  # 2 Mbit/s for 5 s
        clock.now += 16_000 / 250_000
        depth.on_bytes(16_000, rtt)
    return depth


def pipeline(tmp_path: Path, depth: DepthController, limiter: RateLimiter | None = None,
             **kw: int) -> Pipeline:
    return Pipeline(NoBlobs(tmp_path), ProgressBoard(Clock()), limiter, None, depth, **kw)  # type: ignore[arg-type]


def asking_twenty(tmp_path: Path) -> tuple[Pipeline, Recording, list[BlobSpec]]:
    """A satellite link (0.7 s, 2 Mbit/s measured) and twenty 100 kB blobs to fetch."""
    pipe = pipeline(tmp_path, satellite(Clock()))
    source = Recording(0.7)
    blobs = specs(*[100_000] * 20)
    pipe.ask_ahead(source, blobs)
    return pipe, source, blobs


def test_an_arrived_body_no_longer_counts_and_the_next_request_goes_out(tmp_path):
    pipe, source, blobs = asking_twenty(tmp_path)
    # 1.5 x 250 kB/s x 0.7 s = 262 kB: three of 100 kB, each read into memory as it comes.
    assert [sha for sha, _ in source.asked] == [b.sha256 for b in blobs[:3]]
    assert all(hold for _, hold in source.asked)
    assert pipe.in_flight() == (3, 300_000, 300_000)
    # The first body arrives while the sync still reads another blob: the fourth goes out
    # now, not when the sync gets round to the first.
    source.arrive[blobs[0].sha256]()
    assert [sha for sha, _ in source.asked] == [b.sha256 for b in blobs[:4]]
    assert pipe.in_flight() == (3, 300_000, 400_000)
    source.arrive[blobs[1].sha256]()
    source.arrive[blobs[2].sha256]()
    assert len(source.asked) == 6
    # The sync reads the first: the rest are still ahead, nothing is asked twice.
    pipe.ask_ahead(source, blobs[1:])
    assert len(source.asked) == 6
    assert pipe.in_flight() == (3, 300_000, 500_000)


def test_only_the_bytes_still_to_come_count_as_in_flight(tmp_path):
    pipe, source, blobs = asking_twenty(tmp_path)
    assert len(source.asked) == 3  # 300 kB on their way >= 262 kB
    source.progress[blobs[0].sha256](20_000)
    assert len(source.asked) == 3  # 280 kB still to come: enough
    source.progress[blobs[0].sha256](30_000)
    # 250 kB still to come: the next request goes out before any body has ended.
    assert len(source.asked) == 4
    assert pipe.in_flight() == (4, 350_000, 400_000)


def test_never_more_requests_on_their_way_than_the_connection_cap(tmp_path):
    clock = Clock()
    depth = satellite(clock, rtt=2.0)
    pipe = pipeline(tmp_path, depth)
    source = Recording(2.0)
    blobs = specs(*[1_000] * 30)
    pipe.ask_ahead(source, blobs)
    assert len(source.asked) == MAX_CONNECTIONS - 1
    for spec in blobs[:2]:
        source.arrive[spec.sha256]()
    # Two arrived, two more asked: still MAX_CONNECTIONS - 1 on their way (and the one
    # being read), never more.
    assert len(source.asked) == MAX_CONNECTIONS + 1
    assert pipe.in_flight()[0] == MAX_CONNECTIONS - 1
    assert depth.deepest == MAX_CONNECTIONS - 1


def test_a_large_body_streams_and_counts_until_it_is_read(tmp_path):
    clock = Clock()
    depth = satellite(clock)
    pipe = pipeline(tmp_path, depth)
    source = Recording(0.7)
    blobs = specs(3_000_000, 50_000, 50_000, 50_000)
    pipe.ask_ahead(source, blobs)
    assert source.asked == [(blobs[0].sha256, False)]  # more than HOLD_ONE: streamed, as before
    assert pipe.in_flight() == (1, 3_000_000, 0)
    # The sync starts reading the big one: the next ones go out beside it.
    pipe.ask_ahead(source, blobs[1:])
    assert [sha for sha, _ in source.asked[1:]] == [b.sha256 for b in blobs[1:]]
    assert all(hold for _, hold in source.asked[1:])


def test_the_memory_for_bodies_ahead_is_bounded(tmp_path):
    clock = Clock()
    depth = satellite(clock)
    pipe = pipeline(tmp_path, depth, hold_total=250_000)
    source = Recording(0.7)
    blobs = specs(*[100_000] * 10)
    pipe.ask_ahead(source, blobs)
    assert len(source.asked) == 2  # a third would hold 300 kB
    for spec in blobs[:2]:
        source.arrive[spec.sha256]()
    assert len(source.asked) == 2  # arrived, but not yet read: still in memory
    pipe.ask_ahead(source, blobs[1:])  # the first is read: its memory is free again
    assert len(source.asked) == 3
    assert pipe.in_flight() == (1, 100_000, 200_000)


def test_with_a_cap_or_once_closed_nothing_is_asked_for_ahead(tmp_path):
    clock = Clock()
    depth = satellite(clock)
    capped = pipeline(tmp_path, depth, limiter=RateLimiter(50_000_000, clock))
    source = Recording(0.7)
    capped.ask_ahead(source, specs(*[100_000] * 5))
    assert source.asked == []

    pipe = pipeline(tmp_path, depth)
    blobs = specs(*[100_000] * 10)
    pipe.ask_ahead(source, blobs)
    asked = len(source.asked)
    pipe.close()
    source.arrive[blobs[0].sha256]()  # a body that arrives after the transfer ended
    assert len(source.asked) == asked


def test_no_round_trip_measured_asks_nothing_yet(tmp_path):
    pipe = pipeline(tmp_path, DepthController(Clock()))
    source = Recording(0.7)
    source._rtt = None  # type: ignore[assignment]
    pipe.ask_ahead(source, specs(100_000, 100_000))
    assert source.asked == []
