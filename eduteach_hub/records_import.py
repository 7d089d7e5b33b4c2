"""Import a signed record file (records_file) into the hub, idempotently.

Refused: an unknown or revoked device, a bad signature, a file or statement of another
school than the device's, invalid statements, and statements whose id is stored with other
content. All or nothing: one transaction. Statements already stored (an earlier import, or
an online upload of the same records) are counted as repeats and change nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from eduteach_hub import enroll_file
from eduteach_hub.api import lrs
from eduteach_hub.api.errors import ApiError
from eduteach_hub.db import Database
from eduteach_hub.db import devices as devices_db
from eduteach_protocol import record_file as records_file
from eduteach_protocol import safefs
from eduteach_protocol.cli_i18n import L_
from eduteach_protocol.record_file import RecordsFileError

MAX_FILE_BYTES = 64 * 1024 * 1024  # compressed
MAX_STATEMENTS = 1_000_000


@dataclass(frozen=True)
class ImportReport:
    device_id: str
    school_code: str
    statements: int
    new: int
    repeated: int


def read_record_file(path: Path) -> bytes:
    """The bytes of a record file named on the command line or found on a stick: a regular
    file of at most MAX_FILE_BYTES, never through a link (a link, FIFO or device on a stick
    must neither hang the import nor read something else). Raises RecordsFileError."""
    path = Path(path)
    try:
        return safefs.read_regular(path.parent, path.name, MAX_FILE_BYTES, label=str(path))
    except safefs.UnsafeFileError as exc:
        raise RecordsFileError(exc.code, exc.reason) from None  # the reason alone: the CLI names the file


def import_file(db: Database, path: Path, clock: Callable[[], datetime]) -> ImportReport:
    """import_bytes of the file at path, read safely (read_record_file)."""
    return import_bytes(db, read_record_file(path), clock)


def import_bytes(db: Database, data: bytes, clock: Callable[[], datetime]) -> ImportReport:
    """Raises RecordsFileError with a stable code and a message for people."""
    if len(data) > MAX_FILE_BYTES:
        raise RecordsFileError("too_large", L_("record files are at most {max_file_bytes} bytes", max_file_bytes=MAX_FILE_BYTES))
    doc = records_file.decode(data)
    # A never-online PC's first file binds it (eduteach_hub/enroll_file.py).
    enroll_file.device_for_record_file(db, doc, clock)
    with db.read() as conn:
        device = devices_db.get(conn, doc["device_id"])
    if device is None:
        raise RecordsFileError(
            "unknown_device",
            L_("the PC {doc_device_id} is not enrolled at this hub and its file carries no enrollment claim; enroll the PC (code or enrollment file) and export its records again", doc_device_id=doc['device_id']),
        )
    if device.revoked_at is not None:
        raise RecordsFileError("revoked_device", L_("device {id} was revoked; its files are refused", id=device.id))
    records_file.verify(doc, device.public_key)
    if doc["school_code"] != device.school_code:
        raise RecordsFileError(
            "wrong_school", L_("the file is for school {doc_school_code}, the device belongs to {device_school}", doc_school_code=doc['school_code'], device_school=device.school_code)
        )
    items = doc["statements"]
    if len(items) > MAX_STATEMENTS:
        raise RecordsFileError("too_large", L_("at most {max_statements} statements in one file", max_statements=MAX_STATEMENTS))
    now = clock()
    try:
        prepared: list[lrs.Prepared] = []
        for start in range(0, len(items), lrs.MAX_BATCH):
            _, chunk = lrs.prepare_batch(items[start : start + lrs.MAX_BATCH], device, now)
            for p in chunk:
                prepared.append(p)
        seen: set[str] = set()
        for p in prepared:
            if p.id in seen:
                raise RecordsFileError("duplicate_id", L_("statement id {id} appears twice in the file", id=p.id))
            seen.add(p.id)
        result = lrs.store_batch(db, device, prepared, now, touch=False)
    except ApiError as exc:
        raise RecordsFileError(exc.code, exc.message) from None
    enroll_file.note_import(db, data, doc, device.id, device.school_code, result.new, now)
    return ImportReport(device.id, device.school_code, len(prepared), result.new, result.repeated)
