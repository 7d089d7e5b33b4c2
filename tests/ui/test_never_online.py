"""Schools with no network, in the app: enrollment from a USB stick in the wizard and in
Settings (the county and school shown before joining, a wrong file refused in Chinese), and
the watched satellite folder adding lessons as they arrive."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6

from eduteach_desktop.store import settings as keys
from eduteach_desktop.ui.wizard import FirstRunWizard
from tests.helpers.lessons import write_lesson
from tests.integration.hubproc import cli, init_home

WAIT = 20_000
SCHOOL = "4301230001"


@pytest.fixture
def county(tmp_path: Path) -> Path:
    """A county hub home with two small lessons published."""
    home = init_home(tmp_path / "county", county="430123")
    src = tmp_path / "county-lessons"
    write_lesson(src, "song-a")
    write_lesson(src, "song-b", order=2)
    rc, out = cli("publish", str(src), home=home)
    assert rc == 0, out
    return home


def enroll_file(home: Path, school: str, folder: Path, name: str = "大坪村教学点") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rc, out = cli("school", "add", school, "--name", name, "--enroll-file", str(folder) + "/", home=home)
    assert rc == 0, out
    return folder


@pytest.fixture
def made() -> Iterator[list[FirstRunWizard]]:
    wizards: list[FirstRunWizard] = []
    yield wizards
    for wizard in wizards:
        wizard.close()
        shiboken6.delete(wizard)


def test_wizard_enrolls_from_a_usb_stick_after_showing_county_and_school(  # noqa: ANN001
        qtbot, zh_app, services, tasks, dialogs, made, county, tmp_path):
    stick = enroll_file(county, SCHOOL, tmp_path / "stick")
    other = enroll_file(county, "4301230002", tmp_path / "other", "小河教学点")
    wizard = FirstRunWizard(services, tasks, dialogs, folder_picker=lambda parent, title: stick, frozen=False)
    made.append(wizard)
    wizard.show()
    wizard.next()
    wizard.next()
    assert wizard.currentId() == wizard.PAGE_ENROLL
    panel = wizard.enroll_page.usb
    assert panel.choose_button.text() == "用U盘注册…"
    panel.choose_button.click()
    qtbot.waitUntil(lambda: panel.join_button.isVisible(), timeout=WAIT)
    text = panel.confirm.text()
    assert "430123" in text and "大坪村教学点" in text and SCHOOL in text and panel.preview is not None
    assert panel.preview.fingerprint in text
    assert not services.settings.has_identity()  # nothing taken before the technician confirms
    with qtbot.waitSignal(panel.enrolled, timeout=WAIT):
        panel.join_button.click()
    assert services.settings.get(keys.SCHOOL_CODE) == SCHOOL
    assert wizard.school_name == "大坪村教学点"
    assert "注册成功" in panel.result.text()
    # a second stick, for another school: refused, in one Chinese sentence
    panel.picker = lambda parent, title: other
    panel.choose_button.click()
    qtbot.waitUntil(lambda: "别的学校" in panel.result.text(), timeout=WAIT)
    assert panel.result.text() == "这个注册文件是给别的学校的。请使用为本校制作的注册文件。"
    assert services.settings.get(keys.SCHOOL_CODE) == SCHOOL
    assert dialogs.shown == []


def enroll_from_settings(qtbot, edu, county: Path, stick_dir: Path):  # noqa: ANN001, ANN201
    """Settings → USB enrollment with the school's file on a stick, up to the enrolled signal;
    returns the settings page."""
    window = edu.main_window
    window.show_page("settings")
    page = window.settings
    qtbot.waitUntil(lambda: page.folder.text() != "", timeout=WAIT)
    stick = enroll_file(county, SCHOOL, stick_dir)
    page.usb.picker = lambda parent, title: stick
    page.usb.choose_button.click()
    qtbot.waitUntil(lambda: page.usb.join_button.isVisible(), timeout=WAIT)
    with qtbot.waitSignal(page.usb.enrolled, timeout=WAIT):
        page.usb.join_button.click()
    return page


def test_settings_usb_enrollment_then_the_satellite_folder_fills_the_library(  # noqa: ANN001
        qtbot, edu, services, county, tmp_path):
    page = enroll_from_settings(qtbot, edu, county, tmp_path / "stick")
    qtbot.waitUntil(lambda: "已用U盘注册" in page.hub_state.text(), timeout=WAIT)
    assert services.library.lessons() == []  # the demo catalog is not the county's

    # the satellite receiver writes into a folder; the app watches it
    sat = tmp_path / "satellite"
    sat.mkdir()
    watch = edu.ctx.satellite
    page.satellite.picker = lambda parent, title: sat
    page.satellite.choose_button.click()
    qtbot.waitUntil(lambda: services.settings.get("watch_folder") == str(sat), timeout=WAIT)
    assert str(sat) in page.satellite.state.text()
    repo = county / "repo"
    shutil.copytree(repo / "metadata", sat / "metadata")
    shutil.copytree(repo / "targets", sat / "targets")
    # only the first lesson's files have arrived so far
    from eduteach_protocol.catalog import Catalog
    from eduteach_protocol.repo_layout import blob_relpath

    catalog = Catalog.from_bytes(next((repo / "targets").iterdir()).read_bytes()).by_id()
    for f in catalog["song-a"].files:
        (sat / blob_relpath(f.sha256)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(repo / blob_relpath(f.sha256), sat / blob_relpath(f.sha256))

    def settle_and_sync() -> None:
        """Poll as the app's timer would until the watcher has started a sync and it ended."""
        finished: list[object] = []
        edu.ctx.sync.sync_finished.connect(finished.append)
        try:
            def poll() -> bool:
                if not finished:
                    watch.poll()
                return bool(finished)
            qtbot.waitUntil(poll, timeout=WAIT)
        finally:
            edu.ctx.sync.sync_finished.disconnect(finished.append)

    settle_and_sync()
    assert {ls.id for ls in services.library.installed_lessons()} == {"song-a"}
    assert page.satellite.receiving.text() == "接收中… 2 节课中已有 1 节完整，现在就能用；其余的随下次卫星接收到达。"
    for f in catalog["song-b"].files:
        (sat / blob_relpath(f.sha256)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(repo / blob_relpath(f.sha256), sat / blob_relpath(f.sha256))
    settle_and_sync()
    assert {ls.id for ls in services.library.installed_lessons()} == {"song-a", "song-b"}
    assert page.satellite.receiving.text() == "卫星发来的 2 节课已全部接收完整。"


def test_a_stick_from_another_county_is_worded_for_the_teacher(qtbot, edu, services, county, tmp_path):  # noqa: ANN001
    # the PC trusts the demo root; the stick carries the county's repository
    window = edu.main_window
    window.show_page("sync")
    with qtbot.waitSignal(edu.ctx.sync.sync_finished, timeout=WAIT):
        edu.ctx.sync.start([str(county / "repo")])
    qtbot.waitUntil(lambda: "别的县" in window.sync.phase.text(), timeout=WAIT)  # the page's wording
    assert services.library.active_version() is not None  # the demo lessons still play


def test_a_stick_older_than_what_the_pc_holds_is_worded_for_the_teacher(  # noqa: ANN001
        qtbot, edu, services, county, tmp_path):
    old_stick = tmp_path / "old-stick"
    shutil.copytree(county / "repo", old_stick)  # last term's copy
    write_lesson(tmp_path / "county-lessons", "song-c", order=3)
    rc, out = cli("publish", str(tmp_path / "county-lessons"), home=county)
    assert rc == 0, out
    services.trust.install_root((county / "repo" / "metadata" / "root.json").read_bytes())
    services.library.reset()
    assert services.sync([str(county / "repo")]).ok
    window = edu.main_window
    window.show_page("sync")
    with qtbot.waitSignal(edu.ctx.sync.sync_finished, timeout=WAIT):
        edu.ctx.sync.start([str(old_stick)])
    qtbot.waitUntil(lambda: "旧" in window.sync.phase.text(), timeout=WAIT)
    assert services.library.active_version() == 2


def test_a_pc_enrolled_from_a_stick_goes_online_from_settings_as_the_same_pc(  # noqa: ANN001
        qtbot, edu, services, county, tmp_path):
    from tests.integration.hubproc import running_hub, sql

    page = enroll_from_settings(qtbot, edu, county, tmp_path / "stick")
    qtbot.waitUntil(lambda: page.usb_identity_shown, timeout=WAIT)
    assert services.sync([str(county / "repo")]).ok
    services.usage.record_play(services.library.lesson("song-a"), services.clock.now(), 3.0, True,
                               segments=[(0, 3.0)])
    with running_hub(county) as url:
        # a code would make it a second device: refused, in the teacher's words
        page.hub_url.setText(url)
        page.code.setText("K7QM-2XPD-4RTA")
        page.enroll_button.click()
        qtbot.waitUntil(lambda: "不需要注册码" in page.enroll_result.text(), timeout=WAIT)
        # the address alone: the same PC goes online and its records go up
        page.code.clear()
        with qtbot.waitSignal(page.enrolled, timeout=WAIT):
            page.enroll_button.click()
        assert page.enroll_result.text() == "已连接。这台电脑现在属于 大坪村教学点。"
        assert sql(county, "SELECT count(*) FROM devices") == (1,)
        assert sql(county, "SELECT count(*) FROM statements") == (3,)
        assert services.outbox.counts().pending == 0


def test_a_satellite_folder_from_another_county_is_worded_in_settings(qtbot, edu, services, county, tmp_path):  # noqa: ANN001
    window = edu.main_window
    window.show_page("settings")
    page = window.settings
    sat = tmp_path / "satellite"
    shutil.copytree(county / "repo", sat)  # signed by the county; this PC trusts the demo root
    finished: list[object] = []
    edu.ctx.sync.sync_finished.connect(finished.append)
    page.satellite.picker = lambda parent, title: sat
    page.satellite.choose_button.click()

    def poll() -> bool:
        if not finished:
            edu.ctx.satellite.poll()
        return bool(finished)

    qtbot.waitUntil(poll, timeout=WAIT)
    edu.ctx.sync.sync_finished.disconnect(finished.append)
    assert page.satellite.receiving.text() == "这些课程是别的县签发的，所以没有使用。请要一份本县的拷贝。"
    assert page.satellite.receiving.isVisibleTo(page)
