"""The app says, in zh_CN, what the CLI says in English: real failures (a closed port on
127.0.0.1, a real SQLite file) become typed errors, and each typed error a sentence."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

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
from tests.helpers.refusing import closed_port, refusing_server

from .helpers import wait_idle


@pytest.fixture
def zh(qapp: QApplication):
    translators = install_translations(qapp, "zh_CN")
    yield
    for t in translators:
        qapp.removeTranslator(t)


def test_unreachable_hub_reads_as_a_sentence_not_as_urllib3(zh):
    with pytest.raises(HubUnreachableError) as info:
        HubClient(f"http://127.0.0.1:{closed_port()}/", timeout=5).device_state("dev", "secret")
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


@pytest.fixture
def refusing_hub() -> Iterator[str]:
    with refusing_server(401) as url:
        yield url


def test_a_refused_credential_is_not_retried_on_a_timer(qtbot, edu, network, services, tasks, refusing_hub):
    """A 401 cannot change by asking again (sync/transient.py): no upload is scheduled; the
    panel asks for the technician instead."""
    from eduteach_desktop.store import settings as keys

    services.settings.update({keys.HUB_URL: refusing_hub, keys.DEVICE_ID: "dev-1",
                              keys.DEVICE_SECRET: "s3cret"})
    lesson = services.library.lesson("music-g1-renyin-xiaoxingxing")
    services.usage.record_play(lesson, services.clock.now(), 12.0, False)
    sync = edu.ctx.sync
    network.set_state(online=False)
    with qtbot.waitSignal(sync.upload_finished, timeout=20_000) as done:
        network.set_state(online=True)
    assert isinstance(done.args[0], HubRefusedError)
    assert sync.next_upload_in is None and sync.upload_backoff.failures == 0
    edu.main_window.show_page("sync")
    qtbot.waitUntil(lambda: "重新注册" in edu.main_window.sync.upload_problem.text(), timeout=5000)
    sync.pause()
    wait_idle(qtbot, tasks, timeout=20_000)
