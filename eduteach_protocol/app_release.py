"""App packages in the signed repository: the format the hub publishes and a PC reads.

Roles and keys
    A delegated TUF targets role named ``apps`` (APPS_ROLE), delegated from the top-level
    ``targets`` role, terminating, threshold 1, with its own Ed25519 key (the hub's
    ``keys/apps.pem`` by default, or kept on another machine). Only ``apps`` may list
    app packages: the lesson publisher's targets key cannot, because a TUF client looks
    up ``apps/...`` paths only through the delegation, and python-tuf's Updater refuses
    metadata for ``apps`` that the apps key did not sign.

    The targets key signs the delegation, so on its own it could re-delegate ``apps`` to
    a key of its choosing. The root role (offline key) therefore pins the apps key ids:
    root.json's signed part carries ROOT_APPS_KEYIDS_FIELD, a list of key ids, and a PC
    uses app releases only when the ``apps`` delegation in the verified targets names
    exactly those keys (trusted_releases). A lesson publisher also could list an
    ``apps/...`` path directly in top-level targets; a PC therefore reads releases from
    the verified ``apps`` metadata only, never from a generic target lookup.

    The delegation's path pattern is APPS_PATH_PATTERN = ``apps/*/*/*``, not ``apps/*``:
    python-tuf matches a pattern segment by segment ("*" never spans a "/"), and the
    target paths below have four segments.

Target paths
    ``apps/<platform>/<version>/<filename>`` (app_target_path), platform in PLATFORMS,
    version ``X.Y.Z`` (parse_version), filename a plain name (letters, digits, ``._-+``).
    Each target's ``custom`` is ``{"eduteach_app": {"version", "platform", "channel",
    "notes", "published"}}`` and must agree with the path (release_from_target checks it).

Where the bytes are (consistent snapshots, like the catalog)
    ``<repo>/targets/apps/<platform>/<version>/<sha256>.<filename>`` (app_relpath): the
    file python-tuf's ``Updater.download_target`` fetches. The hub also stores the same
    bytes as a blob, ``<repo>/blobs/<aa>/<sha256>`` (repo_layout.blob_relpath), so a PC
    may fetch it with the resumable blob engine and verify length and sha256 from the
    AppRelease.

Channels
    A school is on ``stable`` (the default) or ``pilot``; the PC learns it from the hub
    (``"channel"`` in GET /api/v1/devices/me, in the enrollment answer, and in an
    enrollment file). A PC on ``pilot`` takes the newest of pilot and stable releases,
    a PC on ``stable`` only stable ones (newest_for). Promoting a version re-signs its
    target with ``"channel": "stable"``; its bytes, path and hash do not change.

Withdrawing a version
    The hub removes the target from ``apps`` (a new apps version, then snapshot and
    timestamp). TUF's rollback protection means no mirror can serve the older apps
    metadata that still listed it. So a PC learns of a withdrawal by what is *not*
    there: before applying a staged package it refreshes the metadata it can reach
    (hub, USB, satellite) and applies only if ``still_listed`` says the staged target
    is listed with the same sha256 and length. If it cannot refresh at all, it applies
    only what the last verified metadata still lists. A PC that already runs a
    withdrawn version keeps it (it refuses older versions): the fix is a newer version,
    which the hub publishes after withdrawing (docs/updates.md). The apps metadata's
    signed part also lists what was withdrawn, WITHDRAWN_FIELD = ``["<platform>/<version>",
    …]``, so the hub never reuses a number and a PC can say why a staged package went.

What a PC reports back (POST /api/v1/inventory, optional fields; see STATUS_FIELDS)
    ``app_version`` ("X.Y.Z"), ``app_platform`` (a PLATFORMS value), ``update_state``
    (an UPDATE_STATES value), ``update_version`` (the version that state is about, or
    null), ``last_update_error`` (one sentence, at most 500 characters, or null).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .limits import FORBIDDEN_CHARS_RE
from .text_rules import forbidden_char, text_problem

APPS_ROLE = "apps"
APPS_PATH_PATTERN = "apps/*/*/*"
APPS_PREFIX = "apps/"
ROOT_APPS_KEYIDS_FIELD = "x-eduteach-apps-keyids"
WITHDRAWN_FIELD = "x-eduteach-withdrawn"
CUSTOM_KEY = "eduteach_app"

PLATFORMS = ("windows-x64", "linux-x64", "linux-arm64")
CHANNELS = ("pilot", "stable")
DEFAULT_CHANNEL = "stable"

# What the PC's updater is doing, reported to the hub (dashboard: app versions page).
UPDATE_STATES = (
    "idle",         # running its version, nothing newer offered
    "staged",       # a newer version is downloaded and verified, waiting for the app to close
    "applied",      # installed, waiting for the new version to mark itself healthy
    "healthy",      # the new version reached its main window and passed its self-test
    "rolled_back",  # the new version failed; the previous one runs again
    "failed",       # the update could not be fetched, verified, staged or installed
)
STATUS_FIELDS = ("app_version", "app_platform", "update_state", "update_version", "last_update_error")
MAX_ERROR_CHARS = 500
MAX_NOTES_CHARS = 2000

_VERSION_RE = re.compile(r"(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})")
_FILENAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,127}")
_SHA256_RE = re.compile(r"[0-9a-f]{64}")


class AppReleaseError(ValueError):
    """A version, path or target entry that is not a valid app release."""


def notes_problem(notes: str) -> str | None:
    """Why release notes cannot be published (too long, a control character), or None."""
    return text_problem(notes, MAX_NOTES_CHARS, allow_newlines=True)


def clean_error(error: str) -> str | None:
    """A PC's last_update_error as the county sees it: control characters and bidi
    overrides become spaces (an exception text may hold a newline; the report that
    carries it must still count), surrounding space trimmed; None when nothing is left."""
    cleaned = FORBIDDEN_CHARS_RE.sub(" ", error).strip()
    return cleaned or None


def parse_version(text: str) -> tuple[int, int, int]:
    """``"1.10.2"`` → ``(1, 10, 2)``; compare the tuples. Raises AppReleaseError."""
    match = _VERSION_RE.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise AppReleaseError(f"{str(text)[:40]!r} is not a version X.Y.Z (whole numbers)")
    major, minor, patch = (int(g) for g in match.groups())
    return (major, minor, patch)


def check_platform(platform: str) -> str:
    if platform not in PLATFORMS:
        raise AppReleaseError(f"{str(platform)[:40]!r} is not a platform ({', '.join(PLATFORMS)})")
    return platform


def check_channel(channel: str) -> str:
    if channel not in CHANNELS:
        raise AppReleaseError(f"{str(channel)[:40]!r} is not a channel ({', '.join(CHANNELS)})")
    return channel


def check_filename(filename: str) -> str:
    if not isinstance(filename, str) or not _FILENAME_RE.fullmatch(filename) or ".." in filename:
        raise AppReleaseError(f"{str(filename)[:80]!r}: a package name is letters, digits and ._-+")
    return filename


def app_target_path(platform: str, version: str, filename: str) -> str:
    parse_version(version)
    return f"{APPS_PREFIX}{check_platform(platform)}/{version}/{check_filename(filename)}"


def app_relpath(target_path: str, sha256: str) -> str:
    """Where a consistent-snapshot repository holds the package's bytes."""
    if not _SHA256_RE.fullmatch(sha256):
        raise AppReleaseError(f"{sha256[:80]!r} is not a SHA-256 hex digest")
    platform, version, filename = _split(target_path)
    return f"targets/{APPS_PREFIX}{platform}/{version}/{sha256}.{filename}"


