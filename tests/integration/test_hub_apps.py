"""App packages under the delegated `apps` role, checked with python-tuf's own client.

A PC reads releases the way eduteach_protocol.app_release says: an Updater verifies the
metadata, then trusted_releases reads the verified root, targets and apps. Here the
Updater reads the hub's repository folder through a file fetcher (the same bytes the hub
serves; the HTTP side is tested in test_hub_repo_http.py).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from tuf.api import exceptions as tuf_exc
from tuf.api.metadata import DelegatedRole, Metadata, TargetFile
from tuf.ngclient import Updater
from tuf.ngclient.fetcher import FetcherInterface

from eduteach_hub.apps import repo
from eduteach_hub.config import HubHome
from eduteach_hub.publish.tuf_repo import load_signer
from eduteach_protocol.app_release import (
    APPS_ROLE,
    AppRelease,
    AppReleaseError,
    newest_for,
    still_listed,
    trusted_releases,
)
from tests.helpers.lessons import write_lesson
from tests.integration.hubproc import cli, init_home


class FolderFetcher(FetcherInterface):
    """file:///… URLs straight from the repository folder."""

    def _fetch(self, url: str) -> Iterator[bytes]:
        path = Path(url.removeprefix("file://"))
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise tuf_exc.DownloadHTTPError(f"{url} not found", 404) from None
        yield data


class Pc:
    """A TUF client that trusts the repository's first root, as an enrolled PC does."""

    def __init__(self, home: Path, where: Path):
        self.repo = home / "repo"
        self.meta = where / "metadata"
        self.meta.mkdir(parents=True)
        shutil.copy(self.repo / "metadata" / "1.root.json", self.meta / "root.json")

    def updater(self) -> Updater:
        updater = Updater(str(self.meta), f"file://{self.repo}/metadata/", target_base_url=f"file://{self.repo}/targets/",
                          fetcher=FolderFetcher(), bootstrap=None)
        updater.refresh()
        return updater

    def releases(self) -> list[AppRelease]:
        """Refresh, make the Updater verify apps, then read what it verified."""
        updater = self.updater()
        updater.get_targetinfo("apps/linux-x64/0.0.0/probe")  # walks the delegation: loads apps
        signed = {name: json.loads((self.meta / f"{name}.json").read_bytes())["signed"]
                  for name in ("root", "targets", APPS_ROLE)}
        return trusted_releases(signed["root"], signed["targets"], signed[APPS_ROLE])


def _package(base: Path, name: str = "EduTeach-setup.exe", body: bytes = b"MZ installer v1") -> Path:
    path = base / name
    path.write_bytes(body)
    return path


def _publish(home: Path, pkg: Path, platform: str, version: str, *extra: str) -> tuple[int, str]:
    return cli("publish-app", str(pkg), "--platform", platform, "--version", version, *extra, home=home)


def test_publish_app_is_signed_under_apps_and_fetched_by_a_tuf_client(tmp_path: Path) -> None:
    home = init_home(tmp_path)
    pkg = _package(tmp_path)
    rc, out = _publish(home, pkg, "windows-x64", "1.2.0", "--channel", "stable", "--notes", "修复播放")
    assert rc == 0 and "signed and published" in out
    pc = Pc(home, tmp_path / "pc")
    releases = pc.releases()
    assert [(r.platform, r.version, r.channel, r.notes) for r in releases] == [("windows-x64", "1.2.0", "stable", "修复播放")]
    updater = pc.updater()
    info = updater.get_targetinfo("apps/windows-x64/1.2.0/EduTeach-setup.exe")
    assert info is not None and info.hashes["sha256"] == releases[0].sha256
    got = updater.download_target(info, str(tmp_path / "got.exe"))
    assert Path(got).read_bytes() == pkg.read_bytes()
    # The same bytes as a blob, for the PC's resumable engine.
    assert (home / "repo" / "blobs" / releases[0].sha256[:2] / releases[0].sha256).read_bytes() == pkg.read_bytes()
    # apps metadata is signed by the apps key alone, and root pins that key.
    apps_md = Metadata.from_file(str(sorted((home / "repo" / "metadata").glob("*.apps.json"))[-1]))
    apps_keyid = load_signer(home / "keys", "apps").public_key.keyid
    assert list(apps_md.signatures) == [apps_keyid]


