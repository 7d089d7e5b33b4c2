"""Secrets at rest: the device key and the hub credential.

The real DPAPI cannot run on Linux: the Windows path is tested with injected protect and
unprotect functions that behave like it (a per-account sealing that another account cannot
open), which checks our format markers, migration and error handling, not Windows itself."""

from __future__ import annotations

import base64
import os
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

from eduteach_desktop.services import Services
from eduteach_desktop.store import settings as keys
from eduteach_desktop.store.devicekey import load_or_create_device_key, public_raw
from eduteach_desktop.store.secrets import (
    FILE_MARK,
    TEXT_MARK,
    SecretUnreadableError,
    dpapi_box,
    plain_box,
)

# Rewriting a key file in place must also work under Windows' file rules.
pytestmark = pytest.mark.windows_semantics


class FakeDpapi:
    """Seals for one "Windows account": another account's FakeDpapi cannot open it."""

    def __init__(self, account: str):
        self.account = account.encode()
        self.calls = 0

    def protect(self, data: bytes) -> bytes:
        self.calls += 1
        return self.account + b"|" + bytes(b ^ 0x5A for b in data)

    def unprotect(self, blob: bytes) -> bytes:
        owner, _, body = blob.partition(b"|")
        if owner != self.account:
            raise OSError(13, "The data is invalid")  # what CryptUnprotectData gives
        return bytes(b ^ 0x5A for b in body)


def windows_box(account: str = "teacher"):  # type: ignore[no-untyped-def]
    fake = FakeDpapi(account)
    return dpapi_box(fake.protect, fake.unprotect), fake


def test_on_linux_the_device_key_file_is_0600_and_says_how_it_is_kept(tmp_path: Path):
    path = tmp_path / "device-key.pem"
    old_umask = os.umask(0o022)
    try:
        key = load_or_create_device_key(path, plain_box())
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_bytes().startswith(FILE_MARK + b"plain\n-----BEGIN PRIVATE KEY-----")
    assert public_raw(load_or_create_device_key(path, plain_box())) == public_raw(key)


def test_an_old_plain_key_file_is_kept_and_narrowed_to_0600(tmp_path: Path):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    path = tmp_path / "device-key.pem"
    path.write_bytes(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    path.chmod(0o644)
    loaded = load_or_create_device_key(path, plain_box())
    assert public_raw(loaded) == public_raw(key)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_bytes().startswith(FILE_MARK + b"plain\n")


def test_on_windows_the_key_is_sealed_with_dpapi_and_an_old_plain_file_is_migrated(tmp_path: Path):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    path = tmp_path / "device-key.pem"
    path.write_bytes(pem)  # written by an older EduTeach
    box, fake = windows_box()
    loaded = load_or_create_device_key(path, box)
    assert public_raw(loaded) == public_raw(key)
    raw = path.read_bytes()
    assert raw.startswith(FILE_MARK + b"dpapi-user\n")
    assert b"PRIVATE KEY" not in raw and pem not in raw
    assert fake.calls == 1
    assert public_raw(load_or_create_device_key(path, box)) == public_raw(key)
    assert fake.calls == 1  # already sealed: not written again
    assert not list(tmp_path.glob("*.tmp"))


def test_another_windows_account_cannot_read_the_key(tmp_path: Path):
    path = tmp_path / "device-key.pem"
    box, _ = windows_box("teacher")
    load_or_create_device_key(path, box)
    pupil_box, _ = windows_box("pupil")
    with pytest.raises(SecretUnreadableError):
        load_or_create_device_key(path, pupil_box)
    with pytest.raises(SecretUnreadableError):  # a DPAPI file copied to Linux
        load_or_create_device_key(path, plain_box())


def test_the_hub_credential_is_sealed_in_the_database_and_migrated_on_first_read(tmp_path: Path):
    box, _ = windows_box()
    s = Services.open(tmp_path / "pc", secrets=plain_box())
    try:
        s.settings.set(keys.DEVICE_SECRET, "s3cret-from-the-hub")  # an older EduTeach wrote this
    finally:
        s.close()
    s = Services.open(tmp_path / "pc", secrets=box)
    try:
        stored = s.db.query_one("SELECT value FROM settings WHERE key = ?", (keys.DEVICE_SECRET,))
        assert "s3cret" in stored["value"]
        assert s.settings.get(keys.DEVICE_SECRET) == "s3cret-from-the-hub"
        stored = s.db.query_one("SELECT value FROM settings WHERE key = ?", (keys.DEVICE_SECRET,))
        assert "s3cret" not in stored["value"] and TEXT_MARK + "dpapi-user:" in stored["value"]
        sealed = stored["value"].split(":", 2)[2].rstrip('"')
        assert base64.b64decode(sealed)  # the DPAPI blob, base64
        s.settings.update({keys.DEVICE_SECRET: "new-secret"})
        assert s.settings.get(keys.DEVICE_SECRET) == "new-secret"
        assert "new-secret" not in s.db.query_one(
            "SELECT value FROM settings WHERE key = ?", (keys.DEVICE_SECRET,))["value"]
        assert s.settings.get(keys.HUB_URL) is None  # other settings are untouched
    finally:
        s.close()


def test_on_linux_the_database_holding_the_credential_is_0600(tmp_path: Path):
    s = Services.open(tmp_path / "pc")
    try:
        s.settings.set(keys.DEVICE_SECRET, "x")
        for suffix in ("", "-wal", "-shm"):
            f = s.datadir.db_path.with_name(s.datadir.db_path.name + suffix)
            if f.exists():
                assert stat.S_IMODE(f.stat().st_mode) == 0o600, f
        assert s.device_key is not None  # made on first use
        assert stat.S_IMODE(s.datadir.device_key.stat().st_mode) == 0o600
    finally:
        s.close()


def test_a_credential_sealed_by_another_account_means_enroll_again_not_a_crash(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch):
    from eduteach_desktop.cli import doctor
    from eduteach_desktop.core.clock import SystemClock
    from eduteach_desktop.store import secrets

    teacher, _ = windows_box("teacher")
    s = Services.open(tmp_path / "pc", secrets=teacher)
    try:
        s.settings.update({keys.DEVICE_ID: "dev-1", keys.DEVICE_SECRET: "s3cret", keys.HUB_URL: "http://hub"})
        assert s.settings.enrolled()
    finally:
        s.close()
    other, _ = windows_box("other-teacher")
    s = Services.open(tmp_path / "pc", secrets=other)
    try:
        assert not s.settings.enrolled()
        with pytest.raises(SecretUnreadableError):
            s.settings.get(keys.DEVICE_SECRET)
    finally:
        s.close()
    # doctor, running as that other account, says what to do (and never sends the sealed value)
    monkeypatch.setattr(secrets, "platform_box", lambda: other)
    from eduteach_desktop.store.db import Database

    db = Database.open_readonly(tmp_path / "pc" / "eduteach.sqlite3")
    settings = doctor.read_settings(db)
    db.close()
    assert settings[keys.DEVICE_SECRET] is None
    [check] = doctor.check_hub(settings, SystemClock(), offline=False)
    assert check.level == doctor.FAIL and "Windows account" in check.title
