"""eduteach-hub serve as a process: the listening line, clean shutdown, timestamp refresh."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from tests.integration.hubproc import LISTENING_RE, init_home, running_hub


def timestamp_version(home: Path) -> int:
    return int(
        json.loads((home / "repo/metadata/timestamp.json").read_bytes())["signed"]["version"]
    )


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_prints_one_line_and_stops_cleanly(tmp_path: Path, sig: signal.Signals) -> None:
    home = init_home(tmp_path)
    proc = subprocess.Popen(
        [sys.executable, "-m", "eduteach_hub", "serve", "--home", str(home), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True, encoding="utf-8",
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().rstrip("\n")
        m = LISTENING_RE.match(line)
        assert m, line
        assert m.group(1).startswith("http://127.0.0.1:")
        assert requests.get(m.group(1) + "/api/v1/health", timeout=10).json()["status"] == "ok"
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert out == "", "stdout carries only the listening line"
    assert "Traceback" not in err


def test_refreshes_timestamp_at_start_when_half_its_life_is_gone(tmp_path: Path) -> None:
    home = init_home(tmp_path)
    before = timestamp_version(home)
    with running_hub(home):
        pass
    assert timestamp_version(home) == before, "a fresh timestamp is left alone"

    # Bootstrapped with a 30-day lifetime; with 90 days configured, less than half is left.
    config = home / "hub.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("timestamp_days = 30", "timestamp_days = 90"),
        encoding="utf-8",
    )
    with running_hub(home) as url:
        served = requests.get(f"{url}/repo/metadata/timestamp.json", timeout=10).json()
    assert timestamp_version(home) == before + 1
    assert served["signed"]["version"] == before + 1


def test_port_in_use_is_a_clear_failure(tmp_path: Path) -> None:
    home = init_home(tmp_path)
    with running_hub(home) as url:
        port = url.rsplit(":", 1)[1]
        r = subprocess.run(
            [sys.executable, "-m", "eduteach_hub", "serve", "--home", str(home), "--port", port],
            capture_output=True,
            text=True, encoding="utf-8",
            timeout=30,
        )
    assert r.returncode == 1
    assert "cannot listen" in r.stderr and "Traceback" not in r.stderr
