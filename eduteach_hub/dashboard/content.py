"""The content page (课程资源) and the editions form of a school page.

The content page shows the published catalog by grade, subject and edition; the publish
history; the lessons the latest publish flagged; what each school's editions need against
what its PCs hold (their inventory reports); and each school's PCs' catalog status. The
catalog is read from the signed repository in HOME; everything else from the database.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from typing import Any
from urllib.parse import quote

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Connection, select

from eduteach_hub.api.common import HubContext
from eduteach_hub.api.errors import ApiError
from eduteach_hub.db import editions as editions_db
from eduteach_hub.db import publishes as publishes_db
from eduteach_hub.db import schools
from eduteach_hub.db.schema import inventories
from eduteach_hub.db.times import iso_ms
from eduteach_hub.publish.checks import catalog_problems
from eduteach_protocol.catalog import Catalog
from eduteach_protocol.editions import (
    ALL_GRADES,
    EditionError,
    EditionRule,
    check_edition,
    edition_for,
)
from eduteach_protocol.subjects import GRADES, SUBJECTS

from . import exports, reports, session
from .reports import SCHOOL_COLS, Column, Table, school_index, subject_name

router = APIRouter(prefix="/dashboard", include_in_schema=False)
EXPORTS = ("catalog", "publishes", "problems", "editions")
GRADE_NAMES = {0: "各年级", 1: "一年级", 2: "二年级", 3: "三年级"}


def _ctx(request: Request) -> HubContext:
    ctx: HubContext = request.app.state.hub
    return ctx


def published_catalog(request: Request) -> Catalog | None:
    """The signed catalog in HOME/repo, parsed once per version (a province's 100,000
    lessons take about a second to parse) and kept on the app between requests."""
    try:
        data = _ctx(request).home.writer().current_catalog_bytes()
        if not data:
            return None
        key = hashlib.sha256(data).hexdigest()
        cached = getattr(request.app.state, "published_catalog", None)
        if cached is not None and cached[0] == key:
            return cached[1]  # type: ignore[no-any-return]
        # The hub's own signed catalog, perhaps published before today's limits (a strict
        # parse would hide the whole catalog from the page): read leniently.
        catalog = Catalog.from_stored(data)
        request.app.state.published_catalog = (key, catalog)
        return catalog
    except Exception:  # noqa: BLE001 - the page still shows the database's tables without it
        return None


def _hours(seconds: float) -> float:
    return round(seconds / 3600, 1)


def _mb(size: int) -> float:
    return round(size / 1e6, 1)


# --- tables ------------------------------------------------------------------------------


def catalog_table(catalog: Catalog | None) -> Table:
    t = Table("catalog", "已发布课程目录", [
        Column("grade", "年级", "int"),
        Column("subject", "学科代码"),
        Column("subject_name", "学科"),
        Column("edition", "教材版本"),
        Column("volumes", "册次"),
        Column("lessons", "课程数", "int"),
        Column("hours", "总时长(小时)", "num"),
        Column("size_mb", "大小(MB)", "num"),
    ])
    if catalog is None:
        return t
    books: dict[tuple[int, str, str], dict[str, Any]] = {}
    for ls in catalog.lessons:
        b = books.setdefault((ls.grade, ls.subject, ls.edition), {"lessons": 0, "seconds": 0.0, "size": 0, "volumes": set()})
        b["lessons"] += 1
        b["seconds"] += ls.duration
        b["size"] += ls.size
        b["volumes"].add(ls.volume)
    rank = {code: i for i, code in enumerate(SUBJECTS)}
    for (grade, subject, edition), b in sorted(books.items(), key=lambda kv: (kv[0][0], rank.get(kv[0][1], 99), kv[0][2])):
        t.rows.append({
            "grade": grade, "subject": subject, "subject_name": subject_name(subject), "edition": edition,
            "volumes": "、".join(sorted(b["volumes"])), "lessons": b["lessons"],
            "hours": _hours(b["seconds"]), "size_mb": _mb(b["size"]),
        })
    return t


def publishes_table(conn: Connection) -> Table:
    t = Table("publishes", "发布记录", [
        Column("catalog_version", "目录版本", "int"),
        Column("published_at", "发布时间(UTC)"),
        Column("lessons", "课程总数", "int"),
        Column("added", "新增", "int"),
        Column("updated", "更新", "int"),
        Column("removed", "撤下", "int"),
        Column("hours", "总时长(小时)", "num"),
        Column("size_mb", "大小(MB)", "num"),
        Column("problems", "待查课程", "int"),
    ])
    for p in publishes_db.history(conn, 200):
        t.rows.append({
            "catalog_version": p.catalog_version, "published_at": p.published_at[:16].replace("T", " "),
            "lessons": p.lessons, "added": p.added, "updated": p.updated, "removed": p.removed,
            "hours": _hours(p.seconds), "size_mb": _mb(p.bytes), "problems": len(p.problems),
        })
    return t


def problems_table(conn: Connection, catalog: Catalog | None) -> Table:
    """The lessons the latest publish flagged (computed from the catalog when the hub has
    no record of that publish, e.g. one made before the history was kept)."""
    t = Table("problems", "待查课程", [
        Column("lesson_id", "课程标识"),
        Column("title", "课题"),
        Column("grade", "年级", "int"),
        Column("subject_name", "学科"),
        Column("edition", "教材版本"),
        Column("problem", "问题"),
    ])
    if catalog is None:
        return t
    latest = publishes_db.latest(conn)
    if latest is not None and latest.catalog_version == catalog.version:
        found = latest.problems
    else:
        found = [p.to_dict() for p in catalog_problems(catalog)]
    for p in found:
        t.rows.append({**p, "subject_name": subject_name(str(p.get("subject", "")))})
    return t


def _held_books(conn: Connection) -> dict[str, dict[tuple[int, str, str], int] | None]:
    """School → book → the most lessons of it installed on any of its PCs (None: no PC of
    the school reported its books yet)."""
    out: dict[str, dict[tuple[int, str, str], int] | None] = {}
    for code, books in conn.execute(select(inventories.c.school_code, inventories.c.books)):
        held = out.get(code)
        if books is None:
            out.setdefault(code, None)
            continue
        if held is None:
            held = out[code] = {}
        try:
            parsed = json.loads(books)
        except ValueError:
            continue
        for b in parsed if isinstance(parsed, list) else []:
            key = (b.get("grade"), b.get("subject"), b.get("edition"))
            held[key] = max(held.get(key, 0), int(b.get("installed", 0)))
    return out


def editions_table(conn: Connection, catalog: Catalog | None, school_code: str | None = None) -> Table:
    """Per school with editions set, per grade and subject: the county's edition, the
    lessons of it published, and how many the school's PCs hold."""
    t = Table("editions", "各教学点教材版本与资源到位", [
        *SCHOOL_COLS,
        Column("grade", "年级", "int"),
        Column("subject_name", "学科"),
        Column("edition", "县定教材版本"),
        Column("needed", "应有课程", "int"),
        Column("held", "电脑已有", "int"),
        Column("status", "状态"),
    ])
    counts: dict[tuple[int, str, str], int] = defaultdict(int)
    offered: set[tuple[int, str]] = set()
    for ls in catalog.lessons if catalog else ():
        counts[(ls.grade, ls.subject, ls.edition)] += 1
        offered.add((ls.grade, ls.subject))
    idx = school_index(conn)
    held_by_school = _held_books(conn)
    rules_by_school = editions_db.all_rules(conn)
    for code, rules in sorted(rules_by_school.items()):
        if school_code and code != school_code:
            continue
        held = held_by_school.get(code)
        for grade in GRADES:
            for subject in SUBJECTS:
                edition = edition_for(rules, grade, subject)
                if edition is None or ((grade, subject) not in offered and not any(r.grade == grade and r.subject == subject for r in rules)):
                    continue
                needed = counts.get((grade, subject, edition), 0)
                have = None if held is None else held.get((grade, subject, edition), 0)
                if needed == 0:
                    status = "县平台未发布此版本"
                elif have is None:
                    status = "电脑未报告" if code in held_by_school else "尚无电脑报告"
                elif have >= needed:
                    status = "齐全"
                else:
                    status = f"缺 {needed - have} 节"
                t.rows.append({**idx[code], "grade": grade, "subject_name": subject_name(subject), "edition": edition,
                               "needed": needed, "held": have, "status": status})
    return t


