"""Paged lessons: picture slides (with captions and a slideshow timer) and PDF pages.

Pictures and pages "play" while they are on screen: the play starts when the window is
first shown and is complete once the last picture or page has been shown."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QImage, QPixmap

from eduteach_protocol.catalog import Lesson

from ..tasks import TaskRunner
from .controls import PagedBar
from .media import LessonMedia
from .playback import Playback
from .views import ScaledImage, SlidesView

SLIDE_TIMER_CHOICES = (0, 5, 10, 20, 30)  # seconds per picture; 0: off


class PagedPlayback(Playback):
    """What slides and PDF pages share: the bar, stepping, the slideshow timer."""

    kind = "paged"
    takes_slide_keys = True
    has_timer = False
    pages_word = False  # "Page 2 of 5" rather than "Picture 2 of 5"

    def __init__(self, lesson: Lesson, media: LessonMedia, parent: QObject | None = None):
        super().__init__(lesson, media, parent)
        self.bar = PagedBar()
        self.controls = self.bar
        self.bar.timer_button.setVisible(self.has_timer)
        self.bar.prev_button.clicked.connect(lambda: self.step(-1))
        self.bar.next_button.clicked.connect(lambda: self.step(1))
        self.bar.timer_button.clicked.connect(self.cycle_timer)
        self.slide_timer = QTimer(self)
        self.slide_timer.timeout.connect(self._tick)
        self._slide_seconds = 0
        self._blanked = False
        self._width = 1024

    def go(self, index: int) -> None:
        raise NotImplementedError

    def begin(self) -> None:
        self.playing_changed.emit(True, 0.0)

    def step(self, direction: int) -> None:
        self.go(self.current_index() + direction)

    def restart(self) -> None:
        self.go(0)

    def _show_page(self, index: int) -> None:
        self.bar.show_page(index, self.item_count(), self.pages_word)
        self.current_changed.emit(index)

    # --- the slideshow timer -------------------------------------------------------------
    @property
    def timer_seconds(self) -> int:
        return self._slide_seconds

    def cycle_timer(self) -> None:
        if not self.has_timer:
            return
        i = SLIDE_TIMER_CHOICES.index(self._slide_seconds)
        self.set_timer(SLIDE_TIMER_CHOICES[(i + 1) % len(SLIDE_TIMER_CHOICES)])

    def set_timer(self, seconds: int) -> None:
        self._slide_seconds = seconds
        self.bar.show_timer(seconds)
        if seconds:
            self.slide_timer.start(seconds * 1000)
        else:
            self.slide_timer.stop()

    def set_paused_by_blank(self, blank: bool) -> None:
        self._blanked = blank

    def _tick(self) -> None:
        if self._blanked:
            return
        if self.current_index() >= self.item_count() - 1:
            self.set_timer(0)  # the last picture stays
            return
        self.step(1)

    def halt(self) -> float:
        self.slide_timer.stop()
        return 0.0

    def fit(self, width: int) -> None:
        self._width = width


class SlidesPlayback(PagedPlayback):
    has_timer = True

    def load(self) -> None:
        # A missing picture is shown as a problem on its own page; only all missing fails.
        if not self.media.media or len(self.missing()) == len(self.media.media):
            self.failed.emit(", ".join(p.name[:12] for p in self.missing()))
            return
        self.slides_view = SlidesView(
            list(self.media.media),
            list(self.lesson.captions),
            self.tr("This picture could not be opened. Download the lesson again."),
        )
        self.slides_view.slide_changed.connect(self._show_page)
        self.view = self.slides_view
        self.slides_view.go(0)

    def go(self, index: int) -> None:
        self.slides_view.go(index)

    def current_index(self) -> int:
        return self.slides_view.index

    def item_count(self) -> int:
        return self.slides_view.count

    def at_end(self) -> bool:
        return self.slides_view.seen_last


class PdfPlayback(PagedPlayback):
    """Pages rendered on a read worker (PDFium), newest request wins."""

    pages_word = True

    def __init__(self, lesson: Lesson, media: LessonMedia, tasks: TaskRunner,
                 parent: QObject | None = None):
        super().__init__(lesson, media, parent)
        self._tasks = tasks
        self.pdf_view = ScaledImage()
        self._pages = 0
        self._index = -1
        self._seen_last = False
        self._seq = 0

    def load(self) -> None:
        from .pdf import PdfUnreadable, page_count

        if not self.media.media or self.missing():
            self.failed.emit(", ".join(p.name[:12] for p in self.missing()))
            return
        try:
            # Opening a document only reads its cross-reference table: fast enough here.
            self._pages = page_count(self.media.media[0])
        except PdfUnreadable as exc:
            self.failed.emit(str(exc))
            return
        if self._pages <= 0:
            self.failed.emit("")
            return
        self.view = self.pdf_view
        self.go(0)

    def go(self, index: int) -> None:
        index = max(0, min(index, self._pages - 1))
        if index == self._index:
            return
        self._index = index
        if index == self._pages - 1:
            self._seen_last = True
        self._show_page(index)
        from .pdf import render_page

        self._seq += 1
        seq, path, width = self._seq, self.media.media[0], max(800, self._width)
        self._tasks.run_read(
            lambda: render_page(path, index, width),
            lambda image: self._show_image(seq, image),
            lambda exc: self.failed.emit(str(exc)),
        )

    def _show_image(self, seq: int, image: QImage) -> None:
        if seq == self._seq:
            self.pdf_view.set_pixmap(QPixmap.fromImage(image))

    def current_index(self) -> int:
        return self._index

    def item_count(self) -> int:
        return self._pages

    def at_end(self) -> bool:
        return self._seen_last
