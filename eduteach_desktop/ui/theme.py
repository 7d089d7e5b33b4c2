"""Look and feel: calm colours, large type, for old 1024×768 screens and projectors.

Kept in one place so a later projector mode can switch to bigger sizes or a high-contrast
palette without touching the windows.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

# Families tried in order: the Debian/UOS/Kylin font first, then Windows and macOS ones.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "Microsoft YaHei UI",
    "PingFang SC",
    "WenQuanYi Micro Hei",
    "SimHei",
)
BASE_POINT_SIZE = 15
FONT_SCALES = (1.0, 1.25, 1.5)  # offered in Settings; applied at start
FONT_SCALE = "ui_font_scale"  # the setting (a UI-only key in the settings table)

INK = "#1f3b4d"  # main text: deep blue-grey, softer than black on a projector
MUTED = "#5f7482"
PAPER = "#f6f3ec"  # warm off-white background
CARD = "#ffffff"
LINE = "#d9d3c7"
PRIMARY = "#2f6f8f"  # calm teal-blue for actions and highlights
PRIMARY_DARK = "#245a75"
ACCENT = "#d9822b"  # warm orange for "now" (current lyric line)
SELECTION = "#dcebf2"
OK = "#3f7d4e"
WARN = "#a4561c"


def pick_cjk_family() -> str | None:
    available = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in available:
            return family
    return None


def apply_theme(app: QApplication, scale: float = 1.0) -> None:
    """Fusion style (same look on Windows 7…11 and Linux), our palette, font and QSS.

    scale multiplies every font size (Settings → font size: 100 %, 125 %, 150 %)."""
    app.setStyle("Fusion")
    font = QFont(app.font())
    family = pick_cjk_family()
    if family:
        # Keep the CJK font first for every widget, with the platform's UI font as fallback.
        font.setFamilies([family, *font.families()])
    font.setPointSizeF(BASE_POINT_SIZE * scale)
    app.setFont(font)

    pal = QPalette()
    pal.setColor(QPalette.ColorRole.Window, QColor(PAPER))
    pal.setColor(QPalette.ColorRole.WindowText, QColor(INK))
    pal.setColor(QPalette.ColorRole.Base, QColor(CARD))
    pal.setColor(QPalette.ColorRole.AlternateBase, QColor("#faf8f3"))
    pal.setColor(QPalette.ColorRole.Text, QColor(INK))
    pal.setColor(QPalette.ColorRole.Button, QColor("#ebe6dc"))
    pal.setColor(QPalette.ColorRole.ButtonText, QColor(INK))
    pal.setColor(QPalette.ColorRole.Highlight, QColor(SELECTION))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor(INK))
    pal.setColor(QPalette.ColorRole.ToolTipBase, QColor(CARD))
    pal.setColor(QPalette.ColorRole.ToolTipText, QColor(INK))
    pal.setColor(QPalette.ColorRole.PlaceholderText, QColor(MUTED))
    app.setPalette(pal)
    app.setStyleSheet(stylesheet(scale))
    app.setProperty("eduteach_font_scale", scale)


def stylesheet(scale: float = 1.0) -> str:
    def pt(size: float) -> str:
        return f"{size * scale:.1f}pt"

    def px(size: float) -> str:
        return f"{round(size * scale)}px"

    def img(name: str) -> str:
        from eduteach_desktop.resources import resource_path

        return resource_path("icons", f"{name}.svg").as_posix()

    return f"""
QWidget {{ color: {INK}; }}
QMainWindow, QWidget#LibraryPage, QWidget#PlayerWindow, QWidget#Page {{ background: {PAPER}; }}
QScrollArea#PageScroll, QScrollArea#PageScroll > QWidget > QWidget {{ background: {PAPER}; border: 0; }}
QScrollArea#CardScroll, QScrollArea#CardScroll > QWidget > QWidget, QWidget#CardInner {{ background: {CARD}; border: 0; }}

