"""The content page (课程资源) and a school's editions form, over real HTTP: the published
catalog by book, the publish history, flagged lessons, and per school what its editions
need against what its PC reported holding."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from openpyxl import load_workbook

from tests.helpers.lessons import write_lesson
from tests.integration.hubproc import (
    add_admin,
    add_school,
    admin_session,
    cli,
    csrf_of,
    enroll,
    init_home,
    running_hub,
)

SCHOOL = "4201000091"
OTHER = "4201000092"


class Hub:
    def __init__(self, url: str, home: Path):
        self.url, self.home = url, home

    def login(self) -> requests.Session:
        return admin_session(self.url)


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    base = tmp_path_factory.mktemp("content")
    home = init_home(base)
    add_admin(home)
    src = base / "src"
    for i in range(3):
        write_lesson(src, f"music-ry-{i}", edition="人音版", order=i + 1)
    write_lesson(src, "music-xy-0", edition="湘艺版")
    write_lesson(src, "english-wy-0", kind="video", subject="英语", grade=3, edition="外研版")
    assert cli("publish", str(src), home=home)[0] == 0
    # v2: one lesson withdrawn, one changed, one too heavy for a school PC added.
    shutil.rmtree(src / "music-xy-0")
    (src / "music-ry-2" / "main.ogg").write_bytes(b"new take")
    write_lesson(src, "english-wy-1", kind="video", subject="英语", grade=3, edition="外研版", order=2,
                 media_bytes=b"v" * 8_000_000)  # 8 MB in 4 s: 16 Mbit/s
    assert cli("publish", str(src), home=home)[0] == 0
    code = add_school(home, SCHOOL, "杨树湾教学点")
    add_school(home, OTHER, "柳林教学点")
    assert cli("school", "set", SCHOOL, "--edition", "音乐=人音版", "--edition", "3:英语=外研版", home=home)[0] == 0
    assert cli("school", "set", OTHER, "--edition", "音乐=湘艺版", home=home)[0] == 0
    with running_hub(home) as url:
        dev = enroll(url, code)
        books = [{"grade": 1, "subject": "music", "edition": "人音版", "lessons": 3, "installed": 3},
                 {"grade": 3, "subject": "english", "edition": "外研版", "lessons": 2, "installed": 1}]
        resp = requests.post(f"{url}/api/v1/inventory", auth=dev.auth, timeout=10, json={
            "catalog_version": 2, "lessons_installed": 4, "lessons_subscribed": 5, "bytes": 1,
            "last_sync": None, "books": books})
        assert resp.status_code == 200, resp.text
        yield Hub(url, home)


def _xlsx(s: requests.Session, hub: Hub, name: str) -> list[dict]:
    resp = s.get(f"{hub.url}/dashboard/export/{name}.xlsx", timeout=10)
    assert resp.status_code == 200, resp.text[:300]
    rows = list(load_workbook(io.BytesIO(resp.content), read_only=True).active.iter_rows(values_only=True))
    keys = [re.search(r"\[(\w+)\]", h).group(1) for h in rows[0]]  # type: ignore[union-attr, arg-type]
    return [dict(zip(keys, r, strict=True)) for r in rows[1:]]


def test_content_page_shows_catalog_history_problems_and_needs(hub: Hub) -> None:
    s = hub.login()
    page = s.get(f"{hub.url}/dashboard/content", timeout=10)
    assert page.status_code == 200
    for words in ("已发布课程目录", "发布记录", "待查课程", "各教学点教材版本与资源到位", "课程资源状态",
                  "杨树湾教学点", "外研版", "码率", "缺 1 节", "县平台未发布此版本"):
        assert words in page.text, words

    books = {(r["grade"], r["subject"], r["edition"]): r for r in _xlsx(s, hub, "catalog")}
    assert set(books) == {(1, "music", "人音版"), (3, "english", "外研版")}
    assert books[(1, "music", "人音版")]["lessons"] == 3
    assert books[(3, "english", "外研版")]["hours"] == round(8 / 3600, 1)

    history = _xlsx(s, hub, "publishes")
    assert [(h["catalog_version"], h["lessons"], h["added"], h["updated"], h["removed"]) for h in history] == [
        (2, 5, 1, 1, 1), (1, 5, 5, 0, 0)]

    problems = _xlsx(s, hub, "problems")
    assert [p["lesson_id"] for p in problems] == ["english-wy-1"]

    needs = {(r["school_code"], r["grade"], r["subject_name"]): r for r in _xlsx(s, hub, "editions")}
    assert needs[(SCHOOL, 1, "音乐")]["needed"] == 3 and needs[(SCHOOL, 1, "音乐")]["status"] == "齐全"
    assert needs[(SCHOOL, 3, "英语")]["held"] == 1 and needs[(SCHOOL, 3, "英语")]["status"] == "缺 1 节"
    # 湘艺版 was withdrawn in v2: the school set to it has nothing to download.
    assert needs[(OTHER, 1, "音乐")]["status"] == "县平台未发布此版本"
    assert (SCHOOL, 1, "英语") not in needs  # no English in grade 1 is published at all

    # The page's other exports still answer.
    assert s.get(f"{hub.url}/dashboard/export/content.csv", timeout=10).status_code == 200
    assert s.get(f"{hub.url}/dashboard/export/nothing.csv", timeout=10).status_code == 404
    assert requests.get(f"{hub.url}/dashboard/export/catalog.csv", timeout=10, allow_redirects=False).status_code == 303


def test_school_page_editions_form(hub: Hub) -> None:
    s = hub.login()
    page = s.get(f"{hub.url}/dashboard/schools/{OTHER}", timeout=10)
    assert page.status_code == 200
    assert 'name="music:0" value="湘艺版"' in page.text and '<option value="人音版">' in page.text
    token = csrf_of(page.text)
    form = {"csrf": token, "music:0": "人音版", "english:3": "外研版", "art:0": ""}
    assert s.post(f"{hub.url}/dashboard/schools/{OTHER}/editions", data={**form, "csrf": "x"},
                  timeout=10).status_code == 403
    bad = s.post(f"{hub.url}/dashboard/schools/{OTHER}/editions", data={**form, "art:2": "长" * 41}, timeout=10)
    assert bad.status_code == 400 and "美术（二年级）" in bad.text
    assert 'name="english:3" value="外研版"' in bad.text  # what was typed is kept
    saved = s.post(f"{hub.url}/dashboard/schools/{OTHER}/editions", data=form, timeout=10, allow_redirects=False)
    assert saved.status_code == 303 and saved.headers["Location"].startswith(f"/dashboard/schools/{OTHER}?editions=saved")
    rc, out = cli("school", "set", OTHER, home=hub.home)
    assert rc == 0 and "音乐=人音版" in out and "3:英语=外研版" in out and "湘艺版" not in out
    shown = s.get(f"{hub.url}/dashboard/schools/{OTHER}?editions=saved", timeout=10).text
    assert "教材版本已保存" in shown and "尚无电脑报告" in shown
    assert s.post(f"{hub.url}/dashboard/schools/9999999999/editions", data=form, timeout=10).status_code == 404
    # Restore for the other test (module-scoped hub).
    assert cli("school", "set", OTHER, "--clear", "--edition", "音乐=湘艺版", home=hub.home)[0] == 0
