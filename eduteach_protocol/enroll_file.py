"""Enrollment files: how a teaching point with no network joins its county from a USB stick.

A `.etenroll` file is UTF-8 JSON:

    {"format": "eduteach-enrollment", "format_version": 1,
     "school": {"code": "4301230001", "name": "大坪村教学点", "county_code": "430123"},
     "code": "K7Q2-M9XD-4RTA",            # a one-time enrollment code (the hub keeps its hash)
     "created": "…Z", "expires": "…Z",
     "hub_url": "https://hub.example/" or null,
     "editions": [ … ]                    # optional: the county's textbook editions (as in enrollment)
     "channel": "stable" | "pilot"        # optional: the school's app release channel (app_release)
     "root": "<base64 of the county repository's root.json>",
     "signature": {"keyid": "<TUF key id>", "sig": "<base64 Ed25519 signature>"}}

Trust model. The file carries the root it asks the PC to trust, so nothing inside it can
prove on its own that it came from the county: a forger can make a new root and sign with
it. What the signature does prove is that the identity, the code, the expiry and the root
belong together: it is made with the key the root itself names for the `targets` role (the
key that signs every lesson catalog; the root key can stay offline), so changing any field
or swapping the root for another county's breaks it. The PC therefore (1) checks the root's
own signatures (TUF), (2) checks this signature with the root's targets key, (3) shows the
county, the school and the root's fingerprint for the technician to confirm against what
the county printed, and (4) refuses a file whose root differs from one it already trusts
(another county). A forged file gains nothing at the hub: the code is known only there.

Standard library and cryptography only; imported by both the hub and the app.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from .cli_i18n import L_, N_, Text
from .limits import MAX_CODE_CHARS, MAX_DEVICE_NAME_CHARS, MAX_SCHOOL_NAME_CHARS
from .text_rules import text_problem

FORMAT = "eduteach-enrollment"
FORMAT_VERSION = 1
SUFFIX = ".etenroll"
MAX_BYTES = 1024 * 1024
SIGNING_ROLE = "targets"


class EnrollFileError(ValueError):
    """The file cannot be used. `code` is stable (the app words it for the teacher)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class EnrollFile:
    school_code: str
    school_name: str
    county_code: str
    code: str
    created: str
    expires: str
    hub_url: str | None
    root: bytes
    root_fingerprint: str
    editions: Any = None  # the county's textbook editions for the school (wire form), if sent
    channel: str | None = None  # the school's app release channel, if sent (older hubs do not)

    def expired(self, now_iso: str) -> bool:
        return self.expires <= now_iso


def canonical_bytes(doc: Mapping[str, Any]) -> bytes:
    unsigned = {k: v for k, v in doc.items() if k != "signature"}
    return json.dumps(unsigned, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def root_fingerprint(root: bytes) -> str:
    """What a technician compares by eye: the first 16 hex digits of the root's SHA-256,
    in groups of four (the county prints the same on its instructions)."""
    digest = hashlib.sha256(root).hexdigest()[:16].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 16, 4))


def _role_keys(root: bytes, role: str) -> dict[str, Ed25519PublicKey]:
    try:
        signed = json.loads(root.decode("utf-8"))["signed"]
        keyids = signed["roles"][role]["keyids"]
        out: dict[str, Ed25519PublicKey] = {}
        for keyid in keyids:
            key = signed["keys"][keyid]
            if key.get("keytype") != "ed25519":
                continue
            out[keyid] = Ed25519PublicKey.from_public_bytes(bytes.fromhex(key["keyval"]["public"]))
        return out
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise EnrollFileError("bad_root", Text.aside(f"the root inside the file is not TUF root metadata ({exc})",
                                                 N_("the root inside the file is not TUF root metadata"))) from None


def build(
    signing_key: Ed25519PrivateKey,
    keyid: str,
    *,
    school_code: str,
    school_name: str,
    county_code: str,
    code: str,
    created: str,
    expires: str,
    hub_url: str | None,
    root: bytes,
    editions: list[Any] | None = None,
    channel: str | None = None,
) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "school": {"code": school_code, "name": school_name, "county_code": county_code},
        "code": code,
        "created": created,
        "expires": expires,
        "hub_url": hub_url,
        "root": base64.b64encode(root).decode("ascii"),
    }
    if editions is not None:
        doc["editions"] = editions
    if channel is not None:
        doc["channel"] = channel
    sig = signing_key.sign(canonical_bytes(doc))
    doc["signature"] = {"keyid": keyid, "sig": base64.b64encode(sig).decode("ascii")}
    return doc


def encode(doc: Mapping[str, Any]) -> bytes:
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8") + b"\n"


def _text(doc: Mapping[str, Any], key: str) -> str:
    value = doc.get(key)
    if not isinstance(value, str) or not value:
        raise EnrollFileError("bad_format", L_("the enrollment file lacks {key}", key=key))
    return value