QLabel#WindowTitle {{ font-size: {pt(22)}; font-weight: bold; color: {INK}; }}
QLabel#WindowSubtitle {{ font-size: {pt(14)}; color: {MUTED}; }}
QLabel#SectionTitle {{ font-size: {pt(17)}; font-weight: bold; }}
QLabel#Muted {{ color: {MUTED}; }}
QLabel#FolderProblem {{ color: {WARN}; }}
QLabel#Big {{ font-size: {pt(18)}; }}

QTreeView, QListView, QTableView, QTableWidget, QListWidget {{
    background: {CARD}; border: 1px solid {LINE}; border-radius: 10px;
    padding: 6px; outline: 0;
    selection-background-color: {SELECTION}; selection-color: {INK};
}}
QTreeView::item, QListView::item {{ padding: 4px 2px; border: 0; }}
QTreeView::item:selected, QListView::item:selected, QTableView::item:selected {{ background: {SELECTION}; color: {INK}; }}
QHeaderView::section {{
    background: {CARD}; color: {MUTED}; border: 0; border-bottom: 1px solid {LINE};
    padding: 6px 8px; font-size: {pt(13)};
}}

QFrame#Card {{ background: {CARD}; border: 1px solid {LINE}; border-radius: 12px; }}
QFrame#PeriodCard {{ background: {CARD}; border: 1px solid {LINE}; border-radius: 12px; }}
QFrame#PeriodCard[now="true"] {{ border: 3px solid {PRIMARY}; }}
QFrame#PeriodCard[done="true"] {{ background: #f1efe9; }}
QLabel#PeriodNo {{ font-size: {pt(16)}; font-weight: bold; color: {PRIMARY}; }}
QLabel#CardTitle {{ font-size: {pt(20)}; font-weight: bold; }}
QLabel#CardPlace {{ color: {MUTED}; font-size: {pt(13)}; }}
QLabel#CardSummary {{ font-size: {pt(14)}; }}
QLabel#EmptyTitle {{ font-size: {pt(22)}; font-weight: bold; }}
QLabel#EmptyText {{ font-size: {pt(15)}; color: {MUTED}; }}
QLabel#StateOk {{ color: {OK}; }}
QLabel#StateWarn {{ color: {WARN}; }}

QPushButton {{
    background: #ebe6dc; border: 1px solid {LINE}; border-radius: 10px;
    padding: {px(8)} {px(14)}; font-size: {pt(15)}; min-height: {px(32)};
}}
QPushButton:hover {{ background: #e2dccf; }}
QPushButton:pressed {{ background: #d6cfbf; }}
QPushButton:checked {{ background: {SELECTION}; border: 2px solid {PRIMARY}; }}
QPushButton:disabled {{ color: #a3a9ad; background: #f0ede6; }}
QPushButton#Primary {{
    background: {PRIMARY}; color: white; border: 0; font-weight: bold; font-size: {pt(17)};
}}
QPushButton#Primary:hover {{ background: {PRIMARY_DARK}; }}
QPushButton#Primary:disabled {{ background: #9db6c3; color: #eef3f6; }}
QPushButton#Danger {{ background: #f3e1d3; border: 1px solid #e2bfa3; color: {WARN}; }}

QWidget#Nav {{ background: {INK}; }}
QPushButton#NavButton {{
    background: transparent; color: #dfe8ee; border: 0; border-radius: 8px; text-align: left;
    padding: {px(10)} {px(12)}; font-size: {pt(15)};
}}
QPushButton#NavButton:checked {{ background: {PRIMARY}; color: white; font-weight: bold; }}
QPushButton#NavButton:hover {{ background: #2b4e63; }}
QLabel#NavTitle {{ color: white; font-size: {pt(17)}; font-weight: bold; padding: 4px 8px; }}
QWidget#UpdateNotice {{ background: #eef5ff; border-bottom: 1px solid #c9dcf5; }}
QWidget#SessionBar {{ background: #fff4e6; border-bottom: 2px solid {ACCENT}; }}
QLabel#SessionText {{ font-size: {pt(15)}; font-weight: bold; }}

QPushButton#Pupil {{
    background: {CARD}; border: 2px solid {LINE}; border-radius: 10px; text-align: center;
    padding: {px(4)} {px(6)}; font-size: {pt(15)}; min-height: {px(52)};
}}
QPushButton#Pupil:focus {{ border: 3px solid {PRIMARY}; }}
QPushButton#Pupil[status="absent"] {{ background: #f6d5cf; border-color: #c0504a; }}
QPushButton#Pupil[status="late"] {{ background: #fbe8c8; border-color: {ACCENT}; }}
QPushButton#Pupil[status="leave"] {{ background: #dbe6f3; border-color: #5d7fa8; }}
QLabel#GradeHeading {{  /* "border: 0" first, or Qt paints no bottom border on a QLabel */
    font-size: {pt(17)}; font-weight: bold; color: {PRIMARY};
    padding: {px(6)} {px(2)} {px(2)} {px(2)}; border: 0; border-bottom: 2px solid {LINE};
}}

