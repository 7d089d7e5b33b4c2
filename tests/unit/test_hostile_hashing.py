"""The publisher hashes source files by reading them, not by mapping them: a file that
someone truncates while it is hashed is an OSError with one line, not a SIGBUS that kills
the publish. Reading in blocks cuts exactly where chunking the whole file at once does."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import fastcdc
import pytest

from eduteach_hub.publish import chunking
from eduteach_protocol.chunks import AVG_CHUNK, MAX_CHUNK, MIN_CHUNK, build_index


class _TruncatedWhileRead(io.FileIO):
    """A source file cut short by another process after its size was taken."""

    def read(self, size: int = -1) -> bytes:
        os.truncate(self.name, 1024 * 1024 + 7)
        return super().read(size)

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        os.truncate(self.name, 1024 * 1024 + 7)
        return super().readinto(buffer)


def test_file_truncated_while_hashed_is_an_oserror(tmp_path: Path) -> None:
    src = tmp_path / "video.mp4"
    src.write_bytes(os.urandom(6 * 1024 * 1024))
    with _TruncatedWhileRead(src, "rb") as fh, pytest.raises(OSError, match="changed while it was hashed"):
        chunking.hash_open_file(fh)  # type: ignore[arg-type]


def test_small_file_truncated_while_hashed_is_an_oserror(tmp_path: Path) -> None:
    src = tmp_path / "lyrics.lrc"
    src.write_bytes(b"x" * 4096)

    class Shrinks(io.FileIO):
        def read(self, size: int = -1) -> bytes:
            os.truncate(self.name, 10)
            return super().read(size)

    with Shrinks(src, "rb") as fh, pytest.raises(OSError, match="changed while it was hashed"):
        chunking.hash_open_file(fh)  # type: ignore[arg-type]


@pytest.mark.parametrize("block", [MAX_CHUNK + 1, 5 * 1024 * 1024 + 123, 64 * 1024 * 1024])
def test_block_reads_cut_where_the_whole_file_cuts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  block: int) -> None:
    # Random bytes, then a long run of zeros (cut at MAX_CHUNK), then random again.
    data = os.urandom(9 * 1024 * 1024) + bytes(9 * 1024 * 1024) + os.urandom(3 * 1024 * 1024 + 11)
    src = tmp_path / "big.bin"
    src.write_bytes(data)
    monkeypatch.setattr(chunking, "_READ_BLOCK", block)
    sha, size, index = chunking.hash_file(src)
    cuts = [(c.offset, c.length) for c in fastcdc.fastcdc(
        data, min_size=MIN_CHUNK, avg_size=AVG_CHUNK, max_size=MAX_CHUNK, fat=False, hf=None)]
    assert (sha, size) == (hashlib.sha256(data).hexdigest(), len(data))
    assert index == build_index([(n, hashlib.sha256(data[o:o + n]).digest()) for o, n in cuts])
