"""How lessons were taught, from the PC to the county over real HTTP (issue 15): plays
recorded with modes and tracks go up in compact batches beside plain plays, the hub keeps
them, and the dashboard (overview, school page, CSV and Excel) and the records export say
how many music plays were sung along, how much English was repeated after the recording,
and how often the presenter view was used."""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from openpyxl import load_workbook
from sqlalchemy import text

from eduteach_desktop.services import Services
from eduteach_desktop.store import settings as keys
from eduteach_hub.db import Database
from eduteach_protocol import records as r
from eduteach_protocol.catalog import Lesson
from tests.integration.hubproc import (
    XAPI_HEADERS,
    add_admin,
    add_school,
    csrf_of,
    enroll_with_key,
    init_home,
    run_cli,
    running_hub,
)

SINGS = "4301230011"  # a teaching point whose music lessons are sung
PLAYS = "4301230012"  # one whose music lessons are only played


def _lesson(subject: str, grade: int = 1) -> Lesson:
    return Lesson(id=f"{subject}-g{grade}-x", title="课", grade=grade, subject=subject, edition="人教版",
                  volume="上册", unit=1, order=1, kind="audio", duration=60.0, files=())


# (subject, modes, tracks) for each play the first PC records; None: an old caller's play.
TAUGHT = [
    ("music", ["sing-along"], ["demo"]),  # sung: sing-along mode
    ("music", [], ["accompaniment", "demo"]),  # sung: the accompaniment played
    ("music", [], ["demo"]),  # only played: the model singing
    ("music", None, None),  # only played: a caller that knows no modes (the record of before)
    ("english", ["presenter", "repeat-after-me"], ["speech"]),
    ("english", None, None),
    ("art", ["presenter"], []),
]


@dataclass
class County:
    url: str
    home: Path
    db_url: str
    pc_hub_ids: list[str]


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory, module_db_url: str | None) -> Iterator[County]:
    base = tmp_path_factory.mktemp("classroom")
    home = init_home(base, db_url=module_db_url)
    add_admin(home)
    code = add_school(home, SINGS, "杨柳教学点")
    other = add_school(home, PLAYS, "石桥教学点")
    with running_hub(home) as url:
        pc = Services.open(base / "pc")
        try:
            pc.enroll(url, code)
            for subject, modes, tracks in TAUGHT:
                extra = {} if modes is None else {"modes": modes, "tracks": tracks}
                pc.usage.record_play(_lesson(subject, 3 if subject == "english" else 1), pc.clock.now(), 30.0,
                                     False, segments=[(0.0, 30.0)], **extra)
            report = pc.upload()
            assert report.remaining == 0 and report.sent == 2 * len(TAUGHT)
            assert pc.settings.get(keys.HUB_BATCH_FORMAT, "compact") == "compact"
            assert pc.outbox.pending(10_000) == []
            sent = [row["id"] for row in pc.db.query("SELECT id FROM outbox ORDER BY seq")]
        finally:
            pc.close()
        # The other school: a PC that only plays the model singing, sent as plain JSON.
        dev, _ = enroll_with_key(url, other)
        origin = r.Origin(dev.id, PLAYS, "430123", "0.3")
        music = r.LessonRef("music-g1-x", "课", "audio", 1, "music", "人音版", 60.0)
        stmts = []
        for i in range(3):
            stmts += r.playback_events(origin, music, [(str(uuid.uuid4()), 2 * i + 1), (str(uuid.uuid4()), 2 * i + 2)],
                                       _now(), _now(), 30.0, False, tracks=["demo"])
        resp = requests.post(f"{url}/xapi/statements", json=stmts, headers=XAPI_HEADERS, auth=dev.auth, timeout=20)
        assert resp.status_code == 200, resp.text
        yield County(url, home, module_db_url or f"sqlite:///{home / 'hub.sqlite3'}", sent)


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _login(county: County) -> requests.Session:
    s = requests.Session()
    token = csrf_of(s.get(f"{county.url}/dashboard/login", timeout=10).text)
    resp = s.post(f"{county.url}/dashboard/login", timeout=10, allow_redirects=False,
                  data={"name": "admin", "password": "correct horse battery", "csrf": token})
    assert resp.status_code == 303
    return s


def _xlsx_rows(s: requests.Session, county: County, query: str = "") -> list[dict]:
    resp = s.get(f"{county.url}/dashboard/export/classroom.xlsx?weeks=1{query}", timeout=10)
    assert resp.status_code == 200, resp.text
    sheet = load_workbook(io.BytesIO(resp.content), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))  # type: ignore[union-attr]
    keys_ = [h.rsplit("[", 1)[1].rstrip("]") for h in rows[0]]
    return [dict(zip(keys_, row, strict=True)) for row in rows[1:]]


def test_the_hub_keeps_modes_and_tracks_as_sent(county: County) -> None:
    db = Database.open(county.db_url)
    try:
        with db.read() as conn:
            bodies = {sid: json.loads(body) for sid, body in conn.execute(text("SELECT id, body FROM statements"))}
    finally:
        db.dispose()
    mine = [bodies[sid] for sid in county.pc_hub_ids]
    assert len(mine) == 2 * len(TAUGHT)
    for (_, modes, tracks), pair in zip(TAUGHT, zip(mine[::2], mine[1::2], strict=True), strict=True):
        for st in pair:
            ext = st["context"]["extensions"]
            assert ext.get(r.EXT_MODES) == (modes or None)
            assert ext.get(r.EXT_TRACKS) == (tracks or None)


