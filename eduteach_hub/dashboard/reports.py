"""The dashboard's tables and charts, computed from the fact tables (db/facts.py).

Every table here is shown on a page (paginated) and exported whole as CSV or Excel, keyed
by the national codes: 学校标识码 (school_code), GB/T 2260 county code, subject and grade
codes. Days are China local dates; weeks start on Monday.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, func, select

from eduteach_hub.config import HubConfig
from eduteach_hub.db.schema import (
    attendance,
    class_sessions,
    devices,
    inventories,
    school_days,
    schools,
    usage_daily,
)
from eduteach_protocol.subjects import SUBJECTS

GRADES_DEFAULT = (1, 2, 3)


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "text"  # text, int, num, pct, bool


@dataclass
class Table:
    name: str
    title: str
    columns: list[Column]
    rows: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    weeks: int

    @classmethod
    def ending(cls, today: date, weeks: int) -> Period:
        weeks = max(1, min(weeks, 53))
        monday = today - timedelta(days=today.weekday())
        return cls(monday - timedelta(weeks=weeks - 1), today, weeks)

    @classmethod
    def complete_weeks(cls, today: date, weeks: int) -> Period:
        """The last `weeks` whole weeks (Monday to Sunday) before this one: a weekly average
        over a week that has just begun would understate what schools teach."""
        weeks = max(1, min(weeks, 53))
        monday = today - timedelta(days=today.weekday())
        return cls(monday - timedelta(weeks=weeks), monday - timedelta(days=1), weeks)

    @property
    def week_starts(self) -> list[date]:
        return [self.start + timedelta(weeks=i) for i in range(self.weeks)]

    def days(self) -> tuple[str, str]:
        return self.start.isoformat(), self.end.isoformat()


def week_of(day: str) -> date:
    d = date.fromisoformat(day)
    return d - timedelta(days=d.weekday())


def subject_name(code: str) -> str:
    return SUBJECTS.get(code, code or "未注明")


SCHOOL_COLS = [
    Column("school_code", "学校标识码"),
    Column("school_name", "学校名称"),
    Column("county_code", "县区代码"),
]


def school_index(conn: Connection) -> dict[str, dict[str, str]]:
    return {
        r.code: {"school_code": r.code, "school_name": r.name, "county_code": r.county_code}
        for r in conn.execute(select(schools.c.code, schools.c.name, schools.c.county_code))
    }


def _school_cols(idx: dict[str, dict[str, str]], code: str) -> dict[str, str]:
    """The SCHOOL_COLS values of a school; one the hub does not list keeps its code, with
    name and county blank."""
    return idx.get(code, {"school_code": code, "school_name": "", "county_code": ""})


def _active_devices(conn: Connection) -> dict[str, int]:
    """School code → how many of its devices are enrolled and not revoked."""
    return dict(
        conn.execute(
            select(devices.c.school_code, func.count())
            .where(devices.c.revoked_at.is_(None))
            .group_by(devices.c.school_code)
        ).all()
    )


# --- schools, reporting, silence ------------------------------------------------------


def schools_table(conn: Connection, cfg: HubConfig, today: date) -> Table:
    idx = school_index(conn)
    devs = _active_devices(conn)
    last = dict(
        conn.execute(select(school_days.c.school_code, func.max(school_days.c.day)).where(school_days.c.records > 0).group_by(school_days.c.school_code)).all()
    )
    monday = (today - timedelta(days=today.weekday())).isoformat()
    silent_since = (today - timedelta(days=cfg.silent_days)).isoformat()
    t = Table(
        "schools",
        "教学点",
        [
            *SCHOOL_COLS,
            Column("devices", "设备数", "int"),
            Column("last_record_day", "最近记录日期"),
            Column("reporting_this_week", "本周有记录", "bool"),
            Column("silent", f"沉默（{cfg.silent_days}天无记录）", "bool"),
        ],
    )
    for code, s in sorted(idx.items()):
        day = last.get(code)
        t.rows.append(
            {
                **s,
                "devices": devs.get(code, 0),
                "last_record_day": day or "",
                "reporting_this_week": bool(day and day >= monday),
                "silent": not day or day <= silent_since,
            }
        )
    return t


def silent_table(schools_t: Table, cfg: HubConfig) -> Table:
    t = Table("silent", f"沉默教学点（{cfg.silent_days}天无记录）", schools_t.columns[:5])
    t.rows = [r for r in schools_t.rows if r["silent"]]
    return t


# --- lessons played ------------------------------------------------------------------


def usage_table(conn: Connection, period: Period, school_code: str | None = None) -> Table:
    start, end = period.days()
    u = usage_daily.c
    q = (
        select(u.day, u.subject, func.sum(u.plays), func.sum(u.completed), func.sum(u.seconds))
        .where(u.day >= start, u.day <= end)
        .group_by(u.day, u.subject)
    )
    if school_code:
        q = q.where(u.school_code == school_code)
    acc: dict[tuple[date, str], list[float]] = defaultdict(lambda: [0, 0, 0.0])
    for day, subject, plays, completed, seconds in conn.execute(q):
        a = acc[(week_of(day), subject)]
        a[0] += plays or 0
        a[1] += completed or 0
        a[2] += seconds or 0.0
    t = Table(
        "usage",
        "各学科每周播放课程数",
        [
            Column("week_start", "周（周一）"),
            Column("subject", "学科代码"),
            Column("subject_name", "学科"),
            Column("plays", "播放次数", "int"),
            Column("completed", "完整播放", "int"),
            Column("hours", "播放小时", "num"),
        ],
    )
    for (week, subject), (plays, completed, seconds) in sorted(acc.items()):
        if plays <= 0:
            continue
        t.rows.append(
            {
                "week_start": week.isoformat(),
                "subject": subject,
                "subject_name": subject_name(subject),
                "plays": int(plays),
                "completed": int(completed),
                "hours": round(seconds / 3600, 1),
            }
        )
    return t


def usage_chart(t: Table, period: Period) -> dict[str, Any]:
    weeks = [w.isoformat() for w in period.week_starts]
    subjects = sorted({r["subject"] for r in t.rows}, key=lambda s: list(SUBJECTS).index(s) if s in SUBJECTS else 99)
    data = {(r["week_start"], r["subject"]): r["plays"] for r in t.rows}
    return {
        "type": "stacked_bar",
        "x": [w[5:] for w in weeks],
        "series": [
            {"name": subject_name(s), "data": [data.get((w, s), 0) for w in weeks]} for s in subjects
        ],
    }


# --- course-opening rate -------------------------------------------------------------


def _grades_seen(conn: Connection, start: str, end: str) -> dict[str, set[int]]:
    seen: dict[str, set[int]] = defaultdict(set)
    for tbl in (usage_daily, class_sessions, attendance):
        for school, grade in conn.execute(
            select(tbl.c.school_code, tbl.c.grade)
            .where(tbl.c.day >= start, tbl.c.day <= end, tbl.c.grade > 0)
            .distinct()
        ):
            seen[school].add(int(grade))
    return seen


def opening_table(conn: Connection, cfg: HubConfig, period: Period, school_code: str | None = None) -> Table:
    """Per school, required subject and grade: periods held per week against the requirement.

    A period is a class session (registration) of the subject that played lessons. A school's
    grades are those seen in its records in the period (grades 1–3 if none)."""
    start, end = period.days()
    idx = school_index(conn)
    cs = class_sessions.c
    q = (
        select(cs.school_code, cs.subject, cs.grade, func.count())
        .where(cs.day >= start, cs.day <= end, cs.plays > 0)
        .group_by(cs.school_code, cs.subject, cs.grade)
    )
    if school_code:
        q = q.where(cs.school_code == school_code)
    held = {(s, subj, int(g)): n for s, subj, g, n in conn.execute(q)}
    grades = _grades_seen(conn, start, end)
    t = Table(
        "opening",
        "开齐率：各校各学科每周课时",
        [
            *SCHOOL_COLS,
            Column("subject", "学科代码"),
            Column("subject_name", "学科"),
            Column("grade", "年级", "int"),
            Column("required", "每周应开课时", "int"),
            Column("held_per_week", "实际每周课时", "num"),
            Column("rate", "开课率", "pct"),
            Column("opened", "已开齐", "bool"),
        ],
    )
    for code, s in sorted(idx.items()):
        if school_code and code != school_code:
            continue
        curriculum = cfg.curriculum_for(s["county_code"])
        for subject in curriculum.periods:
            for grade in sorted(grades.get(code) or GRADES_DEFAULT):
                need = curriculum.required(subject, grade)
                if need <= 0:
                    continue
                per_week = held.get((code, subject, grade), 0) / period.weeks
                t.rows.append(
                    {
                        **s,
                        "subject": subject,
                        "subject_name": subject_name(subject),
                        "grade": grade,
                        "required": need,
                        "held_per_week": round(per_week, 2),
                        "rate": min(1.0, per_week / need),
                        "opened": per_week >= need,
                    }
                )
    return t


def opening_summary(t: Table) -> dict[str, Any]:
    """County figures: share of schools that open every required course, and per subject."""
    by_school: dict[str, bool] = {}
    by_subject: dict[str, dict[str, bool]] = defaultdict(dict)
    for r in t.rows:
        by_school[r["school_code"]] = by_school.get(r["school_code"], True) and r["opened"]
        prev = by_subject[r["subject"]].get(r["school_code"], True)
        by_subject[r["subject"]][r["school_code"]] = prev and r["opened"]
    n = len(by_school)
    return {
        "schools": n,
        "opened": sum(by_school.values()),
        "rate": (sum(by_school.values()) / n) if n else None,
        "chart": {
            "type": "bar_pct",
            "x": [subject_name(s) for s in by_subject],
            "series": [
                {
                    "name": "开齐的学校比例",
                    "data": [
                        round(100 * sum(v.values()) / len(v), 1) if v else 0 for v in by_subject.values()
                    ],
                }
            ],
        },
    }


# --- attendance ----------------------------------------------------------------------


def attendance_counts(
    conn: Connection, period: Period, school_code: str | None = None
) -> list[tuple[str, str, int, str, int]]:
    """(school, pupil, grade, status, days) in the period: one scan (a covering index) that
    both attendance tables are computed from."""
    start, end = period.days()
    a = attendance.c
    q = (
        select(a.school_code, a.pupil, a.grade, a.status, func.count())
        .where(a.day >= start, a.day <= end)
        .group_by(a.school_code, a.pupil, a.grade, a.status)
    )
    if school_code:
        q = q.where(a.school_code == school_code)
    return [(s, p, int(g), st, int(n)) for s, p, g, st, n in conn.execute(q)]


def attendance_table(
    conn: Connection,
    period: Period,
    school_code: str | None = None,
    counts: list[tuple[str, str, int, str, int]] | None = None,
) -> Table:
    if counts is None:
        counts = attendance_counts(conn, period, school_code)
    by_grade: dict[tuple[str, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for school, _pupil, grade, status, n in counts:
        by_grade[(school, grade)][status] += n
    idx = school_index(conn)
    t = Table(
        "attendance",
        "出勤率：各校各年级",
        [
            *SCHOOL_COLS,
            Column("grade", "年级", "int"),
            Column("present", "出勤人次", "int"),
            Column("late", "迟到人次", "int"),
            Column("absent", "缺勤人次", "int"),
            Column("leave", "请假人次", "int"),
            Column("rate", "出勤率", "pct"),
        ],
    )
    for (school, grade), c in sorted(by_grade.items()):
        counted = c["present"] + c["late"] + c["absent"]
        t.rows.append(
            {
                **_school_cols(idx, school),
                "grade": grade,
                "present": c["present"],
                "late": c["late"],
                "absent": c["absent"],
                "leave": c["leave"],
                "rate": (c["present"] + c["late"]) / counted if counted else None,
            }
        )
    return t


def absentees_table(
    conn: Connection,
    period: Period,
    threshold_percent: int,
    school_code: str | None = None,
    counts: list[tuple[str, str, int, str, int]] | None = None,
) -> Table:
    """Pupils absent on more than threshold % of their recorded days (leave not counted)."""
    if counts is None:
        counts = attendance_counts(conn, period, school_code)
    per_pupil: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])  # days, absent, grade
    for school, pupil, grade, status, n in counts:
        if status == "leave":
            continue
        p = per_pupil[(school, pupil)]
        p[0] += n
        p[1] += n if status == "absent" else 0
        p[2] = max(p[2], grade)
    idx = school_index(conn)
    t = Table(
        "absentees",
        f"缺勤超过 {threshold_percent}% 的学生（按学籍号）",
        [
            *SCHOOL_COLS,
            Column("grade", "年级", "int"),
            Column("pupil", "学籍号"),
            Column("days", "记录天数", "int"),
            Column("absent_days", "缺勤天数", "int"),
            Column("absent_rate", "缺勤率", "pct"),
        ],
    )
    for (school, pupil), (days, n_absent, grade) in per_pupil.items():
        if days and n_absent * 100 > threshold_percent * days:
            t.rows.append(
                {
                    **_school_cols(idx, school),
                    "grade": grade,
                    "pupil": pupil,
                    "days": days,
                    "absent_days": n_absent,
                    "absent_rate": n_absent / days,
                }
            )
    t.rows.sort(key=lambda r: (-r["absent_rate"], r["school_code"], r["pupil"]))
    return t


# --- content status ------------------------------------------------------------------


def content_table(conn: Connection, hub_catalog: int | None, school_code: str | None = None) -> Table:
    inv = inventories.c
    q = select(
        inv.school_code,
        func.count(),
        func.min(inv.catalog_version),
        func.min(inv.lessons_installed),
        func.max(inv.lessons_subscribed),
        func.max(inv.last_sync),
        func.max(inv.reported_at),
    ).group_by(inv.school_code)
    if school_code:
        q = q.where(inv.school_code == school_code)
    reports = {r[0]: r[1:] for r in conn.execute(q)}
    devs = _active_devices(conn)
    t = Table(
        "content",
        "课程资源状态",
        [
            *SCHOOL_COLS,
            Column("devices", "设备数", "int"),
            Column("reporting_devices", "已报告设备", "int"),
            Column("catalog_version", "本地目录版本", "int"),
            Column("hub_catalog_version", "县平台目录版本", "int"),
            Column("lessons_installed", "已装课程", "int"),
            Column("lessons_subscribed", "应有课程", "int"),
            Column("installed_rate", "到位率", "pct"),
            Column("last_sync", "最近同步"),
            Column("status", "状态"),
        ],
    )
    for code, s in sorted(school_index(conn).items()):
        if school_code and code != school_code:
            continue
        rep = reports.get(code)
        if rep is None:
            row = {**s, "devices": devs.get(code, 0), "reporting_devices": 0, "catalog_version": None,
                   "hub_catalog_version": hub_catalog, "lessons_installed": None, "lessons_subscribed": None,
                   "installed_rate": None, "last_sync": "", "status": "未报告"}
        else:
            n, cat, installed, subscribed, last_sync, _reported = rep
            behind = hub_catalog is not None and cat < hub_catalog
            missing = subscribed and installed < subscribed
            row = {
                **s,
                "devices": devs.get(code, 0),
                "reporting_devices": n,
                "catalog_version": cat,
                "hub_catalog_version": hub_catalog,
                "lessons_installed": installed,
                "lessons_subscribed": subscribed,
                "installed_rate": (installed / subscribed) if subscribed else None,
                "last_sync": (last_sync or "")[:16].replace("T", " "),
                "status": "目录落后" if behind else ("课程不全" if missing else "正常"),
            }
        t.rows.append(row)
    return t


# --- one school ------------------------------------------------------------------------


def sessions_table(conn: Connection, school_code: str, period: Period) -> Table:
    start, end = period.days()
    cs = class_sessions.c
    rows = conn.execute(
        select(cs.day, cs.registration, cs.subject, cs.grade, cs.plays, cs.seconds)
        .where(cs.school_code == school_code, cs.day >= start, cs.day <= end, cs.plays > 0)
        .order_by(cs.day.desc(), cs.registration, cs.subject, cs.grade)
    ).all()
    t = Table(
        "sessions",
        "课堂记录",
        [
            Column("day", "日期"),
            Column("registration", "课堂编号"),
            Column("subject", "学科代码"),
            Column("subject_name", "学科"),
            Column("grade", "年级", "int"),
            Column("plays", "播放课程数", "int"),
            Column("minutes", "播放分钟", "num"),
        ],
    )
    for day, reg, subject, grade, plays, seconds in rows:
        t.rows.append(
            {"day": day, "registration": reg, "subject": subject, "subject_name": subject_name(subject),
             "grade": int(grade), "plays": int(plays), "minutes": round((seconds or 0) / 60, 1)}
        )
    return t


def attendance_trend(conn: Connection, school_code: str, period: Period) -> dict[str, Any]:
    start, end = period.days()
    a = attendance.c
    acc: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    for day, status, n in conn.execute(
        select(a.day, a.status, func.count())
        .where(a.school_code == school_code, a.day >= start, a.day <= end, a.status != "leave")
        .group_by(a.day, a.status)
    ):
        w = acc[week_of(day)]
        w[1] += n
        if status in ("present", "late"):
            w[0] += n
    weeks = period.week_starts
    return {
        "type": "line_pct",
        "x": [w.isoformat()[5:] for w in weeks],
        "series": [
            {"name": "出勤率", "data": [round(100 * acc[w][0] / acc[w][1], 1) if acc[w][1] else None for w in weeks]}
        ],
    }


def kpis(schools_t: Table, opening: dict[str, Any]) -> dict[str, Any]:
    return {
        "schools": len(schools_t.rows),
        "reporting": sum(1 for r in schools_t.rows if r["reporting_this_week"]),
        "silent": sum(1 for r in schools_t.rows if r["silent"]),
        "opening_rate": opening["rate"],
    }


