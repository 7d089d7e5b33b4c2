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
