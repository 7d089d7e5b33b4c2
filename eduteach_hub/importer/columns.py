"""What people type in a resource list (资源目录) or a folder name, mapped to lesson fields.

Headings are matched after removing spaces and case; values accept the spellings county
offices really use (一年级/1年级/1, 音乐/music, 人音版/人民音乐出版社, 上册/上/第一册).
"""

from __future__ import annotations

import re

from eduteach_protocol.cli_i18n import L_
from eduteach_protocol.subjects import SUBJECTS

# field -> headings that name it (Chinese first, then English aliases).
HEADINGS: dict[str, tuple[str, ...]] = {
    "grade": ("年级", "grade"),
    "subject": ("学科", "科目", "subject"),
    "edition": ("版本", "教材版本", "教材", "edition", "textbook"),
    "volume": ("册", "册次", "册别", "学期", "volume", "term"),
    "unit": ("单元", "单元序号", "unit"),
    "unit_title": ("单元名称", "单元名", "unittitle", "unitname"),
    "order": ("课序", "序号", "课次", "order", "lesson"),
    "title": ("课题", "课名", "课程名称", "资源名称", "名称", "title"),
    "media": ("文件", "文件名", "文件路径", "路径", "file", "files", "path"),
    "kind": ("类型", "资源类型", "kind", "type"),
    "summary": ("简介", "内容简介", "说明", "summary", "description"),
    "subtitles": ("字幕", "subtitles", "subtitle"),
    "lyrics": ("歌词", "lyrics"),
    "cover": ("封面", "cover"),
    "accompaniment": ("伴奏", "伴奏文件", "accompaniment"),
    "notes": ("教学建议", "教学提示", "notes", "teachingnotes"),
}
REQUIRED = ("grade", "subject", "edition", "volume", "unit", "order", "title", "media")


def _key(text: str) -> str:
    return re.sub(r"[\s_\-/()（）:：]+", "", text).lower()


_HEADING_INDEX = {_key(h): field for field, names in HEADINGS.items() for h in names}


def field_for_heading(heading: str) -> str | None:
    return _HEADING_INDEX.get(_key(heading))


