"""The player's big buttons and its two control bars: one for timed lessons (slider, play,
±10 s, repeat, A-B loop, speed) and one for pictures and pages (previous, counter, timer,
next). The bars only show state and report clicks; the playbacks decide."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from .. import theme
from ..icons import icon
from ..labels import duration_label
from ..widgets import label

SKIP_MS = 10_000


def big_button(text: str, icon_name: str = "", primary: bool = False) -> QPushButton:
    button = QPushButton(text)
    if icon_name:
        button.setIcon(icon(icon_name, "#ffffff" if primary else theme.INK))
        button.setIconSize(button.iconSize() * 1.6)
    # Keys belong to the window (Space, Esc, PageDown …), not to whichever button was
    # last clicked; a focused button would swallow Space.
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    if primary:
        button.setObjectName("Primary")
    return button


class TimedBar(QWidget):
    """Slider and time, then ◀10 s, Play, 10 s▶, a note, Repeat, A-B loop, speed."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ControlBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 8, 16, 8)
        column.setSpacing(6)
        top = QHBoxLayout()
        top.setSpacing(10)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.slider.setPageStep(SKIP_MS)
        self.slider.setMinimumHeight(32)
        self.time_label = QLabel("0:00 / 0:00")
        self.time_label.setObjectName("TimeLabel")
        self.time_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.slider, 1)
        top.addWidget(self.time_label)
        column.addLayout(top)
        row = QHBoxLayout()
        row.setSpacing(10)
        self.back_button = big_button(self.tr("10 s"), "back10")
        self.back_button.setToolTip(self.tr("Back 10 seconds (Left arrow, Page Up)"))
        self.play_button = big_button(self.tr("Play"), "play", primary=True)
        self.play_button.setToolTip(self.tr("Play or pause (Space)"))
        self.forward_button = big_button(self.tr("10 s"), "forward10")
        self.forward_button.setToolTip(self.tr("Forward 10 seconds (Right arrow, Page Down)"))
        self.speed_button = big_button("1.0×")
        self.speed_button.setToolTip(self.tr("Speed: click for the next one (+ and − keys)"))
        self.loop_button = big_button(self.tr("A-B loop"))
        self.loop_button.setToolTip(self.tr("Press at A, again at B; the part between repeats (A key)"))
        self.repeat_button = big_button(self.tr("Repeat sentence"), "replay")
        self.repeat_button.setToolTip(self.tr("Play the current sentence again (R key)"))
        self.note_label = QLabel()
        self.note_label.setTextFormat(Qt.TextFormat.PlainText)
        self.note_label.setObjectName("PlayerNote")
        self.note_label.setWordWrap(True)
        self.note_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        for widget in (self.back_button, self.play_button, self.forward_button):
            row.addWidget(widget)
        row.addWidget(self.note_label, 1)
        for widget in (self.repeat_button, self.loop_button, self.speed_button):
            row.addWidget(widget)
        column.addLayout(row)
        self._row, self._column = row, column
        self._extra: list[QPushButton] = []  # a classroom mode's buttons (modes.py)
        self.compact = False
        self._full_texts = {
            self.back_button: self.back_button.text(),
            self.forward_button: self.forward_button.text(),
            self.repeat_button: self.repeat_button.text(),
        }
        self._loop_text = ""  # "" while no loop is set: the button shows its name

    def add_button(self, button: QPushButton) -> None:
        """A mode's button, before Repeat sentence. It keeps its (short) text on a narrow
        screen: the track button's text is the point of it (范唱 or 伴奏)."""
        self._row.insertWidget(self._row.indexOf(self.repeat_button), button)
        self._extra.append(button)

    def add_row(self, widget: QWidget) -> None:
        self._column.addWidget(widget)

    def show_playing(self, playing: bool, reached_end: bool) -> None:
        if playing:
            self.play_button.setText(self.tr("Pause"))
            self.play_button.setIcon(icon("pause", "#ffffff"))
        elif reached_end:
            self.play_button.setText(self.tr("Play again"))
            self.play_button.setIcon(icon("replay", "#ffffff"))
        else:
            self.play_button.setText(self.tr("Play"))
            self.play_button.setIcon(icon("play", "#ffffff"))

    def show_time(self, position_ms: int) -> None:
        total = self.slider.maximum() / 1000.0
        self.time_label.setText(f"{duration_label(position_ms / 1000.0)} / {duration_label(total)}")

    def show_speed(self, speed: float) -> None:
        self.speed_button.setText(f"{speed:.2g}×" if speed != 1 else "1.0×")

    def show_loop(self, a_ms: int | None, b_ms: int | None) -> None:
        if a_ms is None:
            self._loop_text = ""
            self.loop_button.setText("A-B" if self.compact else self.tr("A-B loop"))
        elif b_ms is None:
            self._loop_text = self.tr("A set; press for B")
            self.loop_button.setText(self._loop_text)
        else:
            self._loop_text = (
                self.tr("Loop %1–%2").replace("%1", duration_label(a_ms / 1000.0))
                .replace("%2", duration_label(b_ms / 1000.0))
            )
            self.loop_button.setText(self._loop_text)

    def fit(self, width: int) -> None:
        """Narrow screen or big projector text: buttons show only their icons (their
        tooltips and keys stay), so the bar never pushes past the window."""
        if not self.isVisible():
            return
        buttons = [self.back_button, self.play_button, self.forward_button, self.repeat_button,
                   self.loop_button, self.speed_button, *self._extra]
        for button, text in self._full_texts.items():
            button.setText(text)
        if not self._loop_text:
            self.loop_button.setText(self.tr("A-B loop"))
        need = sum(b.sizeHint().width() for b in buttons if b.isVisibleTo(self)) + 10 * 8 + 120
        self.compact = need > width - 32
        if self.compact:
            for button in self._full_texts:
                button.setText("")
            if not self._loop_text:
                self.loop_button.setText("A-B")


class PagedBar(QWidget):
    """Previous, "Picture 2 of 5", the slideshow timer, Next."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ControlBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 10, 20, 10)
        self.prev_button = big_button(self.tr("Previous"), "prev")
        self.prev_button.setToolTip(self.tr("Previous picture (Page Up)"))
        self.next_button = big_button(self.tr("Next"), "next", primary=True)
        self.next_button.setToolTip(self.tr("Next picture (Page Down)"))
        self.next_button.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # icon after text
        self.counter_label = label("", "SlideCounter", wrap=True)
        self.counter_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.timer_button = big_button(self.tr("Timer: off"))
        self.timer_button.setToolTip(self.tr("Turn pictures by themselves (T key)"))
        row.addWidget(self.prev_button)
        row.addWidget(self.counter_label, 1)
        row.addWidget(self.timer_button)
        row.addWidget(self.next_button)

    def show_page(self, index: int, count: int, pages: bool) -> None:
        text = self.tr("Page %1 of %2") if pages else self.tr("Picture %1 of %2")
        self.counter_label.setText(text.replace("%1", str(index + 1)).replace("%2", str(count)))
        self.prev_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < count - 1)

    def show_timer(self, seconds: int) -> None:
        if seconds:
            self.timer_button.setText(self.tr("Timer: %1 s").replace("%1", str(seconds)))
        else:
            self.timer_button.setText(self.tr("Timer: off"))
