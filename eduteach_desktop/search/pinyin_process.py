"""Pinyin for many lesson titles, computed in a short-lived child process.

pypinyin's dictionaries take about 55 MB once loaded. The app needs them only when a new
catalog brings titles the pinyin cache has not seen, and Python never gives all of that
memory back (the dictionaries' objects are interleaved with the app's own). A child
process returns every byte when it exits, so the app stays within its memory budget. If
the child cannot run, the caller computes the keys in its own process instead.

The child is this program again: `eduteach --pinyin-keys` when frozen (launcher.py
answers it before anything else loads), `python -m eduteach_desktop.search.pinyin_process`
otherwise. Titles go in as JSON on stdin; keys come out on stdout, a line per title.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import IO

from eduteach_desktop.core.search import Keys, PinyinFn, pinyin_keys

FLAG = "--pinyin-keys"
# Search needs the start of a title, not all of it: a 10 MB title (from a broken or
# hostile catalog) would keep the child busy for minutes. Keys are computed for at most
# this many characters of each title.
MAX_PINYIN_CHARS = 200


def child_timeout(count: int) -> float:
    """Seconds the child gets for count titles: generous on a slow, busy PC, yet short
    enough that a stuck child is given up on well within one session."""
    return 30.0 + 0.002 * count


class PinyinCancelled(Exception):
    """The app is closing: the child was killed and no keys were computed."""


def load_pypinyin() -> PinyinFn | None:
    # pypinyin copies its dictionaries unless told not to; we never add words of our own.
    os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "true")
    try:
        from pypinyin import lazy_pinyin
    except ImportError:  # search still works on Chinese titles
        return None
    return lazy_pinyin


def command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, FLAG]
    return [sys.executable, "-m", __name__]


class PinyinBatch:
    """Keys for many titles as one string, a line "full<TAB>initials" per title: tens of
    thousands of small objects at once would scatter over the app's heap for good."""

    def __init__(self, titles: Sequence[str], lines: str):
        self.titles = titles
        self.lines = lines

    def __len__(self) -> int:
        return len(self.titles)

    def rows(self) -> Iterator[tuple[str, str, str]]:
        """(title, full pinyin, initials), one at a time."""
        pos = 0
        for title in self.titles:
            end = self.lines.index("\n", pos)
            full, _, initials = self.lines[pos:end].partition("\t")
            yield title, full, initials
            pos = end + 1


def _lines(keys: Iterable[Keys]) -> str:
    return "".join(f"{k.full}\t{k.initials}\n" for k in keys)


def keys_here(titles: Sequence[str], pinyin: PinyinFn | None) -> PinyinBatch:
    return PinyinBatch(titles, _lines(pinyin_keys(t[:MAX_PINYIN_CHARS], pinyin) for t in titles))


class PinyinChild:
    """Runs the child and lets another thread kill it: the app calls cancel() on quit so
    it never waits for a child busy with a huge catalog. Once cancelled, it stays so."""

    def __init__(self, timeout: float | None = None):
        self._timeout = timeout
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._cancelled = False

    @property
    def pid(self) -> int | None:
        """The running child's process id (for tests and logs), or None."""
        with self._lock:
            return self._proc.pid if self._proc is not None else None

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.kill()

    def keys(self, titles: Sequence[str]) -> PinyinBatch:
        """Keys for titles, in order. Raises PinyinCancelled when cancelled, OSError,
        subprocess.SubprocessError (also on timeout) or ValueError when the child could
        not give them."""
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console flashing up on Windows
        payload = json.dumps([t[:MAX_PINYIN_CHARS] for t in titles]).encode()
        timeout = self._timeout if self._timeout is not None else child_timeout(len(titles))
        with self._lock:
            if self._cancelled:
                raise PinyinCancelled("the app is closing")
            proc = subprocess.Popen(command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, creationflags=flags)
            self._proc = proc
        try:
            try:
                out, err = proc.communicate(payload, timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()
                raise
        finally:
            with self._lock:
                self._proc = None
                cancelled = self._cancelled
        if cancelled:
            raise PinyinCancelled("the app is closing")
        if proc.returncode != 0:
            raise subprocess.SubprocessError(
                f"pinyin child exited {proc.returncode}: {err.decode(errors='replace')[-500:]}")
        lines = out.decode("ascii")
        # one line per title, each "letters/digits TAB letters/digits"
        if lines.count("\n") != len(titles) or lines.count("\t") != len(titles) or (lines and not lines.endswith("\n")):
            raise ValueError("pinyin child gave a malformed answer")
        return PinyinBatch(titles, lines)


def keys_in_child(titles: Sequence[str], timeout: float | None = None) -> PinyinBatch:
    """Keys for titles, in order, from a child nobody else can cancel (see PinyinChild)."""
    return PinyinChild(timeout).keys(titles)


def serve(stdin: IO[bytes], stdout: IO[bytes]) -> int:
    """The child's side: a JSON list of titles in, a line "full<TAB>initials" per title out."""
    titles = json.loads(stdin.read())
    if not isinstance(titles, list) or not all(isinstance(t, str) for t in titles):
        if sys.stderr is not None:  # a windowed build's child may have none
            sys.stderr.write("expected a JSON list of titles\n")
        return 2
    stdout.write(keys_here(titles, load_pypinyin()).lines.encode("ascii"))
    stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(serve(sys.stdin.buffer, sys.stdout.buffer))
