"""Screenshot for docs/updates.md: the dashboard's app versions page (软件版本), from the
real hub with throw-away data: app packages published under the apps role, a pilot and two
stable schools, PCs that report their versions, one of them after a rollback.

    python scripts/app_screenshots.py

The page is a real `eduteach-hub serve` on 127.0.0.1 photographed by Debian's chromium
through Playwright (as tests/browser does). Writes docs/screenshots/dashboard-apps.png.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT))

from _hub_shots import hub, shoot_dashboard  # noqa: E402 - scripts/ is on the path when run

SCHOOLS = (("4301230021", "石门村教学点", "pilot"), ("4301230022", "桃花坪教学点", "stable"),
           ("4301230023", "大坪村教学点", "stable"))
RELEASES = (("linux-x64", "1.2.0", "stable", "修复投影模式下字幕错位"),
            ("windows-x64", "1.2.0", "stable", "修复投影模式下字幕错位"),
            ("linux-x64", "1.3.0", "pilot", "新增：按周安排课表"),
            ("windows-x64", "1.3.0", "pilot", "新增：按周安排课表"))
# (school, PC, platform, version, state, version tried, reason)
PCS = (("4301230021", "一年级教室", "windows-x64", "1.3.0", "healthy", "1.3.0", None),
       ("4301230021", "多功能教室", "windows-x64", "1.2.0", "rolled_back", "1.3.0",
        "1.3.0 启动后两次未通过自检，已自动回到 1.2.0"),
       ("4301230022", "教室电脑", "linux-x64", "1.2.0", "idle", None, None),
       ("4301230023", "教室电脑", "windows-x64", "1.1.0", "staged", "1.2.0", None))


def fill(work: Path, home: Path, url: str) -> None:
    from tests.integration.hubproc import enroll_body

    for platform, version, channel, notes in RELEASES:
        pkg = work / f"EduTeach-{version}-{platform}.bin"
        pkg.write_bytes(f"{platform} {version}".encode() * 40_000)
        hub(["publish-app", str(pkg), "--platform", platform, "--version", version, "--channel", channel,
             "--notes", notes], home)
    for code, name, channel in SCHOOLS:
        hub(["school", "add", code, "--name", name], home)
        hub(["school", "set", code, "--channel", channel], home)
    for code, pc_name, platform, version, state, tried, reason in PCS:
        enroll_code = hub(["school", "code", code], home).strip().splitlines()[-1].split()[-1]
        answer = requests.post(f"{url}/api/v1/enroll", json=enroll_body(enroll_code, pc_name), timeout=10).json()
        body = {"catalog_version": 1, "lessons_installed": 0, "lessons_subscribed": 0, "bytes": 0, "last_sync": None,
                "app_version": version, "app_platform": platform, "update_state": state, "update_version": tried,
                "last_update_error": reason}
        resp = requests.post(f"{url}/api/v1/inventory", json=body, timeout=10,
                             auth=(answer["device_id"], answer["secret"]))
        resp.raise_for_status()


def main() -> int:
    from tests.integration.hubproc import add_admin, running_hub

    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="app-shots-"))
    try:
        home = work / "hub"
        subprocess.run([sys.executable, "-m", "eduteach_hub", "init", str(home), "--county", "430123"],
                       check=True, capture_output=True)
        add_admin(home)
        with running_hub(home) as url:
            fill(work, home, url)
            shoot_dashboard(url, "apps", OUT / "dashboard-apps.png")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
