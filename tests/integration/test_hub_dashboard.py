"""The dashboard over real HTTP: login, sessions and CSRF, the figures on each page against
records sent through the xAPI resource, exports, and the admin forms."""

from __future__ import annotations

import io
import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
from openpyxl import load_workbook

from eduteach_protocol import record_file as records_file
from eduteach_protocol import records as r
from tests.integration.hubproc import (
    XAPI_HEADERS,
    EnrolledDevice,
    add_admin,
    add_school,
    csrf_of,
    enroll_body,
    enroll_with_key,
    init_home,
    running_hub,
)

SCHOOL = "4201000081"
QUIET = "4201000082"
CHINA_TODAY = (datetime.now(UTC) + timedelta(hours=8)).date()


class Hub:
    def __init__(self, url: str, home: Path, dev: EnrolledDevice, key: object):
        self.url, self.home, self.dev, self.key = url, home, dev, key


LAST_WEDNESDAY = CHINA_TODAY - timedelta(days=CHINA_TODAY.weekday() + 5)


def _day(offset: int) -> str:
    return (CHINA_TODAY - timedelta(days=offset)).isoformat()


def _records(dev: EnrolledDevice) -> list[dict]:
    """Last week (the opening rate counts whole weeks): 2 music periods (one more session
    played nothing), 1 art period; attendance for 3 pupils over the last 2 days, one of them
    absent both days."""
    origin = r.Origin(dev.id, SCHOOL, "420100", "0.2")
    seq = iter(range(1, 10_000))
    out: list[dict] = []

    def ids(n: int) -> list[tuple[str, int]]:
        return [(str(uuid.uuid4()), next(seq)) for _ in range(n)]

    for subject, lessons_played in (("music", 1), ("music", 1), ("art", 2), ("music", 0)):
        reg = str(uuid.uuid4())
        t = f"{LAST_WEDNESDAY.isoformat()}T09:00:00+08:00"
        lesson = r.LessonRef(f"{subject}-g1", "课", "audio", 1, subject, "人音版", 100.0)
        for _ in range(lessons_played):
            out += r.playback_events(origin, lesson, ids(3), t, t, 100.0, True, registration=reg)
        (sid, s), = ids(1)
        out.append(r.session_statement(origin, sid, s, reg, subject, [1], t, 2400, lessons_played))
    for day in (0, 1):
        reg = str(uuid.uuid4())
        for pupil, status in (("G001", "present"), ("G002", "absent"), ("G003", "late")):
            (aid, s), = ids(1)
            out.append(r.attendance_statement(origin, aid, s, reg, "music", pupil, 1, status, f"{_day(day)}T08:00:00+08:00"))
    return out


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory, module_db_url: str | None) -> Iterator[Hub]:
    home = init_home(tmp_path_factory.mktemp("dash"), db_url=module_db_url)
    add_admin(home)
    code = add_school(home, SCHOOL, "杨树湾教学点")
    add_school(home, QUIET, "静悄悄教学点")
    with running_hub(home) as url:
        dev, key = enroll_with_key(url, code)
        resp = requests.post(f"{url}/xapi/statements", json=_records(dev), headers=XAPI_HEADERS, auth=dev.auth, timeout=20)
        assert resp.status_code == 200, resp.text
        inv = requests.post(f"{url}/api/v1/inventory", json={"catalog_version": 0, "lessons_installed": 10, "lessons_subscribed": 12, "bytes": 123456, "last_sync": "2026-03-01T08:00:00Z"}, auth=dev.auth, timeout=10)
        assert inv.status_code == 200, inv.text
        yield Hub(url, home, dev, key)


def login(hub: Hub, password: str = "correct horse battery") -> requests.Session:
    s = requests.Session()
    token = csrf_of(s.get(f"{hub.url}/dashboard/login", timeout=10).text)
    resp = s.post(f"{hub.url}/dashboard/login", data={"name": "admin", "password": password, "csrf": token, "next": "/dashboard/overview"}, timeout=10, allow_redirects=False)
    s.last_status = resp.status_code  # type: ignore[attr-defined]
    return s


