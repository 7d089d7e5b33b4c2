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


def apply_theme(app: QApplication) -> None:
    """Fusion style (same look on Windows 7…11 and Linux), our palette, font and QSS."""
    app.setStyle("Fusion")
    font = QFont(app.font())
    family = pick_cjk_family()
    if family:
        # Keep the CJK font first for every widget, with the platform's UI font as fallback.
        font.setFamilies([family, *font.families()])
    font.setPointSize(BASE_POINT_SIZE)
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
    app.setStyleSheet(STYLESHEET)


STYLESHEET = f"""
QWidget {{ color: {INK}; }}
QMainWindow, QWidget#LibraryPage, QWidget#PlayerWindow {{ background: {PAPER}; }}

QLabel#WindowTitle {{ font-size: 22pt; font-weight: bold; color: {INK}; }}
QLabel#WindowSubtitle {{ font-size: 14pt; color: {MUTED}; }}
QLabel#Muted {{ color: {MUTED}; }}

QTreeView {{
    background: {CARD}; border: 1px solid {LINE}; border-radius: 10px;
    padding: 6px; outline: 0;
    selection-background-color: {SELECTION}; selection-color: {INK};
}}
QTreeView::item {{ padding: 4px 2px; border: 0; }}
QTreeView::item:selected {{ background: {SELECTION}; color: {INK}; }}
QHeaderView::section {{
    background: {CARD}; color: {MUTED}; border: 0; border-bottom: 1px solid {LINE};
    padding: 6px 8px; font-size: 13pt;
}}

QFrame#Card {{ background: {CARD}; border: 1px solid {LINE}; border-radius: 12px; }}
QLabel#CardTitle {{ font-size: 20pt; font-weight: bold; }}
QLabel#CardPlace {{ color: {MUTED}; font-size: 13pt; }}
QLabel#CardSummary {{ font-size: 14pt; }}
QLabel#Cover {{ background: #eef2f4; border-radius: 8px; }}
QLabel#EmptyTitle {{ font-size: 22pt; font-weight: bold; }}
QLabel#EmptyText {{ font-size: 15pt; color: {MUTED}; }}
QLabel#StateOk {{ color: {OK}; }}
QLabel#StateWarn {{ color: {WARN}; }}

QPushButton {{
    background: #ebe6dc; border: 1px solid {LINE}; border-radius: 10px;
    padding: 10px 18px; font-size: 15pt; min-height: 36px;
}}
QPushButton:hover {{ background: #e2dccf; }}
QPushButton:pressed {{ background: #d6cfbf; }}
QPushButton:disabled {{ color: #a3a9ad; background: #f0ede6; }}
QPushButton#Primary {{
    background: {PRIMARY}; color: white; border: 0; font-weight: bold; font-size: 17pt;
}}
QPushButton#Primary:hover {{ background: {PRIMARY_DARK}; }}
QPushButton#Primary:disabled {{ background: #9db6c3; color: #eef3f6; }}

QStatusBar {{ background: #ece7dd; color: {MUTED}; font-size: 13pt; }}
QStatusBar QLabel {{ color: {MUTED}; padding: 2px 8px; }}

QSlider::groove:horizontal {{ height: 10px; background: {LINE}; border-radius: 5px; }}
QSlider::sub-page:horizontal {{ background: {PRIMARY}; border-radius: 5px; }}
QSlider::handle:horizontal {{
    background: white; border: 3px solid {PRIMARY}; width: 22px; height: 22px;
    margin: -9px 0; border-radius: 14px;
}}

QWidget#ControlBar {{ background: {CARD}; border-top: 1px solid {LINE}; }}
QWidget#PlayerHeader {{ background: {CARD}; border-bottom: 1px solid {LINE}; }}
QLabel#TimeLabel {{ font-size: 15pt; color: {MUTED}; }}
QWidget#VideoPage {{ background: #000000; }}
QLabel#Subtitle {{
    background: #000000; color: white; font-size: 26pt; font-weight: bold;
    padding: 10px 24px;
}}
QLabel#SlideCaption {{ font-size: 24pt; font-weight: bold; padding: 8px; }}
QLabel#SlideCounter {{ font-size: 16pt; color: {MUTED}; }}
QLabel#LyricCurrent {{ font-size: 40pt; font-weight: bold; color: {ACCENT}; }}
QLabel#LyricNear {{ font-size: 26pt; color: #6d8190; }}
QLabel#LyricFar {{ font-size: 22pt; color: #aab6be; }}
QLabel#MessageTitle {{ font-size: 24pt; font-weight: bold; }}
QLabel#MessageText {{ font-size: 16pt; color: {MUTED}; }}
"""
