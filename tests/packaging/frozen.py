"""Helpers for the packaging tests: the frozen bundle, running it, and the smoke journey that
both the bundle and the installed .deb go through.

The bundle is built once per session by installer/build.py (--if-stale: a bundle built
from the same sources and tools is reused). EDUTEACH_FROZEN_DIR=<folder> tests a bundle
built elsewhere (the Windows workflow, or an installed copy) without building.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers.envskip import skip_for_setup
from tests.integration.hubproc import run_cli

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "installer" / "build.py"
BUNDLE = ROOT / "installer" / "dist" / "eduteach"
IS_WIN = sys.platform == "win32"
# On Windows eduteach.exe is a windowed program (no stdout); eduteach-cli.exe is the same
# program as a console program. Elsewhere there is one.
CLI_NAME = "eduteach-cli.exe" if IS_WIN else "eduteach"
GUI_NAME = "eduteach.exe" if IS_WIN else "eduteach"
MUSIC = "music-g1-renyin-xiaoxingxing"
SELFTEST = "EDUTEACH-SELFTEST "
REQUIRED_STAMP = ROOT / ".venv" / ".packaging-required"  # written by scripts/ci_packaging.sh

# Output that means something went wrong, wherever it appears.
BAD_OUTPUT = [
    re.compile(r"Traceback \(most recent call last\)"),
    re.compile(r"\b(CRITICAL|FATAL|Fatal Python error|Segmentation fault|core dumped)\b"),
    re.compile(r"^\S*\s*(ERROR|Error)\b", re.M),
    re.compile(r"\bModuleNotFoundError|ImportError|cannot open shared object file\b"),
    re.compile(r"No QtMultimedia backends found"),
    re.compile(r"Could not (find|load) the Qt platform plugin", re.I),
    re.compile(r"Cannot load library", re.I),
]
# Known, harmless chatter on a machine without a sound server or PipeWire.
HARMLESS = [
    re.compile(r"pipewire", re.I),
    re.compile(r"PulseAudioService: pa_context_connect\(\) failed"),
]


def packaging_required() -> bool:
    return REQUIRED_STAMP.exists() or os.environ.get("EDUTEACH_PACKAGING") == "required"


def skip_or_fail(reason: str) -> None:
    if packaging_required():
        pytest.fail(f"{reason} (this machine is set up for packaging tests: it must work)")
    skip_for_setup(reason)


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """An environment with nothing pointing at a developer's data: HOME is a temporary
    folder, no EDUTEACH_* variables, Qt offscreen."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("EDUTEACH_", "XDG_DATA", "XDG_CONFIG", "XDG_CACHE", "PYTHON", "QT_"))}
    home.mkdir(parents=True, exist_ok=True)
    # LANGUAGE=en: the command line's messages in English, whatever this machine's locale
    # (the tests read them; the app's own language is its setting, zh_CN).
    env.update(HOME=str(home), USERPROFILE=str(home), QT_QPA_PLATFORM="offscreen",
               PYTHONIOENCODING="utf-8", LANGUAGE="en")
    if IS_WIN:
        # platformdirs asks Windows (SHGetKnownFolderPath), not these variables, unless
        # its WIN_PD_OVERRIDE_* variables say otherwise.
        for name, sub in (("LOCAL_APPDATA", "Local"), ("APPDATA", "Roaming")):
            env[f"WIN_PD_OVERRIDE_{name}"] = str(home / "AppData" / sub)
        env["LOCALAPPDATA"] = str(home / "AppData" / "Local")
        env["APPDATA"] = str(home / "AppData" / "Roaming")
    env.update(extra)
    return env


def problems_in(text: str) -> list[str]:
    found = []
    for line in text.splitlines():
        if any(p.search(line) for p in HARMLESS):
            continue
        if any(p.search(line) for p in BAD_OUTPUT):
            found.append(line)
    return found


@dataclass
class Run:
    args: list[str]
    code: int
    out: str
    err: str

    def events(self) -> list[dict]:
        return [json.loads(line[len(SELFTEST):]) for line in self.out.splitlines()
                if line.startswith(SELFTEST)]

    def event(self, name: str) -> dict:
        found = [e for e in self.events() if e["event"] == name]
        assert found, f"no {name!r} event in:\n{self.out}\n{self.err}"
        return found[-1]


