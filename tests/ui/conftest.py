"""UI test fixtures: a data dir with the demo lessons, the app's collaborators, zh_CN."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from eduteach_desktop.resources import demo_repo_path
from eduteach_desktop.services import Services
from eduteach_desktop.ui.dialogs import RecordingDialogs
from eduteach_desktop.ui.i18n import install_translations, remove_translations
from eduteach_desktop.ui.tasks import TaskRunner
from eduteach_desktop.ui.theme import apply_theme

ROOT = Path(__file__).resolve().parents[2]
DEMO_LESSONS = ROOT / "resources" / "demo_lessons"

MUSIC = "music-g1-renyin-xiaoxingxing"
SLIDES = "art-g1-lingnan-huataiyang"
VIDEO = "english-g3-waiyan-hello"


@pytest.fixture(scope="session")
def demo_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A signed repository holding the demo lessons: the bundled one if it is built,
    otherwise one published here from resources/demo_lessons (once per session)."""
    bundled = demo_repo_path()
    if (bundled / "metadata" / "root.json").exists():
        return bundled
    from eduteach_hub.publish.publisher import publish
    from eduteach_hub.publish.tuf_repo import RepositoryWriter, generate_keys

    base = tmp_path_factory.mktemp("demo-hub")
    generate_keys(base / "keys")
    writer = RepositoryWriter(base / "repo", base / "keys")
    writer.bootstrap()
    publish(DEMO_LESSONS, writer)
    return base / "repo"


@pytest.fixture
def services(tmp_path: Path, demo_repo: Path) -> Iterator[Services]:
    """A fresh data dir per test with the demo lessons synced in (folder source)."""
    svc = Services.open(tmp_path / "data")
    svc.trust.install_root((demo_repo / "metadata" / "root.json").read_bytes())
    report = svc.sync([str(demo_repo)])
    assert report.ok, report.problems
    yield svc
    svc.close()


@pytest.fixture
def empty_services(tmp_path: Path) -> Iterator[Services]:
    svc = Services.open(tmp_path / "empty-data")
    yield svc
    svc.close()


@pytest.fixture
def zh_app(qapp: QApplication) -> Iterator[QApplication]:
    """The app with our theme and the Chinese translation, as run_app sets it up."""
    apply_theme(qapp)
    translators = install_translations(qapp, "zh_CN")
    yield qapp
    remove_translations(qapp, translators)


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    """A TaskRunner on its own (for tests of the runner itself)."""
    task_runner = TaskRunner()
    yield task_runner
    task_runner.shutdown(wait=True)
    QApplication.processEvents()


@pytest.fixture
def tasks(services: Services, runner: TaskRunner) -> TaskRunner:
    """The runner windows use. It depends on `services`, so it shuts down (finishing
    queued record writes) before the database closes."""
    return runner


@pytest.fixture
def dialogs() -> RecordingDialogs:
    return RecordingDialogs()


@pytest.fixture
def network() -> Iterator[object]:
    """A network monitor with no platform backend; tests flip it with set_state()."""
    from eduteach_desktop.ui.sync_controller import NetworkMonitor

    monitor = NetworkMonitor(load=False)
    monitor.available = True
    monitor.metered_known = True
    yield monitor


@pytest.fixture
def edu(qtbot, zh_app, services, tasks, dialogs, network) -> Iterator[object]:  # noqa: ANN001
    """The whole app (main window, shared context) on the demo lessons, no timers."""
    from eduteach_desktop.ui.app import EduTeachApp

    app = EduTeachApp(services, tasks, dialogs, network=network, auto_sync=False)
    qtbot.addWidget(app.main_window)
    app.main_window.show()
    with qtbot.waitSignal(app.ctx.library.rows_changed, timeout=10_000):
        app.ctx.library.refresh()
    yield app
    app.ctx.shutdown()