def test_login_required_and_wrong_password(hub: Hub) -> None:
    resp = requests.get(f"{hub.url}/dashboard/overview", timeout=10, allow_redirects=False)
    assert resp.status_code == 303 and resp.headers["Location"].startswith("/dashboard/login")
    bad = login(hub, "wrong password!")
    assert bad.last_status == 401  # type: ignore[attr-defined]
    ok = login(hub)
    assert ok.last_status == 303  # type: ignore[attr-defined]
    cookie = next(c for c in ok.cookies if c.name == "et_session")
    assert cookie.has_nonstandard_attr("HttpOnly")
    forged = requests.get(f"{hub.url}/dashboard/overview", cookies={"et_session": cookie.value[:-3] + "abc"}, timeout=10, allow_redirects=False)
    assert forged.status_code == 303


def test_login_form_needs_its_token(hub: Hub) -> None:
    resp = requests.post(f"{hub.url}/dashboard/login", data={"name": "admin", "password": "correct horse battery", "csrf": "x"}, timeout=10)
    assert resp.status_code == 403


def test_pages_render_in_chinese(hub: Hub) -> None:
    s = login(hub)
    for page, words in (
        ("overview", ["概览", "沉默教学点", "静悄悄教学点", "data-chart"]),
        ("opening", ["开齐率", "音乐", "美术"]),
        ("attendance", ["出勤率", "G002"]),
        ("content", ["课程资源状态", "课程不全"]),
        ("schools", ["杨树湾教学点"]),
        (f"schools/{SCHOOL}", ["课堂记录", "每周出勤率", "音乐"]),
        ("admin", ["生成注册码", "导入记录文件"]),
    ):
        resp = s.get(f"{hub.url}/dashboard/{page}", timeout=10)
        assert resp.status_code == 200, (page, resp.text[:500])
        for w in words:
            assert w in resp.text, (page, w)
    assert s.get(f"{hub.url}/dashboard/schools/9999999999", timeout=10).status_code == 404


def _xlsx(s: requests.Session, hub: Hub, name: str, query: str = "") -> list[tuple]:
    resp = s.get(f"{hub.url}/dashboard/export/{name}.xlsx?{query}", timeout=10)
    assert resp.status_code == 200, resp.text
    wb = load_workbook(io.BytesIO(resp.content), read_only=True)
    return list(wb.active.iter_rows(values_only=True))  # type: ignore[union-attr]


def _by_header(rows: list[tuple]) -> list[dict]:
    keys = [re.search(r"\[(\w+)\]", h).group(1) for h in rows[0]]  # type: ignore[union-attr]
    return [dict(zip(keys, row, strict=True)) for row in rows[1:]]


def test_opening_figures(hub: Hub) -> None:
    s = login(hub)
    rows = _by_header(_xlsx(s, hub, "opening", "weeks=1"))
    mine = {(r["subject"], r["grade"]): r for r in rows if r["school_code"] == SCHOOL}
    # Grade 1 only: English (from grade 3) is not required.
    assert set(mine) == {("music", 1), ("art", 1)}
    assert mine[("music", 1)]["held_per_week"] == 2 and mine[("music", 1)]["opened"] == "是"
    assert mine[("art", 1)]["held_per_week"] == 1 and mine[("art", 1)]["opened"] == "否"
    assert mine[("art", 1)]["rate"] == 50
    assert isinstance(mine[("art", 1)]["school_code"], str), "codes stay text in Excel"


def test_attendance_figures_and_absentees(hub: Hub) -> None:
    s = login(hub)
    rows = _by_header(_xlsx(s, hub, "attendance", "weeks=2"))
    (row,) = [r for r in rows if r["school_code"] == SCHOOL]
    assert (row["present"], row["late"], row["absent"]) == (2, 2, 2)
    assert row["rate"] == pytest.approx(66.7, abs=0.1)
    absentees = _by_header(_xlsx(s, hub, "absentees", "weeks=2&threshold=50"))
    assert [(r["pupil"], r["absent_days"], r["days"]) for r in absentees] == [("G002", 2, 2)]
    csv = s.get(f"{hub.url}/dashboard/export/absentees.csv?weeks=2", timeout=10)
    assert csv.content.startswith("\ufeff".encode()) and "学籍号".encode() in csv.content


def test_usage_and_silent(hub: Hub) -> None:
    s = login(hub)
    usage = _by_header(_xlsx(s, hub, "usage", "weeks=2"))
    plays = {r["subject"]: r["plays"] for r in usage}
    assert plays == {"music": 2, "art": 2}
    silent = _by_header(_xlsx(s, hub, "silent"))
    assert [r["school_code"] for r in silent] == [QUIET]


