"""The dashboard's pages, forms and exports under /dashboard."""

from __future__ import annotations

import math
import secrets
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import anyio
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from eduteach_hub.api.auth import check_rate, client_address
from eduteach_hub.api.common import HubContext
from eduteach_hub.api.errors import ApiError
from eduteach_hub.db import devices as devices_db
from eduteach_hub.db import enroll_codes, schools, users
from eduteach_hub.db.facts import CHINA
from eduteach_hub.db.times import iso_ms

from . import classroom, content, exports, reports, session

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
router = APIRouter(prefix="/dashboard", include_in_schema=False)
PER_PAGE = 50
MAX_UPLOAD = 64 * 1024 * 1024
NAV = [
    ("overview", "概览"),
    ("opening", "开齐率"),
    ("attendance", "出勤"),
    ("content", "课程资源"),
    ("schools", "教学点"),
    ("offline", "离线教学点"),  # never_online.py
    ("apps", "软件版本"),  # apps.py
    ("admin", "管理"),
]


class LoginRequired(Exception):
    """Turned into a redirect to the login page."""


def install(app: FastAPI) -> None:
    app.mount("/dashboard/static", StaticFiles(directory=str(HERE / "static")), name="dashboard-static")
    from . import apps as apps_page
    from . import never_online  # first of all: its /export/offline.* precedes the generic exports

    app.include_router(never_online.router)
    app.include_router(apps_page.router)
    app.include_router(content.router)  # first: its /content and exports answer before ours
    app.include_router(router)

    @app.exception_handler(LoginRequired)
    async def _to_login(request: Request, _exc: LoginRequired) -> Response:
        return RedirectResponse("/dashboard/login?" + urlencode({"next": request.url.path}), status_code=303)


def _ctx(request: Request) -> HubContext:
    ctx: HubContext = request.app.state.hub
    return ctx


def _today(ctx: HubContext) -> date:
    return ctx.clock().astimezone(CHINA).date()


def _user(request: Request) -> session.Session:
    sess = session.read(request, _ctx(request).clock().timestamp())
    if sess is None:
        raise LoginRequired
    with _ctx(request).db.read() as conn:
        user = users.get(conn, sess.user)
    if user is None or user.disabled_at is not None:
        raise LoginRequired
    return sess


def _int(request: Request, key: str, default: int, lo: int, hi: int) -> int:
    try:
        value = int(request.query_params.get(key, default))
    except ValueError:
        value = default
    return max(lo, min(hi, value))


def _page(table: reports.Table, request: Request, param: str = "page") -> dict[str, Any]:
    pages = max(1, math.ceil(len(table.rows) / PER_PAGE))
    page = _int(request, param, 1, 1, pages)
    other = {k: v for k, v in request.query_params.items() if k != param}

    def link(n: int) -> str:
        return "?" + urlencode({**other, param: n})

    return {
        "table": table,
        "rows": table.rows[(page - 1) * PER_PAGE : page * PER_PAGE],
        "page": page,
        "pages": pages,
        "total": len(table.rows),
        "prev": link(page - 1) if page > 1 else None,
        "next": link(page + 1) if page < pages else None,
        "export_query": urlencode({k: v for k, v in request.query_params.items() if k not in ("page", "apage", "cpage")}),
    }


def _render(request: Request, name: str, sess: session.Session | None, **data: Any) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        name,
        {"user": sess.user if sess else None, "csrf": sess.csrf if sess else "", "nav": NAV, **data},
        headers={"Cache-Control": "no-store", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin"},
    )


def _hub_catalog(ctx: HubContext) -> int | None:
    try:
        info = ctx.home.writer().describe()
    except Exception:  # noqa: BLE001 - the page still shows without it
        return None
    value = info.get("catalog_version")
    return int(value) if isinstance(value, int) else None


# --- login ---------------------------------------------------------------------------


@router.get("", include_in_schema=False)
@router.get("/", include_in_schema=False)
def home() -> RedirectResponse:
    return RedirectResponse("/dashboard/overview", status_code=303)


@router.get("/login")
def login_form(request: Request) -> HTMLResponse:
    token = secrets.token_urlsafe(24)
    resp = _render(request, "login.html", None, login_csrf=token, error=None, next=_next(request.query_params.get("next")))
    resp.set_cookie(session.LOGIN_COOKIE, token, httponly=True, samesite="strict", path="/dashboard", secure=session.secure_cookies(request))
    return resp


def _next(value: str | None) -> str:
    # Only our own pages: never an absolute URL (open redirect).
    if value and value.startswith("/dashboard/") and not value.startswith("//"):
        return value
    return "/dashboard/overview"


