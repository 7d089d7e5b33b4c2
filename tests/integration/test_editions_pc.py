"""Editions set by the county reach an enrolled PC and decide what it downloads; a
teacher's own choice on the PC wins and is kept when the county changes its setting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eduteach_desktop.services import Services
from eduteach_desktop.store.library import Subscription
from eduteach_protocol.editions import EditionRule
from tests.helpers.lessons import write_lesson
from tests.integration.hubproc import add_school, cli, init_home, running_hub, sql

SCHOOL = "4301230007"


@pytest.fixture
def hub(tmp_path: Path):  # noqa: ANN201
    home = init_home(tmp_path)
    src = tmp_path / "src"
    write_lesson(src, "music-ry", edition="人音版")
    write_lesson(src, "music-xy", edition="湘艺版", order=2)
    write_lesson(src, "english-wy", kind="video", subject="英语", grade=3, edition="外研版")
    write_lesson(src, "english-rj", kind="video", subject="英语", grade=3, edition="人教版", order=2)
    write_lesson(src, "art-rm", kind="slides", subject="美术", grade=2, edition="人美版")
    assert cli("publish", str(src), home=home)[0] == 0
    code = add_school(home, SCHOOL, "柳林教学点")
    assert cli("school", "set", SCHOOL, "--edition", "音乐=人音版", "--edition", "3:英语=外研版", home=home)[0] == 0
    with running_hub(home) as url:
        yield home, url, code


def _installed(pc: Services) -> set[str]:
    return {ls.id for ls in pc.library.installed_lessons()}


def test_county_editions_decide_the_download_and_the_teacher_choice_wins(hub, tmp_path: Path) -> None:
    home, url, code = hub
    pc = Services.open(tmp_path / "pc")
    try:
        pc.enroll(url, code)
        assert pc.library.county_editions() == [
            EditionRule("english", 3, "外研版"), EditionRule("music", 0, "人音版")]
        assert pc.library.subscription_source() == "county"
        assert pc.sync().ok
        # The county's editions where it set one; art, which it left open, in full.
        assert _installed(pc) == {"music-ry", "english-wy", "art-rm"}

        # The county's inventory shows the books the PC holds.
        pc.upload()
        books = json.loads(sql(home, "SELECT books FROM inventories")[0])
        assert {(b["subject"], b["edition"], b["installed"]) for b in books} == {
            ("music", "人音版", 1), ("english", "外研版", 1), ("art", "人美版", 1)}

        # The teacher picks 湘艺版 for music (and nothing else).
        pc.library.set_subscriptions([Subscription(1, "music", "湘艺版")])
        # The county changes its setting; the PC learns it with its next upload ...
        assert cli("school", "set", SCHOOL, "--edition", "音乐=人音版", "--edition", "3:英语=人教版", home=home)[0] == 0
        pc.upload()
        assert pc.library.county_editions() == [
            EditionRule("english", 3, "人教版"), EditionRule("music", 0, "人音版")]
        # ... and the teacher's choice still decides.
        assert pc.library.subscription_source() == "teacher"
        assert pc.library.subscriptions() == [Subscription(1, "music", "湘艺版")]
        assert pc.sync().ok
        assert "music-xy" in _installed(pc) and "english-rj" not in _installed(pc)
    finally:
        pc.close()

    # Kept across a restart; forgetting the teacher's choice returns to the county's.
    pc = Services.open(tmp_path / "pc")
    try:
        assert pc.library.subscriptions() == [Subscription(1, "music", "湘艺版")]
        pc.library.forget_teacher_choice()
        assert pc.library.subscription_source() == "county"
        assert pc.sync().ok
        assert {"music-ry", "english-rj", "art-rm"} <= _installed(pc)
        assert "english-wy" not in _installed(pc)  # superseded by the county's new edition
    finally:
        pc.close()


def test_a_malformed_editions_answer_keeps_what_the_pc_had(hub, tmp_path: Path) -> None:
    _, url, code = hub
    pc = Services.open(tmp_path / "pc")
    try:
        pc.enroll(url, code)
        before = pc.library.county_editions()
        for bad in ({"editions": "人音版"}, {"editions": [{"subject": "dance", "grade": None, "edition": "x"}]},
                    {"editions": [{"subject": "music", "grade": 9, "edition": "人音版"}]}, {}):
            pc.apply_hub_config(bad)
            assert pc.library.county_editions() == before
        pc.apply_hub_config({"editions": []})  # the county cleared its setting
        assert pc.library.county_editions() == [] and pc.library.subscription_source() == "all"
    finally:
        pc.close()
