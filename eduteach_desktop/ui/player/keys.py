"""The player's keys, in one table that drives both the key handling and the help overlay
(as Anki's shortcut tables do): a key and its help text can never drift apart.

In repeat-after-me (跟读) the clicker drives the mode: next skips the pause, previous says
the line again (repeat.py). Presenter clickers send PageUp/PageDown (some also Up/Down, Return, Space), F5, Esc and B
(or "." for a blank screen); slide programs take Space, Down, Return and Enter as "next",
so pictures and pages do too, while a song or a video keeps Space for play/pause.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

K = Qt.Key
MIN_HELP_POINTS = 11


@dataclass(frozen=True)
class KeyBinding:
    shown: str  # the key as the help overlay names it (translated in context "HelpPanel")
    help: str  # what it does (idem)
    keys: tuple[Qt.Key, ...]  # the keys that do it, for every lesson
    action: str  # the method called: on the playback, or on the window (on_window)
    args: tuple[int, ...] = ()
    paged_keys: tuple[Qt.Key, ...] = ()  # keys that do it only for pictures and pages
    on_window: bool = False  # the window's own action (works even if the file failed)
    timed_keys: tuple[Qt.Key, ...] = ()  # keys that do it only for songs and videos

    def matches(self, key: int, paged: bool) -> bool:
        return key in self.keys or (key in self.paged_keys if paged else key in self.timed_keys)

    def call(self, target: object) -> None:
        """Run the action on `target`; a dotted action reaches a part of it ("ink.toggle_pen")."""
        attrgetter(self.action)(target)(*self.args)

    def run(self, window: object, playback: object, failed: bool) -> None:
        """The window's own rows act on it; the others on the playback, unless its file
        failed (nothing to play: the key does nothing, calmly)."""
        if self.on_window:
            self.call(window)
        elif not failed:
            self.call(playback)


KEY_TABLE: tuple[KeyBinding, ...] = (
    KeyBinding("PageDown / →", QT_TRANSLATE_NOOP("HelpPanel", "Next picture or page; forward 10 seconds"),
               (K.Key_PageDown, K.Key_Right), "step", (1,),
               paged_keys=(K.Key_Space, K.Key_Down, K.Key_Return, K.Key_Enter)),
    KeyBinding("PageUp / ←", QT_TRANSLATE_NOOP("HelpPanel", "Previous picture or page; back 10 seconds"),
               (K.Key_PageUp, K.Key_Left), "step", (-1,),
               paged_keys=(K.Key_Up, K.Key_Backspace)),
    KeyBinding(QT_TRANSLATE_NOOP("HelpPanel", "Space"), QT_TRANSLATE_NOOP("HelpPanel", "Play or pause"),
               (K.Key_Space,), "toggle_play"),
    KeyBinding("B", QT_TRANSLATE_NOOP("HelpPanel", "Blank screen (any key brings the lesson back)"),
               (K.Key_B, K.Key_Period), "blank_screen", on_window=True),
    KeyBinding("F5", QT_TRANSLATE_NOOP("HelpPanel", "Projector mode (full screen, large)"),
               (K.Key_F5,), "toggle_projector", on_window=True),
    KeyBinding("P", QT_TRANSLATE_NOOP("HelpPanel", "Presenter view: the lesson on the second screen, notes here"),
               (K.Key_P,), "toggle_presenter", on_window=True),
    KeyBinding("Esc", QT_TRANSLATE_NOOP("HelpPanel", "Leave projector mode; press again to close"),
               (K.Key_Escape,), "escape", on_window=True),
    KeyBinding("A", QT_TRANSLATE_NOOP("HelpPanel", "A-B loop: press at A, again at B, a third time to stop"),
               (K.Key_A,), "mark_loop"),
    KeyBinding("R", QT_TRANSLATE_NOOP("HelpPanel", "Repeat the current sentence or line"),
               (K.Key_R,), "repeat_sentence"),
    KeyBinding("+", QT_TRANSLATE_NOOP("HelpPanel", "Faster (up to 1.5×)"),
               (K.Key_Plus, K.Key_Equal), "change_speed", (1,)),
    KeyBinding("−", QT_TRANSLATE_NOOP("HelpPanel", "Slower (down to 0.5×)"),
               (K.Key_Minus, K.Key_Underscore), "change_speed", (-1,)),
    KeyBinding("Home", QT_TRANSLATE_NOOP("HelpPanel", "Back to the beginning"),
               (K.Key_Home,), "restart"),
    KeyBinding("T", QT_TRANSLATE_NOOP("HelpPanel", "Slides: turn pages by themselves (timer)"),
               (), "cycle_timer", paged_keys=(K.Key_T,)),
    KeyBinding("T", QT_TRANSLATE_NOOP("HelpPanel", "Songs: switch between the demo singing and the accompaniment"),
               (), "switch_track", timed_keys=(K.Key_T,)),
    KeyBinding("G", QT_TRANSLATE_NOOP("HelpPanel", "Repeat after me: pause after each line for the class to say it"),
               (K.Key_G,), "toggle_repeat"),
    KeyBinding("[", QT_TRANSLATE_NOOP("HelpPanel", "Repeat after me: shorter pause"),
               (K.Key_BracketLeft,), "change_pause", (-1,)),
    KeyBinding("]", QT_TRANSLATE_NOOP("HelpPanel", "Repeat after me: longer pause"),
               (K.Key_BracketRight,), "change_pause", (1,)),
    KeyBinding("D", QT_TRANSLATE_NOOP("HelpPanel", "Pen on or off: draw on a picture, page or paused video"),
               (K.Key_D,), "ink.toggle_pen", on_window=True),
    KeyBinding("C", QT_TRANSLATE_NOOP("HelpPanel", "Pen: next colour"),
               (K.Key_C,), "ink.next_colour", on_window=True),
    KeyBinding("E", QT_TRANSLATE_NOOP("HelpPanel", "Pen: eraser on or off"),
               (K.Key_E,), "ink.toggle_eraser", on_window=True),
    KeyBinding("Delete", QT_TRANSLATE_NOOP("HelpPanel", "Pen: clear the drawings on this page"),
               (K.Key_Delete,), "ink.clear_page", on_window=True),
    KeyBinding("0", QT_TRANSLATE_NOOP("HelpPanel", "Show the whole page again (after zooming with two fingers)"),
               (K.Key_0,), "ink.reset_zoom", on_window=True),
    KeyBinding("F1", QT_TRANSLATE_NOOP("HelpPanel", "Show or hide this help"),
               (K.Key_F1, K.Key_H, K.Key_Question), "toggle_help", on_window=True),
)


def binding_for(key: int, paged: bool, table: tuple[KeyBinding, ...] = KEY_TABLE) -> KeyBinding | None:
    """The first row that takes `key` for this kind of lesson (the table's order decides)."""
    return next((row for row in table if row.matches(key, paged)), None)


def _tr(text: str) -> str:
    return QCoreApplication.translate("HelpPanel", text)


class HelpPanel(QFrame):
    """The keys, large, over the lesson (F1). Any key or click closes it."""

    def __init__(self, parent: QWidget, table: tuple[KeyBinding, ...] = KEY_TABLE):
        super().__init__(parent)
        self.setObjectName("HelpPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 20)
        title = QLabel(self.tr("Keys and presenter clicker"))
        title.setObjectName("SectionTitle")
        layout.addWidget(title)
        self.rows = [(_tr(row.shown), _tr(row.help)) for row in table]
        self.keys = [shown for shown, _ in self.rows]
        self.text = QLabel()
        self.text.setObjectName("HelpText")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setText(
            "<table cellspacing='6'>"
            + "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>" for k, v in self.rows)
            + "</table>"
        )
        layout.addWidget(self.text)
        self.hide()

    def place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        room = parent.size() - QSize(20, 20)
        # The table has grown with the classroom modes: on a small screen with large text
        # it is drawn smaller rather than cut off (never below a size read from the back row).
        self.text.setStyleSheet("")
        self.text.ensurePolished()
        points = self.text.font().pointSizeF()
        self.adjustSize()
        while points > MIN_HELP_POINTS and (self.sizeHint().width() > room.width()
                                             or self.sizeHint().height() > room.height()):
            points -= 1
            self.text.setStyleSheet(f"font-size: {points:g}pt;")
            self.adjustSize()
        w = min(self.sizeHint().width(), parent.width() - 20)
        h = min(self.sizeHint().height(), parent.height() - 20)
        self.setGeometry((parent.width() - w) // 2, (parent.height() - h) // 2, w, h)
