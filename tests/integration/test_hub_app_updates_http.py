"""App updates on the real hub over HTTP: each school's channel reaches its PCs (enrollment,
GET /api/v1/devices/me, enrollment files), PCs report their app version and update
failures with the inventory, and the dashboard's 软件版本 page shows them and promotes a
pilot version to stable."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from eduteach_protocol import enroll_file
from eduteach_protocol.app_release import app_relpath
from eduteach_protocol.repo_layout import blob_relpath
from tests.integration.hubproc import (
    EnrolledDevice,
    add_admin,
    add_school,
    admin_session,
    cli,
    csrf_of,
    enroll,
    init_home,
    running_hub,
    sql,
)

PILOT_SCHOOL = "4201000161"
STABLE_SCHOOL = "4201000162"
INVENTORY = {"catalog_version": 1, "lessons_installed": 0, "lessons_subscribed": 0, "bytes": 0, "last_sync": None}


class Hub:
    def __init__(self, url: str, home: Path, pilot: EnrolledDevice, stable: EnrolledDevice):
        self.url, self.home, self.pilot, self.stable = url, home, pilot, stable

    def login(self) -> requests.Session:
        return admin_session(self.url)

    def report(self, dev: EnrolledDevice, **app: object) -> requests.Response:
        return requests.post(f"{self.url}/api/v1/inventory", auth=dev.auth, timeout=10, json={**INVENTORY, **app})


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    base = tmp_path_factory.mktemp("apps")
    home = init_home(base)
    add_admin(home)
    for version, channel, body in (("1.0.0", "stable", b"one"), ("1.1.0", "pilot", b"two")):
        pkg = base / f"eduteach-{version}.tar.gz"
        pkg.write_bytes(body)
        rc, out = cli("publish-app", str(pkg), "--platform", "linux-x64", "--version", version,
                      "--channel", channel, "--notes", f"版本 {version}", home=home)
        assert rc == 0, out
    pilot_code = add_school(home, PILOT_SCHOOL, "杨树湾教学点")
    stable_code = add_school(home, STABLE_SCHOOL, "柳林教学点")
    rc, out = cli("school", "set", PILOT_SCHOOL, "--channel", "pilot", home=home)
    assert rc == 0 and "app channel: pilot" in out
    with running_hub(home) as url:
        yield Hub(url, home, enroll(url, pilot_code), enroll(url, stable_code))


def _me(hub: Hub, dev: EnrolledDevice) -> dict:
    resp = requests.get(f"{hub.url}/api/v1/devices/me", auth=dev.auth, timeout=10)
    assert resp.status_code == 200
    return resp.json()


def test_the_channel_reaches_the_pc(hub: Hub, tmp_path: Path) -> None:
    assert hub.pilot.answer["channel"] == "pilot" and hub.stable.answer["channel"] == "stable"
    assert _me(hub, hub.pilot)["channel"] == "pilot"
    assert _me(hub, hub.stable)["channel"] == "stable"
    assert cli("school", "set", STABLE_SCHOOL, "--channel", "pilot", home=hub.home)[0] == 0
    assert _me(hub, hub.stable)["channel"] == "pilot"
    assert cli("school", "set", STABLE_SCHOOL, "--channel", "stable", home=hub.home)[0] == 0
    assert _me(hub, hub.stable)["channel"] == "stable"
    # A never-online PC reads it from its enrollment file.
    assert cli("school", "enroll-file", PILOT_SCHOOL, "--out", str(tmp_path), home=hub.home)[0] == 0
    (written,) = tmp_path.glob("*.etenroll")
    assert enroll_file.decode(written.read_bytes()).channel == "pilot"
    assert cli("school", "set", PILOT_SCHOOL, "--channel", "beta", home=hub.home)[0] == 2  # one usage line


REASON = "1.1.0 在启动自检中失败两次，已回到 1.0.0"


def _report_rollback(hub: Hub) -> None:
    """The stable PC runs 1.0.0; the pilot PC tried 1.1.0 and rolled back (a repeat of the
    same report changes nothing)."""
    assert hub.report(hub.stable, app_version="1.0.0", app_platform="linux-x64", update_state="idle").status_code == 200
    resp = hub.report(hub.pilot, app_version="1.0.0", app_platform="linux-x64", update_state="rolled_back",
                      update_version="1.1.0", last_update_error=REASON)
    assert resp.status_code == 200, resp.text


def test_the_package_is_served_at_its_target_and_blob_paths(hub: Hub) -> None:
    from eduteach_hub.apps import repo
    from eduteach_hub.config import HubHome

    (release, *_) = repo.releases(repo.current(HubHome(hub.home)))
    for rel in (app_relpath(release.target_path, release.sha256), blob_relpath(release.sha256)):
        resp = requests.get(f"{hub.url}/repo/{rel}", headers={"Range": "bytes=1-"}, timeout=10)
        assert resp.status_code == 206 and resp.content == b"ne", rel  # resumable, like a lesson blob


def test_pcs_report_versions_and_failures(hub: Hub) -> None:
    ok = hub.report(hub.pilot, app_version="1.0.0", app_platform="linux-x64", update_state="staged",
                    update_version="1.1.0", last_update_error=None)
    assert ok.status_code == 200, ok.text
    (before,) = sql(hub.home, "SELECT count(*) FROM app_update_events")
    for _ in range(2):  # the PC repeats its state with every report: one event
        _report_rollback(hub)
    assert sql(hub.home, "SELECT count(*) FROM app_update_events") == (before + 1,)
    reason = REASON
    assert sql(hub.home, "SELECT update_state, last_update_error FROM app_status WHERE device_id = :d",
               d=hub.pilot.id) == ("rolled_back", reason)
    # An app that sends no app fields leaves what was reported.
    assert hub.report(hub.stable).status_code == 200
    assert sql(hub.home, "SELECT app_version FROM app_status WHERE device_id = :d", d=hub.stable.id) == ("1.0.0",)
    for bad in ({"app_version": "1.0.0", "app_platform": "mac", "update_state": "idle"},
                {"app_version": "1.0", "app_platform": "linux-x64", "update_state": "idle"},
                {"app_version": "1.0.0", "app_platform": "linux-x64"},
                {"app_version": "1.0.0", "app_platform": "linux-x64", "update_state": "exploded"},
                {"app_version": "1.0.0", "app_platform": "linux-x64", "update_state": "failed",
                 "last_update_error": "x" * 501}):
        resp = hub.report(hub.pilot, **bad)
        assert resp.status_code == 400, bad
    assert sql(hub.home, "SELECT update_state FROM app_status WHERE device_id = :d", d=hub.pilot.id) == ("rolled_back",)
    # An error text with a newline or a terminal escape still counts, cleaned.
    resp = hub.report(hub.stable, app_version="1.0.0", app_platform="linux-x64", update_state="failed",
                      update_version="1.1.0", last_update_error="下载中断\n\x1b[2J磁盘已满")
    assert resp.status_code == 200, resp.text
    assert sql(hub.home, "SELECT last_update_error FROM app_status WHERE device_id = :d", d=hub.stable.id) == (
        "下载中断  [2J磁盘已满",)
    _report_rollback(hub)


def test_versions_page_and_promote(hub: Hub) -> None:
    _report_rollback(hub)
    assert requests.get(f"{hub.url}/dashboard/apps", timeout=10, allow_redirects=False).status_code == 303
    s = hub.login()
    page = s.get(f"{hub.url}/dashboard/apps", timeout=10)
    assert page.status_code == 200
    html = page.text
    assert "软件版本" in html and "版本 1.1.0" in html
    assert "已回退" in html and REASON in html  # the reason, on the page
    assert "杨树湾教学点" in html and "柳林教学点" in html
    channel_pilot = html.split('id="channel-pilot"')[1].split("</section>")[0]
    assert "linux-x64 <b>1.1.0</b>" in channel_pilot and "1.0.0（1 台）" in channel_pilot
    assert "杨树湾教学点" in channel_pilot and "柳林教学点" not in channel_pilot
    channel_stable = html.split('id="channel-stable"')[1].split("</section>")[0]
    assert "linux-x64 <b>1.0.0</b>" in channel_stable
    assert html.count("转为正式版</button>") == 1  # only the pilot version

    form = {"platform": "linux-x64", "version": "1.1.0"}
    refused = s.post(f"{hub.url}/dashboard/apps/promote", data={**form, "csrf": "forged"}, timeout=10)
    assert refused.status_code == 403
    assert "pilot" in cli("app", "list", home=hub.home)[1]
    done = s.post(f"{hub.url}/dashboard/apps/promote", data={**form, "csrf": csrf_of(html)}, timeout=10)
    assert done.status_code == 200 and "已转为正式版" in done.text
    assert "pilot" not in cli("app", "list", home=hub.home)[1]
    channel_stable = done.text.split('id="channel-stable"')[1].split("</section>")[0]
    assert "linux-x64 <b>1.1.0</b>" in channel_stable
    again = s.post(f"{hub.url}/dashboard/apps/promote", data={**form, "csrf": csrf_of(html)}, timeout=10)
    assert again.status_code == 400 and "无法转为正式版" in again.text


def test_promote_without_the_apps_key_waits_for_offline_signing(hub: Hub, tmp_path: Path) -> None:
    key = hub.home / "keys" / "apps.pem"
    kept = tmp_path / "apps.pem"
    key.rename(kept)
    try:
        pkg = tmp_path / "eduteach-1.2.0.tar.gz"
        pkg.write_bytes(b"three")
        rc, out = cli("publish-app", str(pkg), "--platform", "linux-arm64", "--version", "1.2.0", home=hub.home)
        assert rc == 0 and "waits for signing" in out
        s = hub.login()
        page = s.get(f"{hub.url}/dashboard/apps", timeout=10).text
        assert "linux-arm64" not in page.split('id="releases"')[1]  # not published until signed
        assert "等待离线签名" in page and "本机没有应用签名密钥" in page
        form = {"platform": "linux-arm64", "version": "1.2.0", "csrf": csrf_of(page)}
        done = s.post(f"{hub.url}/dashboard/apps/promote", data=form, timeout=10)
        assert done.status_code == 200 and "app sign-request" in done.text
    finally:
        kept.rename(key)
    req, signed = tmp_path / "req.json", tmp_path / "signed.json"
    assert cli("app", "sign-request", "--out", str(req), home=hub.home)[0] == 0
    assert cli("app", "sign", str(req), "--key", str(key), "--out", str(signed))[0] == 0
    assert cli("app", "import-signed", str(signed), home=hub.home)[0] == 0
    page = hub.login().get(f"{hub.url}/dashboard/apps", timeout=10).text
    row = [r for r in page.split('id="releases"')[1].split("<tr>") if "linux-arm64" in r]
    assert len(row) == 1 and "<td>正式</td>" in row[0]
