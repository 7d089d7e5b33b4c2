"""Library search by pinyin initials (xxx finds 小星星), full pinyin and Chinese title."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .conftest import MUSIC


def test_search_by_pinyin_initials_full_pinyin_and_title(qtbot, edu):
    window = edu.main_window
    window.show_page("library")
    page = window.library
    qtbot.waitUntil(lambda: edu.ctx.library.index is not None, timeout=20_000)
    qtbot.keyClicks(page.search, "xxx")
    qtbot.waitUntil(lambda: page.result_ids() == [MUSIC], timeout=5000)
    assert page.views.currentWidget() is page.results
    assert page.card.title.text() == "小星星"
    for query, expected in (("xiaoxingxing", [MUSIC]), ("星星", [MUSIC]),
                            ("lzlh", ["music-g2-xiangyi-liangzhilaohu"]), ("hello", ["english-g3-waiyan-hello"])):
        page.search.setText(query)
        qtbot.waitUntil(lambda e=expected: page.result_ids() == e, timeout=5000)
    page.search.setText("zzzz")
    qtbot.waitUntil(lambda: "没有找到" in page.hint.text(), timeout=5000)
    page.search.clear()
    qtbot.waitUntil(lambda: page.views.currentWidget() is page.tree, timeout=5000)
    # Enter on a result plays it
    page.search.setText("xxx")
    qtbot.waitUntil(lambda: page.result_ids() == [MUSIC], timeout=5000)
    with qtbot.waitSignal(edu.ctx.classroom.player_opened, timeout=10_000) as opened:
        qtbot.keyClick(page.results, Qt.Key.Key_Return)
    opened.args[0].close()


def test_a_big_catalog_shows_the_first_300_and_asks_for_more_letters(qtbot, edu, services):
    """A newer catalog with 350 more 小星星 lessons: its new titles get pinyin (from the
    child process) and the search says that only the first 300 are listed."""
    import hashlib

    from eduteach_protocol.catalog import Catalog, Lesson, LessonFile

    active = services.library.active_catalog()
    extra = tuple(Lesson(
        id=f"music-g1-star-{i:03d}", title=f"小星星变奏{i:03d}", grade=1, subject="music",
        edition="人音版", volume="上册", unit=5 + i // 20, order=1 + i % 20, kind="audio", duration=30.0,
        files=(LessonFile("media", "a.mp3", hashlib.sha256(b"%d" % i).hexdigest(), 1000),))
        for i in range(350))
    newer = Catalog(version=active.version + 1, published="2026-11-30T00:00:00Z",
                    lessons=(*active.lessons, *extra))
    body = newer.to_bytes()
    services.library.add_catalog(newer, hashlib.sha256(body).hexdigest(), body, "test")
    services.library.activate(newer.version)
    window = edu.main_window
    window.show_page("library")
    page = window.library
    edu.ctx.library.refresh()
    qtbot.waitUntil(lambda: len(edu.ctx.library.rows) == 355 and edu.ctx.library.index is not None,
                    timeout=30_000)
    page.search.setText("xxxbz")  # xiao xing xing bian zou
    qtbot.waitUntil(lambda: len(page.result_ids()) == 300, timeout=5000)
    assert "前 300 节课" in page.hint.text() and "多输几个字母" in page.hint.text()
    page.search.setText("xiaoxingxingbianzou349")
    qtbot.waitUntil(lambda: page.result_ids() == ["music-g1-star-349"], timeout=5000)
    assert page.hint.text() == "“xiaoxingxingbianzou349”找到 1 节课。"