@router.post("/login")
async def login(request: Request) -> Response:
    ctx = _ctx(request)
    form = await request.form()
    token = request.cookies.get(session.LOGIN_COOKIE, "")
    if not token or not session.csrf_ok(token, form.get("csrf")):
        raise ApiError(403, "csrf", "the form expired; reload the login page")
    await anyio.to_thread.run_sync(lambda: check_rate(ctx, "login:" + client_address(request), 10))
    name, password = str(form.get("name", "")), str(form.get("password", ""))

    def auth() -> Any:
        with ctx.db.read() as conn:
            return users.authenticate(conn, name, password)

    user = await anyio.to_thread.run_sync(auth)
    if user is None:
        new_token = secrets.token_urlsafe(24)
        resp = _render(request, "login.html", None, login_csrf=new_token, error="用户名或密码不正确", next=_next(str(form.get("next", ""))))
        resp.status_code = 401
        resp.set_cookie(session.LOGIN_COOKIE, new_token, httponly=True, samesite="strict", path="/dashboard", secure=session.secure_cookies(request))
        return resp
    cookie, _ = await anyio.to_thread.run_sync(lambda: session.issue(request, user.name, ctx.clock().timestamp()))
    done = RedirectResponse(_next(str(form.get("next", ""))), status_code=303)
    done.set_cookie(session.COOKIE, cookie, max_age=session.LIFETIME, httponly=True, samesite="strict", path="/dashboard", secure=session.secure_cookies(request))
    done.delete_cookie(session.LOGIN_COOKIE, path="/dashboard")
    return done


async def _form_with_csrf(request: Request) -> tuple[session.Session, Any]:
    sess = await anyio.to_thread.run_sync(_user, request)
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_UPLOAD:
        raise ApiError(413, "too_large", f"uploads are at most {MAX_UPLOAD // (1024 * 1024)} MB")
    form = await request.form(max_files=1, max_fields=20)
    if not session.csrf_ok(sess.csrf, form.get("csrf")):
        raise ApiError(403, "csrf", "the form expired or came from another site; reload the page")
    return sess, form


@router.post("/logout")
async def logout(request: Request) -> Response:
    await _form_with_csrf(request)
    resp = RedirectResponse("/dashboard/login", status_code=303)
    resp.delete_cookie(session.COOKIE, path="/dashboard")
    return resp


# --- pages ---------------------------------------------------------------------------


@router.get("/overview")
def overview(request: Request) -> HTMLResponse:
    sess = _user(request)
    ctx = _ctx(request)
    today = _today(ctx)
    weeks = _int(request, "weeks", 8, 1, 53)
    period = reports.Period.ending(today, weeks)
    with ctx.db.read() as conn:
        schools_t = reports.schools_table(conn, ctx.home.config, today)
        usage = reports.usage_table(conn, period)
        classroom_t = classroom.classroom_table(conn, period)
        opening = reports.opening_summary(reports.opening_table(conn, ctx.home.config, reports.Period.complete_weeks(today, 4)))
    silent = reports.silent_table(schools_t, ctx.home.config)
    return _render(
        request, "overview.html", sess, active="overview", weeks=weeks, period=period,
        kpi=reports.kpis(schools_t, opening), usage_chart=reports.usage_chart(usage, period),
        opening_chart=opening["chart"], silent=_page(silent, request), usage=usage,
        classroom=classroom.classroom_summary(classroom_t), classroom_view=_page(classroom_t, request, "cpage"),
    )


@router.get("/opening")
def opening(request: Request) -> HTMLResponse:
    sess = _user(request)
    ctx = _ctx(request)
    weeks = _int(request, "weeks", 4, 1, 53)
    period = reports.Period.complete_weeks(_today(ctx), weeks)
    with ctx.db.read() as conn:
        t = reports.opening_table(conn, ctx.home.config, period)
    only = request.query_params.get("only")
    if only == "missing":
        t.rows = [r for r in t.rows if not r["opened"]]
    summary = reports.opening_summary(t) if only != "missing" else None
    return _render(request, "opening.html", sess, active="opening", weeks=weeks, period=period, summary=summary, only=only, view=_page(t, request))


