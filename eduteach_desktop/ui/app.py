"""Start the desktop app: build the object graph in one place and pass it in.

run_app() owns the process-wide things (QApplication, translators, the data-dir lock,
logging); EduTeachApp owns the windows and what they share. Nothing is global, so a test
builds an EduTeachApp on its own temporary Services.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QApplication

from eduteach_desktop.core.errors import AlreadyRunningError, EduTeachError
from eduteach_desktop.store import settings as keys
from eduteach_desktop.store.datadir import resolve_data_dir

from .context import AppContext
from .dialogs import Dialogs
from .errors import describe_error
from .i18n import choose_language, install_translations, normalize, remove_translations
from .main_window import MainWindow
from .sync_controller import NetworkMonitor
from .tasks import TaskRunner
from .theme import FONT_SCALE, apply_theme

if TYPE_CHECKING:
    from eduteach_desktop.services import Services

log = logging.getLogger(__name__)


translate = QCoreApplication.translate


class EduTeachApp(QObject):
    """The windows and the collaborators they share (the AppContext)."""

    def __init__(
        self,
        services: Services,
        tasks: TaskRunner,
        dialogs: Dialogs,
        parent: QObject | None = None,
        network: NetworkMonitor | None = None,
        auto_sync: bool = True,
    ):
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.dialogs = dialogs
        self.ctx = AppContext.build(services, tasks, dialogs, network=network, auto_sync=auto_sync)
        self.main_window = MainWindow(self.ctx)
        tasks.task_failed.connect(self._on_task_failed)
        self._shut_down = False
        self._auto_sync = auto_sync

    @property
    def library_window(self) -> MainWindow:
        """The main window (it was the library window before the Today screen came)."""
        return self.main_window

    def start(self) -> None:
        self.main_window.show()
        self.main_window.today.refresh()  # the start screen first
        self.ctx.library.index_ready.connect(_forget_module_sources)
        self.ctx.library.refresh()
        self.ctx.classroom.restore()
        self.ctx.sync.refresh_status()
        self.main_window.update_notice.refresh()
        # Whether this is a first start is a database read: a worker answers it.
        settings = self.services.settings
        self.tasks.run_read(
            lambda: not settings.get(keys.DEMO_IMPORTED) and not settings.enrolled(),
            self._on_first_run_known,
        )

    def _on_first_run_known(self, first_run: bool) -> None:
        if self._shut_down:
            return
        if first_run:
            self.import_demo_if_first_run()
        elif self._auto_sync:
            # Lessons and records move in the background from the first minute.
            QTimer.singleShot(3000, self._background_start)

    def _background_start(self) -> None:
        if self._shut_down:
            return
        # sync.start and upload_now decide on a worker's reading of the settings
        services, sync = self.services, self.ctx.sync
        self.tasks.run_read(services.settings.enrolled,
                            lambda enrolled: enrolled and (sync.start(), sync.upload_now()))

    # --- first run -------------------------------------------------------------------------
    def import_demo_if_first_run(self) -> bool:
        """On a PC with no hub yet, bring in the bundled demo lessons (in the write worker;
        Services.import_demo_if_first_run decides whether there is anything to do)."""
        if self._shut_down:
            return False
        self.main_window.set_busy("demo", self.tr("Importing the demo lessons…"))
        self.tasks.run_write(
            self.services.import_demo_if_first_run, self._on_demo_imported, self._on_demo_failed
        )
        return True

    def _on_demo_imported(self, report: Any) -> None:
        self.main_window.set_busy("demo", None)
        if report is not None and not report.ok:
            self.dialogs.error(
                self.main_window,
                self.tr("Some demo lessons were not imported"),
                self.tr("The other lessons can be used as usual."),
                "\n".join(report.problems),
            )
        self.ctx.library.refresh()

    def _on_demo_failed(self, exc: BaseException) -> None:
        self.main_window.set_busy("demo", None)
        self.dialogs.error(
            self.main_window, self.tr("The demo lessons were not imported"), describe_error(exc)
        )
        self.ctx.library.refresh()

    # --- errors and shutdown ------------------------------------------------------------
    def _on_task_failed(self, exc: BaseException) -> None:
        self.dialogs.error(
            self.main_window if self.main_window.isVisible() else None,
            self.tr("Something went wrong"),
            describe_error(exc),
        )

    def shutdown(self) -> None:
        """Close players (each queues its usage record), stop transfers, then let the write
        worker finish."""
        if self._shut_down:
            return
        self._shut_down = True
        self.ctx.shutdown()
        self.tasks.shutdown(wait=True)


def _forget_module_sources() -> None:
    """PySide6 reads the source of every module imported after it (shiboken's __feature__
    check) and linecache keeps the lines: about 5 MB of text no one needs once start-up
    is over (a frozen build has no sources to read). A traceback reads them again."""
    import linecache

    linecache.clearcache()


def _setup_logging(log_dir: Path) -> None:
    root = logging.getLogger()
    if any(getattr(h, "_eduteach", False) for h in root.handlers):
        return
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            log_dir / "eduteach.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return
    handler._eduteach = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def _install_excepthook(dialogs: Dialogs) -> Any:
    """An exception escaping a Qt slot becomes a message for the teacher, not a silent log."""
    showing = False

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        log.error("unhandled exception", exc_info=(kind, exc, tb))
        if showing or not isinstance(exc, Exception):
            return
        showing = True
        try:
            dialogs.error(None, translate("App", "Something went wrong"), describe_error(exc))
        finally:
            showing = False

    previous = sys.excepthook
    sys.excepthook = hook
    return previous


def _confirm_health(services: Services) -> bool:
    """A new version on trial marks itself healthy once its window is up and its
    self-test passes; False when its self-test failed."""
    from eduteach_desktop.resources import resource_path
    from eduteach_desktop.update.boot import confirm_health

    on_trial, problems = confirm_health(services.updates.folder, services.identity, resource_path)
    if on_trial and problems:
        log.error("start-up self-test failed: %s", "; ".join(problems))
        return False
    return True


def _apply_update_on_exit(services: Services) -> None:
    """The teacher closed EduTeach: install a downloaded version now (never mid-class).
    Windows: a detached helper runs the installer once this process has ended
    (update/win_helper.py); elsewhere the other slot is filled right here."""
    from eduteach_desktop.update.apply import ApplyError
    from eduteach_desktop.update.identity import WINDOWS
    from eduteach_desktop.update.win_helper import helper_program, start_helper

    try:
        if not services.updates.waiting_version():
            return
        if services.identity.install_kind == WINDOWS:
            start_helper(helper_program(services.identity.executable), os.getpid(), services.datadir.root)
            return
        log.info("%s", services.updates.supervisor.apply_staged())
    except (ApplyError, OSError) as exc:
        log.warning("the downloaded update was not installed: %s", exc)


def run_app(
    data_dir: str | None,
    argv: Sequence[str],
    *,
    dialogs: Dialogs | None = None,
    on_started: Callable[[EduTeachApp], None] | None = None,
    wizard: bool | None = None,
) -> int:
    """Run the desktop app until its last window closes. Returns the exit code.

    dialogs and on_started are for scripts that drive the real app (screenshots, the
    frozen smoke test): they get the running EduTeachApp once its window is up.
    wizard: show the first-run wizard on a first start (default: only without injected dialogs).
    """
    # Qt 6 uses FFmpeg by default on desktop; say so, so an odd system default cannot
    # pick a backend that needs file extensions (our blobs have none).
    os.environ.setdefault("QT_MEDIA_BACKEND", "ffmpeg")
    app = QApplication.instance() or QApplication(list(argv))
    assert isinstance(app, QApplication)
    app.setApplicationName("EduTeach")
    app.setApplicationDisplayName("EduTeach")
    apply_theme(app)
    translators = install_translations(app, choose_language(argv))
    scripted, dialogs = dialogs is not None, dialogs or Dialogs()
    try:
        # Imported here, not at the top: scripts that only build windows around their own
        # Services skip its sync and upload stack.
        from eduteach_desktop.services import Services

        try:
            services = Services.open(resolve_data_dir(data_dir))
        except AlreadyRunningError:
            dialogs.error(
                None,
                translate("App", "EduTeach is already open"),
                translate(
                    "App",
                    "EduTeach is already open on this computer. Look for its window "
                    "on the task bar.",
                ),
            )
            return 1
        except EduTeachError as exc:
            dialogs.error(None, translate("App", "EduTeach cannot start"), describe_error(exc))
            return 1
        _setup_logging(services.datadir.logs)
        # The teacher's choices from Settings (a --lang or $EDUTEACH_LANG still wins).
        saved_lang = services.settings.get(keys.LANGUAGE)
        explicit = any(a.startswith("--lang") for a in argv) or os.environ.get("EDUTEACH_LANG")
        if saved_lang and not explicit and normalize(saved_lang) != choose_language(argv):
            remove_translations(app, translators)
            translators = install_translations(app, normalize(saved_lang) or "zh_CN")
        scale = float(services.settings.get(FONT_SCALE) or 1.0)
        if abs(scale - 1.0) > 0.01:
            apply_theme(app, scale)
        previous_hook = _install_excepthook(dialogs)
        tasks = TaskRunner(pool_workers=4)
        # First start: the setup wizard (not for scripts that inject their dialogs).
        if (wizard if wizard is not None else not scripted) and not services.settings.get(keys.FIRST_RUN_DONE):
            from .wizard import run_first_run_wizard

            # The wizard is this start's first window: a new version on trial proves itself
            # here, or the previous version would count the teacher's setup time as a hang.
            if not _confirm_health(services):
                tasks.shutdown(wait=True)
                services.close()
                sys.excepthook = previous_hook
                return 3

            translators, go_on = run_first_run_wizard(
                app, services, tasks, dialogs, translators, normalize(saved_lang) or choose_language(argv))
            if not go_on:  # a new data folder: it is used from the next start
                tasks.shutdown(wait=True)
                services.close()
                return 0
        edu = EduTeachApp(services, tasks, dialogs)
        app.aboutToQuit.connect(edu.shutdown)
        try:
            edu.start()
            if not _confirm_health(services):
                return 3  # on trial and broken: the previous version takes over (update/boot.py)
            if on_started is not None:
                on_started(edu)
            return app.exec()
        finally:
            edu.shutdown()
            services.close()
            sys.excepthook = previous_hook
            if not scripted:
                _apply_update_on_exit(services)
    finally:
        remove_translations(app, translators)
