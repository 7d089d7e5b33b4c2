"""Transfer policy with an injected clock: cap accuracy over 30 s, windows across midnight
and day boundaries, backoff that honours Retry-After."""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eduteach_desktop.core.clock import ManualClock
from eduteach_desktop.sync.policy import (
    CHINA_TZ,
    Backoff,
    RateLimiter,
    Schedule,
    Window,
    parse_retry_after,
)


def limited(rate: float):
    clock = ManualClock()
    limiter = RateLimiter(rate, clock, sleep=clock.advance)
    return clock, limiter


@given(blocks=st.lists(st.integers(min_value=1, max_value=200_000), min_size=50, max_size=400))
@settings(max_examples=60, deadline=None)
def test_cap_holds_within_one_percent_over_30_seconds(blocks):
    rate = 32_000.0  # 256 kbit/s
    clock, limiter = limited(rate)
    start = clock.monotonic()
    log = []
    for n in blocks:
        limiter.consume(n)
        log.append((clock.monotonic() - start, n))
    # every 30 s window moves at most rate*30 + burst bytes
    total_time = log[-1][0]
    t = 0.0
    while t + 30 <= total_time:
        moved = sum(n for at, n in log if t < at <= t + 30)
        assert moved <= rate * 30 * 1.01 + max(blocks), (t, moved)
        t += 5
    # and the average over the whole transfer is the cap, not far below it
    if total_time > 30:
        assert sum(blocks) / total_time >= rate * 0.97


def test_no_cap_never_sleeps():
    clock, limiter = limited(0)
    assert limiter.consume(10**9) == 0
    assert clock.monotonic() == 1000.0


def china(h: int, m: int = 0, day: int = 1) -> datetime:
    return datetime(2026, 9, day, h, m, tzinfo=CHINA_TZ).astimezone(UTC)


@pytest.mark.parametrize(
    ("at", "is_open"),
    [((17, 59), False), ((18, 0), True), ((23, 59), True), ((0, 0), True), ((6, 59), True), ((7, 0), False), ((12, 0), False)],
)
def test_night_window_crosses_midnight(at, is_open):
    clock = ManualClock(china(*at))
    sched = Schedule([Window.parse("18:00-07:00")], clock)
    assert sched.is_open() is is_open


def test_seconds_until_open_and_close_across_the_day_boundary():
    clock = ManualClock(china(7, 30))
    sched = Schedule([Window.parse("18:00-07:00")], clock)
    assert sched.seconds_until_open() == pytest.approx(10.5 * 3600)
    clock.set(china(23, 0))
    assert sched.seconds_until_open() == 0
    assert sched.seconds_until_close() == pytest.approx(8 * 3600)


def test_window_parse_rejects_nonsense():
    with pytest.raises(ValueError, match="18:00-07:00"):
        Window.parse("evening")
    assert Window.parse("12:00–13:30") == Window(time(12), time(13, 30))


def test_sync_moves_zero_bytes_outside_its_window(tmp_path):
    from eduteach_desktop.services import Services
    from tests.helpers.lessons import TestRepo, write_lesson

    repo = TestRepo(tmp_path / "hub")
    write_lesson(repo.src, "a")
    repo.publish()
    clock = ManualClock(china(12, 0))
    pc = Services.open(tmp_path / "pc", clock=clock)
    try:
        pc.trust.install_root(repo.root())
        engine = pc.sync_engine([str(repo.repo)])
        engine.schedule = Schedule([Window.parse("18:00-07:00")], clock)
        report = engine.run()
        assert any(p.startswith("outside_window") for p in report.problems)
        assert report.bytes_fetched == 0 and pc.blobs.total_bytes() == 0
        assert pc.library.highest_version() == 0  # not even metadata moved
        clock.set(china(18, 1))
        assert engine.run().ok
    finally:
        pc.close()


def test_backoff_grows_with_jitter_and_resets():
    b = Backoff(base=2, cap=60, rng=random.Random(1))
    delays = [b.next_delay() for _ in range(8)]
    assert all(1 <= d <= 60 for d in delays)
    assert delays[5] > delays[0]
    b.reset()
    assert b.next_delay() <= 2


def test_backoff_honours_retry_after_seconds_and_dates():
    b = Backoff(base=1, cap=60, rng=random.Random(2))
    assert b.next_delay("120") >= 120
    now = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)
    http_date = (now + timedelta(seconds=90)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert parse_retry_after(http_date, now) == pytest.approx(90)
    assert parse_retry_after("garbage", now) is None