@router.get("/attendance")
def attendance_page(request: Request) -> HTMLResponse:
    sess = _user(request)
    ctx = _ctx(request)
    weeks = _int(request, "weeks", 4, 1, 53)
    threshold = _int(request, "threshold", ctx.home.config.chronic_absence_percent, 1, 100)
    period = reports.Period.ending(_today(ctx), weeks)
    with ctx.db.read() as conn:
        counts = reports.attendance_counts(conn, period)
        rates = reports.attendance_table(conn, period, counts=counts)
        absentees = reports.absentees_table(conn, period, threshold, counts=counts)
    return _render(request, "attendance.html", sess, active="attendance", weeks=weeks, period=period, threshold=threshold, view=_page(rates, request), absent_view=_page(absentees, request, "apage"))


@router.get("/schools")
def schools_page(request: Request) -> HTMLResponse:
    sess = _user(request)
    ctx = _ctx(request)
    with ctx.db.read() as conn:
        t = reports.schools_table(conn, ctx.home.config, _today(ctx))
    q = request.query_params.get("q", "").strip()
    if q:
        t.rows = [r for r in t.rows if q in r["school_code"] or q in r["school_name"]]
    return _render(request, "schools.html", sess, active="schools", q=q, view=_page(t, request))


@router.get("/schools/{code}")
def school_page(request: Request, code: str) -> HTMLResponse:
    sess = _user(request)
    ctx = _ctx(request)
    weeks = _int(request, "weeks", 8, 1, 53)
    period = reports.Period.ending(_today(ctx), weeks)
    hub_catalog = _hub_catalog(ctx)
    with ctx.db.read() as conn:
        school = schools.get(conn, code)
        if school is None:
            raise ApiError(404, "not_found", f"no school {code}")
        usage = reports.usage_table(conn, period, code)
        classroom_t = classroom.classroom_table(conn, period, code)
        sessions = reports.sessions_table(conn, code, period)
        opening_t = reports.opening_table(conn, ctx.home.config, reports.Period.complete_weeks(_today(ctx), 4), code)
        att = reports.attendance_table(conn, period, code)
        trend = reports.attendance_trend(conn, code, period)
        content_t = reports.content_table(conn, hub_catalog, code)
        devs = devices_db.list_all(conn, code)
        catalog = content.published_catalog(request)
        editions_form = content.editions_form(conn, code, catalog)
        editions_needs = content.editions_table(conn, catalog, code)
    sessions_view = _page(sessions, request)
    sessions_view["export_query"] = urlencode({"weeks": weeks, "school": code})
    return _render(
        request, "school.html", sess, active="schools", school=school, weeks=weeks, period=period,
        usage_chart=reports.usage_chart(usage, period), attendance_chart=trend,
        sessions=sessions_view, opening=opening_t, attendance=att, classroom=classroom_t,
        content=content_t.rows[0] if content_t.rows else None, devices=devs,
        editions=editions_form, editions_needs=editions_needs.rows,
        editions_saved=request.query_params.get("editions") == "saved",
    )


# --- admin: codes, users, record files -------------------------------------------------


def _admin_data(ctx: HubContext) -> dict[str, Any]:
    now = iso_ms(ctx.clock())
    with ctx.db.read() as conn:
        codes = enroll_codes.list_codes(conn, limit=50)
        return {
            "codes": [(c, enroll_codes.status(c, now)) for c in codes],
            "users": users.list_all(conn),
            "school_list": [s.school for s in schools.list_all(conn, now)],
        }


@router.get("/admin")
def admin(request: Request) -> HTMLResponse:
    sess = _user(request)
    return _render(request, "admin.html", sess, active="admin", flash=None, **_admin_data(_ctx(request)))


async def _admin_result(request: Request, sess: session.Session, flash: dict[str, str], status: int = 200) -> HTMLResponse:
    data = await anyio.to_thread.run_sync(_admin_data, _ctx(request))
    resp = _render(request, "admin.html", sess, active="admin", flash=flash, **data)
    resp.status_code = status
    return resp


@router.post("/admin/codes")
async def new_code(request: Request) -> HTMLResponse:
    sess, form = await _form_with_csrf(request)
    ctx = _ctx(request)
    school_code = str(form.get("school", ""))
    try:
        ttl = int(str(form.get("ttl_days", ctx.home.config.enroll_code_ttl_days)))
    except ValueError:
        ttl = ctx.home.config.enroll_code_ttl_days
    ttl = max(1, min(ttl, 365))

    def create() -> tuple[str, str] | None:
        now = ctx.clock()
        with ctx.db.write() as conn:
            if schools.get(conn, school_code) is None:
                return None
            expires = iso_ms(now + timedelta(days=ttl))
            return enroll_codes.create(conn, school_code, iso_ms(now), expires), expires

    made = await anyio.to_thread.run_sync(create)
    if made is None:
        return await _admin_result(request, sess, {"kind": "error", "text": f"没有学校 {school_code}"}, 400)
    return await _admin_result(request, sess, {"kind": "code", "text": made[0], "detail": f"学校 {school_code}，有效期至 {made[1][:16].replace('T', ' ')} UTC，只能用于一台电脑"})


