"""Recordings of one song (范唱 and 伴奏) and teaching notes (教学建议), told by their names.

Counties name the pair in a handful of ways:

    小星星（范唱）.mp3   小星星(伴奏).mp3        a marker in brackets
    小星星 范唱.mp3      小星星伴奏.mp3          a marker at the end (after a space, - or _ if Latin)
    范唱-小星星.mp3      伴奏 小星星.mp3         a marker in front
    xiaoxingxing_fc.mp3  xiaoxingxing_bz.mp3    pinyin initials (fc 范唱, bz 伴奏, ld 朗读)
    03 小星星.mp3        03 小星星 伴奏.mp3      no marker: the song itself (范唱)

The names without their marker must be the same song (the same lesson number is not
enough: two different songs numbered 03 are two lessons, and stay an error).
"""

from __future__ import annotations

import re
from pathlib import Path

# Role words, longest first so 范唱 is not taken for 唱.
_MARKERS: dict[str, str] = {
    "范唱": "demo", "示范唱": "demo", "演唱": "demo", "原唱": "demo", "fc": "demo", "fanchang": "demo",
    "伴奏": "accompaniment", "伴奏版": "accompaniment", "bz": "accompaniment", "banzou": "accompaniment",
    "朗读": "speech", "范读": "speech", "ld": "speech", "langdu": "speech",
}
_WORDS = "|".join(sorted(map(re.escape, _MARKERS), key=len, reverse=True))
_SEP = r"[\s_\-—.·]"
_BRACKETED = re.compile(rf"[（(【\[]\s*({_WORDS})\s*[）)】\]]", re.I)
_SUFFIX = re.compile(rf"{_SEP}+({_WORDS})$", re.I)
_PREFIX = re.compile(rf"^({_WORDS}){_SEP}+", re.I)
# Chinese words need no separator (小星星伴奏); Latin initials do (xxx_fc), so "fcat" is no marker.
_CJK_WORDS = "|".join(sorted((re.escape(w) for w in _MARKERS if not w.isascii()), key=len, reverse=True))
_CJK_SUFFIX = re.compile(rf"({_CJK_WORDS})$")
# Teaching notes beside a lesson: 教学建议.txt, 03 教学建议.md, 小星星-教学提示.txt.
NOTES_STEM = re.compile(r"(教学建议|教学提示|teaching[\s_-]?notes)", re.I)
NOTES_EXTS = {"txt": "plain", "md": "markdown"}


def split_marker(stem: str) -> tuple[str | None, str]:
    """(track role or None, the name without its marker)."""
    for pattern in (_BRACKETED, _SUFFIX, _PREFIX, _CJK_SUFFIX):
        found = pattern.search(stem)
        if found:
            rest = (stem[:found.start()] + stem[found.end():]).strip(" _-—.·")
            return _MARKERS[found.group(1).lower()], rest
    return None, stem


def _song(stem: str) -> str:
    return re.sub(r"[\s_\-—.·()（）【】\[\]]+", "", stem).lower()


def pair_tracks(media: list[Path]) -> list[str] | None:
    """The track role of each of several recordings of one song, in their order; None when they
    are not recognisably one song's 范唱/伴奏/朗读 (then they stay an error)."""
    if len(media) < 2:
        return None
    split = [split_marker(p.stem) for p in media]
    unmarked = [i for i, (role, _) in enumerate(split) if role is None]
    if len(unmarked) > 1:
        return None
    roles = [role for role, _ in split]
    if unmarked:
        if "demo" in roles:
            return None
        roles[unmarked[0]] = "demo"  # 小星星.mp3 beside 小星星 伴奏.mp3 is the song itself
    if len(set(roles)) != len(roles):
        return None
    if len({_song(rest) for _, rest in split}) != 1:
        return None
    return [str(r) for r in roles]


def is_notes_file(path: Path) -> bool:
    return bool(NOTES_STEM.search(path.stem))


def strip_marker(stem: str) -> str:
    """A title without its 范唱/伴奏 marker (the lesson is the song, not one recording)."""
    return split_marker(stem)[1] or stem
