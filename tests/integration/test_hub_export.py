"""eduteach-hub records export, after records arrived over real HTTP."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import requests

from tests.integration.hub_helpers import hub_with_devices
from tests.integration.hubproc import (
    XAPI_HEADERS,
    init_home,
    playback,
    run_cli,
)

SCHOOL = "4201000021"


def test_export_csv_and_json(tmp_path: Path, db_url: str | None) -> None:
    schools = [(SCHOOL, "柳林教学点")]
    with hub_with_devices(tmp_path, *schools, db_url=db_url) as (url, home, [device]):
        done = playback(device.id, SCHOOL, seconds=50.3, completed=True, seq=1)
        partial = playback(
            device.id, SCHOOL, seconds=3723.5, completed=False, seq=2, lesson="music-g1-other"
        )
        partial["context"]["extensions"]["https://w3id.org/eduteach/xapi/ext/subject"] = "=1+1"
        resp = requests.post(
            f"{url}/xapi/statements",
            json=[done, partial],
            headers=XAPI_HEADERS,
            auth=device.auth,
            timeout=10,
        )
        assert resp.status_code == 200, resp.text

    r = run_cli("records", "export", "--format", "csv", home=home)
    assert r.returncode == 0, r.stderr
    raw = r.stdout
    assert raw.startswith("\ufeff"), "Excel needs the UTF-8 BOM"
    rows = list(csv.DictReader(io.StringIO(raw[1:])))
    by_id = {row["id"]: row for row in rows}
    assert set(by_id) == {done["id"], partial["id"]}
    first = by_id[done["id"]]
    # Written out here, not taken from the CLI: the columns and their order are what county
    # spreadsheets rely on. This dict lists them in that order.
    expected_first = {
        "id": done["id"],
        "stored": first["stored"],
        "timestamp": "2026-03-02T00:00:00.000Z",  # 08:00 in Beijing, as UTC
        "school_code": SCHOOL,
        "county_code": "420100",
        "device_id": device.id,
        "verb": "completed",
        "lesson_id": "music-g1-xiaoxingxing",
        "subject": "music",
        "grade": "1",
        "duration_s": "50.3",
        "completed": "true",
        "modes": "",  # a plain play (issue 15's columns come last: the ones before stay put)
        "tracks": "",
    }
    assert list(rows[0]) == list(expected_first), "the header: these columns, in this order"
    assert first == expected_first
    second = by_id[partial["id"]]
    assert (second["verb"], second["duration_s"], second["completed"]) == (
        "terminated",
        "3723.5",
        "false",
    )
    assert second["lesson_id"] == "music-g1-other"
    assert second["subject"] == "'=1+1", "text that Excel would run as a formula is defused"

    out = tmp_path / "records.json"
    r = run_cli("records", "export", "--format", "json", "--out", str(out), home=home)
    assert r.returncode == 0, r.stderr
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert {s["id"] for s in exported} == {done["id"], partial["id"]}
    for s in exported:
        assert s["authority"]["account"]["name"] == device.id
        assert s["version"] == "2.0.0" and s["stored"]

    empty_home = init_home(tmp_path / "empty")
    r = run_cli("records", "export", "--format", "json", home=empty_home)
    assert r.returncode == 0 and json.loads(r.stdout) == []
