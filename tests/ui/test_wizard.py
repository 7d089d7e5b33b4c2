"""The first-run wizard, driven page by page with real widgets (no modal exec()):
offline only, enrollment with a real hub, and lessons from a USB folder."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6

from eduteach_desktop.resources import demo_repo_path
from eduteach_desktop.services import Services
from eduteach_desktop.store import settings as keys
from eduteach_desktop.store.library import Subscription
from eduteach_desktop.ui.i18n import install_translations, remove_translations
from eduteach_desktop.ui.tasks import TaskRunner
from eduteach_desktop.ui.wizard import FirstRunWizard

WAIT = 20_000


@pytest.fixture
def made() -> Iterator[list[FirstRunWizard]]:
    """Wizards made in a test, deleted at once at its end (before its services close):
    a wizard left for a later deferred delete crashed the next test's restyling."""
    wizards: list[FirstRunWizard] = []
    yield wizards
    for wizard in wizards:
        wizard.close()
        shiboken6.delete(wizard)


def make_wizard(made, services, tasks, dialogs, picks: list[Path | None] | None = None, **kw):  # noqa: ANN001
    queue = list(picks or [])
    wizard = FirstRunWizard(services, tasks, dialogs, folder_picker=lambda parent, title: queue.pop(0),
                            frozen=False, **kw)
    made.append(wizard)
    wizard.show()
    return wizard


def finish(qtbot, wizard, services):  # noqa: ANN001
    qtbot.waitUntil(lambda: wizard.button(wizard.WizardButton.FinishButton).isEnabled(), timeout=WAIT)
    wizard.button(wizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: services.settings.get(keys.FIRST_RUN_DONE) is True, timeout=WAIT)


def test_offline_only_skip_through_and_subscribe(qtbot, zh_app, services, tasks, dialogs, made):  # noqa: ANN001
    wizard = make_wizard(made, services, tasks, dialogs)
    assert wizard.currentId() == wizard.PAGE_LANGUAGE
    assert wizard.button(wizard.WizardButton.NextButton).text() == "下一步（或跳过）>"
    wizard.next()
    assert wizard.currentId() == wizard.PAGE_STORAGE
    qtbot.waitUntil(lambda: "…" not in wizard.storage_page.free.text(), timeout=WAIT)
    assert str(services.datadir.root) in wizard.storage_page.folder.text()
    wizard.next()
    assert wizard.currentId() == wizard.PAGE_ENROLL
    wizard.enroll_page.offline_button.click()
    assert wizard.currentId() == wizard.PAGE_SUBJECTS
    page = wizard.subjects_page
    qtbot.waitUntil(lambda: bool(page.editions), timeout=WAIT)
    page.grades[1].setChecked(True)
    for subject, combo in page.editions.items():
        if subject != "music":
            combo.setCurrentIndex(0)  # not taught
    music = [ls for ls in page.catalog.lessons if ls.grade == 1 and ls.subject == "music"]
    assert music
    assert f"{len(music)} " in page.size.text()
    edition = page.editions["music"].currentData()
    wizard.next()
    assert wizard.currentId() == wizard.PAGE_USB
    finish(qtbot, wizard, services)
    qtbot.waitUntil(lambda: services.library.subscriptions() == [Subscription(1, "music", edition)],
                    timeout=WAIT)
    assert dialogs.shown == []


def test_editions_start_at_the_countys(qtbot, zh_app, services, tasks, dialogs, made):  # noqa: ANN001
    """The county set music=湘艺版 for the school: the wizard's music edition starts there
    (not at "all editions"), and finishing makes it the teacher's own choice."""
    from eduteach_protocol.editions import EditionRule

    services.library.set_county_editions([EditionRule("music", 0, "湘艺版")])
    wizard = make_wizard(made, services, tasks, dialogs)
    wizard.next()
    wizard.next()
    wizard.enroll_page.offline_button.click()
    page = wizard.subjects_page
    qtbot.waitUntil(lambda: bool(page.editions) and page.editions["music"].currentData() == "湘艺版", timeout=WAIT)
    assert page.editions["art"].currentData() == "岭南版"  # one edition: that one, as before
    page.grades[1].setChecked(True)
    wizard.next()
    finish(qtbot, wizard, services)
    qtbot.waitUntil(lambda: services.library.subscription_source() == "teacher", timeout=WAIT)
    assert Subscription(1, "music", "湘艺版") in services.library.subscriptions()


def test_language_switches_at_once(qtbot, zh_app, services, tasks, dialogs, made):  # noqa: ANN001
    installed: list = []

    def switch(lang: str) -> None:  # English on top of the fixture's Chinese, removed below
        remove_translations(zh_app, installed)
        installed[:] = install_translations(zh_app, lang) if lang == "en" else []

    wizard = make_wizard(made, services, tasks, dialogs, switch_language=switch)
    try:
        assert wizard.language_page.heading.text() == "欢迎使用 EduTeach"
        wizard.language_page.en.setChecked(True)
        assert wizard.language_page.heading.text() == "Welcome to EduTeach"
        assert wizard.button(wizard.WizardButton.NextButton).text() == "Next (or skip) >"
        qtbot.waitUntil(lambda: services.settings.get(keys.LANGUAGE) == "en", timeout=WAIT)
        wizard.language_page.zh.setChecked(True)
        assert wizard.language_page.heading.text() == "欢迎使用 EduTeach"
    finally:
        remove_translations(zh_app, installed)


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Services]:
    svc = Services.open(tmp_path / "fresh-data")
    yield svc
    svc.close()


