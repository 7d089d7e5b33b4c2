"""The teacher's notes (教学建议) on the teacher's screen: read off the GUI thread, shown as
Markdown that cannot reach out.

Notes come from the publisher, but a county's notes are typed by many hands: the view
treats them as text to show, not as a page to open. Raw HTML is shown as written (never
interpreted), links are not followed, and no image is loaded (a picture in the notes would
be a remote address or a file on the PC: neither belongs on the teacher's screen). Markdown
always parses (a stray `**` shows as written), so broken Markdown is readable text.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from eduteach_protocol import limits
from eduteach_protocol.notes import LessonNotes, NotesError

from .. import theme
from .media import read_small

log = logging.getLogger(__name__)

# No inline HTML at all: `<img src=…>` or `<a href=…>` in notes shows as the characters typed.
_MARKDOWN = (QTextDocument.MarkdownFeature.MarkdownDialectGitHub.value
             | QTextDocument.MarkdownFeature.MarkdownNoHTML.value)


def read_notes(path: Path | None) -> LessonNotes | None:
    """The lesson's notes, or None when it has none or the file cannot be used. Runs on a
    read worker: a notes file can be up to 1 MB. A bad file costs the notes, never the lesson."""
    if path is None:
        return None
    data = read_small(path, limits.MAX_TEXT_FILE_BYTES["notes"] + 1)
    if data is None:
        log.info("notes file %s cannot be read; the lesson is shown without notes", path.name[:12])
        return None
    try:
        notes = LessonNotes.from_bytes(data)
    except NotesError as exc:
        log.info("notes file %s not used: %s", path.name[:12], exc)
        return None
    return None if notes.is_empty() else notes


class NotesView(QTextBrowser):
    """The notes for the whole lesson and for the slide, page or moment now shown."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("PresenterNotes")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self._shown: tuple[str, str, str, str] | None = None

    def loadResource(self, kind: int, name: QUrl) -> Any:  # noqa: N802 - Qt override
        # Never read a file or an address named in the notes (images, style sheets).
        return None

    def show_notes(self, lesson_text: str, part_title: str, part_text: str, markup: str) -> None:
        """The part's note (what to do now) first, then the lesson's; each parsed on its own
        so a broken note cannot swallow the other. Repaints only when something changed."""
        shown = (lesson_text, part_title, part_text, markup)
        if shown == self._shown:
            return
        self._shown = shown
        document = self.document()
        document.clear()
        cursor = QTextCursor(document)
        first = True
        for title, text in ((part_title, part_text), (self.tr("For the whole lesson"), lesson_text)):
            if not text.strip():
                continue
            if not first:
                cursor.insertBlock()
                cursor.insertBlock()  # a blank line between the two notes
            first = False
            self._insert_title(cursor, title)
            cursor.insertBlock()
            self._insert_text(cursor, text, markup)
        if first:
            self._insert_title(cursor, self.tr("No notes for this lesson."))
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def _insert_title(self, cursor: QTextCursor, title: str) -> None:
        # Our own headings stand out from the notes' Markdown headings: colour and size.
        heading = QTextCharFormat()
        heading.setFontWeight(QFont.Weight.Bold)
        heading.setForeground(QColor(theme.PRIMARY))
        heading.setFontPointSize(max(self.font().pointSizeF(), 9.0) * 1.4)
        cursor.insertText(title, heading)
        cursor.setCharFormat(QTextCharFormat())

    def _insert_text(self, cursor: QTextCursor, text: str, markup: str) -> None:
        if markup == "markdown":
            fragment = QTextDocumentFragment.fromMarkdown(
                text, QTextDocument.MarkdownFeature(_MARKDOWN))
            if fragment.isEmpty():
                cursor.insertText(text)
            else:
                cursor.insertFragment(fragment)
        else:
            cursor.insertText(text)
        self._drop_images()

    def _drop_images(self) -> None:
        """Replace pictures by a word: nothing is loaded, and no broken-image box shows."""
        document = self.document()
        block = document.begin()
        found: list[tuple[int, int]] = []
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.isValid() and fragment.charFormat().isImageFormat():
                    found.append((fragment.position(), fragment.length()))
                it += 1
            block = block.next()
        for position, length in reversed(found):
            cursor = QTextCursor(document)
            cursor.setPosition(position)
            cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(self.tr("(picture)"), QTextCharFormat())

    def has_images(self) -> bool:
        """For tests: whether any picture is left in the document."""
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                if it.fragment().charFormat().isImageFormat():
                    return True
                it += 1
            block = block.next()
        return False
