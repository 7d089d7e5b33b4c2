"""Join a county from an enrollment file on a USB stick: no network, no round trip.

`read()` checks the file and says what it would do (the county and school to show the
technician); `apply()` takes the root, the identity and the one-time code. The PC makes its
own device id and credential here; the hub learns them from the claim its first record file
carries (records/first_contact.py), or from its first online contact, whichever comes first,
and binds them to the same device either way.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eduteach_desktop import __version__
from eduteach_desktop.core.clock import iso_utc
from eduteach_desktop.core.errors import EnrollmentError
from eduteach_desktop.store import settings as keys
from eduteach_protocol import enroll_file
from eduteach_protocol.cli_i18n import L_
from eduteach_protocol.enroll_file import EnrollFile, EnrollFileError

if TYPE_CHECKING:
    from eduteach_desktop.services import Services

FILE_ORIGIN_PREFIX = "file:"
LAST_PROBLEM = "last_enroll_file_problem"  # the technical detail of the last refusal (doctor)


class EnrollFileProblem(EnrollmentError):
    """An enrollment file this PC must not use. `reason` is stable; the UI words it."""

    code = "enroll_file"

    def __init__(self, reason: str, message: str):
        super().__init__(message, reason=reason)
        self.reason = reason


@dataclass(frozen=True)
class Preview:
    """What the technician confirms before the PC takes the file."""

    file: EnrollFile
    path: Path
    replaces_demo: bool

    @property
    def school_code(self) -> str:
        return self.file.school_code

    @property
    def school_name(self) -> str:
        return self.file.school_name

    @property
    def county_code(self) -> str:
        return self.file.county_code

    @property
    def fingerprint(self) -> str:
        return self.file.root_fingerprint


@dataclass(frozen=True)
class FileEnrollment:
    device_id: str
    school_code: str
    school_name: str
    county_code: str
    records_adopted: int


def find_enroll_file(folder: Path) -> Path | None:
    """The enrollment file on a stick: the folder itself if it is a file, else the newest
    `*.etenroll` in it or one level below."""
    if folder.is_file():
        return folder
    found = sorted(
        [*folder.glob("*" + enroll_file.SUFFIX), *folder.glob("*/*" + enroll_file.SUFFIX)],
        key=lambda p: p.stat().st_mtime if p.exists() else 0,
    )
    return found[-1] if found else None


def _root_keyids(root: bytes) -> set[str]:
    try:
        return set(json.loads(root.decode("utf-8"))["signed"]["roles"]["root"]["keyids"])
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        return set()


def read(services: Services, path: Path) -> Preview:
    """Check the file for this PC. Raises EnrollFileProblem with a stable reason."""
    from eduteach_protocol import safefs

    # A file on someone's stick: a plain file only (a FIFO named *.etenroll must not hang
    # the wizard, a sparse 10 GB one must not be read), never through a link.
    try:
        data = safefs.read_regular(path.parent, path.name, enroll_file.MAX_BYTES, label=str(path))
    except safefs.UnsafeFileError as exc:
        reason = "not_enroll_file" if exc.code == safefs.TOO_LARGE else "unreadable"
        raise EnrollFileProblem(reason, str(exc)) from None
    except OSError as exc:
        raise EnrollFileProblem("unreadable", L_("cannot read {path}: {problem}", path=path, problem=exc.strerror or exc)) from None
    try:
        parsed = enroll_file.decode(data)
    except EnrollFileError as exc:
        reason = "tampered" if exc.code in ("tampered", "bad_root") else "not_enroll_file"
        raise EnrollFileProblem(reason, L_("{path}: {exc}", path=path, exc=exc)) from None
    settings = services.settings
    if parsed.expired(iso_utc(services.clock.now())):
        raise EnrollFileProblem(
            "expired", L_("{path}: the enrollment file expired at {expires} (this PC's clock says {now}); ask the county for a new one, or correct the PC's clock", path=path, expires=parsed.expires, now=iso_utc(services.clock.now()))
        )
    origin = str(settings.get(keys.TRUST_ORIGIN) or "")
    # A county root came from enrolling (a hub URL, or "file:COUNTY"); the demo root or one
    # installed by hand for a stick is replaced without a word.
    trusted_county = origin not in ("", "demo") and services.trust.has_root()
    if trusted_county:
        current = (services.trust.folder / "root.json").read_bytes()
        if current != parsed.root and not (_root_keyids(current) & _root_keyids(parsed.root)):
            raise EnrollFileProblem(
                "other_county",
                L_("{path}: the file is for county {county_code} (root {root}), but this PC trusts another county's root; it was not used", path=path, county_code=parsed.county_code, root=parsed.root_fingerprint),
            )
    school = settings.get(keys.SCHOOL_CODE)
    if school and school != parsed.school_code:
        raise EnrollFileProblem(
            "other_school",
            L_("{path}: the file is for school {school_code} {school_name}, but this PC belongs to school {school} {our_name}; it was not used", path=path, school_code=parsed.school_code, school_name=parsed.school_name, school=school, our_name=settings.get(keys.SCHOOL_NAME) or ''),
        )
    if school:
        claim = settings.get(keys.ENROLL_CLAIM) or {}
        used_here = isinstance(claim, dict) and claim.get("code") == parsed.code
        raise EnrollFileProblem(
            "used" if used_here else "already_enrolled",
            f"{path}: this PC already belongs to school {school}"
            + ("; it was enrolled from this very file" if used_here else ""),
        )
    return Preview(parsed, path, replaces_demo=not trusted_county)


def apply(services: Services, preview: Preview, device_name: str) -> FileEnrollment:
    """Take the root, the identity and the code (after the technician confirmed)."""
    f = preview.file
    settings = services.settings
    if preview.replaces_demo or not services.trust.has_root():
        # A new root means a new repository: old catalog versions are not comparable.
        services.trust.install_root(f.root)
        services.library.reset()
    device_id = "dev-" + secrets.token_hex(16)
    secret = secrets.token_urlsafe(32)
    claim = enroll_file.claim(
        code=f.code,
        device_id=device_id,
        public_key=_public_key(services),
        secret_hash=hashlib.sha256(secret.encode("utf-8")).hexdigest(),
        device_name=device_name,
        app_version=__version__,
    )
    values: dict[str, Any] = {
        keys.DEVICE_ID: device_id,
        keys.DEVICE_SECRET: secret,
        keys.SCHOOL_CODE: f.school_code,
        keys.SCHOOL_NAME: f.school_name,
        keys.COUNTY_CODE: f.county_code,
        keys.TRUST_ORIGIN: FILE_ORIGIN_PREFIX + f.county_code,
        keys.ENROLL_CLAIM: claim,
        keys.ENROLLED_BY: "file",
    }
    if f.hub_url:
        values[keys.HUB_URL] = f.hub_url
        values[keys.REPO_URL] = f.hub_url.rstrip("/") + "/repo/"
    settings.update(values)
    if f.editions is not None:
        from eduteach_desktop.sync.hubclient import editions_from

        rules = editions_from({"editions": f.editions})  # malformed: ignored, as online
        if rules is not None:
            services.library.set_county_editions(rules)
    services.set_update_channel(f.channel)
    adopted = services.outbox.adopt_identity(device_id, f.school_code, f.county_code)
    return FileEnrollment(device_id, f.school_code, f.school_name, f.county_code, adopted)


def _public_key(services: Services) -> str:
    from eduteach_desktop.store.devicekey import public_key_b64

    return public_key_b64(services.device_key)


def note_problem(services: Services, exc: EnrollFileProblem) -> None:
    """Keep the technical detail for `eduteach doctor` (call from the writing thread)."""
    services.settings.set(LAST_PROBLEM, f"{iso_utc(services.clock.now())} {exc.reason}: {exc}")


def doctor_lines(settings: dict[str, Any]) -> tuple[str, list[str]]:
    """What `eduteach doctor` says about a PC enrolled from a file."""
    claim = settings.get(keys.ENROLL_CLAIM)
    title = (L_("enrolled from a USB enrollment file: {school} ({code}), county {county}", school=settings.get(keys.SCHOOL_NAME) or '?', code=settings.get(keys.SCHOOL_CODE) or '?', county=settings.get(keys.COUNTY_CODE) or '?'))
    details = [L_("device {device}; no hub address (records travel by USB stick)", device=settings.get(keys.DEVICE_ID))]
    if claim:
        details.append(L_("the county binds this PC when it imports its first record file (each exported file carries the enrollment claim until the hub confirms it online)"))
    problem = settings.get(LAST_PROBLEM)
    if problem:
        details.append(L_("last enrollment file refused: {problem}", problem=problem))
    return title, details
