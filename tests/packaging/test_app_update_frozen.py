"""App updates with the real frozen bundle: v1 is the portable A/B layout installer/build.py
produced (dist/eduteach-portable: start script, `current`, slots/a); v2, v3 and v3.1 are
the same bundle published with another version (the signed version is written into the
unpacked slot's eduteach-version.txt, which the bundle reads). Each step is started through
the layout's start script, as a teacher's shortcut would.

publish v2 → `eduteach update --apply` from the hub → v2 passes its trial and reports
2.0.0 to the hub; v3 (its Python runtime missing: the frozen program dies at start) fails
twice → v2 carries on, the hub is told; v3.1 (a translation file missing: its start-up
self-test fails) → the same. Windows' installer path cannot run here: it is unit-tested in
tests/integration/test_app_update_pc.py with the exact command line."""

from __future__ import annotations

import json
import os
import shutil
import tarfile
from collections.abc import Callable
from pathlib import Path

import pytest

from eduteach_desktop.update.apply import BundleSlots
from tests.integration.hubproc import run_cli, sql

from .frozen import CLI_NAME, IS_WIN, Hub, clean_env, run

pytestmark = [pytest.mark.packaging,
              pytest.mark.skipif(IS_WIN, reason="the A/B bundle swap is the Linux path")]


def package(bundle: Path, dest: Path, skip: Callable[[str], bool] = lambda name: False) -> Path:
    """The bundle as a release archive (tar: the bundle is mostly compressed already)."""
    def keep(info: tarfile.TarInfo) -> tarfile.TarInfo | None:
        return None if skip(info.name) else info

    with tarfile.open(dest, "w") as tar:
        tar.add(bundle, arcname="eduteach", filter=keep)
    return dest


def publish(hub: Hub, pkg: Path, version: str) -> None:
    done = run_cli("publish-app", str(pkg), "--platform", "linux-x64", "--version", version,
                   "--channel", "stable", home=hub.home)
    assert done.returncode == 0, done.stderr


def app_status(hub: Hub, device: str) -> dict:
    row = sql(hub.home, "SELECT app_version, update_state, update_version, last_update_error FROM app_status "
                        "WHERE device_id = :d", d=device)
    return dict(zip(("app_version", "update_state", "update_version", "last_update_error"), row, strict=True))


def test_frozen_app_updates_itself_and_rolls_back_a_broken_version(frozen_bundle, county_hub, tmp_path):
    produced = frozen_bundle.parent / "eduteach-portable"
    if not produced.exists():
        pytest.skip("a bundle built elsewhere: no portable layout beside it")
    install = tmp_path / "install"
    try:
        shutil.copytree(produced, install, symlinks=True, copy_function=os.link)
    except OSError:
        shutil.copytree(produced, install, symlinks=True)
    version_file = install / "slots" / "a" / "eduteach-version.txt"
    version_file.unlink()  # a hard link into the session's layout: replace, never write through
    version_file.write_text("1.0.0", encoding="utf-8")
    slots = BundleSlots(install)
    assert slots.current() == "a"
    data = tmp_path / "data"
    env = clean_env(tmp_path / "home")

    def start(*args: str, ok: bool = True, clean: bool = True):
        """Through the start script, as the shortcut does: whichever slot `current` names."""
        return run([str(install / "eduteach"), "--data-dir", str(data), *args], env, timeout=400, ok=ok,
                   clean=clean)

    def prog(slot: str, *args: str, ok: bool = True, clean: bool = True):
        return run([str(slots.folder(slot) / CLI_NAME), "--data-dir", str(data), *args], env, timeout=400,
                   ok=ok, clean=clean)

    out = start("enroll", county_hub.url, county_hub.new_code("4301230077")).out
    assert "enrolled" in out and json.loads(prog("a", "status", "--json").out)["enrolled"]

    # v2: the same bundle, another version.
    publish(county_hub, package(frozen_bundle, tmp_path / "eduteach-2.0.0.tar"), "2.0.0")
    applied = start("update", "--apply")
    assert "version 2.0.0 is installed" in applied.out or "running version 2.0.0" in applied.out, applied.out
    assert slots.current() == "b"
    assert (slots.folder("b") / "eduteach-version.txt").read_text(encoding="utf-8") == "2.0.0"
    assert start("--version").out.strip() == "eduteach 2.0.0"  # the start script now runs slot b
    status = json.loads(prog("b", "update", "--check", "--json").out)
    assert status["running"] == "2.0.0"
    prog("b", "upload")
    from eduteach_desktop.store.db import Database

    db = Database(data / "eduteach.sqlite3")
    device_id = json.loads(db.query_one("SELECT value FROM settings WHERE key='device_id'")[0])
    db.close()
    assert app_status(county_hub, device_id)["app_version"] == "2.0.0"

    # v3: its Python runtime is missing, so the frozen program dies at start.
    publish(county_hub, package(frozen_bundle, tmp_path / "eduteach-3.0.0.tar",
                                skip=lambda n: n.endswith("base_library.zip")), "3.0.0")
    failed = start("update", "--apply", ok=False, clean=False)
    assert failed.code == 5, failed.out + failed.err
    assert "version 3.0.0 failed twice" in failed.out, failed.out
    assert slots.current() == "b"
    assert start("--version").out.strip() == "eduteach 2.0.0"  # v3 is never started again
    assert json.loads(start("status", "--json").out)["lessons_installed"] >= 0  # v2 keeps working
    doctor = prog("b", "doctor", "--offline", ok=False, clean=False).out
    assert "app update" in doctor and "version 3.0.0 failed twice" in doctor, doctor
    prog("b", "upload")
    told = app_status(county_hub, device_id)
    assert told["app_version"] == "2.0.0" and told["update_state"] == "rolled_back"
    assert told["update_version"] == "3.0.0" and "failed twice" in told["last_update_error"]

    # v3.1: starts, but its own start-up self-test fails (a translation file is missing).
    publish(county_hub, package(frozen_bundle, tmp_path / "eduteach-3.1.0.tar",
                                skip=lambda n: n.endswith("eduteach_zh_CN.qm")), "3.1.0")
    failed = prog("b", "update", "--apply", ok=False, clean=False)
    assert failed.code == 5 and "version 3.1.0 failed twice" in failed.out, failed.out + failed.err
    assert slots.current() == "b"
    again = prog("b", "update", "--check", ok=False, clean=False)
    assert "3.1.0 failed on this PC before" in again.err, again.err
