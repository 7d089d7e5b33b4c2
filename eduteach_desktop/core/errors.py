"""Typed errors with stable codes. The UI turns codes into translated sentences."""

from __future__ import annotations


class EduTeachError(Exception):
    code = "error"

    def __init__(self, message: str = "", **details: object):
        super().__init__(message or self.code)
        self.details = details


class StoreError(EduTeachError):
    code = "store"


class DiskFullError(StoreError):
    code = "disk_full"


class ReadOnlyError(StoreError):
    code = "read_only"


class DatabaseLockedError(StoreError):
    code = "db_locked"


class DatabaseCorruptError(StoreError):
    code = "db_corrupt"


class DatabaseUnopenableError(StoreError):
    """SQLite could not open the file at all (missing folder, no permission, a path it refuses)."""

    code = "db_cantopen"


class StorageIOError(StoreError):
    """The disk failed a read or write (a failing drive, a USB stick pulled out)."""

    code = "disk_io"


class AlreadyRunningError(StoreError):
    code = "already_running"


class NetworkFolderError(StoreError):
    """The data folder is on a network drive: SQLite's WAL mode is unsafe there."""

    code = "network_folder"


class PathTooLongError(StoreError):
    """The data folder's path leaves no room for the files inside it (Windows' 260 limit)."""

    code = "path_too_long"


class SchemaTooNewError(StoreError):
    """The database was migrated by a newer EduTeach that says this one cannot use it."""

    code = "schema_too_new"


class NotEnrolledError(EduTeachError):
    code = "not_enrolled"


class EnrollmentError(EduTeachError):
    code = "enrollment"


class SyncError(EduTeachError):
    code = "sync"


class VerificationError(SyncError):
    """Bytes or metadata did not match what the signed metadata says. Never used."""

    code = "verification"


class SourceUnavailableError(SyncError):
    """A source did not deliver this time (no network, 5xx, 408, 429, a cut): worth a retry."""

    code = "source_unavailable"


class PermanentSourceError(SourceUnavailableError):
    """A source answered in a way that asking again cannot change (a wrong Content-Range,
    a compressed body, an odd redirect, more bytes than declared, a 4xx): never retried."""

    code = "source_refused"


class UploadError(EduTeachError):
    code = "upload"


class HubUnreachableError(UploadError):
    """The county hub could not be reached (no network, refused, cut, silent): try again later.

    Its message names the hub and a plain reason, never the HTTP library's text."""

    code = "hub_unreachable"


class HubRefusedError(UploadError):
    """The hub answered but refused this PC's credential (401/403): asking again cannot help."""

    code = "hub_refused"


class LessonUnavailableError(EduTeachError):
    """A lesson file is missing or failed verification; offer to fetch it again."""

    code = "lesson_unavailable"
