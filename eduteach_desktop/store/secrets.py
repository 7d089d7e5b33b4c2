"""Secrets at rest: this PC's device key and its hub credential.

On Windows they are sealed with DPAPI in the CurrentUser scope: only the Windows account
that runs EduTeach (the teacher's) can unseal them, so a pupil logged in on the same PC
cannot read them even if file permissions were too wide (the installer also denies them
read access, see installer/windows/eduteach.iss). On Linux and macOS the files are mode 0600
and the credential lives in the database, which is 0600 too.

Every sealed value carries a marker saying how it is protected, so a value written before
this existed (a plain PEM file, a plain credential) is recognised and resealed on first read.

The real DPAPI cannot run on the Linux CI machines: the Windows path's logic is tested with
injected protect/unprotect functions (tests/unit/test_secrets.py); only the ctypes calls in
_dpapi_protect/_dpapi_unprotect are untested here.
"""

from __future__ import annotations

import base64
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from eduteach_desktop.core.errors import StoreError
from eduteach_protocol import durable

FILE_MARK = b"EDUTEACH-SECRET 1 "
TEXT_MARK = "secret1:"
DPAPI = "dpapi-user"
PLAIN = "plain"
SECRET_FILE_MODE = 0o600

Transform = Callable[[bytes], bytes]


class SecretUnreadableError(StoreError):
    """The secret was sealed by another Windows account or PC (DPAPI refuses it)."""

    code = "secret_unreadable"


@dataclass(frozen=True)
class SecretBox:
    """Seals and opens secrets. `scheme` names the protection written into each value."""

    scheme: str
    protect: Transform
    unprotect: Transform

    # --- files (the device key) ----------------------------------------------------------
    def write_file(self, path: Path, secret: bytes) -> None:
        body = self.protect(secret)
        if self.scheme != PLAIN:
            body = base64.b64encode(body) + b"\n"
        durable.write_atomic(path, FILE_MARK + self.scheme.encode() + b"\n" + body, mode=SECRET_FILE_MODE)

    def read_file(self, path: Path) -> bytes:
        """The secret in `path`; an old or differently sealed file is resealed in place."""
        raw = path.read_bytes()
        scheme, secret = self._open_file(raw)
        if scheme != self.scheme or not raw.startswith(FILE_MARK):
            self.write_file(path, secret)  # migrate: it then says how it is protected
        elif os.name != "nt" and (path.stat().st_mode & 0o077):
            os.chmod(path, SECRET_FILE_MODE)  # someone widened it: a secret stays 0600
        return secret

    def _open_file(self, raw: bytes) -> tuple[str, bytes]:
        if not raw.startswith(FILE_MARK):
            return PLAIN, raw  # written before secrets were sealed
        header, _, body = raw.partition(b"\n")
        scheme = header[len(FILE_MARK):].decode("ascii", "replace").strip()
        if scheme == PLAIN:
            return PLAIN, body
        if scheme == DPAPI:
            return DPAPI, self._unseal_dpapi(base64.b64decode(body.strip()))
        raise StoreError(f"unknown secret protection {scheme!r}")

    # --- text values (the hub credential in the settings table) --------------------------
    def seal_text(self, secret: str) -> str:
        if self.scheme == PLAIN:
            return secret  # the database file itself is 0600
        sealed = base64.b64encode(self.protect(secret.encode("utf-8"))).decode("ascii")
        return f"{TEXT_MARK}{self.scheme}:{sealed}"

    def open_text(self, value: str) -> tuple[str, bool]:
        """(secret, stale): stale means the value should be stored again, sealed."""
        if not value.startswith(TEXT_MARK):
            return value, self.scheme != PLAIN
        scheme, _, body = value[len(TEXT_MARK):].partition(":")
        if scheme != DPAPI:
            raise StoreError(f"unknown secret protection {scheme!r}")
        secret = self._unseal_dpapi(base64.b64decode(body)).decode("utf-8")
        return secret, scheme != self.scheme

    def _unseal_dpapi(self, blob: bytes) -> bytes:
        if self.scheme != DPAPI:
            raise SecretUnreadableError("this secret was sealed on Windows and cannot be read here")
        try:
            return self.unprotect(blob)
        except OSError as exc:
            raise SecretUnreadableError("this secret was sealed by another Windows account") from exc


def _identity(data: bytes) -> bytes:
    return data


def plain_box() -> SecretBox:
    return SecretBox(PLAIN, _identity, _identity)


def dpapi_box(protect: Transform, unprotect: Transform) -> SecretBox:
    return SecretBox(DPAPI, protect, unprotect)


def platform_box() -> SecretBox:
    if sys.platform == "win32":  # pragma: no cover - needs Windows
        return dpapi_box(_dpapi_protect, _dpapi_unprotect)
    return plain_box()


# --- the real DPAPI (Windows only; not runnable in CI) -----------------------------------
_ENTROPY = b"EduTeach secret v1"
_CRYPTPROTECT_UI_FORBIDDEN = 0x1


def _dpapi_call(data: bytes, protect: bool) -> bytes:  # pragma: no cover - needs Windows
    import ctypes
    from ctypes import wintypes

    class Blob(ctypes.Structure):
        _fields_ = [("cbData", wintypes.DWORD), ("pbData", ctypes.POINTER(ctypes.c_char))]

    def blob(buf: bytes) -> tuple[Blob, ctypes.Array[ctypes.c_char]]:
        store = ctypes.create_string_buffer(buf, len(buf))
        return Blob(len(buf), ctypes.cast(store, ctypes.POINTER(ctypes.c_char))), store

    crypt32 = ctypes.WinDLL("crypt32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    data_in, keep_in = blob(data)
    entropy, keep_entropy = blob(_ENTROPY)
    out = Blob()
    fn = crypt32.CryptProtectData if protect else crypt32.CryptUnprotectData
    # CurrentUser scope: no CRYPTPROTECT_LOCAL_MACHINE flag.
    ok = fn(ctypes.byref(data_in), None, ctypes.byref(entropy), None, None,
            _CRYPTPROTECT_UI_FORBIDDEN, ctypes.byref(out))
    del keep_in, keep_entropy
    if not ok:
        raise OSError(ctypes.get_last_error(), "DPAPI refused the secret")  # type: ignore[attr-defined]
    try:
        return ctypes.string_at(out.pbData, out.cbData)
    finally:
        kernel32.LocalFree(out.pbData)


def _dpapi_protect(data: bytes) -> bytes:  # pragma: no cover - needs Windows
    return _dpapi_call(data, protect=True)


def _dpapi_unprotect(data: bytes) -> bytes:  # pragma: no cover - needs Windows
    return _dpapi_call(data, protect=False)
