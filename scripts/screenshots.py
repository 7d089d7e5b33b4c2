"""Take the README screenshots from the real app, under Xvfb, with a throw-away data dir.

    python scripts/screenshots.py            # re-runs itself under xvfb-run if needed
    python scripts/screenshots.py --lang en  # English UI (files get an -en suffix)

The data dir gets the demo lessons, a timetable for today, class lists, and two classes
taught earlier, so every screen has something real on it. Writes into docs/screenshots/:
today, timetable, library, search, subscriptions, player-music, player-slides,
player-pen, player-video, projector, attendance, history, history-annotations, sync,
settings (.png). Video frames are
drawn by the graphics stack, so player-video and projector are taken with ImageMagick's
`import` from the X screen; the others with QWidget.grab().
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
SCREEN = (1366, 768)
MUSIC = "music-g1-renyin-xiaoxingxing"
SLIDES = "art-g1-lingnan-huataiyang"
VIDEO = "english-g3-waiyan-hello"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ("小明", "小红", "晓东", "欣怡", "子涵", "浩然", "雨萱", "俊杰", "思远", "佳琪", "一诺", "梓轩")


def _rerun_under_xvfb() -> int:
    xvfb = shutil.which("xvfb-run")
    if not xvfb:
        print("screenshots: no DISPLAY and no xvfb-run; install xvfb", file=sys.stderr)
        return 2
    env = dict(os.environ, EDUTEACH_SCREENSHOTS_XVFB="1")
    cmd = [xvfb, "-a", "-s", f"-screen 0 {SCREEN[0]}x{SCREEN[1]}x24", sys.executable, *sys.argv]
    return subprocess.call(cmd, env=env)


def _prepare_data_dir(data_dir: Path, work: Path) -> None:
    """Demo lessons (bundled repository, or published here), a timetable for today, class
    lists, and two earlier classes with attendance."""
    from eduteach_desktop.core.clock import ManualClock, SystemClock
    from eduteach_desktop.core.timetable import Slot
    from eduteach_desktop.resources import demo_repo_path
    from eduteach_desktop.services import Services
    from eduteach_desktop.store.roster import Pupil
    from eduteach_desktop.store.timetable import TimetableStore

    services = Services.open(data_dir)
    try:
        if (demo_repo_path() / "metadata" / "root.json").exists():
            services.import_demo_if_first_run()
        else:
            from eduteach_hub.publish.publisher import publish
            from eduteach_hub.publish.tuf_repo import RepositoryWriter, generate_keys

            generate_keys(work / "keys")
            writer = RepositoryWriter(work / "repo", work / "keys")
            writer.bootstrap()
            publish(ROOT / "resources" / "demo_lessons", writer)
            services.trust.install_root(writer.root_bytes())
            report = services.sync([str(work / "repo")])
            if not report.ok:
                raise SystemExit(f"screenshots: demo sync failed: {report.problems}")
        store = TimetableStore(services.db, services.clock)
        today = SystemClock().now().astimezone()
        wd = today.isoweekday()
        for day in range(1, 6):
            slots = [Slot(day, 1, "chinese", (1, 2, 3), starts="08:00"),
                     Slot(day, 2, "math", (1,), starts="08:50"),
                     Slot(day, 3, "music", (1, 2), starts="09:50"),
                     Slot(day, 4, "english", (3,), starts="10:40"),
                     Slot(day, 5, "art", (1, 2), starts="14:00")]
            for slot in slots if day in (wd, 1, 3, 5) else slots[:3]:
                store.put(slot)
        if wd > 5:  # a weekend: show a weekday's plan on today anyway
            for slot in store.slots():
                if slot.weekday == 1:
                    store.put(Slot(wd, slot.period, slot.subject, slot.grades, None, slot.starts))
        names = [s + g for s in SURNAMES for g in GIVEN]
        for grade, count in ((1, 30), (2, 18), (3, 12)):
            pupils = [Pupil("", grade, names[(grade * 37 + i * 7) % len(names)],
                            "男" if i % 2 else "女", f"G43012320{grade}{i:08d}", f"{grade}班")
                      for i in range(count)]
            services.roster.replace_grade(grade, pupils)
    finally:
        services.close()
    # Two classes taught yesterday, at their real times (a clock set to yesterday).
    yesterday = SystemClock().now() - timedelta(days=1)
    clock = ManualClock(yesterday.replace(hour=1, minute=50, second=0, microsecond=0))
    services = Services.open(data_dir, clock)
    try:
        for subject, grades, lesson_id, absent in (("music", (1, 2), MUSIC, 2), ("english", (3,), VIDEO, 1)):
            session = services.sessions.start(subject, grades)
            lesson = services.library.lesson(lesson_id)
            clock.advance(60)
            services.usage.record_play(lesson, clock.now(), 48.0, True, registration=session.id,
                                       segments=[(0.0, 48.0)])
            pupils = services.roster.pupils(grades)
            for pupil in pupils[3:3 + absent]:
                services.sessions.set_status(session.id, pupil.id, "absent")
            services.sessions.set_status(session.id, pupils[1].id, "late")
            clock.advance(35 * 60)
            services.sessions.end(session.id)
            clock.advance(40 * 60)
    finally:
        services.close()


def _draw_sample_strokes(player: Any) -> None:
    """What a teacher draws on the art slide: a ring round the picture, a line under the
    step, a tick; as the pen's model holds them (page coordinates)."""
    import math

    ink = player.ink
    ink.set_pen(True)
    page = ink.overlay.page
    ring = ink.book.begin(page, "red", (0.75, 0.42))
    for i in range(1, 41):
        a = i / 40 * 2 * math.pi
        ring.add((0.5 + 0.25 * math.cos(a), 0.42 + 0.33 * math.sin(a)))
    line = ink.book.begin(page, "blue", (0.30, 0.955))
    line.add((0.70, 0.955))
    tick = ink.book.begin(page, "green", (0.80, 0.20))
    tick.add((0.84, 0.27))
    tick.add((0.93, 0.10))
    ink.overlay.update()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="zh_CN")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if not os.environ.get("DISPLAY") and not os.environ.get("EDUTEACH_SCREENSHOTS_XVFB"):
        return _rerun_under_xvfb()
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from eduteach_desktop.ui.app import EduTeachApp, run_app
    from eduteach_desktop.ui.dialogs import RecordingDialogs

    suffix = "" if args.lang.startswith("zh") else f"-{args.lang}"
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="eduteach-shots-"))
    data_dir = work / "data"
    _prepare_data_dir(data_dir, work)
    dialogs = RecordingDialogs()
    problems: list[str] = []

    def save(widget: QWidget, name: str) -> None:
        QApplication.processEvents()
        path = args.out / f"{name}{suffix}.png"
        if not widget.grab().save(str(path)):
            problems.append(f"could not write {path}")
        print(f"screenshots: wrote {path}")

    def save_screen(name: str) -> None:
        QApplication.processEvents()
        path = args.out / f"{name}{suffix}.png"
        if not shutil.which("import"):
            print(f"screenshots: no ImageMagick `import`; skipping {name}")
            return
        subprocess.run(["import", "-window", "root", "-crop", f"{SCREEN[0]}x{SCREEN[1]}+0+0",
                        str(path)], check=False)
        print(f"screenshots: wrote {path}")

    def save_over(window: QWidget, dialog: QWidget, name: str) -> None:
        """A dialog over its window, as a teacher sees it (Xvfb has no window manager to
        draw the frame, so the two grabs are put together here)."""
        from PySide6.QtGui import QColor, QPainter

        QApplication.processEvents()
        picture = window.grab()
        painter = QPainter(picture)
        painter.fillRect(picture.rect(), QColor(0, 0, 0, 90))
        shot = dialog.grab()
        x, y = (picture.width() - shot.width()) // 2, (picture.height() - shot.height()) // 2
        painter.fillRect(x - 2, y - 2, shot.width() + 4, shot.height() + 4, QColor("#1f3b4d"))
        painter.drawPixmap(x, y, shot)
        painter.end()
        path = args.out / f"{name}{suffix}.png"
        if not picture.save(str(path)):
            problems.append(f"could not write {path}")
        print(f"screenshots: wrote {path}")

    def fit(widget: QWidget) -> None:
        # Xvfb has no window manager, so "maximized" means nothing: size it by hand.
        widget.setGeometry(0, 0, *SCREEN)

    def driver(edu: EduTeachApp) -> None:
        window, ctx = edu.main_window, edu.ctx
        fit(window)
        steps: list[tuple[int, Callable[[], None]]] = []

        def step(delay: int) -> Callable[[Callable[[], None]], Callable[[], None]]:
            def add(fn: Callable[[], None]) -> Callable[[], None]:
                steps.append((delay, fn))
                return fn
            return add

        def run(i: int = 0) -> None:
            if i >= len(steps):
                QTimer.singleShot(300, QApplication.quit)
                return
            delay, fn = steps[i]

            def go() -> None:
                try:
                    fn()
                except Exception as exc:  # noqa: BLE001 - report and go on
                    problems.append(f"step {fn.__name__}: {exc!r}")
                run(i + 1)

            QTimer.singleShot(delay, go)

        state: dict[str, object] = {}

        @step(1500)
        def today() -> None:
            window.show_page("today")

        @step(800)
        def shoot_today() -> None:
            save(window, "today")
            window.show_page("timetable")
            window.timetable.select(3, 3)

        @step(600)
        def shoot_timetable() -> None:
            save(window, "timetable")
            window.show_page("library")
            window.library.select_lesson(MUSIC)

        @step(800)
        def shoot_library() -> None:
            save(window, "library")
            window.library.search.setText("xxx")

        @step(800)
        def shoot_search() -> None:
            save(window, "search")
            window.library.search.clear()
            window.library.show_subscriptions()

        @step(800)
        def shoot_subscriptions() -> None:
            save(window, "subscriptions")
            window.library.outer.setCurrentIndex(0)
            card = window.today.card_for(3)
            if card is None:
                problems.append("no music period today")
                return
            window.show_page("today")
            card.start_button.click()  # start the class (music, grades 1+2)

        @step(1200)
        def attendance() -> None:
            window.show_page("attendance")

        @step(900)
        def mark() -> None:
            page = window.attendance
            # grade 1 is tiles 0-29, grade 2 from 30 (a combined class: a heading per grade)
            for i, status in ((2, "absent"), (7, "late"), (22, "leave"), (26, "absent"),
                              (33, "absent")):
                page.set_status(i, status)
            page.cursor = 31
            page.tiles[31].setFocus()

        @step(600)
        def shoot_attendance() -> None:
            page = window.attendance
            if len(page.headings) < 2:
                problems.append("attendance: no grade headings in the combined class")
            else:  # the end of grade 1 and the start of grade 2
                bar = page.scroll.verticalScrollBar()
                bar.setValue(page.headings[1].y() - page.scroll.viewport().height() * 11 // 20)
            save(window, "attendance")
            player = ctx.classroom.open_now(MUSIC)
            state["player"] = player
            if player is not None:
                fit(player)

        @step(300)
        def music_ready() -> None:
            player = state["player"]
            view = getattr(player, "lyrics_view", None)
            if view is None or view.current_index < 1:
                steps.insert(steps.index((300, music_ready)) + 1, (200, music_ready))
                return
            player.playback.pause()  # type: ignore[union-attr]

        @step(500)
        def shoot_music() -> None:
            player = state["player"]
            save(player, "player-music")  # type: ignore[arg-type]
            player.close()  # type: ignore[union-attr]
            slides = ctx.classroom.open_now(SLIDES)
            state["slides"] = slides
            fit(slides)
            slides.playback.step(1)
            slides.playback.step(1)

        @step(600)
        def shoot_slides() -> None:
            slides = state["slides"]
            save(slides, "player-slides")  # type: ignore[arg-type]
            _draw_sample_strokes(slides)

        @step(400)
        def shoot_pen() -> None:
            slides: Any = state["slides"]
            save(slides, "player-pen")
            slides.ink.save()  # kept with the class: history shows it
            slides.ink.set_pen(False)
            slides.set_projector(True)
            fit(slides)  # type: ignore[arg-type]
            slides.playback.step(1)  # type: ignore[union-attr]

        @step(900)
        def shoot_projector() -> None:
            save_screen("projector")
            state["slides"].close()  # type: ignore[union-attr]
            video = ctx.classroom.open_now(VIDEO)
            state["video"] = video
            fit(video)

        @step(300)
        def video_ready() -> None:
            video = state["video"]
            view = getattr(video, "subtitle_view", None)
            if view is None or view.current_index < 0:
                steps.insert(steps.index((300, video_ready)) + 1, (100, video_ready))
                return
            video.playback.pause()  # type: ignore[union-attr]

        @step(700)
        def shoot_video() -> None:
            save_screen("player-video")
            state["video"].close()  # type: ignore[union-attr]
            window.raise_()
            window.activateWindow()
            ctx.classroom.end()

        @step(1200)
        def history() -> None:
            window.show_page("history")

        @step(800)
        def shoot_history() -> None:
            save(window, "history")
            window.history.table.setCurrentCell(0, 0)
            dialog = window.history.open_drawings()
            state["drawings"] = dialog
            if dialog is not None:
                dialog.resize(1000, 600)

        @step(900)
        def shoot_drawings() -> None:
            dialog: Any = state["drawings"]
            if dialog is not None:
                save_over(window, dialog, "history-annotations")
                dialog.close()
            window.show_page("sync")

        @step(1000)
        def shoot_sync() -> None:
            save(window, "sync")
            window.show_page("settings")

        @step(1000)
        def shoot_settings() -> None:
            save(window, "settings")

        run()
        QTimer.singleShot(90_000, lambda: (problems.append("timed out"), QApplication.quit()))

    argv = [sys.argv[0], "--lang", args.lang]
    code = run_app(str(data_dir), argv, dialogs=dialogs, on_started=driver)
    shutil.rmtree(work, ignore_errors=True)
    for kind, title, text in dialogs.shown:
        problems.append(f"{kind}: {title}: {text}")
    for problem in problems:
        print(f"screenshots: {problem}", file=sys.stderr)
    return 1 if problems or code else 0


if __name__ == "__main__":
    sys.exit(main())
