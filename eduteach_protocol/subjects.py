"""Stable subject codes for grades 1–3 and their Chinese names."""

from __future__ import annotations

# Codes are part of the wire format and of county exports: never renumber or rename.
SUBJECTS: dict[str, str] = {
    "chinese": "语文",
    "math": "数学",
    "english": "英语",
    "music": "音乐",
    "art": "美术",
    "morality": "道德与法治",
    "science": "科学",
    "pe": "体育",
}

SUBJECT_BY_NAME: dict[str, str] = {name: code for code, name in SUBJECTS.items()}

VOLUMES: dict[str, str] = {"上册": "autumn", "下册": "spring"}

KINDS = ("video", "audio", "slides", "pdf")

GRADES = (1, 2, 3)


def subject_code(value: str) -> str:
    """Accept a subject code or its Chinese name; return the code, or raise KeyError."""
    if value in SUBJECTS:
        return value
    return SUBJECT_BY_NAME[value]


def subject_name(code: str) -> str:
    return SUBJECTS.get(code, code)