def test_a_lesson_publisher_cannot_publish_code(tmp_path: Path) -> None:
    """Someone with the targets, snapshot and timestamp keys but not the apps key."""
    home_path = init_home(tmp_path)
    home = HubHome(home_path)
    offline = tmp_path / "apps-key-elsewhere.pem"
    shutil.move(home_path / "keys" / "apps.pem", offline)
    pc = Pc(home_path, tmp_path / "pc")
    assert pc.releases() == []
    evil_path = "apps/linux-x64/9.9.9/evil.tar.gz"
    evil = AppRelease("9.9.9", "linux-x64", "stable", "", "2026-12-07T00:00:00Z", evil_path, 4, "0" * 64)
    evil_target = TargetFile(4, {"sha256": "0" * 64}, evil_path, unrecognized_fields={"custom": evil.custom()})
    writer = home.writer()
    targets_signer = load_signer(home.keys_dir, "targets")

    # 1. The CLI without the apps key does not publish: the change waits for signing.
    rc, out = _publish(home_path, _package(tmp_path, "evil.tar.gz", b"evil"), "linux-x64", "9.9.9")
    assert rc == 0 and "waits for signing" in out
    assert pc.releases() == []

    # 2. apps metadata signed with the targets key: the TUF client refuses it.
    apps_md = writer.load(APPS_ROLE)
    apps_md.signed.targets[evil_path] = evil_target
    apps_md.signed.version += 1
    apps_md.signatures.clear()
    apps_md.sign(targets_signer)
    writer.write_delegated(APPS_ROLE, apps_md)
    with pytest.raises(tuf_exc.UnsignedMetadataError):
        pc.updater().get_targetinfo(evil_path)

    # 3. Re-delegating apps to the targets key: TUF accepts it (the delegator may), so root
    #    pins the apps key and the PC refuses releases from any other key.
    targets_md = writer.load("targets")
    targets_md.signed.delegations.keys[targets_signer.public_key.keyid] = targets_signer.public_key  # type: ignore[union-attr]
    targets_md.signed.delegations.roles[APPS_ROLE] = DelegatedRole(  # type: ignore[union-attr, index]
        APPS_ROLE, [targets_signer.public_key.keyid], 1, True, ["apps/*/*/*"])
    targets_md.signed.version += 1
    apps_md.signed.version += 1
    writer.write_delegation(targets_md, {APPS_ROLE: apps_md}, {APPS_ROLE: targets_signer})
    assert pc.updater().get_targetinfo(evil_path) is not None  # plain TUF would take it
    with pytest.raises(AppReleaseError, match="not delegated to the key named by root"):
        pc.releases()


def test_an_apps_path_in_top_level_targets_is_not_a_release(tmp_path: Path) -> None:
    """The targets key can list any path itself; releases are read from apps only."""
    home_path = init_home(tmp_path)
    home = HubHome(home_path)
    evil_path = "apps/linux-x64/9.9.9/evil.tar.gz"
    evil = AppRelease("9.9.9", "linux-x64", "stable", "", "2026-12-07T00:00:00Z", evil_path, 4, "0" * 64)
    writer = home.writer()
    targets_md = writer.load("targets")
    targets_md.signed.targets[evil_path] = TargetFile(4, {"sha256": "0" * 64}, evil_path,
                                                      unrecognized_fields={"custom": evil.custom()})
    targets_md.signed.version += 1
    writer.write_delegation(targets_md, {}, {})
    pc = Pc(home_path, tmp_path / "pc")
    assert pc.releases() == []


def test_offline_signing_round_trip(tmp_path: Path) -> None:
    home = init_home(tmp_path)
    key_machine = tmp_path / "key-machine"
    key_machine.mkdir()
    shutil.move(home / "keys" / "apps.pem", key_machine / "apps.pem")
    pc = Pc(home, tmp_path / "pc")
    assert _publish(home, _package(tmp_path), "windows-x64", "1.0.0")[0] == 0
    assert cli("app", "promote", "1.0.0", "--platform", "windows-x64", home=home)[0] == 0  # stacks on the pending change
    assert pc.releases() == []
    req, signed = tmp_path / "req.json", key_machine / "signed.json"
    assert cli("app", "sign-request", "--out", str(req), home=home)[0] == 0
    rc, out = cli("app", "sign", str(req), "--key", str(key_machine / "apps.pem"), "--out", str(signed))
    assert rc == 0 and "windows-x64 1.0.0 stable" in out

    # A signature by another key, or a request changed after signing, is refused.
    other_key = tmp_path / "other.pem"
    repo.generate_key(other_key)
    forged = tmp_path / "forged.json"
    assert cli("app", "sign", str(req), "--key", str(other_key), "--out", str(forged))[0] == 0
    assert cli("app", "import-signed", str(forged), home=home)[0] == 1
    changed = json.loads(signed.read_bytes())
    changed["signed"]["targets"]["apps/windows-x64/1.0.0/EduTeach-setup.exe"]["length"] += 1
    (tmp_path / "changed.json").write_text(json.dumps(changed), encoding="utf-8")
    assert cli("app", "import-signed", str(tmp_path / "changed.json"), home=home)[0] == 1
    assert pc.releases() == []

    rc, out = cli("app", "import-signed", str(signed), home=home)
    assert rc == 0, out
    assert [(r.version, r.channel) for r in pc.releases()] == [("1.0.0", "stable")]
    assert cli("app", "import-signed", str(signed), home=home)[0] == 1  # nothing waits any more
    # --key: sign at once with a key kept outside the home.
    assert _publish(home, _package(tmp_path, body=b"v2"), "windows-x64", "1.1.0",
                    "--key", str(key_machine / "apps.pem"))[0] == 0
    assert [r.version for r in pc.releases()] == ["1.0.0", "1.1.0"]


