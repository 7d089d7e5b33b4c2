"""The shared app-package format (eduteach_protocol.app_release)."""

from __future__ import annotations

import pytest

from eduteach_protocol.app_release import (
    AppRelease,
    AppReleaseError,
    app_relpath,
    app_target_path,
    newest_for,
    parse_version,
    releases_from_targets,
    still_listed,
)

SHA = "ab" * 32


def _entry(platform: str, version: str, channel: str, sha: str = SHA) -> tuple[str, dict[str, object]]:
    path = app_target_path(platform, version, "eduteach.zip")
    rel = AppRelease(version, platform, channel, "n", "2026-12-07T00:00:00Z", path, 10, sha)
    return path, {"length": 10, "hashes": {"sha256": sha}, "custom": rel.custom()}


def test_versions_compare_as_numbers() -> None:
    assert parse_version("1.10.0") > parse_version("1.9.9")
    for bad in ("1.2", "1.2.3.4", "01.2.3", "1.2.x", "", "1.2.3 "):
        with pytest.raises(AppReleaseError):
            parse_version(bad)


def test_paths_refuse_traversal_and_unknown_platforms() -> None:
    assert app_target_path("linux-x64", "1.2.3", "a.tar.gz") == "apps/linux-x64/1.2.3/a.tar.gz"
    assert app_relpath("apps/linux-x64/1.2.3/a.tar.gz", SHA) == f"targets/apps/linux-x64/1.2.3/{SHA}.a.tar.gz"
    for args in (("mac", "1.0.0", "a"), ("linux-x64", "1.0.0", "../a"), ("linux-x64", "1.0.0", "a/b")):
        with pytest.raises(AppReleaseError):
            app_target_path(*args)


def test_newest_for_channel_and_platform() -> None:
    targets = dict([
        _entry("linux-x64", "1.0.0", "stable"),
        _entry("linux-x64", "1.2.0", "pilot"),
        _entry("linux-x64", "1.10.0", "stable"),
        _entry("linux-x64", "1.11.0", "pilot"),
        _entry("windows-x64", "2.0.0", "stable"),
        ("catalog.json", {"length": 1, "hashes": {"sha256": SHA}}),
    ])
    releases = releases_from_targets(targets)
    assert [r.version for r in releases] == ["1.0.0", "1.2.0", "1.10.0", "1.11.0", "2.0.0"]
    stable = newest_for("linux-x64", "stable", releases)
    pilot = newest_for("linux-x64", "pilot", releases)
    assert stable is not None and stable.version == "1.10.0"
    assert pilot is not None and pilot.version == "1.11.0"
    assert newest_for("linux-arm64", "pilot", releases) is None
    assert still_listed(pilot, releases)
    assert not still_listed(pilot, [r for r in releases if r.version != "1.11.0"])


def test_malformed_entries_are_skipped() -> None:
    path, entry = _entry("linux-x64", "1.0.0", "stable")
    lying = dict(entry, custom={"eduteach_app": dict(entry["custom"]["eduteach_app"], version="9.9.9")})  # type: ignore[index]
    no_channel = dict(entry, custom={"eduteach_app": {"version": "1.0.0", "platform": "linux-x64"}})
    assert releases_from_targets({path: lying}) == []
    assert releases_from_targets({path: no_channel}) == []
    assert releases_from_targets({path: dict(entry, hashes={})}) == []
    assert releases_from_targets({"apps/linux-x64/1.0/x": entry}) == []
    escaping = dict(entry, custom={"eduteach_app": dict(entry["custom"]["eduteach_app"], notes="a\u202eexe.txt")})  # type: ignore[index]
    assert releases_from_targets({path: escaping}) == []
    multiline = dict(entry, custom={"eduteach_app": dict(entry["custom"]["eduteach_app"], notes="一\n二")})  # type: ignore[index]
    assert [r.notes for r in releases_from_targets({path: multiline})] == ["一\n二"]