def _split(target_path: str) -> tuple[str, str, str]:
    parts = target_path.split("/") if isinstance(target_path, str) else []
    if len(parts) != 4 or parts[0] != APPS_ROLE:
        raise AppReleaseError(f"{str(target_path)[:120]!r} is not apps/<platform>/<version>/<file>")
    _, platform, version, filename = parts
    check_platform(platform)
    parse_version(version)
    check_filename(filename)
    return platform, version, filename


@dataclass(frozen=True)
class AppRelease:
    version: str
    platform: str
    channel: str
    notes: str
    published: str
    target_path: str
    length: int
    sha256: str

    @property
    def version_tuple(self) -> tuple[int, int, int]:
        return parse_version(self.version)

    @property
    def filename(self) -> str:
        return self.target_path.rsplit("/", 1)[1]

    def custom(self) -> dict[str, Any]:
        """The target's ``custom`` as the hub signs it."""
        return {CUSTOM_KEY: {"version": self.version, "platform": self.platform, "channel": self.channel,
                             "notes": self.notes, "published": self.published}}


def release_from_target(target_path: str, entry: Mapping[str, Any]) -> AppRelease:
    """One target as in TUF JSON (``{"length", "hashes": {"sha256"}, "custom"}``;
    from a python-tuf TargetFile use ``tf.to_dict()``). Raises AppReleaseError."""
    platform, version, _ = _split(target_path)
    length = entry.get("length")
    hashes = entry.get("hashes")
    sha = hashes.get("sha256") if isinstance(hashes, Mapping) else None
    if not isinstance(length, int) or isinstance(length, bool) or length < 0:
        raise AppReleaseError(f"{target_path}: no valid length")
    if not isinstance(sha, str) or not _SHA256_RE.fullmatch(sha):
        raise AppReleaseError(f"{target_path}: no sha256 hash")
    custom = entry.get("custom")
    info = custom.get(CUSTOM_KEY) if isinstance(custom, Mapping) else None
    if not isinstance(info, Mapping):
        raise AppReleaseError(f"{target_path}: no {CUSTOM_KEY} description")
    if info.get("version") != version or info.get("platform") != platform:
        raise AppReleaseError(f"{target_path}: its description names another version or platform")
    notes, published = info.get("notes", ""), info.get("published", "")
    if not isinstance(notes, str) or len(notes) > MAX_NOTES_CHARS or not isinstance(published, str):
        raise AppReleaseError(f"{target_path}: notes or published time malformed")
    # Notes reach a teacher's screen: no terminal escapes or bidi overrides (text_rules).
    if forbidden_char(notes, allow_newlines=True) or forbidden_char(published):
        raise AppReleaseError(f"{target_path}: notes hold a control character")
    return AppRelease(version=version, platform=platform, channel=check_channel(info.get("channel", "")),
                      notes=notes, published=published, target_path=target_path, length=length, sha256=sha)