# --- the content page --------------------------------------------------------------------


def _user(request: Request) -> session.Session:
    from .routes import _user as user

    return user(request)


def _render(request: Request, name: str, sess: session.Session, **data: Any) -> HTMLResponse:
    from .routes import _render as render

    return render(request, name, sess, **data)


@router.get("/content")
def content_page(request: Request) -> HTMLResponse:
    from .routes import _page

    sess = _user(request)
    ctx = _ctx(request)
    catalog = published_catalog(request)
    hub_catalog = catalog.version if catalog else None
    with ctx.db.read() as conn:
        status_t = reports.content_table(conn, hub_catalog)
        history = publishes_table(conn)
        problems = problems_table(conn, catalog)
        needs = editions_table(conn, catalog)
    books = catalog_table(catalog)
    totals = {
        "lessons": len(catalog.lessons) if catalog else 0,
        "hours": _hours(sum(ls.duration for ls in catalog.lessons)) if catalog else 0,
        "size_gb": round(sum(ls.size for ls in catalog.lessons) / 1e9, 2) if catalog else 0,
        "books": len(books.rows),
        "published": catalog.published[:16].replace("T", " ") if catalog else None,
    }
    return _render(
        request, "content.html", sess, active="content", hub_catalog=hub_catalog, totals=totals,
        view=_page(status_t, request), books=_page(books, request, "bpage"),
        history=_page(history, request, "hpage"), problems=_page(problems, request, "qpage"),
        needs=_page(needs, request, "npage"),
        needs_row_class=lambda r: "" if r["status"] == "齐全" else "warn",
    )


