"""Saving what the teacher drew: PNG pictures of the annotated slides, kept with the class
session in the data folder (real SQLite data dir, real widgets), listed in class history
and opened from there; a full disk says so in one sentence and loses nothing."""

from __future__ import annotations

import errno
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QColor, QDesktopServices, QImage, QImageReader

from eduteach_desktop.core.ink import COLOURS
from eduteach_desktop.store.annotations import AnnotationStore
from eduteach_desktop.store.fileio import FileIO
from eduteach_protocol.durable import FileBusyError

from .conftest import SLIDES
from .helpers import make_player, wait_idle
from .test_pen import _across, _close, _mouse_stroke, _on_screen


class _Viewer(QObject):
    """Stands in for the computer's picture viewer (QDesktopServices' file handler)."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url)


def _start_class(qtbot, ctx) -> str:  # noqa: ANN001
    with qtbot.waitSignal(ctx.classroom.session_changed, timeout=10_000):
        ctx.classroom.start("art", (1,))
    return ctx.classroom.session.id


def _draw_on(qtbot, player, slide: int) -> None:  # noqa: ANN001
    player.playback.go(slide)
    player.ink.set_pen(True)
    _mouse_stroke(qtbot, player.ink.overlay, _across(player.ink.overlay))


def _class_with_two_drawings(qtbot, ctx, save):  # noqa: ANN001, ANN202
    """A class started, the slides open, slides 1 and 3 drawn on and saved with `save`
    (a click on the button, or a call); returns the class, the player and the paths."""
    session_id = _start_class(qtbot, ctx)
    player = ctx.classroom.open_now(SLIDES)
    _on_screen(qtbot, player)
    _draw_on(qtbot, player, 0)
    _draw_on(qtbot, player, 2)
    with qtbot.waitSignal(player.ink.saved, timeout=10_000) as saved:
        save(player)
    paths: list[Path] = saved.args[0]
    return session_id, player, paths


def test_saved_drawings_are_pictures_with_the_class_and_appear_in_history(qtbot, edu, services, tasks, dialogs):
    ctx, window = edu.ctx, edu.main_window
    session_id, player, paths = _class_with_two_drawings(
        qtbot, ctx, lambda p: qtbot.mouseClick(p.ink.bar.save_button, Qt.MouseButton.LeftButton))
    folder = services.datadir.annotations / f"session-{session_id}"
    assert sorted(p.parent for p in paths) == [folder, folder]
    assert "已保存 2 张" in player.ink.bar.note.text()

    # each picture is the slide at its own size, with the stroke where it was drawn
    for path, slide in zip(sorted(paths), (0, 2), strict=True):
        assert f"slide-{slide}" in path.name and path.suffix == ".png"
        image = QImage(str(path))
        assert image.size() == QImageReader(str(player.media.media[slide])).size()
        x, y = player.ink.book.strokes(f"slide-{slide}")[0].points[2]
        assert _close(image.pixelColor(int(x * image.width()), int(y * image.height())),
                      QColor(COLOURS["red"]))
    assert not list(folder.glob("*.tmp*"))

    # closing with drawings offers to keep them; yes saves the new page too
    _draw_on(qtbot, player, 3)
    with qtbot.waitSignal(player.ink.saved, timeout=10_000):
        player.close()
    assert any(kind == "confirm" and title == "保留批注吗？" for kind, title, _ in dialogs.shown)
    assert len(list(folder.glob("*.png"))) == 3  # the same play's pages replaced, not doubled

    with qtbot.waitSignal(ctx.classroom.session_changed, timeout=10_000):
        qtbot.mouseClick(window.session_bar.end_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.history.refreshed, timeout=10_000):
        window.show_page("history")
    history = window.history
    assert history.sessions[0].id == session_id
    assert history.table.item(0, 4).text() == "3 张图片"
    history.table.setCurrentCell(0, 0)
    assert history.drawings_button.isEnabled()
    dialog = history.open_drawings()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.thumbs.count() == 3, timeout=10_000)
    assert dialog.picture.has_image() and dialog.open_button.isEnabled()
    assert [dialog.thumbs.item(i).text() for i in range(3)] == ["第 1 张", "第 3 张", "第 4 张"]

    viewer = _Viewer()
    QDesktopServices.setUrlHandler("file", viewer, "open")
    try:
        dialog.thumbs.setCurrentRow(1)
        assert dialog.open_current()
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [u.toLocalFile() for u in viewer.opened] == [str(dialog.current_path())]
    assert "slide-2" in dialog.current_path().name
    dialog.close()
    wait_idle(qtbot, tasks)


class _FullDisk(FileIO):
    def write_at(self, path: Path, offset: int, data: bytes) -> None:
        path.write_bytes(data[: len(data) // 2])  # part of it reached the disk, then no room
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_says_so_in_one_sentence_and_keeps_the_drawings(qtbot, edu, services, tasks, dialogs):
    ctx = edu.ctx
    session_id = _start_class(qtbot, ctx)
    player = ctx.classroom.open_now(SLIDES)
    _on_screen(qtbot, player)
    player.ink.keep_in(AnnotationStore(services.datadir.annotations, _FullDisk()))
    _draw_on(qtbot, player, 1)
    with qtbot.waitSignal(player.ink.save_failed, timeout=10_000) as failed:
        player.ink.save()
    text = failed.args[0]
    assert "磁盘" in text and "\n" not in text and "Errno" not in text and "space" not in text
    assert ("error", "批注没有保存", text) in dialogs.shown
    assert player.ink.book.strokes("slide-1")  # still on the screen, ready to save again
    assert player.ink.overlay.strokes()
    folder = services.datadir.annotations / f"session-{session_id}"
    assert [p.name for p in folder.iterdir()] == []  # no half-written picture left behind
    assert services.sessions.get(session_id).ended_at is None  # the class goes on
    player.ink.book.clear_all()
    player.close()
    wait_idle(qtbot, tasks)


def test_without_a_class_the_pen_draws_but_saving_explains(qtbot, zh_app, services, tasks, dialogs):
    player = make_player(qtbot, services, tasks, dialogs, SLIDES)
    player.ink.keep_in(services.annotations)
    _on_screen(qtbot, player)
    _draw_on(qtbot, player, 0)
    assert player.ink.save() is False
    assert dialogs.shown[-1][0] == "info" and "上课" in dialogs.shown[-1][2]
    player.close()  # no class: no offer either
    assert not any(kind == "confirm" for kind, _, _ in dialogs.shown)
    assert not services.datadir.annotations.exists()



def test_closing_and_answering_no_keeps_nothing_and_closes(qtbot, edu, services, tasks, dialogs):
    ctx = edu.ctx
    session_id = _start_class(qtbot, ctx)
    player = ctx.classroom.open_now(SLIDES)
    _on_screen(qtbot, player)
    _draw_on(qtbot, player, 0)
    dialogs.answers.append(False)
    with qtbot.waitSignal(player.finished, timeout=10_000):
        player.close()
    assert [title for kind, title, _ in dialogs.shown if kind == "confirm"] == ["保留批注吗？"]
    assert not player.isVisible()
    assert services.annotations.for_session(session_id) == []
    wait_idle(qtbot, tasks)


class _HeldOpen(FileIO):
    """A picture viewer keeps every picture open: deleting fails as on Windows."""

    def delete(self, path: Path) -> None:
        raise FileBusyError(errno.EACCES, "another program keeps the file open", str(path))


def test_a_picture_deleted_from_history_is_gone_and_the_count_follows(qtbot, edu, services, tasks, dialogs,
                                                                     monkeypatch):
    ctx, window = edu.ctx, edu.main_window
    session_id, player, paths = _class_with_two_drawings(qtbot, ctx, lambda p: p.ink.save())
    first, third = sorted(paths)
    player.close()
    with qtbot.waitSignal(window.history.refreshed, timeout=10_000):
        window.show_page("history")
    history = window.history
    history.table.setCurrentCell(0, 0)
    assert history.table.item(0, 4).text() == "2 张图片"
    dialog = history.open_drawings()
    qtbot.waitUntil(lambda: dialog.thumbs.count() == 2, timeout=10_000)
    assert dialog.delete_button.text() == "删除这张图片"

    dialog.thumbs.setCurrentRow(1)
    dialogs.answers.append(False)  # "no": nothing happens
    assert dialog.delete_current() is False
    assert third.exists() and dialog.thumbs.count() == 2
    assert dialogs.shown[-1][:2] == ("confirm", "删除这张图片吗？")

    with qtbot.waitSignal(history.refreshed, timeout=10_000):  # "yes": gone, and counted again
        assert dialog.delete_current() is True
    assert not third.exists() and first.exists()
    assert dialog.thumbs.count() == 1 and [s.path for s in dialog.saved] == [first]
    assert history.table.item(0, 4).text() == "1 张图片"

    # the picture viewer holds it open: one sentence, and the picture stays
    store = services.annotations
    monkeypatch.setattr(store, "_fileio", _HeldOpen())
    dialog.thumbs.setCurrentRow(0)
    assert dialog.delete_current() is True
    qtbot.waitUntil(lambda: dialogs.shown[-1][0] == "error", timeout=10_000)
    _, title, text = dialogs.shown[-1]
    assert title == "图片没有删除" and "看图软件" in text and "\n" not in text and "Errno" not in text
    assert first.exists() and dialog.thumbs.count() == 1 and dialog.delete_button.isEnabled()

    monkeypatch.undo()
    with qtbot.waitSignal(history.refreshed, timeout=10_000):
        assert dialog.delete_current() is True
    assert not first.exists() and not (services.datadir.annotations / f"session-{session_id}").exists()
    assert dialog.thumbs.count() == 0 and not dialog.delete_button.isEnabled()
    history.table.setCurrentCell(0, 0)
    assert history.table.item(0, 4).text() == "" and not history.drawings_button.isEnabled()
    dialog.close()
    wait_idle(qtbot, tasks)
