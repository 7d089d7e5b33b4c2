"""What this PC's updater has done, kept in <data>/updates/state.json (durable writes).

The app, the `eduteach update` command, the trial supervisor and the inventory report all
read the same file, so a rollback decided by one process is known to the others."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from eduteach_protocol import durable
from eduteach_protocol.app_release import MAX_ERROR_CHARS, AppRelease

STATE_FILE = "state.json"


def release_to_dict(release: AppRelease) -> dict[str, Any]:
    return asdict(release)


def release_from_dict(data: dict[str, Any]) -> AppRelease:
    return AppRelease(**{k: data[k] for k in AppRelease.__dataclass_fields__})


@dataclass
class UpdateState:
    state: str = "idle"  # one of eduteach_protocol.app_release.UPDATE_STATES
    update_version: str | None = None  # the version `state` is about
    staged: dict[str, Any] | None = None  # the AppRelease staged (release_to_dict), file in staged/
    trial: dict[str, Any] | None = None  # {"version", "slot", "previous_slot", "failures"} while on trial
    bad_versions: list[str] = field(default_factory=list)  # failed on this PC: never installed again
    last_error: str | None = None
    last_check: str | None = None

    def staged_release(self) -> AppRelease | None:
        if not self.staged:
            return None
        try:
            return release_from_dict(self.staged)
        except (KeyError, TypeError):
            return None

    def fail(self, message: str, version: str | None = None) -> None:
        self.state, self.last_error = "failed", message[:MAX_ERROR_CHARS]
        if version is not None:
            self.update_version = version


class StateFile:
    def __init__(self, folder: Path):
        self.folder = folder
        self.path = folder / STATE_FILE

    def load(self) -> UpdateState:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return UpdateState()
        if not isinstance(data, dict):
            return UpdateState()
        known = {k: v for k, v in data.items() if k in UpdateState.__dataclass_fields__}
        try:
            return UpdateState(**known)
        except TypeError:
            return UpdateState()

    def save(self, state: UpdateState) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        body = json.dumps(asdict(state), ensure_ascii=False, indent=1).encode("utf-8")
        durable.write_atomic(self.path, body)