def run(cmd: list[str], env: dict[str, str], timeout: float = 180, ok: bool = True,
        clean: bool = True) -> Run:
    """Run the frozen/installed program; by default it must succeed with clean output."""
    proc = subprocess.run(cmd, capture_output=True, timeout=timeout, env=env,
                          text=True, encoding="utf-8", errors="replace")
    result = Run(cmd, proc.returncode, proc.stdout, proc.stderr)
    shown = f"$ {' '.join(cmd)}\n--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}"
    if ok:
        assert proc.returncode == 0, f"exit code {proc.returncode}\n{shown}"
    if clean:
        bad = problems_in(proc.stdout + "\n" + proc.stderr)
        assert not bad, f"errors in the output: {bad}\n{shown}"
    return result


def build_bundle() -> Path:
    """The bundle for this session: EDUTEACH_FROZEN_DIR, or built/reused by build.py."""
    given = os.environ.get("EDUTEACH_FROZEN_DIR")
    if given:
        path = Path(given)
        if not (path / CLI_NAME).exists():
            pytest.fail(f"EDUTEACH_FROZEN_DIR={given} has no {CLI_NAME}")
        return path
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        skip_or_fail("PyInstaller is not installed: pip install -e '.[package]' (scripts/ci_packaging.sh)")
    if not IS_WIN and shutil.which("objdump") is None:
        skip_or_fail("objdump is missing: apt-get install binutils (scripts/ci_packaging.sh)")
    proc = subprocess.run([sys.executable, str(BUILD), "--if-stale"], capture_output=True, text=True, encoding="utf-8",
                          timeout=900, cwd=str(ROOT))
    if proc.returncode != 0:
        pytest.fail(f"installer/build.py failed:\n{proc.stdout[-6000:]}\n{proc.stderr[-6000:]}")
    print(proc.stdout[-3000:])
    return BUNDLE


@dataclass
class Hub:
    url: str
    home: Path

    def new_code(self, school: str = "4301230001") -> str:
        added = run_cli("school", "add", school, "--name", "大坪村教学点", home=self.home)
        assert added.returncode == 0, added.stderr
        return added.stdout.strip().splitlines()[-1]

    def record_ids(self) -> set[str]:
        exported = run_cli("records", "export", "--format", "json", home=self.home)
        assert exported.returncode == 0, exported.stderr
        return {st["id"] for st in json.loads(exported.stdout)}


def smoke_journey(program: list[str], tmp: Path, hub: Hub, usb_repo: Path) -> dict:
    """The technician's visit and a lesson, with the real frozen/installed program:
    enroll with the county hub, copy the lessons in from a USB folder, play one in the real
    player (offscreen), upload the record, check the hub has it, and run doctor."""
    data = tmp / "data"
    env = clean_env(tmp / "home")
    prog = [*program, "--data-dir", str(data)]

    out = run([*prog, "enroll", hub.url, hub.new_code()], env).out
    assert "enrolled" in out and "4301230001" in out

    usb = tmp / "usb"
    shutil.copytree(usb_repo, usb)  # what the technician's stick holds
    out = run([*prog, "sync", "--from", str(usb), "--quiet"], env).out
    assert "5/5 lessons ready" in out, out

    played = run([*prog, "--selftest", MUSIC, "--seconds", "3"], env)
    result = played.event("result")
    assert result["ok"] is True, played.out
    assert played.event("usable")["lessons"] == 5
    assert result["playing_at_close"] or (result["position_ms"] or 0) > 0, result
    record_id = result["record_id"]

    status = json.loads(run([*prog, "status", "--json"], env).out)
    assert status["enrolled"] is True
    # The app may already have sent them itself (it uploads when the hub is reachable).
    assert status["records_waiting"] + status["records_sent"] >= 1, status
    out = run([*prog, "upload"], env).out
    assert f"sent {status['records_waiting']} records" in out, out
    assert json.loads(run([*prog, "status", "--json"], env).out)["records_waiting"] == 0
    assert record_id in hub.record_ids()

    bundle_zip = tmp / "support.zip"
    doctor = run([*prog, "doctor", "--bundle", str(bundle_zip)], env)
    assert "[FAIL]" not in doctor.out, doctor.out
    assert "reachable" in doctor.out, doctor.out
    assert "plays lessons" in doctor.out or "no sound device" in doctor.out, doctor.out
    assert bundle_zip.exists()
    return {"data": data, "record_id": record_id, "env": env, "doctor": doctor.out}