QLineEdit, QComboBox, QSpinBox, QTimeEdit, QDoubleSpinBox {{
    background: {CARD}; border: 1px solid {LINE}; border-radius: 8px; padding: {px(5)} {px(8)};
    font-size: {pt(15)}; min-height: {px(30)};
}}
QComboBox::drop-down {{
    subcontrol-origin: padding; subcontrol-position: center right; width: {px(26)};
    border: 0; border-left: 1px solid {LINE};
}}
QComboBox::down-arrow {{ image: url({img("arrow-down")}); width: {px(14)}; height: {px(14)}; }}
QComboBox QAbstractItemView {{ background: {CARD}; selection-background-color: {SELECTION}; }}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{
    subcontrol-origin: border; width: {px(22)}; border: 0; border-left: 1px solid {LINE};
}}
QAbstractSpinBox::up-button {{ subcontrol-position: top right; }}
QAbstractSpinBox::down-button {{ subcontrol-position: bottom right; }}
QAbstractSpinBox::up-arrow {{ image: url({img("arrow-up")}); width: {px(11)}; height: {px(11)}; }}
QAbstractSpinBox::down-arrow {{ image: url({img("arrow-down")}); width: {px(11)}; height: {px(11)}; }}
QCheckBox::indicator {{ width: {px(22)}; height: {px(22)}; }}
QCheckBox::indicator:unchecked {{ image: url({img("uncheck")}); }}
QCheckBox::indicator:checked {{ image: url({img("check")}); }}
QScrollBar:vertical {{ background: transparent; width: {px(14)}; margin: 2px; }}
QScrollBar::handle:vertical {{ background: #c9c2b4; border-radius: 5px; min-height: 40px; }}
QScrollBar:horizontal {{ background: transparent; height: {px(14)}; margin: 2px; }}
QScrollBar::handle:horizontal {{ background: #c9c2b4; border-radius: 5px; min-width: 40px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: transparent; }}
QLineEdit#Search {{ font-size: {pt(17)}; padding: {px(6)} {px(12)}; }}
QCheckBox {{ font-size: {pt(15)}; spacing: 8px; }}
QProgressBar {{ border: 1px solid {LINE}; border-radius: 6px; background: {CARD}; text-align: center; }}
QProgressBar::chunk {{ background: {PRIMARY}; border-radius: 5px; }}

QStatusBar {{ background: #ece7dd; color: {MUTED}; font-size: {pt(13)}; }}
QStatusBar QLabel {{ color: {MUTED}; padding: 2px 8px; }}

QSlider::groove:horizontal {{ height: 10px; background: {LINE}; border-radius: 5px; }}
QSlider::sub-page:horizontal {{ background: {PRIMARY}; border-radius: 5px; }}
QSlider::handle:horizontal {{
    background: white; border: 3px solid {PRIMARY}; width: 22px; height: 22px;
    margin: -9px 0; border-radius: 14px;
}}

QWidget#ControlBar {{ background: {CARD}; border-top: 1px solid {LINE}; }}
QWidget#PlayerHeader {{ background: {CARD}; border-bottom: 1px solid {LINE}; }}
QLabel#TimeLabel {{ font-size: {pt(15)}; color: {MUTED}; }}
QLabel#PlayerNote {{ font-size: {pt(14)}; color: {WARN}; }}
QWidget#VideoPage {{ background: #000000; }}
QLabel#Subtitle {{
    background: #000000; color: white; font-size: {pt(26)}; font-weight: bold;
    padding: 10px 24px;
}}
QLabel#SlideCaption {{ font-size: {pt(24)}; font-weight: bold; padding: 8px; }}
QLabel#SlideCounter {{ font-size: {pt(16)}; color: {MUTED}; }}
QLabel#LyricCurrent {{ font-size: {pt(40)}; font-weight: bold; color: {ACCENT}; }}
QLabel#LyricNear {{ font-size: {pt(26)}; color: #6d8190; }}
QLabel#LyricFar {{ font-size: {pt(22)}; color: #aab6be; }}
QLabel#MessageTitle {{ font-size: {pt(24)}; font-weight: bold; }}
QLabel#MessageText {{ font-size: {pt(16)}; color: {MUTED}; }}
QWidget#Blank {{ background: #000000; }}
QFrame#HelpPanel {{ background: {CARD}; border: 2px solid {PRIMARY}; border-radius: 14px; }}
QLabel#HelpText {{ font-size: {pt(18)}; }}
QWidget#RepeatPanel {{ background: #fdf3e7; border: 1px solid {LINE}; border-radius: 10px; }}
QLabel#RepeatCountdown {{ font-size: {pt(22)}; font-weight: bold; color: {ACCENT}; }}
QPushButton#TrackButton {{ font-weight: bold; }}

/* Presenter view: the teacher's screen beside the projector (ui/player/presenter.py). */
QWidget#PresenterWindow {{ background: {PAPER}; }}
QTextBrowser#PresenterNotes {{ font-size: {pt(18)}; background: {CARD}; border: 1px solid {LINE}; border-radius: 10px; padding: 8px; }}
QLabel#PresenterNext {{ font-size: {pt(22)}; font-weight: bold; color: {ACCENT}; }}
QLabel#PresenterTime {{ font-size: {pt(20)}; color: {INK}; }}
QLabel#PresenterClock {{ font-size: {pt(20)}; font-weight: bold; color: {PRIMARY}; padding: 0 12px; }}
QWidget#PresenterWindow QPushButton {{ font-size: {pt(18)}; min-height: {px(56)}; }}

/* Projector mode (F5): everything read from 6 m away. */
QWidget#PlayerWindow[projector="true"] QPushButton {{ font-size: {pt(24)}; min-height: {px(64)}; }}
QWidget#PlayerWindow[projector="true"] QLabel#TimeLabel {{ font-size: {pt(24)}; }}
QWidget#PlayerWindow[projector="true"] QLabel#WindowTitle {{ font-size: {pt(30)}; }}
QWidget#PlayerWindow[projector="true"] QLabel#LyricCurrent {{ font-size: {pt(60)}; }}
QWidget#PlayerWindow[projector="true"] QLabel#LyricNear {{ font-size: {pt(36)}; }}
QWidget#PlayerWindow[projector="true"] QLabel#Subtitle {{ font-size: {pt(40)}; }}
QWidget#PlayerWindow[projector="true"] QLabel#SlideCaption {{ font-size: {pt(36)}; }}
QWidget#PlayerWindow[projector="true"] QLabel#RepeatCountdown {{ font-size: {pt(36)}; }}
"""


STYLESHEET = stylesheet(1.0)
