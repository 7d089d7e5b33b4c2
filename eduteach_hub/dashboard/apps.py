"""The dashboard's app versions page (/dashboard/apps, 软件版本): the versions published under
the `apps` role per platform and channel, what each PC runs, update failures and rollbacks
with their reason, and promoting a pilot version to stable (issue 16, docs/updates.md)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import func, select

from eduteach_hub.apps import status as app_status
from eduteach_hub.config import HubHome
from eduteach_hub.db.schema import schools
from eduteach_protocol.app_release import (
    CHANNELS,
    PLATFORMS,
    AppRelease,
    AppReleaseError,
    newest_for,
    parse_version,
)

from . import routes

if TYPE_CHECKING:
    from eduteach_hub.apps.repo import ChangeResult

router = APIRouter(prefix="/dashboard", include_in_schema=False)
NAV_ITEM = ("apps", "软件版本")
MAX_NAMED = 30
CHANNEL_NAMES = {"pilot": "试点", "stable": "正式"}
STATE_NAMES = {
    "idle": "正常", "staged": "已下载，待安装", "applied": "已安装，待确认",
    "healthy": "新版本运行正常", "rolled_back": "已回退", "failed": "更新失败",
}


@dataclass(frozen=True)
class ChannelSummary:
    channel: str
    schools: int
    pcs: int
    offered: list[tuple[str, str]]  # (platform, newest version a PC on this channel takes)
    running: list[tuple[str, int]]  # (version, PCs)
    names: list[str]  # the pilot schools (a few; the stable channel is everyone else)


def _releases(home: HubHome) -> tuple[list[AppRelease], bool, bool]:
    """(published releases, apps role set up, a change waiting for offline signing)."""
    from eduteach_hub.apps import repo  # tuf and cryptography load when a page needs them

    try:
        return repo.releases(repo.current(home)), True, repo.pending(home) is not None
    except repo.AppsError:
        return [], False, False


def _version_key(version: str) -> tuple[int, int, int]:
    try:
        return parse_version(version)
    except AppReleaseError:
        return (0, 0, 0)


def page_data(request: Request) -> dict[str, Any]:
    from eduteach_hub.apps import repo

    ctx = routes._ctx(request)  # noqa: SLF001 - the shared page helpers
    releases, ready, waiting = _releases(ctx.home)
    with ctx.db.read() as conn:
        pcs = app_status.pcs(conn)
        events = app_status.recent_events(conn)
        per_channel: dict[str, int] = dict(conn.execute(select(schools.c.channel, func.count()).group_by(schools.c.channel)).all())
        pilot_names = list(conn.execute(
            select(schools.c.name).where(schools.c.channel == "pilot").order_by(schools.c.code).limit(MAX_NAMED)
        ).scalars())
    running = Counter((p.app_platform, p.app_version) for p in pcs)
    summaries = []
    for channel in CHANNELS:
        on = [p for p in pcs if p.channel == channel]
        offered = []
        for platform in PLATFORMS:
            newest = newest_for(platform, channel, releases)
            if newest is not None:
                offered.append((platform, newest.version))
        versions = Counter(p.app_version for p in on)
        summaries.append(ChannelSummary(channel, per_channel.get(channel, 0), len(on), offered,
                                        sorted(versions.items(), key=lambda kv: _version_key(kv[0]), reverse=True),
                                        pilot_names if channel == "pilot" else []))
    return {
        "releases": sorted(releases, key=lambda r: (r.platform, r.version_tuple), reverse=True),
        "running": running, "pcs": pcs, "events": events, "summaries": summaries, "ready": ready,
        "waiting": waiting, "has_key": repo.default_key_path(ctx.home).is_file(),
        "channel_names": CHANNEL_NAMES, "state_names": STATE_NAMES,
    }


async def _page(request: Request, sess: Any, flash: dict[str, str] | None = None, status: int = 200) -> HTMLResponse:
    data = await anyio.to_thread.run_sync(page_data, request)
    resp = routes._render(request, "apps.html", sess, active="apps", flash=flash, **data)  # noqa: SLF001
    resp.status_code = status
    return resp


@router.get("/apps")
async def apps_page(request: Request) -> HTMLResponse:
    sess = await anyio.to_thread.run_sync(routes._user, request)  # noqa: SLF001
    return await _page(request, sess)


@router.post("/apps/promote")
async def promote(request: Request) -> HTMLResponse:
    from eduteach_hub.apps import repo

    sess, form = await routes._form_with_csrf(request)  # noqa: SLF001
    home = routes._ctx(request).home  # noqa: SLF001
    platform, version = str(form.get("platform", "")), str(form.get("version", ""))

    def run() -> ChangeResult:
        return repo.promote(home, platform, version)

    try:
        result = await anyio.to_thread.run_sync(run)
    except (repo.AppsError, AppReleaseError):
        return await _page(request, sess, {"kind": "error", "text": f"无法转为正式版：{platform} {version} 不是已发布的试点版本"}, 400)
    if not result.signed:
        return await _page(request, sess, {"kind": "ok", "text": (
            f"{platform} {version} 转为正式版的变更已保存，但本机没有应用签名密钥："
            "请用 eduteach-hub app sign-request 导出，在保存密钥的电脑上签名后再导入。")})
    return await _page(request, sess, {"kind": "ok", "text": f"{platform} {version} 已转为正式版，正式通道的电脑下次同步时更新。"})
