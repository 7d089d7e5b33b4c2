"""The doctor's look at the program itself: versions, Qt Multimedia (probed in a child
process: the CLI never loads Qt), and the logs."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from typing import Any

from eduteach_desktop import __version__
from eduteach_desktop.store.datadir import (
    DataDir,
)
from eduteach_protocol.cli_i18n import L_
from eduteach_protocol.sizes import format_size

from .report import (
    FAIL,
    NOTE,
    OK,
    PROBE_TIMEOUT_S,
    WARN,
    Check,
    _short,
)


def check_versions(probe: dict[str, Any] | None) -> Check:
    from importlib import metadata

    frozen = bool(getattr(sys, "frozen", False))
    libs: dict[str, str | None] = {}
    for dist in ("PySide6-Essentials", "tuf", "cryptography", "requests"):
        try:
            libs[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            libs[dist] = None
    qt = (probe or {}).get("qt_version")
    data = {"app": __version__, "python": platform.python_version(), "qt": qt, "libraries": libs,
            "os": platform.platform(), "machine": platform.machine(), "frozen": frozen,
            "program": sys.executable}
    title = L_("EduTeach {version}, Python {python}, Qt {qt}{how}", version=__version__, python=platform.python_version(),
               qt=qt or libs.get("PySide6-Essentials") or L_("not found"),
               how=L_(" (installed build)") if frozen else L_(" (from source)"))
    details = [L_("system: {platform} ({machine})", platform=platform.platform(), machine=platform.machine()),
               L_("libraries: {libraries}", libraries=", ".join(f"{k} {v}" for k, v in libs.items() if v))]
    return Check(L_("versions"), OK, title, details, data=data)


def qt_probe() -> dict[str, Any]:
    """Run `eduteach --qt-probe` in a child process (Qt never loads into the CLI)."""
    if getattr(sys, "frozen", False):
        cmd = [sys.executable, "--qt-probe"]
    else:
        cmd = [sys.executable, "-m", "eduteach_desktop", "--qt-probe"]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")  # read as UTF-8 below
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=PROBE_TIMEOUT_S, env=env,
                              encoding="utf-8", errors="replace")
    except (OSError, subprocess.TimeoutExpired) as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("EDUTEACH-SELFTEST "):
            try:
                return dict(json.loads(line.split(" ", 1)[1]))
            except ValueError:
                break
    tail = "\n".join((proc.stderr or "").strip().splitlines()[-6:])
    return {"error": f"exit code {proc.returncode}: {tail}"}


def check_media(probe: dict[str, Any] | None) -> Check:
    if probe is None:
        return Check(L_("media"), NOTE, L_("Qt Multimedia not probed (--no-probe)"))
    if "error" in probe and "multimedia" not in probe:
        return Check(L_("media"), FAIL, L_("Qt does not start"), [_short(str(probe["error"]), 400)],
                     fix=L_("reinstall EduTeach; on Linux, install the system libraries the package lists (sudo apt-get install -f)"), data=probe)
    mm = probe.get("multimedia", {})
    data = {"qt": probe.get("qt_version"), "multimedia": mm,
            "translations": probe.get("translations"), "collation_zh": probe.get("collation_zh")}
    details = [L_("backend: {plugins} (QT_MEDIA_BACKEND={env})", plugins=", ".join(mm.get("backend_plugins") or []) or L_("none"),
                  env=mm.get("backend_env")),
               L_("decodes: {formats}", formats=", ".join(mm.get("decodes") or []) or L_("nothing")),
               L_("sound outputs: {outputs}", outputs=", ".join(mm.get("audio_outputs") or []) or L_("none found"))]
    if not mm.get("player_available"):
        return Check(L_("media"), FAIL, L_("lessons cannot play: Qt Multimedia has no working backend"),
                     details + ([_short(mm["error"])] if mm.get("error") else []), data=data,
                     fix=L_("reinstall EduTeach (its FFmpeg plugin did not load)"))
    missing = [k for k, ok in (probe.get("translations") or {}).items() if not ok]
    if missing:
        return Check(L_("media"), WARN, L_("lessons can play, but translations are missing: {files}", files=", ".join(missing)),
                     details, data=data, fix=L_("reinstall EduTeach"))
    if not mm.get("audio_outputs"):
        return Check(L_("media"), WARN, L_("lessons can play, but no sound device was found"), details,
                     data=data, fix=L_("plug in the speakers or projector sound cable and check the system's sound settings; lessons play silently meanwhile"))
    return Check(L_("media"), OK, L_("Qt {version} plays lessons (FFmpeg)", version=probe.get("qt_version")), details, data=data)


def check_logs(dd: DataDir) -> Check:
    files = sorted(dd.logs.glob("*.log*")) if dd.logs.is_dir() else []
    if not files:
        return Check(L_("logs"), NOTE, L_("no log files yet"))
    errors = 0
    last_error = ""
    for f in files:
        try:
            for line in f.read_text(encoding="utf-8", errors="replace").splitlines():
                if " ERROR " in line or " CRITICAL " in line:
                    errors += 1
                    last_error = line
        except OSError:
            continue
    size = sum(f.stat().st_size for f in files)
    details = [L_("{n} file(s), {size} in {logs}", n=len(files), size=format_size(size), logs=dd.logs)]
    level = NOTE
    if errors:
        details.append(L_("{errors} error line(s); the last: {line}", errors=errors, line=_short(last_error)))
        level = WARN
    return Check(L_("logs"), level, L_("{errors} error(s) logged", errors=errors), details,
                 data={"files": [f.name for f in files], "errors": errors},
                 fix=L_("the support bundle carries the logs to the county") if errors else None)


def check_app_update(dd: DataDir) -> Check:
    """The app's own update (docs/updates.md): waiting, installed on trial, rolled back."""
    from eduteach_desktop.update.boot import describe
    from eduteach_desktop.update.identity import AppIdentity
    from eduteach_desktop.update.service import UPDATES_DIR
    from eduteach_desktop.update.state import StateFile

    identity = AppIdentity.detect()
    state = StateFile(dd.root / UPDATES_DIR).load()
    data = {"version": identity.version, "platform": identity.platform, "install": identity.install_kind,
            "state": state.state, "update_version": state.update_version, "last_error": state.last_error,
            "bad_versions": state.bad_versions}
    line = describe(state, identity.version)
    details = [L_("running {version} ({platform}, {install_kind})", version=identity.version, platform=identity.platform, install_kind=identity.install_kind)]
    if state.bad_versions:
        details.append(L_("never installed again here: {versions}", versions=", ".join(state.bad_versions)))
    if state.state == "rolled_back":
        return Check(L_("app update"), WARN, line, details, data=data,
                     fix=L_("nothing to do on this PC: it runs the previous version; the county publishes a fixed one"))
    if state.state == "failed":
        return Check(L_("app update"), WARN, line, details, data=data)
    return Check(L_("app update"), OK, line, details, data=data)
