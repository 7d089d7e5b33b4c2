"""What the dashboard screenshot scripts share: the hub CLI, and one dashboard page
photographed logged in as the admin that tests.integration.hubproc.add_admin creates."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path


def hub(cmd: list[str], home: Path) -> str:
    proc = subprocess.run([sys.executable, "-m", "eduteach_hub", *cmd, "--home", str(home)],
                          capture_output=True, text=True, encoding="utf-8", check=True)
    return proc.stdout


def shoot_dashboard(url: str, page_name: str, out: Path) -> None:
    """/dashboard/<page_name> of the hub at url, full page, by Debian's chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(f"{url}/dashboard/login?next=/dashboard/{page_name}")
        page.fill("input[name=name]", "admin")
        page.fill("input[name=password]", "correct horse battery")
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(rf".*/dashboard/{page_name}.*"))
        page.screenshot(path=str(out), full_page=True)
        print("wrote", out)
        browser.close()
