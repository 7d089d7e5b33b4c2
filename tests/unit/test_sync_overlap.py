"""The gate that lets the app-update check run beside the lessons (sync/overlap.py)."""

from __future__ import annotations

import threading

import pytest

from eduteach_desktop.core.errors import SourceUnavailableError
from eduteach_desktop.sync.downloader import Cancelled
from eduteach_desktop.sync.overlap import LessonsFirst
from eduteach_desktop.sync.sources import RangeResponse, Source


class Recording(Source):
    def __init__(self, done: threading.Event, kind: str = "wan"):
        self.label, self.kind, self.done = "hub", kind, done
        self.saw_done: list[bool] = []

    def read_small(self, relpath: str, max_length: int) -> bytes:
        return b"metadata"

    def open_range(self, relpath: str, offset: int, length: int, validator: str | None) -> RangeResponse:
        self.saw_done.append(self.done.is_set())
        return RangeResponse(offset=offset, chunks=iter([b"x" * length]), validator=None)


def test_metadata_passes_at_once_and_a_download_waits_for_the_lessons():
    done, stopped = threading.Event(), threading.Event()
    inner = Recording(done)
    gated = LessonsFirst(inner, done, stopped)
    assert gated.read_small("metadata/timestamp.json", 100) == b"metadata"  # the lessons are not done
    assert gated.label == "hub" and gated.kind == "wan"
    result: list[RangeResponse] = []
    worker = threading.Thread(target=lambda: result.append(gated.open_range("blobs/aa/x", 0, 3, None)))
    worker.start()
    done.set()
    worker.join(timeout=30)
    assert inner.saw_done == [True]  # the inner request went out only once the lessons were done
    assert b"".join(result[0].chunks) == b"xxx"


def test_lessons_that_stop_cancel_a_waiting_download():
    done, stopped = threading.Event(), threading.Event()
    inner = Recording(done)
    gated = LessonsFirst(inner, done, stopped)
    stopped.set()
    done.set()
    with pytest.raises(Cancelled):
        gated.open_range("blobs/aa/x", 0, 3, None)
    assert inner.saw_done == []


def test_a_connection_metered_meanwhile_keeps_the_package_off_the_county_link_only():
    done, stopped = threading.Event(), threading.Event()
    done.set()
    wan = LessonsFirst(Recording(done), done, stopped, wan_paused=lambda: True)
    with pytest.raises(SourceUnavailableError, match="metered"):
        wan.open_range("blobs/aa/x", 0, 3, None)
    folder = LessonsFirst(Recording(done, kind="local"), done, stopped, wan_paused=lambda: True)
    assert b"".join(folder.open_range("blobs/aa/x", 0, 3, None).chunks) == b"xxx"
