"""How many requests to keep asked for ahead: enough bytes in flight to cover the link's
bandwidth-delay product, and no more connections than that needs.

A request's round trip is idle link time unless other responses are already under way. On a
LAN (a millisecond) one request ahead hides it; on a satellite IP link (600 ms or more) at
2 Mbit/s the link carries ~150 kB per round trip, several small files' worth. The controller
measures both sides of the product from the transfer itself: the round trip from the
source (the shortest wait for response headers among its recent requests) and the rate as
bytes received over a sliding window. docs/sync.md, "Keeping the link full".
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

# At most this many connections to one source at once (the one being read and those asked
# for ahead): what a browser opens per host. On the hub each costs a socket and a thread
# or an event slot, not extra bytes; 10 PCs x 6 is well within a static server's reach,
# and more would only split the same link into smaller shares.
MAX_CONNECTIONS = 6
# Bytes ahead = MARGIN x rate x round trip: the rate and the round trip are both measured
# a little low (a shallow pipeline under-fills the link; the shortest header wait leaves
# out the queue), so ask for half as much again.
MARGIN = 1.5
# The rate is bytes over the last WINDOW seconds (at least two round trips), so a burst
# read from a socket buffer that filled earlier does not count as link speed.
WINDOW = 1.0
# Until a whole window has been measured, the rate is taken to be at least this: the top of
# a county link (2 Mbit/s). Starting lower would leave the link half idle for the first
# seconds of every run on a long round trip; on a LAN (1 ms) it still means one request
# ahead, and on a slower link it only asks early for blobs that are next anyway.
PRIOR_RATE = 250_000.0
# Never a rate from less time than this (a block or two read at memory speed).
MIN_SECONDS = 0.05


class DepthController:
    def __init__(self, clock: Callable[[], float], max_connections: int = MAX_CONNECTIONS,
                 margin: float = MARGIN, window: float = WINDOW, prior_rate: float = PRIOR_RATE):
        if max_connections < 1:
            raise ValueError("max_connections must be at least 1")
        self.clock = clock
        self.max_connections = max_connections
        self.margin = margin
        self.window = window
        self.prior_rate = prior_rate
        self._arrivals: deque[tuple[float, int]] = deque()
        self._in_window = 0
        self._first: float | None = None
        self._first_n = 0
        self._measured = False  # a whole window seen: the prior gives way to the measure
        self.peak_rate = 0.0  # bytes/s: the best the link has shown in this run
        self.deepest = 0  # the most requests kept ahead at once (the bench and the log)

    def on_bytes(self, n: int, rtt: float | None = None) -> None:
        """Bytes received from a network source, now."""
        now = self.clock()
        self._arrivals.append((now, n))
        self._in_window += n
        span = max(self.window, 2 * (rtt or 0.0))
        while self._arrivals and self._arrivals[0][0] < now - span:
            self._in_window -= self._arrivals.popleft()[1]
        if self._first is None:
            self._first, self._first_n = now, n
        # Before a whole window has passed, the bytes so far over the time since the first
        # one (at least a round trip, so one response read at once is not taken for the
        # link's speed): a lower bound while the pipeline is shallow, which grows as the
        # link shows it carries more (a slow start, as in TCP).
        since = now - self._first
        if since >= span:
            self._measured = True
            self.peak_rate = max(self.peak_rate, self._in_window / span)
        else:
            # The first block arrived at the start of that time, not over it.
            self.peak_rate = max(self.peak_rate,
                                 (self._in_window - self._first_n) / max(since, rtt or 0.0, MIN_SECONDS))

    def bytes_ahead(self, rtt: float | None) -> float:
        """What should be asked for and not yet read: the bandwidth-delay product, with a
        margin. Zero until a round trip is measured (one request ahead still goes)."""
        if rtt is None or rtt <= 0:
            return 0.0
        return self.margin * self.rate * rtt

    @property
    def rate(self) -> float:
        """The link rate the depth is planned for, bytes/s."""
        return self.peak_rate if self._measured else max(self.peak_rate, self.prior_rate)

    def requests_ahead(self) -> int:
        """The most requests asked for ahead of the one being read."""
        return self.max_connections - 1

    def note_ahead(self, requests: int) -> None:
        """Requests now in flight ahead of the one being read (sync/pipeline.py)."""
        self.deepest = max(self.deepest, requests)

    def plan(self, rtt: float | None, sizes: list[int]) -> int:
        """How many of the next blobs (their sizes, in order) to have asked for: at least
        one, then more while those asked for carry less than bytes_ahead, within the
        connection cap."""
        limit = min(self.requests_ahead(), len(sizes))
        if limit <= 0:
            return 0
        wanted = self.bytes_ahead(rtt)
        count, ahead = 1, sizes[0]
        while count < limit and ahead < wanted:
            ahead += sizes[count]
            count += 1
        self.deepest = max(self.deepest, count)
        return count