@pytest.fixture
def fresh_tasks(fresh: Services, qapp) -> Iterator[TaskRunner]:  # noqa: ANN001
    runner = TaskRunner()
    yield runner
    runner.shutdown(wait=True)


def test_enroll_with_a_real_hub(qtbot, zh_app, fresh, fresh_tasks, dialogs, tmp_path, made):  # noqa: ANN001
    from tests.integration.hubproc import run_cli, running_hub

    home = tmp_path / "hub"
    init = run_cli("init", str(home), "--county", "430123")
    assert init.returncode == 0, init.stderr
    added = run_cli("school", "add", "4301230001", "--name", "杨家沟教学点", home=home)
    assert added.returncode == 0, added.stderr
    code = added.stdout.strip().splitlines()[-1].strip()
    with running_hub(home) as url:
        wizard = make_wizard(made, fresh, fresh_tasks, dialogs)
        wizard.next()
        wizard.next()
        page = wizard.enroll_page
        page.url.setText(url)
        page.code.setText("WRONG-CODE-0000")
        page.connect_button.click()
        assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()  # busy
        qtbot.waitUntil(lambda: not page._busy, timeout=WAIT)
        assert "注册码不对" in page.result.text()
        assert not fresh.settings.enrolled()
        page.code.setText(code)
        page.connect_button.click()
        qtbot.waitUntil(lambda: not page._busy, timeout=WAIT)
        assert "杨家沟教学点" in page.result.text(), page.result.text()
        assert fresh.settings.enrolled()
        page.code.setText(code)
        wizard.next()
        qtbot.waitUntil(lambda: wizard.subjects_page._state != "loading", timeout=WAIT)
        wizard.next()
        finish(qtbot, wizard, fresh)


def test_unreachable_hub_says_so(qtbot, zh_app, fresh, fresh_tasks, dialogs, made):  # noqa: ANN001
    wizard = make_wizard(made, fresh, fresh_tasks, dialogs)
    wizard.next()
    wizard.next()
    page = wizard.enroll_page
    page.url.setText("http://127.0.0.1:9")
    page.code.setText("ABCD")
    page.connect_button.click()
    qtbot.waitUntil(lambda: not page._busy, timeout=WAIT)
    assert "连不上" in page.result.text(), page.result.text()


def test_usb_import(qtbot, zh_app, fresh, fresh_tasks, dialogs, tmp_path, made):  # noqa: ANN001
    demo = demo_repo_path()
    stick = tmp_path / "usb"
    shutil.copytree(demo, stick / "eduteach-lessons")
    fresh.trust.install_root((demo / "metadata" / "root.json").read_bytes())
    not_lessons = tmp_path / "photos"
    not_lessons.mkdir()
    wizard = make_wizard(made, fresh, fresh_tasks, dialogs, picks=[not_lessons, stick])
    for _ in range(4):
        wizard.next()
    assert wizard.currentId() == wizard.PAGE_USB
    page = wizard.usb_page
    page.choose_button.click()
    assert "没有 EduTeach 课程" in page.result.text(), page.result.text()
    page.choose_button.click()  # the stick's top folder: the repository is one level down
    qtbot.waitUntil(lambda: page.report is not None, timeout=60_000)
    assert page.report.ok, page.report.problems
    assert "课已经可以用了" in page.result.text(), page.result.text()
    assert len(fresh.library.installed_lessons()) == len(fresh.library.lessons()) > 0
    finish(qtbot, wizard, fresh)


def test_a_network_folder_is_refused_and_the_current_folder_stays(qtbot, zh_app, services, tasks, dialogs,  # noqa: ANN001
                                                                   made, tmp_path, monkeypatch):
    from eduteach_desktop.store import datadir

    nas = tmp_path / "nas"
    nas.mkdir()
    monkeypatch.setattr(datadir, "_mountinfo", lambda: f"40 22 0:35 / {nas} rw - cifs //nas/share rw\n")
    wizard = make_wizard(made, services, tasks, dialogs, picks=[nas / "EduTeach"])
    wizard.next()
    assert wizard.currentId() == wizard.PAGE_STORAGE
    marker = Path(sys.executable).resolve().parent / datadir.DATA_DIR_FILE
    existed = marker.exists()
    wizard.storage_page.choose()
    qtbot.waitUntil(lambda: "网络驱动器" in wizard.storage_page.result.text(), timeout=WAIT)
    assert "请选择这台电脑自己硬盘上的文件夹" in wizard.storage_page.result.text()
    assert not wizard.restart_needed and wizard.new_data_dir is None
    assert not (nas / "EduTeach").exists()
    assert marker.exists() == existed  # data-dir.txt was not written
