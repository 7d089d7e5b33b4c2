"""A county admin in a real browser (chromium at 1366×768): logs in, sees the charts drawn,
opens a school, downloads an Excel export and the test reads it back with openpyxl.
With EDUTEACH_SCREENSHOTS=DIR it also saves the pages as DIR/dashboard-*.png."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from eduteach_hub import sampledata
from eduteach_hub.config import HubHome
from eduteach_hub.db import Database
from tests.helpers.lessons import write_lesson
from tests.integration.hubproc import add_admin, cli, init_home, running_hub

VIEWPORT = {"width": 1366, "height": 768}


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    home = init_home(tmp_path_factory.mktemp("browser"))
    add_admin(home)
    db = Database.open(HubHome(home).db_url)
    try:
        sampledata.load(db, n_schools=int(os.environ.get("EDUTEACH_SAMPLE_SCHOOLS", "8")), weeks=8)
    finally:
        db.dispose()
    _publish_sample_catalog(home, tmp_path_factory.mktemp("sources"))
    with running_hub(home) as url:
        yield url, home


def _publish_sample_catalog(home: Path, src: Path) -> None:
    """The books the sample schools' editions name (sampledata.SAMPLE_EDITIONS), published
    twice (the content page's history), with one lesson too heavy for a school PC."""
    import shutil

    for grade in (1, 2, 3):
        for subject, editions in sampledata.SAMPLE_EDITIONS.items():
            if subject == "english" and grade < 3:
                continue
            kind, seconds = {"music": ("audio", 150), "art": ("slides", 0), "english": ("video", 540)}[subject]
            for e, edition in enumerate(editions):
                for n in range(sampledata.SAMPLE_BOOK_LESSONS):
                    write_lesson(src, f"{subject}-g{grade}-e{e}-{n}", subject=subject, grade=grade,
                                 edition=edition, kind=kind, order=n + 1, duration=seconds,
                                 media_bytes=os.urandom(20_000 + 2_000 * seconds))
    write_lesson(src, "english-g3-extra", subject="english", grade=3, edition="外研版", kind="video", order=9)
    assert cli("publish", str(src), home=home)[0] == 0
    shutil.rmtree(src / "english-g3-extra")
    (src / "music-g1-e0-0" / "main.ogg").write_bytes(b"a better recording")
    write_lesson(src, "english-g3-heavy", subject="english", grade=3, edition="外研版", kind="video",
                 order=5, duration=4, media_bytes=b"\0" * 6_000_000)
    assert cli("publish", str(src), home=home)[0] == 0


def _shot(page: Any, name: str, full_page: bool = False) -> None:
    folder = os.environ.get("EDUTEACH_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"dashboard-{name}.png"), full_page=full_page)


def test_admin_journey(browser: Any, hub: tuple[str, Path], tmp_path: Path) -> None:
    url, _home = hub
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{url}/dashboard/overview")
    assert "/dashboard/login" in page.url
    _shot(page, "login")
    page.fill("input[name=name]", "admin")
    page.fill("input[name=password]", "correct horse battery")
    page.click("button[type=submit]")
    page.wait_for_url("**/dashboard/overview")

    # ECharts draws into a canvas; dashboard.js marks each chart it rendered.
    page.wait_for_selector("#chart-usage[data-rendered='1'] canvas")
    page.wait_for_selector("#chart-opening[data-rendered='1'] canvas")
    assert page.locator(".kpi b").first.inner_text().strip() == os.environ.get("EDUTEACH_SAMPLE_SCHOOLS", "8")
    # Fits a 1366-pixel-wide laptop: no horizontal scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORT["width"]
    _shot(page, "overview")
    # How lessons are taught (issue 15): the county's shares, a bar per school, the table.
    page.wait_for_selector("#chart-classroom[data-rendered='1'] canvas")
    card = page.locator("#classroom")
    assert "音乐课跟唱比例" in card.inner_text() and "全县合计" in card.inner_text()
    assert page.locator("table[data-table='classroom'] tbody tr").count() > 1
    card.scroll_into_view_if_needed()
    if os.environ.get("EDUTEACH_SCREENSHOTS"):
        card.screenshot(path=str(Path(os.environ["EDUTEACH_SCREENSHOTS"]) / "dashboard-classroom.png"))

    for name in ("opening", "attendance", "content"):
        page.click(f"nav a[href='/dashboard/{name}']")
        page.wait_for_url(f"**/dashboard/{name}")
        assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORT["width"], name
        _shot(page, name, full_page=name == "content")
    # The content page: the catalog by book, two publishes, the heavy lesson flagged.
    assert page.locator("table[data-table='catalog'] tbody tr").count() == 13
    assert page.locator("table[data-table='publishes'] tbody tr").count() == 2
    assert "english-g3-heavy" in page.locator("table[data-table='problems']").inner_text()
    assert page.locator("table[data-table='editions'] tbody tr").count() > 0

    page.click("nav a[href='/dashboard/schools']")
    page.wait_for_url("**/dashboard/schools")
    _shot(page, "schools")
    page.locator("table.grid tbody a").first.click()
    page.wait_for_selector("#chart-school-usage[data-rendered='1'] canvas")
    page.wait_for_selector("#chart-school-attendance[data-rendered='1'] canvas")
    assert "课堂记录" in page.content()
    _shot(page, "school")
    # The county sets the school's English edition for grade 3 on its page.
    page.fill("input[name='english:3']", "外研版")
    page.fill("input[name='music:0']", "湘艺版")
    page.click("form.editions button[type=submit]")
    page.wait_for_selector("#editions .flash")
    assert page.locator("input[name='music:0']").input_value() == "湘艺版"
    page.locator("#editions").scroll_into_view_if_needed()
    _shot(page, "school-editions")

    with page.expect_download() as info:
        page.click("a[data-export='sessions-xlsx']")
    download = info.value
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    wb = load_workbook(path, read_only=True)
    rows = list(wb.active.iter_rows(values_only=True))
    assert rows[0][0].startswith("日期") and len(rows) > 1
    assert {r[2] for r in rows[1:]} <= {"chinese", "math", "english", "music", "art", "morality", "science", "pe"}

    page.click("nav a[href='/dashboard/admin']")
    page.wait_for_url("**/dashboard/admin")
    page.click("form[action='/dashboard/admin/codes'] button[type=submit]")
    page.wait_for_selector("#new-code")
    _shot(page, "admin")
    assert not errors, errors
    context.close()
