"""Applying a staged version and proving it healthy, with automatic rollback.

The known-good version supervises: at exit (or at the next start) it installs the staged
package beside itself (apply.py), and at the next start it starts the new version on
trial and waits for the new version's "healthy" mark, which the new version writes only
after its own start-up self-test passed and its main window is on screen (or, headless,
after `eduteach update --confirm-health`). A crash, an exit or no mark within the time
allowed is a failure; after two, the previous version simply carries on, the bad version
is listed so it is never installed again, and the failure goes to the county in the next
inventory report. Records and lessons live in the data folder and are never touched.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eduteach_protocol import durable
from eduteach_protocol.app_release import AppRelease
from eduteach_protocol.cli_i18n import L_

from .apply import ApplyError, ApplyPlan, BundleSlots, plan
from .identity import WINDOWS, AppIdentity
from .packages import PackageStore
from .state import StateFile, UpdateState

TRIAL_ENV = "EDUTEACH_UPDATE_TRIAL"  # the version a started program is on trial as
HEALTHY_TIMEOUT = 90.0  # seconds a new version has to reach its main window
MAX_FAILURES = 2


def healthy_mark(folder: Path, version: str) -> Path:
    return folder / f"healthy-{version}"


def startup_selftest(resource: Callable[..., Path]) -> list[str]:
    """What a version checks about itself before it calls itself healthy: the files it
    cannot work without are in its bundle (a half-copied or broken build fails here)."""
    problems = []
    for parts in (("translations", "eduteach_zh_CN.qm"), ("translations", "eduteach_en.qm"),
                  ("demo_repo", "metadata", "root.json")):
        path = resource(*parts)
        try:
            if path.stat().st_size == 0:
                problems.append(L_("{name} is empty", name='/'.join(parts)))
        except OSError:
            problems.append(L_("{name} is missing", name='/'.join(parts)))
    return problems


def confirm_health(folder: Path, identity: AppIdentity, resource: Callable[..., Path],
                   env: dict[str, str] | None = None) -> tuple[bool, list[str]]:
    """Called by a version once it is up. Writes the healthy mark when this process is on
    trial and its self-test passes. Returns (on trial, problems)."""
    trial = (os.environ if env is None else env).get(TRIAL_ENV)
    if trial != identity.version:
        return False, []
    problems = startup_selftest(resource)
    if not problems:
        folder.mkdir(parents=True, exist_ok=True)
        durable.write_atomic(healthy_mark(folder, identity.version), identity.version.encode("ascii"))
    return True, problems


@dataclass
class TrialOutcome:
    healthy: bool
    reason: str = ""
    process: subprocess.Popen[bytes] | None = None


def try_start(command: Sequence[str], folder: Path, version: str, timeout: float,
              env: dict[str, str] | None = None, poll: float = 0.2) -> TrialOutcome:
    """Start `command` on trial and wait for its healthy mark, its exit, or the timeout."""
    mark = healthy_mark(folder, version)
    durable.delete(mark)
    child_env = dict(os.environ if env is None else env)
    child_env[TRIAL_ENV] = version
    try:
        proc = subprocess.Popen(list(command), env=child_env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    except OSError as exc:
        return TrialOutcome(False, f"it could not be started ({exc.strerror or exc})")
    deadline = time.monotonic() + timeout
    pause = threading.Event()
    while True:
        if mark.exists():
            return TrialOutcome(True, process=proc)
        code = proc.poll()
        if code is not None:
            if mark.exists():
                return TrialOutcome(True, process=proc)
            return TrialOutcome(False, f"it stopped (exit code {code}) before passing its start-up self-test")
        if time.monotonic() > deadline:
            proc.kill()
            proc.wait()
            return TrialOutcome(False, f"it did not reach its main window within {timeout:.0f} s")
        pause.wait(poll)


class Supervisor:
    """Applies staged versions and runs trials for one data folder's updates/ folder."""

    def __init__(self, folder: Path, identity: AppIdentity, packages: PackageStore,
                 timeout: float = HEALTHY_TIMEOUT, run: Callable[..., Any] = subprocess.run):
        self.folder = folder
        self.identity = identity
        self.packages = packages
        self.states = StateFile(folder)
        self.timeout = timeout
        self._run = run

    def staged(self) -> AppRelease | None:
        state = self.states.load()
        release = state.staged_release()
        if release is None or not self.packages.has(release.sha256):
            return None
        if release.version_tuple <= self.identity.version_tuple or release.version in state.bad_versions:
            return None
        return release

    def plan(self) -> ApplyPlan | None:
        release = self.staged()
        if release is None:
            return None
        return plan(self.identity, self.packages.path(release.sha256), release, self.folder / "install.log")

    def apply_staged(self) -> str:
        """Install the staged version (A/B: into the other slot; Windows: the silent
        installer; .deb: the package tool). Returns a sentence; raises ApplyError."""
        release = self.staged()
        if release is None:
            return L_("no newer version is waiting to be installed")
        how = self.plan()
        assert how is not None
        state = self.states.load()
        if how.manual:
            state.fail(L_("version {version} is downloaded but cannot be installed here: {manual}", version=release.version, manual=how.manual),
                       release.version)
            self.states.save(state)
            raise ApplyError(how.manual)
        try:
            slots = BundleSlots.of(self.identity)
            if how.command is None:  # A/B: unpack into the other slot (portable bundle, .deb per user)
                assert slots is not None
                slot = slots.other()
                slots.install(self.packages.path(release.sha256), release)
                state.trial = {"version": release.version, "slot": slot, "previous_slot": slots.current(),
                               "root": str(slots.root), "executable": str(slots.executable(slot)), "failures": 0}
            else:
                done = self._run(how.command, stdin=subprocess.DEVNULL, capture_output=True, check=False)
                if done.returncode != 0:
                    raise ApplyError(L_("the installer of version {version} failed (exit code {code}); see {log}", version=release.version, code=done.returncode, log=self.folder / 'install.log'))
                exe = how.new_executable or self.identity.executable
                if how.kind == WINDOWS and exe is not None:
                    # The installer put it in <install>\slots\X.Y.Z; `current` moves once it is
                    # healthy. An install from before the A/B layout had no previous slot to keep.
                    state.trial = {"version": release.version, "slot": release.version if slots else None,
                                   "previous_slot": slots.current() if slots else None,
                                   "root": str(exe.parent.parent.parent), "executable": str(exe), "failures": 0}
                else:  # the package tool replaced the program in place
                    state.trial = {"version": release.version, "slot": None, "previous_slot": None,
                                   "executable": str(exe) if exe else None, "failures": 0}
        except ApplyError as exc:
            state.fail(str(exc), release.version)
            self.states.save(state)
            raise
        state.state, state.update_version, state.staged, state.last_error = "applied", release.version, None, None
        self.states.save(state)
        return L_("version {version} is installed; it starts on trial next time EduTeach starts", version=release.version)

    def pending_trial(self) -> dict[str, Any] | None:
        state = self.states.load()
        trial = state.trial
        if state.state != "applied" or not trial or trial.get("version") == self.identity.version:
            return None
        return trial

    def run_trial(self, argv: Sequence[str], env: dict[str, str] | None = None) -> TrialOutcome | None:
        """Start the applied version on trial (twice at most). Healthy: it becomes the
        current version and keeps running (returned). Else: rollback is recorded and the
        caller (this, the previous version) carries on. None: nothing on trial."""
        trial = self.pending_trial()
        if trial is None:
            return None
        version = str(trial["version"])
        root = trial.get("root")
        slots = BundleSlots(Path(str(root)), exe_name=Path(str(trial.get("executable"))).name) if root else None
        new_exe = Path(str(trial["executable"])) if trial.get("executable") else None
        reason = "its program is missing"
        failures = int(trial.get("failures", 0))
        while failures < MAX_FAILURES and new_exe is not None and new_exe.exists():
            outcome = try_start([str(new_exe), *argv], self.folder, version, self.timeout, env)
            if outcome.healthy:
                if slots is not None:
                    slots.set_current(str(trial["slot"] or version))
                    if self.identity.install_kind == WINDOWS:
                        slots.prune({version, str(trial.get("previous_slot") or "")})
                state = self.states.load()
                state.state, state.trial, state.last_error = "healthy", None, None
                self.states.save(state)
                return outcome
            failures += 1
            reason = outcome.reason
            state = self.states.load()
            if state.trial is not None:
                state.trial["failures"] = failures
            state.last_error = f"version {version} failed to start ({reason})"
            self.states.save(state)
        self._roll_back(version, reason, swapped=bool(trial.get("slot")))
        return TrialOutcome(False, reason)

    def _roll_back(self, version: str, reason: str, swapped: bool) -> None:
        state = self.states.load()
        state.update_version, state.trial = version, None
        if version not in state.bad_versions:
            state.bad_versions.append(version)
        if swapped:  # A/B: the previous version is untouched and still the one that starts
            state.state = "rolled_back"
            state.last_error = (f"version {version} failed twice ({reason}); this PC went back to version "
                                f"{self.identity.version} and will not install {version} again")
        else:  # installed in place (a .deb through dpkg, or the first update of a pre-A/B Windows install)
            state.state = "failed"
            state.last_error = (f"version {version} failed twice ({reason}); it was installed in place, so "
                                f"reinstall version {self.identity.version} from the county's installer")
        self.states.save(state)
        self.packages.keep_only(set())


def describe(state: UpdateState, running: str) -> str:
    """One line for doctor and `eduteach update`."""
    if state.state == "staged" and state.staged:
        return L_("version {version} is downloaded; it is installed when EduTeach closes",
                  version=state.staged.get("version"))
    if state.state == "applied":
        return L_("version {version} is installed and starts on trial next time", version=state.update_version)
    if state.state == "healthy" and state.update_version:
        return L_("version {version} is installed and passed its start-up check; it is the one that starts",
                  version=state.update_version)
    if state.state in ("rolled_back", "failed") and state.last_error:
        return state.last_error
    return L_("running version {running}; no newer version is waiting", running=running)
