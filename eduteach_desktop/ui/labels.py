"""Display names for catalog codes, translated (source strings are English).

The catalog stores stable codes (grade 1, "music", "上册", "audio"); what a teacher reads
comes from here, so the English UI says "Music" and the Chinese one says 音乐.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from eduteach_protocol.catalog import Lesson
from eduteach_protocol.sizes import format_size
from eduteach_protocol.subjects import subject_name

translate = QCoreApplication.translate


def grade_label(grade: int) -> str:
    names = {
        1: translate("Labels", "Grade 1"),
        2: translate("Labels", "Grade 2"),
        3: translate("Labels", "Grade 3"),
    }
    return names.get(grade, translate("Labels", "Grade %1").replace("%1", str(grade)))


def subject_label(code: str) -> str:
    names = {
        "chinese": translate("Labels", "Chinese"),
        "math": translate("Labels", "Mathematics"),
        "english": translate("Labels", "English"),
        "music": translate("Labels", "Music"),
        "art": translate("Labels", "Art"),
        "morality": translate("Labels", "Morality and Law"),
        "science": translate("Labels", "Science"),
        "pe": translate("Labels", "Physical Education"),
    }
    return names.get(code, subject_name(code))


def volume_label(volume: str) -> str:
    names = {"上册": translate("Labels", "Volume 1"), "下册": translate("Labels", "Volume 2")}
    return names.get(volume, volume)


def unit_label(unit: int, title: str) -> str:
    head = translate("Labels", "Unit %1").replace("%1", str(unit))
    return f"{head}  {title}" if title else head


def kind_label(kind: str) -> str:
    names = {
        "video": translate("Labels", "Video"),
        "audio": translate("Labels", "Audio"),
        "slides": translate("Labels", "Slides"),
        "pdf": translate("Labels", "PDF"),
    }
    return names.get(kind, kind)


def duration_label(seconds: float) -> str:
    """m:ss (or h:mm:ss): short, and the same in every language."""
    total = max(0, int(round(seconds)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def lesson_place(lesson: Lesson) -> str:
    """Where a lesson sits in the curriculum, on one line: 一年级 · 音乐 · 第2单元 可爱的星星."""
    return " · ".join(
        (
            grade_label(lesson.grade),
            subject_label(lesson.subject),
            unit_label(lesson.unit, lesson.unit_title),
        )
    )


def size_label(size: float) -> str:
    """Bytes in B, KB, MB or GB (one decimal): the same in every language."""
    return format_size(size)


def weekday_label(weekday: int) -> str:
    names = {
        1: translate("Labels", "Monday"),
        2: translate("Labels", "Tuesday"),
        3: translate("Labels", "Wednesday"),
        4: translate("Labels", "Thursday"),
        5: translate("Labels", "Friday"),
        6: translate("Labels", "Saturday"),
        7: translate("Labels", "Sunday"),
    }
    return names.get(weekday, str(weekday))


def period_label(period: int) -> str:
    return translate("Labels", "Period %1").replace("%1", str(period))


def grades_label(grades: tuple[int, ...] | list[int]) -> str:
    """一年级 or 一、二年级 (a combined class)."""
    grades = sorted(grades)
    if len(grades) == 1:
        return grade_label(grades[0])
    return translate("Labels", "Grades %1").replace("%1", "+".join(str(g) for g in grades))


def status_label(status: str) -> str:
    names = {
        "present": translate("Labels", "Present"),
        "absent": translate("Labels", "Absent"),
        "late": translate("Labels", "Late"),
        "leave": translate("Labels", "On leave"),
    }
    return names.get(status, status)


def rate_label(bytes_per_s: float) -> str:
    return translate("Labels", "%1/s").replace("%1", size_label(bytes_per_s))


def eta_label(seconds: float | None) -> str:
    if seconds is None:
        return ""
    minutes = int(seconds // 60)
    if minutes < 1:
        return translate("Labels", "less than a minute")
    if minutes < 120:
        return translate("Labels", "about %1 min").replace("%1", str(minutes))
    return translate("Labels", "about %1 h").replace("%1", str(round(minutes / 60)))