def test_the_exports_count_sung_repeated_and_presented_per_school_and_county(county: County) -> None:
    s = _login(county)
    rows = _xlsx_rows(s, county)
    total, by_school = rows[0], {row["school_code"]: row for row in rows[1:]}
    assert total["school_name"] == "全县合计" and set(by_school) == {SINGS, PLAYS}
    sings, plays = by_school[SINGS], by_school[PLAYS]
    assert (sings["music_plays"], sings["music_sung"], sings["music_only_played"]) == (4, 2, 2)
    assert sings["music_sung_rate"] == 50
    assert (sings["english_plays"], sings["english_repeated"], sings["presented"], sings["plays"]) == (2, 1, 2, 7)
    assert (plays["music_plays"], plays["music_sung"], plays["music_only_played"]) == (3, 0, 3)
    assert plays["english_plays"] == 0 and plays["english_repeated_rate"] in ("", None)
    assert (total["music_plays"], total["music_sung"], total["music_only_played"]) == (7, 2, 5)
    assert total["music_sung_rate"] == pytest.approx(28.6, abs=0.1)
    assert isinstance(sings["school_code"], str), "codes stay text in Excel"
    one = _xlsx_rows(s, county, f"&school={SINGS}")
    assert [row["school_code"] for row in one] == [SINGS], "one school: no county row"
    csv_resp = s.get(f"{county.url}/dashboard/export/classroom.csv?weeks=1", timeout=10)
    assert csv_resp.status_code == 200 and csv_resp.content.startswith("\ufeff".encode())
    table = list(csv.reader(io.StringIO(csv_resp.content.decode("utf-8-sig"))))
    assert "音乐跟唱比例(%) [music_sung_rate]" in table[0]
    assert [row[0] for row in table[1:]] == ["", SINGS, PLAYS]


def test_the_overview_and_school_pages_show_it_in_chinese(county: County) -> None:
    s = _login(county)
    page = s.get(f"{county.url}/dashboard/overview?weeks=1", timeout=10).text
    for words in ("课堂使用方式", "音乐课跟唱比例（2 / 7 次）", "英语课跟读比例（1 / 2 次）", "双屏授课次数", "全县合计",
                  'data-export="classroom-xlsx"', "杨柳教学点", "石桥教学点"):
        assert words in page, words
    kpi = page.split('data-kpi="music-sung"', 1)[1].split("</b>", 1)[0]
    assert kpi.endswith("29%")
    chart = json.loads(page.split('id="chart-classroom" data-chart=\'', 1)[1].split("'", 1)[0])
    assert chart["x"] == ["杨柳教学点", "石桥教学点"]
    assert [series["data"] for series in chart["series"]] == [[2, 0], [2, 3]]
    school = s.get(f"{county.url}/dashboard/schools/{SINGS}?weeks=1", timeout=10).text
    table = school.split('data-table="classroom"', 1)[1].split("</table>", 1)[0]
    cells = [c.split("<", 1)[0] for c in table.split('<td class="int">')[1:]]
    assert cells == ["4", "2", "2", "2", "1", "2"]


def test_the_records_export_has_modes_and_tracks(county: County) -> None:
    out = run_cli("records", "export", "--format", "csv", home=county.home)
    assert out.returncode == 0, out.stderr
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(out.stdout[1:]))}
    got = [(rows[sid]["modes"], rows[sid]["tracks"]) for sid in county.pc_hub_ids[1::2]]
    assert got == [(";".join(m or []), ";".join(t or [])) for _, m, t in TAUGHT]


def test_by_usb_stick_the_desktop_cli_export_carries_them_to_the_county(tmp_path: Path) -> None:
    """`eduteach records export` (the real CLI, a subprocess) writes the signed file with
    the modes and tracks; `eduteach-hub records import` files them, and the county counts
    the music play as sung (the hub was never reached online after enrollment)."""
    from tests.helpers.journey import eduteach

    home = init_home(tmp_path)
    code = add_school(home, SINGS, "杨柳教学点")
    with running_hub(home) as url:
        pc = Services.open(tmp_path / "pc")
        try:
            pc.enroll(url, code)
        finally:
            pc.close()
    pc = Services.open(tmp_path / "pc")
    try:
        pc.usage.record_play(_lesson("music"), pc.clock.now(), 30.0, False, modes=["sing-along"],
                             tracks=["accompaniment"])
        pc.usage.record_play(_lesson("music"), pc.clock.now(), 30.0, False)
    finally:
        pc.close()
    stick = tmp_path / "stick"
    stick.mkdir()
    out = eduteach(tmp_path / "pc", "records", "export", str(stick))
    assert "wrote 4 records" in out.stdout
    (path,) = stick.iterdir()
    imported = run_cli("records", "import", str(path), home=home)
    assert imported.returncode == 0 and "4 new" in imported.stdout, imported.stderr
    csv_out = run_cli("records", "export", "--format", "csv", home=home)
    rows = list(csv.DictReader(io.StringIO(csv_out.stdout[1:])))
    assert sorted((row["verb"], row["modes"], row["tracks"]) for row in rows) == [
        ("initialized", "", ""), ("initialized", "sing-along", "accompaniment"),
        ("terminated", "", ""), ("terminated", "sing-along", "accompaniment"),
    ]
    db = Database.open(f"sqlite:///{home / 'hub.sqlite3'}")
    try:
        with db.read() as conn:
            counted = conn.execute(text("SELECT SUM(plays), SUM(sung), SUM(repeated), SUM(presented) FROM usage_daily"))
            assert tuple(counted.one()) == (2, 1, 0, 0)
    finally:
        db.dispose()
