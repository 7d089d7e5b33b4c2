"""Pinyin for new titles comes from a child process (pypinyin's 55 MB never enter the
app); the app computes it itself only when the child cannot run."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from eduteach_desktop.core.search import pinyin_keys
from eduteach_desktop.search import pinyin_process
from eduteach_desktop.search.pinyin_process import (
    PinyinBatch,
    keys_here,
    keys_in_child,
    load_pypinyin,
)

TITLES = ["小星星", "两只老虎", "长城", "Hello! 小老虎", "ドレミ 歌", "第1课\t春天"]


def test_child_gives_what_pypinyin_gives_here():
    batch = keys_in_child(TITLES)
    pinyin = load_pypinyin()
    assert [(t, f, i) for t, f, i in batch.rows()] == [
        (t, pinyin_keys(t, pinyin).full, pinyin_keys(t, pinyin).initials) for t in TITLES]
    rows = {t: (f, i) for t, f, i in batch.rows()}
    assert rows["小星星"] == ("xiaoxingxing", "xxx")
    assert rows["长城"] == ("changcheng", "cc")  # the phrase dictionary: not "zhang"
    assert rows["ドレミ 歌"] == ("ge", "g")  # kana have no pinyin: left to the title search
    assert batch.lines.isascii()


def test_the_installed_command_answers_the_hidden_flag():
    exe = shutil.which("eduteach", path=str(Path(sys.executable).parent))
    assert exe, "the eduteach console script is installed in the venv"
    proc = subprocess.run([exe, "--pinyin-keys"], input=json.dumps(["小星星", "画太阳"]).encode(),
                          capture_output=True, timeout=120, check=True)
    assert proc.stdout.decode() == "xiaoxingxing\txxx\nhuataiyang\thty\n"


def test_a_child_that_fails_or_talks_nonsense_is_an_error(monkeypatch):
    monkeypatch.setattr(pinyin_process, "command", lambda: [sys.executable, "-c", "import sys; sys.exit(3)"])
    with pytest.raises(subprocess.SubprocessError, match="exited 3"):
        keys_in_child(["小星星"])
    monkeypatch.setattr(pinyin_process, "command",
                        lambda: [sys.executable, "-c", "print('a\\tb'); print('c\\td')"])
    with pytest.raises(ValueError, match="malformed"):
        keys_in_child(["小星星"])  # two lines for one title
    monkeypatch.setattr(pinyin_process, "command", lambda: ["/nonexistent/eduteach"])
    with pytest.raises(OSError):
        keys_in_child(["小星星"])


def test_app_falls_back_to_computing_here_and_drops_pypinyin(monkeypatch, tmp_path):
    from eduteach_desktop.services import Services
    from eduteach_desktop.store.timetable import TimetableStore
    from eduteach_desktop.ui import library_data

    from .test_lesson_table import _add, _lessons

    services = Services.open(tmp_path / "data")
    try:
        _add(services.library, 1, _lessons(1), activate=True)
        store = TimetableStore(services.db, services.clock)
        monkeypatch.setattr(pinyin_process, "command", lambda: ["/nonexistent/eduteach"])
        batch = library_data.fresh_pinyin(store, 1)
        assert len(batch) == len({ls.title for ls in _lessons(1)})
        assert not any(m == "pypinyin" or m.startswith("pypinyin.") for m in sys.modules)
        store.save_pinyin(batch.rows())
        assert len(library_data.fresh_pinyin(store, 1)) == 0  # all cached now
        index = library_data.build_index(store.lesson_table(), store)
        assert len(index.search("xxx")) == len(_lessons(1))  # every title has 小星星
    finally:
        services.close()


def test_batch_rows_are_read_one_at_a_time():
    batch = keys_here(["小星星", "画太阳"], load_pypinyin())
    assert isinstance(batch, PinyinBatch) and len(batch) == 2
    assert list(batch.rows()) == [("小星星", "xiaoxingxing", "xxx"), ("画太阳", "huataiyang", "hty")]
