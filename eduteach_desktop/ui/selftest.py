"""Hidden self-tests of the real app, for the frozen smoke test, `doctor` and benchmarks.

    eduteach [--data-dir D] [--lang L] --selftest [LESSON_ID] [--seconds N] [--timeout T]
    eduteach --qt-probe

They are not in `--help` (teachers never need them); launcher.py sends any command line
with one of these flags here before the normal parser sees it.

--selftest runs the real app (run_app: the same translations, data dir lock, logging,
task runner and windows a teacher gets). It reports "usable" when the main window is shown
and has listed the lessons. With a LESSON_ID it then opens that lesson in the real player,
lets it play for N seconds, closes it, waits until the usage record is durable, and quits.
Any error dialog, playback failure or record failure makes it fail. Exit code 0 = passed.

--qt-probe loads Qt without opening a window and reports the Qt version, the multimedia
backend, audio outputs, image formats and whether the translations load. `eduteach doctor`
runs it in a child process (the CLI itself never imports Qt).

Every report is one stdout line: "EDUTEACH-SELFTEST " + JSON (flushed at once, so a parent
can time it).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from typing import Any

PREFIX = "EDUTEACH-SELFTEST "


def emit(event: str, **fields: Any) -> None:
    line = PREFIX + json.dumps({"event": event, "t": time.time(), **fields}, ensure_ascii=False)
    stream = sys.stdout
    if stream is None:  # a windowed Windows program has no stdout: use eduteach-cli.exe
        return
    stream.write(line + "\n")
    stream.flush()


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="eduteach --selftest", add_help=False)
    p.add_argument("--data-dir")
    p.add_argument("--lang")
    p.add_argument("--selftest", nargs="?", const="", default=None, metavar="LESSON_ID")
    p.add_argument("--qt-probe", action="store_true")
    p.add_argument("--seconds", type=float, default=3.0, help="how long the lesson plays")
    p.add_argument("--timeout", type=float, default=90.0, help="give up after this long")
    return p


def main(argv: Sequence[str]) -> int:
    args, _rest = _parser().parse_known_args(list(argv))
    if args.qt_probe:
        return qt_probe()
    return run_selftest(args, list(argv))


# --- the Qt probe (doctor) ------------------------------------------------------------------
def qt_probe() -> int:
    """Report what Qt can do here as one JSON line. Never opens a window."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_MEDIA_BACKEND", "ffmpeg")
    import PySide6
    from PySide6.QtCore import QLibraryInfo, QTranslator, qVersion
    from PySide6.QtGui import QImageReader
    from PySide6.QtWidgets import QApplication

    from eduteach_desktop.resources import resource_path

    app = QApplication.instance() or QApplication([sys.argv[0]])
    report: dict[str, Any] = {
        "qt_version": qVersion(),
        "pyside_version": PySide6.__version__,
        "platform_plugin": QApplication.platformName(),
        "plugins_path": QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath),
        "image_formats": sorted(bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()),
    }
    translations: dict[str, bool] = {}
    for lang in ("zh_CN", "en"):
        translations[f"eduteach_{lang}"] = QTranslator().load(
            str(resource_path("translations", f"eduteach_{lang}.qm"))
        )
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for catalogue in ("qtbase", "qtmultimedia"):
        translations[f"{catalogue}_zh_CN"] = QTranslator().load(f"{catalogue}_zh_CN", qt_dir)
    report["translations"] = translations
    report["multimedia"] = _multimedia_report(report["plugins_path"])
    # ICU (trimmed in the Linux bundle, see installer/icu_trim.py): Chinese sorts by pinyin.
    from PySide6.QtCore import QCollator, QLocale

    collator = QCollator(QLocale("zh_CN"))
    words = ["中国", "猫", "阿姨", "大", "冰"]
    report["collation_zh"] = sorted(words, key=collator.sortKey) == ["阿姨", "冰", "大", "猫", "中国"]
    try:
        from PySide6.QtSvg import QSvgRenderer

        report["svg"] = QSvgRenderer(str(resource_path("icons", "app.svg"))).isValid()
    except Exception as exc:  # reported, not raised: the probe must always answer
        report["svg"] = False
        report["svg_error"] = repr(exc)
    emit("qt-probe", **report)
    del app
    return 0


def _multimedia_report(plugins_path: str) -> dict[str, Any]:
    out: dict[str, Any] = {"backend_env": os.environ.get("QT_MEDIA_BACKEND")}
    folder = os.path.join(plugins_path, "multimedia")
    try:
        out["backend_plugins"] = sorted(os.listdir(folder))
    except OSError:
        out["backend_plugins"] = []
    try:
        from PySide6.QtMultimedia import QMediaDevices, QMediaFormat, QMediaPlayer

        player = QMediaPlayer()
        out["player_available"] = bool(player.isAvailable())
        fmt = QMediaFormat()
        decode = QMediaFormat.ConversionMode.Decode
        out["decodes"] = sorted(
            QMediaFormat.fileFormatName(f) for f in fmt.supportedFileFormats(decode)
        )
        out["audio_codecs"] = len(fmt.supportedAudioCodecs(decode))
        out["video_codecs"] = len(fmt.supportedVideoCodecs(decode))
        out["audio_outputs"] = [dev.description() for dev in QMediaDevices.audioOutputs()]
        default = QMediaDevices.defaultAudioOutput()
        out["default_audio_output"] = default.description() if not default.isNull() else None
    except Exception as exc:
        out["player_available"] = False
        out["error"] = repr(exc)
    return out


