"""How lessons are taught, per school and county-wide (issue 15): are music lessons sung
along, not only played? Is English repeated after the recording (跟读)? Is the presenter
view (two screens, the teacher's notes) in use? Read from usage_daily's classroom counters
(db/facts.py), which come from the modes and tracks of each play (docs/records.md)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, func, select

from eduteach_hub.db.schema import usage_daily

from .reports import SCHOOL_COLS, Column, Period, Table, _school_cols, school_index

COUNTY_TOTAL = "全县合计"
_COUNTS = ("plays", "music_plays", "music_sung", "english_plays", "english_repeated", "presented")


def classroom_table(conn: Connection, period: Period, school_code: str | None = None) -> Table:
    """One row per school that played lessons in the period, after a first row with the
    county's totals (when several schools are shown). A music play is either sung along
    (the accompaniment played, or sing-along mode) or only played."""
    start, end = period.days()
    u = usage_daily.c
    q = (
        select(u.school_code, u.subject, func.sum(u.plays), func.sum(u.sung), func.sum(u.repeated),
               func.sum(u.presented))
        .where(u.day >= start, u.day <= end)
        .group_by(u.school_code, u.subject)
    )
    if school_code:
        q = q.where(u.school_code == school_code)
    acc: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(_COUNTS, 0))
    for school, subject, plays, sung, repeated, presented in conn.execute(q):
        a = acc[school]
        a["plays"] += int(plays or 0)
        a["presented"] += int(presented or 0)
        if subject == "music":
            a["music_plays"] += int(plays or 0)
            a["music_sung"] += int(sung or 0)
        elif subject == "english":
            a["english_plays"] += int(plays or 0)
            a["english_repeated"] += int(repeated or 0)
    t = Table(
        "classroom",
        "课堂使用方式（音乐跟唱、英语跟读、双屏授课）",
        [
            *SCHOOL_COLS,
            Column("music_plays", "音乐播放次数", "int"),
            Column("music_sung", "其中跟唱", "int"),
            Column("music_only_played", "其中仅播放", "int"),
            Column("music_sung_rate", "音乐跟唱比例", "pct"),
            Column("english_plays", "英语播放次数", "int"),
            Column("english_repeated", "其中跟读", "int"),
            Column("english_repeated_rate", "英语跟读比例", "pct"),
            Column("plays", "全部播放次数", "int"),
            Column("presented", "双屏授课次数", "int"),
        ],
    )
    idx = school_index(conn)
    rows = [_row(_school_cols(idx, code), counts) for code, counts in sorted(acc.items()) if counts["plays"] > 0]
    if school_code is None and rows:
        total = {k: sum(counts[k] for counts in acc.values()) for k in _COUNTS}
        rows.insert(0, _row({"school_code": "", "school_name": COUNTY_TOTAL, "county_code": ""}, total))
    t.rows = rows
    return t


def _row(school: dict[str, str], c: dict[str, int]) -> dict[str, Any]:
    music, english = c["music_plays"], c["english_plays"]
    return {
        **school,
        "music_plays": music,
        "music_sung": c["music_sung"],
        "music_only_played": music - c["music_sung"],
        "music_sung_rate": round(c["music_sung"] / music, 3) if music else None,
        "english_plays": english,
        "english_repeated": c["english_repeated"],
        "english_repeated_rate": round(c["english_repeated"] / english, 3) if english else None,
        "plays": c["plays"],
        "presented": c["presented"],
    }


def classroom_summary(t: Table) -> dict[str, Any]:
    """The county's figures at a glance (the first row when present) and a bar chart of
    music plays per school: sung along vs only played, stacked."""
    schools = [r for r in t.rows if r["school_code"]]
    total = t.rows[0] if t.rows and not t.rows[0]["school_code"] else (schools[0] if schools else None)
    shown = [r for r in schools if r["music_plays"]][:20]  # a glance, not a list: the table has all
    return {
        "total": total,
        "chart": {
            "type": "stacked_bar",
            "x": [r["school_name"] or r["school_code"] for r in shown],
            "series": [
                {"name": "跟唱", "data": [r["music_sung"] for r in shown]},
                {"name": "仅播放", "data": [r["music_only_played"] for r in shown]},
            ],
        },
    }
