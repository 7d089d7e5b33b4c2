"""The dashboard's never-online schools (/dashboard/offline) and the enrollment-file download
on a school's page.

A never-online school is one whose PCs have never reached the hub over the network (no
device was ever seen online) but which the county enrolled: its records arrive only as USB
record files (usb_imports). Its course-opening rate comes from the same class-session facts
as every other school's (reports.opening_table), because imported records feed the same
fact tables as uploaded ones.
"""

from __future__ import annotations

from typing import Any

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import Connection, func, select

from eduteach_hub.api.errors import ApiError
from eduteach_hub.config import HubConfig
from eduteach_hub.db.schema import devices, enroll_codes, usb_imports

from . import exports, reports, routes

router = APIRouter(prefix="/dashboard", include_in_schema=False)
NAV_ITEM = ("offline", "离线教学点")


def offline_table(conn: Connection, cfg: HubConfig, period: reports.Period) -> reports.Table:
    idx = reports.school_index(conn)
    online = {
        code for (code,) in conn.execute(
            select(devices.c.school_code).where(devices.c.last_seen_at.is_not(None)).distinct()
        )
    }
    enrolled = {code for (code,) in conn.execute(select(devices.c.school_code).distinct())}
    with_codes = {code for (code,) in conn.execute(select(enroll_codes.c.school_code).distinct())}
    u = usb_imports.c
    latest_ids = select(func.max(u.id)).group_by(u.school_code).scalar_subquery()
    names = dict(conn.execute(select(devices.c.id, devices.c.name)).all())
    last: dict[str, Any] = {
        r.school_code: r for r in conn.execute(select(usb_imports).where(u.id.in_(latest_ids)))
    }
    totals = {
        code: (n, recs)
        for code, n, recs in conn.execute(
            select(u.school_code, func.count(func.distinct(u.file_sha256)), func.sum(u.new)).group_by(u.school_code)
        )
    }
    opening = reports.opening_table(conn, cfg, period)
    by_school: dict[str, list[bool]] = {}
    for r in opening.rows:
        by_school.setdefault(r["school_code"], []).append(bool(r["opened"]))
    t = reports.Table(
        "offline",
        "离线教学点：只靠U盘交换课程和记录",
        [
            *reports.SCHOOL_COLS,
            reports.Column("last_file_at", "最近U盘记录导入"),
            reports.Column("device", "来自电脑"),
            reports.Column("days_covered", "覆盖天数", "int"),
            reports.Column("covers", "覆盖日期"),
            reports.Column("files", "文件数", "int"),
            reports.Column("records", "记录数", "int"),
            reports.Column("opened_share", "开齐学科·年级"),
            reports.Column("opened", "开齐", "bool"),
        ],
    )
    for code in sorted((enrolled | with_codes | set(last)) - online):
        row = last.get(code)
        flags = by_school.get(code, [])
        n_files, n_records = totals.get(code, (0, 0))
        t.rows.append({
            **reports._school_cols(idx, code),  # noqa: SLF001 - the shared school columns
            "last_file_at": row.imported_at[:16].replace("T", " ") if row else "",
            # 8 hex digits tell two PCs of a school apart (its page lists the whole ids)
            "device": f"{names.get(row.device_id, '')} ({row.device_id[:12]})" if row else "",
            "days_covered": row.days if row else 0,
            "covers": f"{row.first_day}～{row.last_day[5:]}" if row and row.first_day and row.last_day else "",
            "files": n_files,
            "records": int(n_records or 0),
            "opened_share": f"{sum(flags)}/{len(flags)}" if flags else "",
            "opened": all(flags) if flags else False,
        })
    return t


@router.get("/offline")
def offline_page(request: Request) -> HTMLResponse:
    r = routes  # the page helpers (login, render, paging)
    sess = r._user(request)  # noqa: SLF001
    ctx = r._ctx(request)  # noqa: SLF001
    weeks = r._int(request, "weeks", 4, 1, 53)  # noqa: SLF001
    period = reports.Period.complete_weeks(r._today(ctx), weeks)  # noqa: SLF001
    with ctx.db.read() as conn:
        t = offline_table(conn, ctx.home.config, period)
    return r._render(  # noqa: SLF001
        request, "offline.html", sess, active="offline", weeks=weeks, period=period, view=r._page(t, request)  # noqa: SLF001
    )


@router.get("/export/offline.{fmt}")
def offline_export(request: Request, fmt: str) -> Response:
    r = routes  # the page helpers (login, render, paging)
    r._user(request)  # noqa: SLF001
    ctx = r._ctx(request)  # noqa: SLF001
    if fmt not in ("csv", "xlsx"):
        raise ApiError(404, "not_found", "no such export")
    weeks = r._int(request, "weeks", 4, 1, 53)  # noqa: SLF001
    today = r._today(ctx)  # noqa: SLF001
    with ctx.db.read() as conn:
        t = offline_table(conn, ctx.home.config, reports.Period.complete_weeks(today, weeks))
    return exports.download(t, f"offline-{today.isoformat()}.{fmt}", fmt)


@router.post("/schools/{code}/enroll-file")
async def enroll_file_download(request: Request, code: str) -> Response:
    """A signed enrollment file for one PC of this school (a new one-time code inside)."""
    from eduteach_hub import enroll_file

    r = routes  # the page helpers (login, render, paging)
    await r._form_with_csrf(request)  # noqa: SLF001
    ctx = r._ctx(request)  # noqa: SLF001

    def write() -> enroll_file.WrittenFile:
        return enroll_file.write(ctx.db, ctx.home, code, ctx.home.config.enroll_code_ttl_days, ctx.clock())

    try:
        written = await anyio.to_thread.run_sync(write)
    except LookupError:
        raise ApiError(404, "not_found", f"no school {code}") from None
    except FileNotFoundError:
        raise ApiError(409, "not_published", "publish lessons first: the file needs the county's signed root") from None
    name = f"eduteach-enroll-{written.school.code}.etenroll"
    return Response(
        written.data,
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
    )
