"""The requests-ahead depth controller (sync/depth.py), on an injected clock."""

from __future__ import annotations

import pytest

from eduteach_desktop.sync.depth import MAX_CONNECTIONS, DepthController


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def feed(depth: DepthController, clock: Clock, rate: float, seconds: float, rtt: float | None,
         block: int = 16_000) -> None:
    """Blocks arriving at `rate` bytes/s for `seconds`."""
    for _ in range(int(rate * seconds / block)):
        clock.now += block / rate
        depth.on_bytes(block, rtt)


def test_a_lan_keeps_one_request_ahead():
    clock = Clock()
    depth = DepthController(clock)
    feed(depth, clock, 12_000_000, 3.0, rtt=0.001)  # 100 Mbit/s, 1 ms
    assert depth.peak_rate == pytest.approx(12_000_000, rel=0.05)
    assert depth.plan(0.001, [50_000] * 10) == 1  # 18 kB in flight cover the product


def test_a_satellite_link_keeps_the_bandwidth_delay_product_in_flight():
    clock = Clock()
    depth = DepthController(clock)
    feed(depth, clock, 250_000, 5.0, rtt=0.7)  # 2 Mbit/s, 700 ms
    wanted = depth.bytes_ahead(0.7)
    assert wanted == pytest.approx(1.5 * 250_000 * 0.7, rel=0.05)
    assert depth.plan(0.7, [100_000] * 10) == 3  # 300 kB >= 262 kB
    assert depth.plan(0.7, [400_000] * 10) == 1  # one big file covers it alone


def test_never_more_connections_than_the_cap():
    clock = Clock()
    depth = DepthController(clock)
    feed(depth, clock, 250_000, 5.0, rtt=2.0)
    assert depth.plan(2.0, [1_000] * 50) == MAX_CONNECTIONS - 1
    assert depth.deepest == MAX_CONNECTIONS - 1
    two = DepthController(clock, max_connections=2)
    feed(two, clock, 250_000, 5.0, rtt=2.0)
    assert two.plan(2.0, [1_000] * 50) == 1
    assert depth.plan(2.0, [1_000] * 3) == 3  # no more than there are blobs left
    assert depth.plan(2.0, []) == 0


def test_no_round_trip_measured_still_keeps_one_ahead():
    clock = Clock()
    depth = DepthController(clock)
    assert depth.bytes_ahead(None) == 0
    assert depth.plan(None, [10_000] * 5) == 1


def test_the_depth_grows_as_the_link_shows_its_rate():
    # Right after the start only a lower bound of the rate is known (bytes over a whole
    # window): the pipeline starts shallow and deepens as the window fills.
    clock = Clock()
    depth = DepthController(clock, prior_rate=0)
    feed(depth, clock, 250_000, 0.2, rtt=0.7)
    early = depth.plan(0.7, [30_000] * 20)
    feed(depth, clock, 250_000, 3.0, rtt=0.7)
    later = depth.plan(0.7, [30_000] * 20)
    assert early < later == MAX_CONNECTIONS - 1


def test_a_burst_from_a_full_socket_buffer_is_not_taken_for_link_speed():
    # 600 kB read in 10 ms (responses that filled their buffers while another was read)
    # after 2 s at 250 kB/s: the rate over the window, not over the burst.
    clock = Clock()
    depth = DepthController(clock, window=2.0)
    feed(depth, clock, 250_000, 2.0, rtt=0.05)
    feed(depth, clock, 60_000_000, 0.01, rtt=0.05)
    assert depth.peak_rate < 600_000


def test_old_bytes_leave_the_window():
    clock = Clock()
    depth = DepthController(clock, window=1.0)
    feed(depth, clock, 250_000, 3.0, rtt=0.1)
    before = depth.peak_rate
    clock.now += 10.0
    depth.on_bytes(1_000, 0.1)
    assert depth.peak_rate == before  # the peak is kept: a pause does not make the link slower
    assert depth._in_window == 1_000  # noqa: SLF001 - the window itself forgot the old bytes


def test_a_cap_below_one_connection_is_refused():
    with pytest.raises(ValueError):
        DepthController(Clock(), max_connections=0)


def test_before_a_whole_window_the_county_link_rate_is_assumed_then_the_measure_wins():
    clock = Clock()
    depth = DepthController(clock, prior_rate=250_000)
    assert depth.plan(0.7, [30_000] * 20) == MAX_CONNECTIONS - 1  # 262 kB ahead from the start
    assert depth.plan(0.001, [30_000] * 20) == 1  # a LAN: one ahead all the same
    feed(depth, clock, 32_000, 3.0, rtt=0.7)  # a 256 kbit/s link, measured over whole windows
    assert depth.rate == pytest.approx(32_000, rel=0.1)
    assert depth.plan(0.7, [30_000] * 20) == 2  # 34 kB ahead