def decode(data: bytes) -> EnrollFile:
    """Parse and check the signature against the root inside. Raises EnrollFileError."""
    if len(data) > MAX_BYTES:
        raise EnrollFileError("bad_format", L_("too large for an enrollment file"))
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise EnrollFileError("bad_format", L_("not an EduTeach enrollment file (not UTF-8 JSON)")) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise EnrollFileError("bad_format", L_("not an EduTeach enrollment file"))
    if doc.get("format_version") != FORMAT_VERSION:
        raise EnrollFileError("bad_version",
                              L_("enrollment file version {version!r} is not supported", version=str(doc.get('format_version'))[:20]))
    school = doc.get("school")
    if not isinstance(school, dict):
        raise EnrollFileError("bad_format", L_("the enrollment file lacks the school"))
    hub_url = doc.get("hub_url")
    if hub_url is not None and (not isinstance(hub_url, str) or not hub_url.startswith(("http://", "https://"))):
        raise EnrollFileError("bad_format", L_("hub_url must be an http(s) address"))
    try:
        root = base64.b64decode(_text(doc, "root"), validate=True)
    except binascii.Error:
        raise EnrollFileError("bad_format", L_("the root is not base64")) from None
    signature = doc.get("signature")
    if not isinstance(signature, dict):
        raise EnrollFileError("tampered", L_("the enrollment file is not signed"))
    keys = _role_keys(root, SIGNING_ROLE)
    key = keys.get(str(signature.get("keyid")))
    try:
        if key is None:
            raise InvalidSignature
        key.verify(base64.b64decode(str(signature.get("sig", "")), validate=True), canonical_bytes(doc))
    except (InvalidSignature, binascii.Error, ValueError):
        raise EnrollFileError(
            "tampered", L_("the enrollment file's signature does not match its county root: it was changed")
        ) from None
    for where, field, cap in ((school, "name", MAX_SCHOOL_NAME_CHARS), (school, "code", MAX_CODE_CHARS),
                              (school, "county_code", MAX_CODE_CHARS), (doc, "code", MAX_CODE_CHARS),
                              (doc, "created", MAX_CODE_CHARS), (doc, "expires", MAX_CODE_CHARS)):
        # Signed, but shown in the wizard and the CLI: a stolen or buggy county key must not
        # put a terminal escape or a right-to-left override on a technician's screen.
        problem = text_problem(_text(where, field), cap)
        if problem is not None:
            raise EnrollFileError("bad_format", L_("the enrollment file's {field} {problem}", field=field, problem=problem))
    return EnrollFile(
        school_code=_text(school, "code"),
        school_name=_text(school, "name"),
        county_code=_text(school, "county_code"),
        code=_text(doc, "code"),
        created=_text(doc, "created"),
        expires=_text(doc, "expires"),
        hub_url=hub_url,
        root=root,
        root_fingerprint=root_fingerprint(root),
        editions=doc.get("editions"),
        channel=_channel(doc.get("channel")),
    )


def _channel(value: Any) -> str | None:
    from .app_release import CHANNELS

    if value is None:
        return None
    if value not in CHANNELS:
        raise EnrollFileError("bad_format", L_("the enrollment file names an unknown release channel"))
    return str(value)


# --- the PC's claim, carried in its first record file (and sent online if it gets there first)


def claim(
    *, code: str, device_id: str, public_key: str, secret_hash: str, device_name: str, app_version: str
) -> dict[str, str]:
    """What binds a PC enrolled from a file: the code proves the county gave it the file, the
    public key will check every record file it signs, and the hash of the credential the PC
    made for itself lets it authenticate online later without the secret ever leaving it."""
    return {
        "code": code,
        "device_id": device_id,
        "public_key": public_key,
        "secret_hash": secret_hash,
        "device_name": device_name,
        "app_version": app_version,
    }


_DEVICE_ID_RE = re.compile(r"dev-[A-Za-z0-9_-]{1,32}\Z")
CLAIM_KEYS = ("code", "device_id", "public_key", "secret_hash", "device_name", "app_version")


def parse_claim(raw: Any) -> dict[str, str]:
    if not isinstance(raw, dict) or any(not isinstance(raw.get(k), str) or not raw.get(k) for k in CLAIM_KEYS):
        raise EnrollFileError("bad_claim", L_("the enrollment claim lacks {fields}", fields=", ".join(CLAIM_KEYS)))
    out = {k: str(raw[k]) for k in CLAIM_KEYS}
    try:
        Ed25519PublicKey.from_public_bytes(base64.b64decode(out["public_key"], validate=True))
    except (binascii.Error, ValueError):
        raise EnrollFileError("bad_claim", L_("public_key: base64 of a 32-byte Ed25519 key")) from None
    if len(out["secret_hash"]) != 64 or any(c not in "0123456789abcdef" for c in out["secret_hash"]):
        raise EnrollFileError("bad_claim", L_("secret_hash: 64 lowercase hex digits"))
    if not _DEVICE_ID_RE.match(out["device_id"]):
        raise EnrollFileError("bad_claim", L_("device_id: dev- and at most 32 more letters, digits, - or _"))
    # Shown on the dashboard and printed by the hub's CLI: the rules of the online enrollment.
    for key, cap in (("device_name", MAX_DEVICE_NAME_CHARS), ("app_version", MAX_CODE_CHARS),
                     ("code", MAX_CODE_CHARS)):
        problem = text_problem(out[key], cap)
        if problem is not None:
            raise EnrollFileError("bad_claim", L_("{key} {problem}", key=key, problem=problem))
    return out