_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_number(text: str) -> int | None:
    """'3', '03', '三', '十二', '二十一' -> int; anything else -> None."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        if "十" in ones:
            return None
        t = _CN_DIGITS.get(tens, -1) if tens else 1
        o = _CN_DIGITS.get(ones, -1) if ones else 0
        return None if t < 0 or o < 0 else t * 10 + o
    if len(text) == 1:
        return _CN_DIGITS[text]
    return None


def parse_grade(value: str) -> int | None:
    """一年级, 1年级, 1, 一, grade 1, G1 -> 1 (grades 1-3 only)."""
    text = _key(value).removeprefix("grade").removeprefix("g")
    text = text.removesuffix("年级").removesuffix("级")
    n = chinese_number(text)
    return n if n in (1, 2, 3) else None


_SUBJECT_ALIASES = {
    "语文": "chinese", "chinese": "chinese",
    "数学": "math", "math": "math", "maths": "math", "mathematics": "math",
    "英语": "english", "english": "english",
    "音乐": "music", "music": "music",
    "美术": "art", "art": "art", "arts": "art",
    "道德与法治": "morality", "道德与法制": "morality", "道法": "morality", "品德与生活": "morality",
    "morality": "morality",
    "科学": "science", "science": "science",
    "体育": "pe", "体育与健康": "pe", "pe": "pe",
}
assert set(_SUBJECT_ALIASES.values()) == set(SUBJECTS)


def parse_subject(value: str) -> str | None:
    return _SUBJECT_ALIASES.get(_key(value))


# Edition as published (the name teachers see) -> ASCII slug used in lesson ids. Slugs are
# part of the ids: never change one. A county adds its own with `--edition NAME=SLUG`.
EDITIONS: dict[str, str] = {
    "人教版": "renjiao",
    "北师大版": "bsd",
    "苏教版": "sujiao",
    "统编版": "tongbian",
    "人音版": "renyin",
    "湘艺版": "xiangyi",
    "花城版": "huacheng",
    "人美版": "renmei",
    "岭南版": "lingnan",
    "湘美版": "xiangmei",
    "外研版": "waiyan",
    "译林版": "yilin",
    "冀教版": "jijiao",
    "西师大版": "xsd",
    "青岛版": "qingdao",
    "教科版": "jiaoke",
    "沪教版": "hujiao",
    "湘教版": "xiangjiao",
    "鄂教版": "ejiao",
    "粤教版": "yuejiao",
    "北京版": "beijing",
    "川教版": "chuanjiao",
    "闽教版": "minjiao",
    "接力版": "jieli",
    "科普版": "kepu",
    "陕旅版": "shanlv",
    "桂美版": "guimei",
    "赣美版": "ganmei",
    "辽师大版": "lsd",
}
_EDITION_ALIASES = {
    "部编版": "统编版", "部编": "统编版", "统编": "统编版",
    "人民教育出版社": "人教版", "人教": "人教版", "pep": "人教版",
    "北京师范大学出版社": "北师大版", "北师大": "北师大版", "北师版": "北师大版",
    "江苏教育出版社": "苏教版", "苏教": "苏教版",
    "人民音乐出版社": "人音版", "人音": "人音版",
    "湖南文艺出版社": "湘艺版", "湘艺": "湘艺版",
    "花城出版社": "花城版",
    "人民美术出版社": "人美版", "人美": "人美版",
    "岭南美术出版社": "岭南版", "岭南": "岭南版",
    "湖南美术出版社": "湘美版",
    "外语教学与研究出版社": "外研版", "外研": "外研版", "外研社": "外研版",
    "译林出版社": "译林版", "河北教育出版社": "冀教版", "西南师范大学出版社": "西师大版",
    "青岛出版社": "青岛版", "教育科学出版社": "教科版", "上海教育出版社": "沪教版",
    "湖南教育出版社": "湘教版", "湖北教育出版社": "鄂教版", "广东教育出版社": "粤教版",
    "北京出版社": "北京版", "四川教育出版社": "川教版", "福建教育出版社": "闽教版",
    "接力出版社": "接力版", "科学普及出版社": "科普版", "陕西旅游出版社": "陕旅版",
    "广西美术出版社": "桂美版", "江西美术出版社": "赣美版", "辽宁师范大学出版社": "辽师大版",
}
SLUG_RE = re.compile(r"^[a-z0-9]{1,16}\Z")


class EditionTable:
    """The editions an import knows: the built-in list plus what the county adds."""

    def __init__(self, extra: dict[str, str] | None = None):
        self.slugs = {**EDITIONS, **(extra or {})}
        owner: dict[str, str] = {}
        for name, slug in self.slugs.items():
            if owner.setdefault(slug, name) != name:  # two editions, one id: their lessons would collide
                raise ValueError(L_("edition slug {slug!r} is already used by {owner}; choose another", slug=slug, owner=owner[slug]))
        index = {_key(k): v for k, v in _EDITION_ALIASES.items()}
        for name, slug in self.slugs.items():
            index[_key(name)] = name
            index.setdefault(_key(slug), name)
        self._index = index

    def parse(self, value: str) -> str | None:
        return self._index.get(_key(value))

    def slug(self, name: str) -> str:
        return self.slugs[name]


DEFAULT_EDITIONS = EditionTable()


def parse_edition(value: str) -> str | None:
    return DEFAULT_EDITIONS.parse(value)


def edition_option(text: str) -> tuple[str, str]:
    """`--edition 鲁教版=lujiao` → ('鲁教版', 'lujiao'); ValueError with the rule otherwise."""
    name, sep, slug = text.partition("=")
    name, slug = name.strip(), slug.strip()
    if not sep or not name or len(name) > 40 or not SLUG_RE.match(slug):
        raise ValueError(L_("{text!r}: write NAME=SLUG, e.g. 鲁教版=lujiao (the slug: 1–16 lowercase letters or digits, used in "
                            "lesson ids)", text=text))
    return name, slug


_VOLUMES = {
    "上册": "上册", "上": "上册", "第一册": "上册", "一上": "上册", "秋季": "上册", "秋": "上册",
    "autumn": "上册", "a": "上册", "1": "上册",
    "下册": "下册", "下": "下册", "第二册": "下册", "一下": "下册", "春季": "下册", "春": "下册",
    "spring": "下册", "b": "下册", "2": "下册",
}


def parse_volume(value: str) -> str | None:
    """上册/上/第一册/autumn -> 上册. 第三册 … count on from grade 1 and are refused: the
    grade column says which year, the volume only which term."""
    return _VOLUMES.get(_key(value))


_UNIT_RE = re.compile(r"^\s*(?:第\s*([0-9一二三四五六七八九十两]+)\s*单元|unit\s*(\d+)|(\d+))[\s._\-、:：]*(.*)$", re.I)
_LESSON_RE = re.compile(r"^\s*(?:第\s*([0-9一二三四五六七八九十两]+)\s*课|lesson\s*(\d+)|(\d+))[\s._\-、:：]*(.*)$", re.I)


def split_numbered(text: str, unit: bool) -> tuple[int, str] | None:
    """'第1单元 快乐的一天' -> (1, '快乐的一天'); '03 小星星' -> (3, '小星星')."""
    m = (_UNIT_RE if unit else _LESSON_RE).match(text)
    if not m:
        return None
    n = chinese_number(m.group(1) or m.group(2) or m.group(3) or "")
    if n is None or n < 1:
        return None
    return n, m.group(4).strip()


def parse_positive(value: str, unit: bool) -> int | None:
    got = split_numbered(value, unit)
    return got[0] if got else None


_KINDS = {
    "视频": "video", "video": "video", "微课": "video",
    "音频": "audio", "audio": "audio", "歌曲": "audio", "音乐": "audio",
    "课件": "slides", "图片": "slides", "slides": "slides", "幻灯片": "slides",
    "文档": "pdf", "pdf": "pdf", "教案": "pdf", "ppt": "pdf",
}


def parse_kind(value: str) -> str | None:
    return _KINDS.get(_key(value))
