"""The app says, in zh_CN, what the CLI says in English: real failures (a closed port on
127.0.0.1, a real SQLite file) become typed errors, and each typed error a sentence."""

from __future__ import annotations

import socket
import sqlite3

import pytest
from PySide6.QtWidgets import QApplication

from eduteach_desktop.core.errors import (
    DatabaseUnopenableError,
    HubRefusedError,
    HubUnreachableError,
    StorageIOError,
)
from eduteach_desktop.store.db import translate as typed
from eduteach_desktop.sync.hubclient import HubClient
from eduteach_desktop.ui.errors import describe_error
from eduteach_desktop.ui.i18n import install_translations


@pytest.fixture
def zh(qapp: QApplication):
    translators = install_translations(qapp, "zh_CN")
    yield
    for t in translators:
        qapp.removeTranslator(t)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_hub_reads_as_a_sentence_not_as_urllib3(zh):
    with pytest.raises(HubUnreachableError) as info:
        HubClient(f"http://127.0.0.1:{_closed_port()}/", timeout=5).device_state("dev", "secret")
    text = describe_error(info.value)
    assert text == "连不上县里的服务器。请检查网线后再试；记录会安全地保存在这台电脑上。"


@pytest.mark.parametrize("error", [
    HubRefusedError("x", status=401),
    StorageIOError("x"),
    DatabaseUnopenableError("x"),
])
def test_new_typed_errors_are_translated(zh, error):
    text = describe_error(error)
    assert any("\u4e00" <= c <= "\u9fff" for c in text), text
    assert "(x)" not in text and not text.endswith("x")


def test_a_bug_shows_its_kind_only_and_goes_to_the_log(zh, tmp_path, caplog):
    conn = sqlite3.connect(tmp_path / "x.db")
    with pytest.raises(sqlite3.Error) as info:
        conn.execute("SELEC nonsense")
    bug = typed(info.value)
    with caplog.at_level("ERROR"):
        text = describe_error(bug)
    assert text == "EduTeach 内部出了问题（StoreError），已记入日志。请告诉技术员。"
    assert "syntax error" not in text
    assert any(r.exc_info and r.exc_info[1] is bug for r in caplog.records)
