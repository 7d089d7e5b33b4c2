"""Enrollment files for never-online schools, and binding the PC that used one.

The file (eduteach_protocol.enroll_file) holds a normal one-time enrollment code, so it
expires, can be revoked and is listed like any code (`eduteach-hub code list`). The PC that
takes the file makes its own device id, key and credential; its first record file (or its
first online contact, whichever reaches the hub first) carries the code, its public key and
the SHA-256 of its credential. `bind()` turns that claim into a device row, exactly as
online enrollment would: one device per code, and a second claim of the same code by the
same PC (the USB file and then the network) is the same device, never a second one.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from sqlalchemy import Connection, insert, update

from eduteach_hub.config import HubHome
from eduteach_hub.db import Database, editions, enroll_codes, schools
from eduteach_hub.db import devices as devices_db
from eduteach_hub.db.facts import effective_day
from eduteach_hub.db.schema import devices, usb_imports
from eduteach_hub.db.schema import enroll_codes as enroll_codes_table
from eduteach_hub.db.times import iso_ms, parse_iso
from eduteach_protocol import enroll_file
from eduteach_protocol import record_file as records_file
from eduteach_protocol.cli_i18n import L_
from eduteach_protocol.enroll_file import EnrollFileError
from eduteach_protocol.record_file import RecordsFileError

log = logging.getLogger("eduteach_hub.enroll_file")

# A stick goes to the school, the PC takes the file, and its first record file comes back
# weeks later: the PC checks the expiry when it takes the file; the hub accepts the claim
# for this long after the expiry (then the county makes a new file).
RETURN_GRACE_DAYS = 180

CLAIM_MESSAGES = {
    "invalid_code": L_("the enrollment file was not made by this hub (another county?); make a new file here"),
    "code_used": L_("this enrollment file was already used by another PC; make a new file for this PC"),
    "code_expired": L_("this enrollment file expired before the PC's records reached the county; make a new file"),
    "code_revoked": L_("this enrollment file was withdrawn at the county; make a new file"),
    "wrong_school": L_("the PC's records name another school than its enrollment file"),
    "revoked_device": L_("this PC was cut off at the county (revoked); enroll it again with a new file"),
}


@dataclass(frozen=True)
class WrittenFile:
    data: bytes
    code: str
    expires: str
    school: schools.School


def _signing_key(home: HubHome) -> tuple[Ed25519PrivateKey, str]:
    """The targets key and its TUF key id (from root.json): the key the root names for
    signing catalogs also vouches for enrollment files; the root key may stay offline."""
    root = json.loads((home.repo_dir / "metadata" / "root.json").read_bytes())
    keyid = root["signed"]["roles"][enroll_file.SIGNING_ROLE]["keyids"][0]
    key = load_pem_private_key((home.keys_dir / f"{enroll_file.SIGNING_ROLE}.pem").read_bytes(), password=None)
    assert isinstance(key, Ed25519PrivateKey)
    return key, keyid


def write(db: Database, home: HubHome, school_code: str, ttl_days: int, now: datetime) -> WrittenFile:
    """A new signed enrollment file for the school (a new one-time code inside)."""
    root = (home.repo_dir / "metadata" / "root.json").read_bytes()
    key, keyid = _signing_key(home)
    expires = iso_ms(now + timedelta(days=ttl_days))
    with db.write() as conn:
        school = schools.get(conn, school_code)
        if school is None:
            raise LookupError(school_code)
        code = enroll_codes.create(conn, school.code, iso_ms(now), expires)
        rules = [r.to_wire() for r in editions.rules_for(conn, school.code)]
    doc = enroll_file.build(
        key,
        keyid,
        school_code=school.code,
        school_name=school.name,
        county_code=school.county_code,
        code=code,
        created=iso_ms(now),
        expires=expires,
        hub_url=home.config.public_url,
        root=root,
        editions=rules,  # as online enrollment sends them: the books the PC downloads
        channel=school.channel,  # which app releases the PC takes (eduteach_protocol.app_release)
    )
    return WrittenFile(enroll_file.encode(doc), code, expires, school)


class ClaimError(Exception):
    def __init__(self, code: str, message: str | None = None):
        super().__init__(message or CLAIM_MESSAGES.get(code, code))
        self.code = code


def bind(conn: Connection, claim: Mapping[str, str], now: datetime) -> devices_db.Device:
    """The device this claim binds (made now, or already made by an earlier claim of the
    same PC). Raises ClaimError. Run inside the caller's write transaction."""
    existing = devices_db.get(conn, claim["device_id"])
    found = enroll_codes.find(conn, claim["code"])
    if found is None:
        raise ClaimError("invalid_code")
    if existing is not None:
        # The same PC's second contact (USB after online, or a file imported twice).
        if (
            found.device_id == existing.id
            and existing.public_key == claim["public_key"]
            and existing.school_code == found.school_code
        ):
            if existing.revoked_at is not None:
                raise ClaimError("revoked_device")
            return existing
        raise ClaimError("code_used")
    now_iso = iso_ms(now)
    if found.revoked_at is not None:
        raise ClaimError("code_revoked")
    if found.used_at is not None:
        raise ClaimError("code_used")
    if parse_iso(found.expires_at) + timedelta(days=RETURN_GRACE_DAYS) <= now:
        raise ClaimError("code_expired")
    conn.execute(
        insert(devices).values(
            id=claim["device_id"],
            school_code=found.school_code,
            secret_hash=claim["secret_hash"],
            public_key=claim["public_key"],
            name=claim["device_name"][:100],
            app_version=claim["app_version"][:50],
            enrolled_at=now_iso,
        )
    )
    # claim() refuses expired codes; a file's code may be claimed in its grace period, so
    # the expiry it checks is moved to now (the used code keeps its history).
    if not _claim_code(conn, found.id, claim["device_id"], now_iso):
        raise ClaimError("code_used")
    log.info("bound %s (%s) for school %s from an enrollment file", claim["device_id"], claim["device_name"],
             found.school_code)
    device = devices_db.get(conn, claim["device_id"])
    assert device is not None
    return device


