"""This PC's own Ed25519 key: made once at first start, never leaves the PC.

It signs record files carried by USB, and its digest makes record ids unique per PC even
before the PC is enrolled."""

from __future__ import annotations

import base64
import hashlib
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

from .secrets import SecretBox, platform_box


def load_or_create_device_key(path: Path, box: SecretBox | None = None) -> Ed25519PrivateKey:
    """The key is sealed at rest by `box` (DPAPI on Windows, a 0600 file elsewhere); a key
    file from before sealing is resealed the first time it is read."""
    box = box or platform_box()
    if path.exists():
        try:
            key = load_pem_private_key(box.read_file(path), password=None)
        except ValueError as exc:
            raise StoreError(f"{path} is not a readable key") from exc
        if not isinstance(key, Ed25519PrivateKey):
            raise StoreError(f"{path} is not an Ed25519 key")
        return key
    key = Ed25519PrivateKey.generate()
    box.write_file(path, key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    return key


def public_raw(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def public_key_b64(key: Ed25519PrivateKey) -> str:
    return base64.b64encode(public_raw(key)).decode()


def key_digest(key: Ed25519PrivateKey) -> bytes:
    return hashlib.sha256(public_raw(key)).digest()