def test_content_status(hub: Hub) -> None:
    s = login(hub)
    content = {r["school_code"]: r for r in _by_header(_xlsx(s, hub, "content"))}
    assert content[SCHOOL]["lessons_installed"] == 10 and content[SCHOOL]["lessons_subscribed"] == 12
    assert content[QUIET]["status"] == "未报告"
    bad = requests.post(f"{hub.url}/api/v1/inventory", json={"catalog_version": -1}, auth=hub.dev.auth, timeout=10)
    assert bad.status_code == 400
    assert requests.post(f"{hub.url}/api/v1/inventory", json={}, timeout=10).status_code == 401


def test_admin_codes_create_and_revoke(hub: Hub) -> None:
    s = login(hub)
    page = s.get(f"{hub.url}/dashboard/admin", timeout=10).text
    token = csrf_of(page)
    no_csrf = s.post(f"{hub.url}/dashboard/admin/codes", data={"school": QUIET}, timeout=10)
    assert no_csrf.status_code == 403
    made = s.post(f"{hub.url}/dashboard/admin/codes", data={"school": QUIET, "ttl_days": "3", "csrf": token}, timeout=10)
    assert made.status_code == 200
    code = re.search(r'id="new-code">([0-9A-Z-]+)<', made.text).group(1)  # type: ignore[union-attr]
    code_id = re.search(r"/dashboard/admin/codes/(\d+)/revoke", made.text).group(1)  # type: ignore[union-attr]
    revoked = s.post(f"{hub.url}/dashboard/admin/codes/{code_id}/revoke", data={"csrf": token}, timeout=10)
    assert revoked.status_code == 200 and "已作废" in revoked.text
    resp = requests.post(f"{hub.url}/api/v1/enroll", json=enroll_body(code), timeout=10)
    assert resp.status_code == 403 and resp.json()["error"]["code"] in ("code_revoked", "invalid_code")


def test_admin_import_upload_idempotent(hub: Hub) -> None:
    s = login(hub)
    token = csrf_of(s.get(f"{hub.url}/dashboard/admin", timeout=10).text)
    origin = r.Origin(hub.dev.id, SCHOOL, "420100", "0.2")
    lesson = r.LessonRef("music-g1-usb", "课", "audio", 1, "music", "人音版", 100.0)
    stmts = r.playback_events(origin, lesson, [(str(uuid.uuid4()), 9000 + i) for i in range(3)], f"{_day(1)}T09:00:00+08:00", f"{_day(1)}T09:00:00+08:00", 100.0, True)
    data = records_file.encode(records_file.build(hub.key, hub.dev.id, SCHOOL, "2026-03-03T00:00:00Z", stmts))  # type: ignore[arg-type]
    first = s.post(f"{hub.url}/dashboard/admin/import", data={"csrf": token}, files={"file": ("u.etrec", data)}, timeout=20)
    assert first.status_code == 200 and "新增 3 条" in first.text, first.text[:800]
    again = s.post(f"{hub.url}/dashboard/admin/import", data={"csrf": token}, files={"file": ("u.etrec", data)}, timeout=20)
    assert again.status_code == 200 and "新增 0 条，已有 3 条" in again.text
    bad = s.post(f"{hub.url}/dashboard/admin/import", data={"csrf": token}, files={"file": ("x.etrec", data[:-30])}, timeout=20)
    assert bad.status_code == 400 and "已拒绝" in bad.text


def test_admin_adds_user_and_logout(hub: Hub) -> None:
    s = login(hub)
    token = csrf_of(s.get(f"{hub.url}/dashboard/admin", timeout=10).text)
    resp = s.post(f"{hub.url}/dashboard/admin/users", data={"name": "inspector", "password": "short", "csrf": token}, timeout=10)
    assert resp.status_code == 400
    resp = s.post(f"{hub.url}/dashboard/admin/users", data={"name": "inspector", "password": "a long enough password", "csrf": token}, timeout=10)
    assert resp.status_code == 200 and "inspector" in resp.text
    out = s.post(f"{hub.url}/dashboard/logout", data={"csrf": token}, timeout=10, allow_redirects=False)
    assert out.status_code == 303
    assert s.get(f"{hub.url}/dashboard/overview", timeout=10, allow_redirects=False).status_code == 303