def releases_from_targets(targets: Mapping[str, Mapping[str, Any]]) -> list[AppRelease]:
    """Every valid app release among target entries (path → TUF target JSON), oldest
    first. Entries outside ``apps/`` are ignored, malformed ones are skipped: a PC never
    installs what it cannot describe."""
    out = []
    for path, entry in targets.items():
        if not path.startswith(APPS_PREFIX) or not isinstance(entry, Mapping):
            continue
        try:
            out.append(release_from_target(path, entry))
        except AppReleaseError:
            continue
    return sorted(out, key=lambda r: (r.version_tuple, r.platform, r.target_path))


def channels_seen_by(channel: str) -> tuple[str, ...]:
    return CHANNELS if check_channel(channel) == "pilot" else ("stable",)


def newest_for(platform: str, channel: str, releases: Iterable[AppRelease]) -> AppRelease | None:
    """The release a PC on ``platform`` and ``channel`` should run (None: none offered).
    Two targets with the same version (should not happen) resolve by path, so every PC
    picks the same one."""
    seen = channels_seen_by(channel)
    fitting = [r for r in releases if r.platform == platform and r.channel in seen]
    if not fitting:
        return None
    return max(fitting, key=lambda r: (r.version_tuple, r.target_path))


def still_listed(staged: AppRelease, releases: Iterable[AppRelease]) -> bool:
    """Whether freshly verified metadata still offers the staged package (not withdrawn)."""
    return any(r.target_path == staged.target_path and r.sha256 == staged.sha256 and r.length == staged.length
               for r in releases)


def trusted_releases(root: Mapping[str, Any], targets: Mapping[str, Any], apps: Mapping[str, Any]) -> list[AppRelease]:
    """Releases from metadata a TUF client has verified (the ``signed`` parts of root,
    top-level targets and apps as JSON dicts), only when root pins the apps delegation's
    keys. Raises AppReleaseError when it does not (a re-delegation by the targets key)."""
    pinned = root.get(ROOT_APPS_KEYIDS_FIELD)
    if not isinstance(pinned, list) or not pinned:
        raise AppReleaseError("the repository's root does not name the apps key; it offers no app updates")
    delegations = targets.get("delegations")
    roles = delegations.get("roles") if isinstance(delegations, Mapping) else None
    role = next((r for r in roles or [] if isinstance(r, Mapping) and r.get("name") == APPS_ROLE), None)
    if role is None:
        raise AppReleaseError("the repository has no apps role")
    if sorted(role.get("keyids", [])) != sorted(pinned) or role.get("paths") != [APPS_PATH_PATTERN]:
        raise AppReleaseError("the apps role is not delegated to the key named by root; app updates refused")
    listed = apps.get("targets")
    if apps.get("_type") != "targets" or not isinstance(listed, Mapping):
        raise AppReleaseError("the apps metadata is malformed")
    return releases_from_targets(listed)