@router.get("/export/{name}.{fmt}")
def export(request: Request, name: str, fmt: str) -> Response:
    """The content page's own tables; every other name goes on to routes.export."""
    from .routes import export as other_export

    if name not in EXPORTS:
        return other_export(request, name, fmt)
    _user(request)
    ctx = _ctx(request)
    if fmt not in ("csv", "xlsx"):
        raise ApiError(404, "not_found", "no such export")
    catalog = published_catalog(request)
    with ctx.db.read() as conn:
        if name == "catalog":
            t = catalog_table(catalog)
        elif name == "publishes":
            t = publishes_table(conn)
        elif name == "problems":
            t = problems_table(conn, catalog)
        else:
            t = editions_table(conn, catalog, request.query_params.get("school") or None)
    return exports.download(t, f"{name}-{ctx.clock().date().isoformat()}.{fmt}", fmt)


# --- the editions form (school page) -----------------------------------------------------


def editions_form(conn: Connection, code: str, catalog: Catalog | None,
                  values: dict[str, str] | None = None) -> dict[str, Any]:
    """What the school page's editions form shows: one row per subject, one field per
    grade column (各年级, 一/二/三年级), and the published editions of each subject."""
    rules = editions_db.rules_for(conn, code)
    current = {f"{r.subject}:{r.grade}": r.edition for r in rules}
    offered: dict[str, set[str]] = defaultdict(set)
    for ls in catalog.lessons if catalog else ():
        offered[ls.subject].add(ls.edition)
    return {
        "code": code,
        "grades": [(g, GRADE_NAMES[g]) for g in (ALL_GRADES, *GRADES)],
        "subjects": [(s, name, sorted(offered.get(s, ()))) for s, name in SUBJECTS.items()],
        "values": values if values is not None else current,
        "rules": rules,
    }


@router.post("/schools/{code}/editions")
async def save_editions(request: Request, code: str) -> Response:
    sess = await anyio.to_thread.run_sync(_user, request)
    form = await request.form(max_files=0, max_fields=4 + len(SUBJECTS) * (len(GRADES) + 1))
    if not session.csrf_ok(sess.csrf, form.get("csrf")):
        raise ApiError(403, "csrf", "the form expired or came from another site; reload the page")
    ctx = _ctx(request)
    values = {
        f"{s}:{g}": str(form.get(f"{s}:{g}", "")).strip()
        for s in SUBJECTS for g in (ALL_GRADES, *GRADES)
    }
    rules, errors = [], []
    for key, text in values.items():
        if not text:
            continue
        subject, _, grade = key.partition(":")
        try:
            rules.append(EditionRule(subject, int(grade), check_edition(text)))
        except EditionError:
            errors.append(f"{SUBJECTS[subject]}（{GRADE_NAMES[int(grade)]}）：教材版本应为 1–40 个字，例如 人音版")

    def save() -> bool:
        with ctx.db.write() as conn:
            if schools.get(conn, code) is None:
                return False
            if not errors:
                editions_db.set_rules(conn, code, rules, iso_ms(ctx.clock()), replace_all=True)
            return True

    if not await anyio.to_thread.run_sync(save):
        raise ApiError(404, "not_found", f"no school {code}")
    if not errors:
        return RedirectResponse(f"/dashboard/schools/{quote(code)}?editions=saved#editions", status_code=303)
    catalog = published_catalog(request)

    def data() -> tuple[Any, dict[str, Any]]:
        with ctx.db.read() as conn:
            return schools.get(conn, code), editions_form(conn, code, catalog, values)

    school, form_data = await anyio.to_thread.run_sync(data)
    resp = _render(request, "editions.html", sess, active="schools", school=school, editions=form_data, errors=errors)
    resp.status_code = 400
    return resp