def _claim_code(conn: Connection, code_id: int, device_id: str, now: str) -> bool:
    table = enroll_codes_table
    result = conn.execute(
        update(table)
        .where(table.c.id == code_id, table.c.used_at.is_(None), table.c.revoked_at.is_(None))
        .values(used_at=now, device_id=device_id)
    )
    return result.rowcount == 1


def device_for_record_file(db: Database, doc: Mapping[str, Any], clock: Callable[[], datetime]) -> None:
    """If the file carries an enrollment claim and its device is not bound yet, bind it.

    The file must be signed by the key in the claim, and name the claim's device: only then
    is the claim this PC's own. Afterwards the import checks the file like any other."""
    raw = doc.get("enrollment")
    if raw is None:
        return
    try:
        claim = enroll_file.parse_claim(raw)
    except EnrollFileError as exc:
        raise RecordsFileError("bad_claim", exc.args[0]) from None
    if claim["device_id"] != doc.get("device_id"):
        raise RecordsFileError("bad_claim", L_("the enrollment claim names another device than the file"))
    records_file.verify(doc, claim["public_key"])
    try:
        with db.write() as conn:
            device = bind(conn, claim, clock())
    except ClaimError as exc:
        raise RecordsFileError(exc.code, exc.args[0]) from None
    if device.school_code != doc.get("school_code"):
        raise RecordsFileError("wrong_school", CLAIM_MESSAGES["wrong_school"])


def note_import(
    db: Database, data: bytes, doc: Mapping[str, Any], device_id: str, school_code: str, new: int, now: datetime
) -> None:
    """Remember that a USB record file arrived (the dashboard's never-online view)."""
    stored = iso_ms(now)
    days = sorted({
        effective_day(str(s.get("timestamp") or stored), stored)
        for s in doc.get("statements", [])
        if isinstance(s, dict)
    })
    with db.write() as conn:
        conn.execute(
            insert(usb_imports).values(
                device_id=device_id,
                school_code=school_code,
                imported_at=stored,
                file_sha256=hashlib.sha256(data).hexdigest(),
                statements=len(doc.get("statements", [])),
                new=new,
                first_day=days[0] if days else None,
                last_day=days[-1] if days else None,
                days=len(days),
            )
        )