# --- the app self-test (smoke test, benchmarks) ---------------------------------------------
def run_selftest(args: argparse.Namespace, argv: list[str]) -> int:
    from PySide6.QtCore import QObject, QTimer, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from eduteach_desktop.ui.app import run_app
    from eduteach_desktop.ui.dialogs import RecordingDialogs

    lesson_id: str = args.selftest or ""
    problems: list[str] = []
    result: dict[str, Any] = {"lesson": lesson_id or None}

    def on_qt_message(mode: Any, context: Any, message: str) -> None:
        # Passed through to stderr as Qt would print them, so the smoke test sees them.
        sys.stderr.write(f"qt: {message}\n")

    previous_handler = qInstallMessageHandler(on_qt_message)

    class SelftestDialogs(RecordingDialogs):
        """Never blocks: a dialog the teacher would have seen is reported as a problem."""

        def error(self, parent: Any, title: str, text: str, details: str = "") -> None:
            super().error(parent, title, text, details)
            problems.append(f"error dialog: {title}: {text} {details}".strip())
            emit("dialog", kind="error", title=title, text=text)

        def info(self, parent: Any, title: str, text: str) -> None:
            super().info(parent, title, text)
            emit("dialog", kind="info", title=title, text=text)

    class Driver(QObject):
        def __init__(self, edu: Any):
            super().__init__(edu)
            self.edu = edu
            self.window: Any = getattr(edu, "library_window", None)
            self.usable = False
            self.player: Any = None
            self.done = False
            self.watchdog = QTimer(self)
            self.watchdog.setSingleShot(True)
            self.watchdog.timeout.connect(self.on_timeout)
            self.watchdog.start(int(args.timeout * 1000))
            if self.window is None or not hasattr(self.window, "refreshed"):
                self.fail("the app has no library window to test")
                return
            self.window.refreshed.connect(self.on_refreshed)

        def on_refreshed(self) -> None:
            if not self.usable and self.window.isVisible():
                self.usable = True
                snapshot = self.window.snapshot()
                emit("usable", lessons=len(getattr(snapshot, "lessons", []) or []))
            if self.done or self.player is not None:
                return
            if not lesson_id:
                self.finish()
                return
            snapshot = self.window.snapshot()
            if snapshot.lesson(lesson_id) is None or not snapshot.is_installed(lesson_id):
                busy = self.window.busy_text() if hasattr(self.window, "busy_text") else ""
                if not busy:
                    self.fail(f"lesson {lesson_id} is not on this PC")
                return  # the demo import is still running: the next refresh will tell
            self.open_player()

        def open_player(self) -> None:
            self.player = self.window.open_lesson(lesson_id)
            if self.player is None:
                self.fail(f"the library did not open {lesson_id}")
                return
            emit("opened", lesson=lesson_id, kind=getattr(self.player.lesson, "kind", None))
            self.player.playback_failed.connect(lambda text: self.fail(f"playback failed: {text}"))
            self.player.record_failed.connect(lambda text: self.fail(f"record not saved: {text}"))
            self.player.play_recorded.connect(self.on_recorded)
            QTimer.singleShot(int(args.seconds * 1000), self.stop_playing)

        def stop_playing(self) -> None:
            if self.done or self.player is None:
                return
            player = self.player
            playing = player.is_playing() if hasattr(player, "is_playing") else None
            if hasattr(player, "position_ms"):
                position = player.position_ms()
            else:  # older players: the slider follows the position
                slider = getattr(player, "slider", None)
                position = slider.value() if slider is not None else None
            result.update(playing_at_close=playing, position_ms=position)
            kind = getattr(player.lesson, "kind", "")
            if kind in ("audio", "video") and not playing and not position:
                self.fail(f"{lesson_id} did not play (no position after {args.seconds} s)")
                return
            emit("closing", playing=playing, position_ms=position)
            player.close()

        def on_recorded(self, record_id: str) -> None:
            result["record_id"] = record_id
            emit("recorded", record_id=record_id)
            self.finish()

        def fail(self, message: str) -> None:
            problems.append(message)
            emit("problem", message=message)
            self.finish()

        def on_timeout(self) -> None:
            self.fail(f"timed out after {args.timeout:.0f} s")

        def finish(self) -> None:
            if self.done:
                return
            self.done = True
            self.watchdog.stop()
            # Closing the windows quits the app; run_app's shutdown closes players (each
            # saves its record) and waits for the write worker.
            QTimer.singleShot(0, self.quit)

        def quit(self) -> None:
            if self.window is not None:
                self.window.close()
            QApplication.quit()

    drivers: list[Driver] = []

    def on_started(edu: Any) -> None:
        emit("started")
        drivers.append(Driver(edu))

    emit("launch", frozen=bool(getattr(sys, "frozen", False)), pid=os.getpid())
    try:
        code = run_app(args.data_dir, [sys.argv[0], *argv], dialogs=SelftestDialogs(),
                       on_started=on_started)
    except Exception as exc:  # reported as a failure with its traceback on stderr
        import traceback

        traceback.print_exc()
        problems.append(f"the app crashed: {exc!r}")
        code = 1
    finally:
        qInstallMessageHandler(previous_handler)
    if not drivers and not problems:
        problems.append(f"the app did not start (exit code {code})")
    if drivers and lesson_id and "record_id" not in result and not problems:
        problems.append("no usage record was saved")
    ok = code == 0 and not problems
    emit("result", ok=ok, exit_code=code, problems=problems, **result)
    return 0 if ok else 1
