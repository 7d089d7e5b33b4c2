"""Lesson search: Chinese title, pinyin initials (xxx finds 小星星) and full pinyin."""

from __future__ import annotations

import pytest

from eduteach_desktop.core.search import Keys, SearchIndex, SearchIndexBuilder, pinyin_keys

TABLE = {"小": "xiao", "星": "xing", "两": "liang", "只": "zhi", "老": "lao", "虎": "hu",
         "画": "hua", "太": "tai", "阳": "yang"}


def fake_pinyin(title: str) -> list[str]:
    out, run = [], ""
    for ch in title:
        if ch in TABLE:
            if run:
                out.append(run)
                run = ""
            out.append(TABLE[ch])
        else:
            run += ch
    return out + ([run] if run else [])


ENTRIES = [("a", "小星星"), ("b", "两只老虎"), ("c", "画太阳"), ("d", "Hello! 小老虎")]


@pytest.fixture
def index() -> SearchIndex:
    return SearchIndex.build(ENTRIES, fake_pinyin)


def test_keys():
    assert pinyin_keys("小星星", fake_pinyin) == Keys("xiaoxingxing", "xxx")
    assert pinyin_keys("Hello! 小老虎", fake_pinyin) == Keys("helloxiaolaohu", "hxlh")


def test_search_by_title_initials_and_full_pinyin(index: SearchIndex):
    assert index.search("星星") == ["a"]
    assert index.search("xxx") == ["a"]
    assert index.search("XXX") == ["a"]
    assert index.search("lh") == ["b", "d"]
    assert index.search("laohu") == ["b", "d"]
    assert index.search("lao hu") == ["b", "d"]
    assert index.search("hello") == ["d"]
    assert index.search("taiyang") == ["c"]
    assert index.search("") == []
    assert index.search("zzz") == []


def test_one_hit_per_lesson_and_limit(index: SearchIndex):
    assert index.search("x") == ["a", "d"]
    assert index.search("x", limit=1) == ["a"]


def test_real_pypinyin():
    from pypinyin import lazy_pinyin

    idx = SearchIndex.build([("m", "小星星"), ("n", "两只老虎")], lazy_pinyin)
    assert idx.search("xxx") == ["m"]
    assert idx.search("liangzhi") == ["n"]


def test_titles_given_as_one_string_are_not_copied_and_still_found():
    """The app hands the index its lesson table's title string; a title with capitals or
    spaces is still found by its normalized form."""
    titles = ["小星星", "春天 来了", "Hello! 小老虎"]
    text = "".join(t + "\n" for t in titles)
    ends, end = [], 0
    for t in titles:
        end += len(t) + 1
        ends.append(end)
    builder = SearchIndexBuilder((text, ends))
    for t in titles:
        k = pinyin_keys(t, fake_pinyin)
        builder.add(t, k.full, k.initials)
    index = SearchIndex.from_builder(builder, range(3))
    assert index._titles is text
    assert index.search("星星") == [0]
    assert index.search("春天来了") == [1]
    assert index.search("春天 来了") == [1]
    assert index.search("hello!") == [2]
    assert index.search("xlh") == [2]
    assert index.search("来了小") == []  # never across two titles
