"""Editions set by the county: `school set`, `school import` from Excel, and the PC's
configuration (enrollment answer, /api/v1/devices/me); the publish history and the books a
PC reports."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr
from pathlib import Path

import pytest
import requests
from openpyxl import Workbook

from tests.helpers.lessons import write_lesson
from tests.integration.hubproc import (
    add_school,
    cli,
    db_path_or_url,
    enroll,
    init_home,
    running_hub,
    sql,
)

A, B, C = "4201000001", "4201000002", "4201000003"


def _cli_err(*args: str, home: Path) -> tuple[int, str, str]:
    err = io.StringIO()
    with redirect_stderr(err):
        rc, out = cli(*args, home=home)
    return rc, out, err.getvalue()


def rows(home: Path, query: str, **params: object) -> list[tuple]:
    from sqlalchemy import text

    from eduteach_hub.db import Database

    db = Database.open(db_path_or_url(home))
    try:
        with db.read() as conn:
            return [tuple(r) for r in conn.execute(text(query), params)]
    finally:
        db.dispose()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    h = init_home(tmp_path)
    add_school(h, A, "柳林教学点")
    return h


def test_school_set_grades_and_unset(home: Path) -> None:
    rc, out, _ = _cli_err("school", "set", A, "--edition", "音乐=人音版", "--edition", "3:英语=外研版",
                          "--edition", "english=人教版", home=home)
    assert rc == 0
    assert "音乐=人音版" in out and "3:英语=外研版" in out and "英语=人教版" in out
    assert rows(home, "SELECT grade, subject, edition FROM school_editions WHERE school_code = :c ORDER BY 2, 1", c=A) == [(0, "english", "人教版"), (3, "english", "外研版"), (0, "music", "人音版")]

    # A new value replaces the old; --unset removes one rule.
    rc, out, _ = _cli_err("school", "set", A, "--edition", "音乐=湘艺版", "--unset", "3:英语", home=home)
    assert rc == 0
    assert rows(home, "SELECT grade, subject, edition FROM school_editions ORDER BY 2, 1") == [(0, "english", "人教版"), (0, "music", "湘艺版")]
    rc, out, _ = _cli_err("school", "set", A, "--clear", home=home)
    assert rc == 0 and "none set" in out
    assert sql(home, "SELECT count(*) FROM school_editions") == (0,)


@pytest.mark.parametrize("bad", ["音乐", "跳舞=人音版", "7:英语=外研版", "音乐=", "音乐=" + "长" * 41])
def test_school_set_refuses_bad_rules(home: Path, bad: str) -> None:
    err = io.StringIO()
    with redirect_stderr(err):
        code = cli("school", "set", A, "--edition", bad, home=home)[0]
    assert code == 2
    assert "--edition" in err.getvalue() and "Traceback" not in err.getvalue()
    assert len(err.getvalue().strip().splitlines()) == 1
    assert sql(home, "SELECT count(*) FROM school_editions") == (0,)


def test_school_set_unknown_school_and_unpublished_edition(home: Path, tmp_path: Path) -> None:
    rc, _, err = _cli_err("school", "set", C, "--edition", "音乐=人音版", home=home)
    assert rc == 1 and f"no school {C}" in err
    src = tmp_path / "src"
    write_lesson(src, "song-a")  # music, 人音版
    assert cli("publish", str(src), home=home)[0] == 0
    rc, _, err = _cli_err("school", "set", A, "--edition", "音乐=人音板", home=home)  # a typo
    assert rc == 0 and "no published lessons of 音乐 人音板" in err
    rc, _, err = _cli_err("school", "set", A, "--edition", "音乐=人音版", home=home)
    assert rc == 0 and "warning" not in err


def _sheet(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["某县教学点教材版本一览"])  # a title row above the headings, as offices write
    ws.append(["学校标识码", "学校名称", "音乐", "美术版本", "英语教材版本", "三年级英语"])
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_school_import_from_excel(home: Path, tmp_path: Path) -> None:
    sheet = _sheet(tmp_path / "schools.xlsx", [
        [A, "柳林教学点", "人音版", "人美版", None, "外研版"],
        [],  # blank rows are skipped
        [int(B), "杨树湾教学点", "湘艺版", "岭南版", "人教版", None],  # a code typed as a number
        ["42010000", "短码教学点", "人音版", None, None, None],
        [C, None, "人音版", None, None, None],  # new school without a name
        [A, "柳林教学点", "人音版", None, None, None],  # twice
    ])
    rc, _, err = _cli_err("school", "import", str(sheet), home=home)
    assert rc == 1
    assert "row 6: 学校标识码 '42010000' is not 10 digits" in err
    assert f"row 7: school {C} is new: its 学校名称 is needed" in err
    assert f"row 8: school {A} is also on row 3" in err
    assert "nothing imported" in err
    assert sql(home, "SELECT count(*) FROM school_editions") == (0,)
    assert sql(home, "SELECT count(*) FROM schools") == (1,)

    rc, out, err = _cli_err("school", "import", str(sheet), "--skip-bad", home=home)
    assert rc == 1 and "2 schools imported (1 new)" in out and "3 rows skipped" in out
    assert rows(home, "SELECT school_code, grade, subject, edition FROM school_editions ORDER BY 1, 3, 2") == [
        (A, 0, "art", "人美版"), (A, 3, "english", "外研版"), (A, 0, "music", "人音版"),
        (B, 0, "art", "岭南版"), (B, 0, "english", "人教版"), (B, 0, "music", "湘艺版"),
    ]
    assert sql(home, "SELECT name, county_code FROM schools WHERE code = :c", c=B) == ("杨树湾教学点", "420100")


def test_school_import_refuses_what_is_not_a_school_list(home: Path, tmp_path: Path) -> None:
    not_excel = tmp_path / "list.xlsx"
    not_excel.write_text("学校标识码,学校名称\n", encoding="utf-8")
    rc, _, err = _cli_err("school", "import", str(not_excel), home=home)
    assert rc == 1 and "not an Excel .xlsx file" in err
    wb = Workbook()
    wb.active.append(["姓名", "学籍号"])
    wb.save(tmp_path / "roster.xlsx")
    rc, _, err = _cli_err("school", "import", str(tmp_path / "roster.xlsx"), home=home)
    assert rc == 1 and "no 学校标识码 column" in err


def test_pc_gets_the_editions_at_enrollment_and_with_device_state(home: Path) -> None:
    assert cli("school", "set", A, "--edition", "音乐=人音版", "--edition", "3:英语=外研版", home=home)[0] == 0
    code = add_school(home, A, "柳林教学点")
    with running_hub(home) as url:
        dev = enroll(url, code)
        assert dev.answer["editions"] == [
            {"subject": "english", "grade": 3, "edition": "外研版"},
            {"subject": "music", "grade": None, "edition": "人音版"},
        ]
        assert cli("school", "set", A, "--edition", "音乐=湘艺版", home=home)[0] == 0
        state = requests.get(f"{url}/api/v1/devices/me", auth=dev.auth, timeout=10).json()
        assert state["editions"] == [
            {"subject": "english", "grade": 3, "edition": "外研版"},
            {"subject": "music", "grade": None, "edition": "湘艺版"},
        ]


def test_inventory_books_are_stored_and_checked(home: Path) -> None:
    code = add_school(home, A, "柳林教学点")
    base = {"catalog_version": 3, "lessons_installed": 5, "lessons_subscribed": 6, "bytes": 10, "last_sync": None}
    books = [{"grade": 1, "subject": "music", "edition": "人音版", "lessons": 6, "installed": 5}]
    with running_hub(home) as url:
        dev = enroll(url, code)
        post = lambda body: requests.post(f"{url}/api/v1/inventory", json=body, auth=dev.auth, timeout=10)  # noqa: E731
        assert post({**base, "books": books}).status_code == 200
        assert json.loads(sql(home, "SELECT books FROM inventories")[0]) == books
        for bad in ([{**books[0], "grade": 9}], [{**books[0], "extra": 1}], [{**books[0], "installed": -1}], "x",
                    [books[0]] * 501):
            resp = post({**base, "books": bad})
            assert resp.status_code == 400 and resp.json()["error"]["code"] == "bad_request"
        assert post(base).status_code == 200  # an older app sends no books
        assert sql(home, "SELECT books FROM inventories") == (None,)


def test_publish_history_is_recorded(home: Path, tmp_path: Path) -> None:
    src = tmp_path / "src"
    write_lesson(src, "song-a")
    write_lesson(src, "song-b", order=2)
    assert cli("publish", str(src), home=home)[0] == 0
    assert cli("publish", str(src), home=home)[0] == 0  # unchanged: no new row
    (src / "song-b" / "main.ogg").write_bytes(b"changed")
    write_lesson(src, "video-c", kind="video", subject="英语", grade=3,
                 extra="", media_bytes=b"v" * 10_000_000)
    import shutil

    shutil.rmtree(src / "song-a")
    rc, out, err = _cli_err("publish", str(src), home=home)
    assert rc == 0 and "taken from the cache" in err
    history = rows(home, "SELECT catalog_version, lessons, added, updated, removed, bytes, problems FROM publishes ORDER BY 1")
    assert [r[:5] for r in history] == [(1, 2, 2, 0, 0), (2, 2, 1, 1, 1)]
    problems = json.loads(history[1][6])
    # A 10 MB video of 4 seconds is 20 Mbit/s: too heavy for a school PC.
    assert [(p["lesson_id"], p["problem"][:2]) for p in problems] == [("video-c", "码率")]
