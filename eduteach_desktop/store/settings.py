"""Key/value settings kept in the database (so they are backed up and migrated with it)."""

from __future__ import annotations

import json
from typing import Any

from eduteach_desktop.core.errors import StoreError

from .db import Database
from .secrets import SecretBox, SecretUnreadableError, platform_box

HUB_URL = "hub_url"
REPO_URL = "repo_url"
DEVICE_ID = "device_id"
DEVICE_SECRET = "device_secret"
SCHOOL_CODE = "school_code"
SCHOOL_NAME = "school_name"
COUNTY_CODE = "county_code"
LAST_SYNC = "last_sync"
LAST_SYNC_RESULT = "last_sync_result"
LAST_UPLOAD = "last_upload"
DEMO_IMPORTED = "demo_imported"
TRUST_ORIGIN = "trust_origin"  # "demo" or the hub URL whose root we trust
LANGUAGE = "language"
DEVICE_KEY_DIGEST = "device_key_digest"  # sha256 of this PC's public key (record ids)
HUB_CLOCK_OFFSET = "hub_clock_offset"  # seconds: hub clock minus this PC's clock
BANDWIDTH_CAP = "bandwidth_cap"  # bytes per second for downloads; 0 or absent: no cap
SYNC_WINDOWS = "sync_windows"  # ["18:00-07:00", ...] local time; empty: any time
HUB_BATCH_FORMAT = "hub_batch_format"  # "compact" (our hub) or "plain" (any xAPI LRS)
FIRST_RUN_DONE = "first_run_done"  # the first-run wizard was finished or skipped
ENROLL_CLAIM = "enroll_claim"  # enrolled from a file: the claim the hub has not confirmed yet
UPDATE_CHANNEL = "update_channel"  # "pilot" or "stable" (the county sets it; default stable)
ENROLLED_BY = "enrolled_by"  # "file" when enrolled from a USB enrollment file
SHARE_LESSONS = "share_lessons"  # serve verified lessons to PCs nearby (docs/central-school.md)
USE_LAN_PEERS = "use_lan_peers"  # look for PCs nearby that share lessons before each sync
LAN_BANDWIDTH_CAP = "lan_bandwidth_cap"  # bytes/s for LAN peers (both ways); 0 or absent: no cap


# Values sealed at rest (store/secrets.py): DPAPI on Windows.
SECRET_KEYS = frozenset({DEVICE_SECRET})


class Settings:
    def __init__(self, db: Database, box: SecretBox | None = None):
        self.db = db
        self.box = box or platform_box()

    def get(self, key: str, default: Any = None) -> Any:
        row = self.db.query_one("SELECT value FROM settings WHERE key = ?", (key,))
        if row is None:
            return default
        value = json.loads(row["value"])
        if key in SECRET_KEYS and isinstance(value, str):
            value, stale = self.box.open_text(value)
            if stale:  # stored before sealing existed (or on another scheme): seal it now
                self.set(key, value)
        return value

    def snapshot(self) -> tuple[dict[str, Any], bool]:
        """(every setting with its secrets opened, whether a secret was unreadable). Never
        writes (a stale secret is not re-sealed), so it works on Database.open_readonly; a
        secret this account cannot open reads as None."""
        values = {r["key"]: json.loads(r["value"]) for r in self.db.query("SELECT key, value FROM settings")}
        unreadable = False
        for key in SECRET_KEYS & values.keys():
            if isinstance(values[key], str):
                try:
                    values[key] = self.box.open_text(values[key])[0]
                except (StoreError, ValueError):
                    values[key] = None
                    unreadable = True
        return values, unreadable

    def set(self, key: str, value: Any) -> None:
        with self.db.transaction() as conn:
            self.set_in(conn, key, value)

    def set_in(self, conn: Any, key: str, value: Any) -> None:
        if key in SECRET_KEYS and isinstance(value, str):
            value = self.box.seal_text(value)
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value, ensure_ascii=False)),
        )

    def update(self, values: dict[str, Any]) -> None:
        with self.db.transaction() as conn:
            for key, value in values.items():
                self.set_in(conn, key, value)

    def enrolled(self) -> bool:
        """A credential sealed under another Windows account counts as not enrolled: the
        teacher enrolls again instead of meeting an error at every upload."""
        try:
            secret = self.get(DEVICE_SECRET)
        except SecretUnreadableError:
            return False
        return bool(self.get(DEVICE_ID) and secret and self.get(HUB_URL))

    def has_identity(self) -> bool:
        """A school identity and a credential, with or without a hub to reach (USB only)."""
        try:
            secret = self.get(DEVICE_SECRET)
        except SecretUnreadableError:
            return False
        return bool(self.get(DEVICE_ID) and secret and self.get(SCHOOL_CODE))