def test_list_promote_withdraw(tmp_path: Path) -> None:
    home = init_home(tmp_path)
    pc = Pc(home, tmp_path / "pc")
    assert _publish(home, _package(tmp_path, body=b"1"), "linux-x64", "1.0.0", "--channel", "stable")[0] == 0
    assert _publish(home, _package(tmp_path, body=b"2"), "linux-x64", "1.1.0")[0] == 0  # pilot by default
    assert _publish(home, _package(tmp_path, body=b"3"), "windows-x64", "1.1.0")[0] == 0
    assert _publish(home, _package(tmp_path, body=b"4"), "linux-x64", "1.1.0")[0] == 1  # same version again
    rc, out = cli("app", "list", home=home)
    assert rc == 0 and "linux-x64    1.1.0    pilot" in out and "linux-x64    1.0.0    stable" in out

    releases = pc.releases()
    pilot = newest_for("linux-x64", "pilot", releases)
    stable = newest_for("linux-x64", "stable", releases)
    assert pilot is not None and stable is not None and (pilot.version, stable.version) == ("1.1.0", "1.0.0")

    assert cli("app", "promote", "1.1.0", "--platform", "linux-x64", home=home)[0] == 0
    assert cli("app", "promote", "1.1.0", "--platform", "linux-x64", home=home)[0] == 1  # already stable
    stable = newest_for("linux-x64", "stable", pc.releases())
    assert stable is not None and stable.version == "1.1.0"

    assert cli("app", "withdraw", "1.1.0", "--platform", "linux-x64", home=home)[0] == 0
    releases = pc.releases()
    assert not still_listed(pilot, releases)  # a PC that staged it does not apply it
    stable = newest_for("linux-x64", "stable", releases)
    assert stable is not None and stable.version == "1.0.0"
    assert newest_for("windows-x64", "pilot", releases) is not None  # the other platform untouched
    assert _publish(home, _package(tmp_path, body=b"5"), "linux-x64", "1.1.0")[0] == 1  # never reused
    assert "withdrawn: linux-x64/1.1.0" in cli("app", "list", home=home)[1]
    assert cli("app", "withdraw", "7.0.0", "--platform", "linux-x64", home=home)[0] == 1


def test_a_home_made_before_app_updates_migrates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(repo, "init_apps", lambda home, key_path=None: None)  # the old `init`
    home = init_home(tmp_path)
    monkeypatch.undo()
    src = tmp_path / "src"
    write_lesson(src, "music-ry-0")
    assert cli("publish", str(src), home=home)[0] == 0
    pc = Pc(home, tmp_path / "pc")  # enrolled with root v1, before the apps role
    assert pc.updater().get_targetinfo("catalog.json") is not None
    assert cli("publish-app", str(_package(tmp_path)), "--platform", "linux-x64", "--version", "1.0.0",
               home=home)[0] == 1  # says to run app init

    shutil.move(home / "keys" / "root.pem", tmp_path / "root-offline.pem")
    assert cli("app", "init", home=home)[0] == 1  # the root key is needed: nothing written
    assert not (home / "keys" / "apps.pem").exists() and not HubHome(home).writer().has_role(APPS_ROLE)
    shutil.move(tmp_path / "root-offline.pem", home / "keys" / "root.pem")
    assert cli("app", "init", home=home)[0] == 0
    assert _publish(home, _package(tmp_path), "linux-x64", "1.0.0")[0] == 0
    # A lesson publish after that keeps apps in the snapshot.
    write_lesson(src, "music-ry-1", order=2)
    assert cli("publish", str(src), home=home)[0] == 0
    updater = pc.updater()  # takes root v2 through the chain
    assert updater.get_targetinfo("catalog.json") is not None
    assert [r.version for r in pc.releases()] == ["1.0.0"]
    assert cli("app", "init", home=home)[0] == 1  # once only


def test_bad_input_is_one_line_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = init_home(tmp_path)
    bad_name = _package(tmp_path, "EduTeach setup.exe")
    assert _publish(home, bad_name, "linux-x64", "1.0.0")[0] == 1
    assert _publish(home, tmp_path / "missing.zip", "linux-x64", "1.0.0")[0] == 1
    assert _publish(home, _package(tmp_path), "linux-x64", "1.0.0", "--notes", "\x1b]0;pwned\x07")[0] == 1
    (home / "keys" / "apps.pem").write_text("not a key", encoding="utf-8")
    assert _publish(home, _package(tmp_path), "linux-x64", "1.0.0")[0] == 1
    (home / "apps-pending.json").write_text("{", encoding="utf-8")
    assert cli("app", "list", home=home)[0] == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "a package name is letters" in err and "missing.zip: no such file" in err
    assert "--notes holds the control character" in err
    assert "not an unencrypted PEM private key" in err and "apps-pending.json is damaged" in err
