"""This PC's own Ed25519 key: made once at first start, never leaves the PC.

It signs record files carried by USB, and its digest makes record ids unique per PC even
before the PC is enrolled."""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
)

from eduteach_desktop.core.errors import StoreError


def load_or_create_device_key(path: Path) -> Ed25519PrivateKey:
    if path.exists():
        key = load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise StoreError(f"{path} is not an Ed25519 key")
        return key
    key = Ed25519PrivateKey.generate()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return key


def public_raw(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def public_key_b64(key: Ed25519PrivateKey) -> str:
    return base64.b64encode(public_raw(key)).decode()


def key_digest(key: Ed25519PrivateKey) -> bytes:
    return hashlib.sha256(public_raw(key)).digest()
