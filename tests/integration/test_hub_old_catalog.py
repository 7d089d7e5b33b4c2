"""The hub reads its OWN published catalog leniently: one signed before this version's
limits (a 250-character title, a control character an older publisher let through) still
shows on the content page, in the editions warnings and in the publish history, instead
of a traceback or an empty page."""

from __future__ import annotations

import json
from pathlib import Path

from eduteach_hub.config import HubHome
from eduteach_hub.db import Database
from eduteach_hub.publish.history import record_publish
from eduteach_hub.publish.publisher import PublishResult
from tests.helpers.lessons import write_lesson
from tests.integration.hubproc import add_admin, add_school, cli, init_home, running_hub
from tests.integration.test_hub_content_page import Hub, _xlsx

SCHOOL = "4201000093"
OLD_TITLE = "旧" * 250 + "\x1b[2J"


def _publish_old_catalog(home: Path, tmp_path: Path) -> None:
    src = tmp_path / "src"
    write_lesson(src, "music-ry-0", edition="人音版")
    assert cli("publish", str(src), home=home)[0] == 0
    writer = HubHome(home).writer()
    raw = json.loads(writer.current_catalog_bytes() or b"")
    raw["version"] += 1
    raw["lessons"][0]["title"] = OLD_TITLE  # what an older publisher signed
    writer.publish_catalog(json.dumps(raw, ensure_ascii=False).encode())


def test_the_hub_reads_its_own_old_catalog(tmp_path: Path, capsys) -> None:
    home = init_home(tmp_path)
    add_admin(home)
    _publish_old_catalog(home, tmp_path)
    add_school(home, SCHOOL, "杨树湾教学点")

    # The editions warning reads the published catalog: no traceback, the rule is set.
    code, _ = cli("school", "set", SCHOOL, "--edition", "音乐=湘艺版", home=home)
    assert code == 0
    assert "湘艺版" in capsys.readouterr().err  # warned: not in the published catalog

    db = Database.open(HubHome(home).db_url)
    try:
        db.migrate()
        record_publish(db, HubHome(home).writer(), PublishResult(
            changed=True, catalog_version=2, lessons=1, added=[], updated=[], removed=[]))
    finally:
        db.dispose()

    with running_hub(home) as url:
        s = Hub(url, home).login()
        page = s.get(f"{url}/dashboard/content", timeout=10)
        assert page.status_code == 200
        assert "\x1b" not in page.text
        books = {(r["grade"], r["subject"], r["edition"]): r for r in _xlsx(s, Hub(url, home), "catalog")}
        assert set(books) == {(1, "music", "人音版")} and books[(1, "music", "人音版")]["lessons"] == 1