@router.post("/admin/codes/{code_id}/revoke")
async def revoke_code(request: Request, code_id: int) -> HTMLResponse:
    sess, _ = await _form_with_csrf(request)
    ctx = _ctx(request)

    def revoke() -> bool:
        with ctx.db.write() as conn:
            return enroll_codes.revoke_one(conn, code_id, iso_ms(ctx.clock()))

    ok = await anyio.to_thread.run_sync(revoke)
    flash = {"kind": "ok", "text": f"注册码 {code_id} 已作废"} if ok else {"kind": "error", "text": f"注册码 {code_id} 已使用、已作废或不存在"}
    return await _admin_result(request, sess, flash, 200 if ok else 400)


@router.post("/admin/users")
async def add_user(request: Request) -> HTMLResponse:
    sess, form = await _form_with_csrf(request)
    ctx = _ctx(request)
    name, password = str(form.get("name", "")).strip(), str(form.get("password", ""))

    def add() -> str | None:
        try:
            with ctx.db.write() as conn:
                users.add(conn, name, "admin", password, iso_ms(ctx.clock()))
        except users.UserError as exc:
            return str(exc)
        return None

    problem = await anyio.to_thread.run_sync(add)
    if problem:
        return await _admin_result(request, sess, {"kind": "error", "text": problem}, 400)
    return await _admin_result(request, sess, {"kind": "ok", "text": f"管理员 {name} 已添加（或已更新密码）"})


@router.post("/admin/import")
async def import_records(request: Request) -> HTMLResponse:
    from eduteach_hub.records_import import import_bytes
    from eduteach_protocol.record_file import RecordsFileError

    sess, form = await _form_with_csrf(request)
    ctx = _ctx(request)
    upload = form.get("file")
    if upload is None or isinstance(upload, str):
        return await _admin_result(request, sess, {"kind": "error", "text": "请选择记录文件（.etrec）"}, 400)
    data = await upload.read(MAX_UPLOAD + 1)
    try:
        report = await anyio.to_thread.run_sync(import_bytes, ctx.db, data, ctx.clock)
    except RecordsFileError as exc:
        return await _admin_result(request, sess, {"kind": "error", "text": f"{upload.filename}：已拒绝（{exc.code}）：{exc}"}, 400)
    return await _admin_result(
        request, sess,
        {"kind": "ok", "text": f"{upload.filename}：{report.statements} 条记录（设备 {report.device_id}，学校 {report.school_code}）：新增 {report.new} 条，已有 {report.repeated} 条"},
    )


# --- exports --------------------------------------------------------------------------

EXPORTS = ("schools", "silent", "usage", "classroom", "opening", "attendance", "absentees", "content", "sessions")


@router.get("/export/{name}.{fmt}")
def export(request: Request, name: str, fmt: str) -> Response:
    _user(request)
    ctx = _ctx(request)
    if name not in EXPORTS or fmt not in ("csv", "xlsx"):
        raise ApiError(404, "not_found", "no such export")
    today = _today(ctx)
    weeks = _int(request, "weeks", 4 if name in ("opening", "attendance", "absentees") else 8, 1, 53)
    period = reports.Period.ending(today, weeks)
    school = request.query_params.get("school") or None
    cfg = ctx.home.config
    with ctx.db.read() as conn:
        if name in ("schools", "silent"):
            t = reports.schools_table(conn, cfg, today)
            if name == "silent":
                t = reports.silent_table(t, cfg)
        elif name == "usage":
            t = reports.usage_table(conn, period, school)
        elif name == "classroom":
            t = classroom.classroom_table(conn, period, school)
        elif name == "opening":
            t = reports.opening_table(conn, cfg, reports.Period.complete_weeks(today, weeks), school)
        elif name == "attendance":
            t = reports.attendance_table(conn, period, school)
        elif name == "absentees":
            threshold = _int(request, "threshold", cfg.chronic_absence_percent, 1, 100)
            t = reports.absentees_table(conn, period, threshold, school)
        elif name == "content":
            t = reports.content_table(conn, _hub_catalog(ctx), school)
        else:
            if not school:
                raise ApiError(400, "bad_parameter", "the sessions export needs ?school=CODE")
            t = reports.sessions_table(conn, school, period)
    return exports.download(t, f"{name}-{today.isoformat()}.{fmt}", fmt)
