"""Lyrics and subtitles arrive in GBK/GB18030 from older Windows tools; the app reads UTF-8."""

from __future__ import annotations


def decode_text(data: bytes) -> str | None:
    """UTF-8 (with or without BOM) first, then GB18030 (a superset of GBK and GB2312)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def to_utf8(data: bytes) -> bytes | None:
    text = decode_text(data)
    if text is None:
        return None
    return text.replace("\r\n", "\n").encode("utf-8")
